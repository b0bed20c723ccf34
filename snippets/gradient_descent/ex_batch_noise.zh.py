# 练习：批量大小从 1 到 N，小批量梯度的噪声有多大？
import torch

# 与正文相同的数据：y = 2x + 1 再加一点噪声
torch.manual_seed(0)
n_samples = 100
slope, intercept, noise = 2.0, 1.0, 0.5
x = torch.randn(n_samples, 1)
y = slope * x + intercept + noise * torch.randn(n_samples, 1)

# 在 w = 0、b = 0 处看损失 (w·x + b - y)² 对 w 的梯度
w = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
per_sample = (2 * (w * x + b - y) * x).detach().flatten()  # 每个样本的梯度
loss = ((w * x + b - y) ** 2).mean()  # 全部样本上的均方误差
loss.backward()
full_grad = w.grad.item()  # BGD 的梯度
sigma = per_sample.std(correction=0).item()  # 单个样本梯度的标准差
print(f"全量梯度 ∂L/∂w = {full_grad:.4f}（autograd），"
      f"{per_sample.mean():.4f}（逐样本梯度的平均）")
print(f"单个样本的梯度从 {per_sample.min():.2f} 到 {per_sample.max():.2f}，"
      f"标准差 σ = {sigma:.4f}")

# 每种批量大小随机抽 trials 个 batch（不放回），看 batch 梯度的分布
trials = 2000
batch_sizes = [1, 4, 16, 64, 100]
means, stds, predicted = [], [], []
generator = torch.Generator().manual_seed(1)
print("    B   平均值   标准差  σ·√((N-B)/(B(N-1)))")
for batch_size in batch_sizes:
    order = torch.rand(trials, n_samples, generator=generator).argsort(dim=1)
    batch_grads = per_sample[order[:, :batch_size]].mean(dim=1)
    means.append(batch_grads.mean().item())
    stds.append(batch_grads.std().item())
    n = n_samples  # 不放回抽样时，平均值的标准差的公式
    predicted.append(sigma * ((n - batch_size) / (batch_size * (n - 1))) ** 0.5)
    print(f"  {batch_size:3d}  {means[-1]:7.4f}  {stds[-1]:7.4f}"
          f"  {predicted[-1]:7.4f}")
