# AdaGrad 与稀疏特征：罕见特征的 s 累积得慢，步子一直较大
import torch

torch.manual_seed(0)
n, batch, lr = 1000, 10, 0.5  # 样本数、小批量大小、η
share = [0.9, 0.02]  # 每个特征取 1 的概率：常见、罕见
X = torch.bernoulli(torch.tensor([share], dtype=torch.float64).expand(n, 2))
y = X @ torch.tensor([3.0, 3.0], dtype=torch.float64)  # 真实权重为 3、3

w = torch.zeros(2, dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.Adagrad([w], lr=lr)
with_rare, step_sum = 0, torch.zeros(2, dtype=torch.float64)
for i in range(0, n, batch):
    xb, yb = X[i:i + batch], y[i:i + batch]
    optimizer.zero_grad()
    ((xb @ w - yb) ** 2).mean().backward()
    before = w.detach().clone()
    optimizer.step()
    if xb[:, 1].any():  # 罕见特征出现过的小批量
        with_rare += 1
        step_sum += (w.detach() - before).abs()

batches = n // batch
s = optimizer.state[w]["sum"].tolist()  # AdaGrad 的 s，每个权重一个
lr_eff = [lr / v ** 0.5 for v in s]  # 每个权重的 η/√s
mean_step = (step_sum / with_rare).tolist()
lr_ratio = lr_eff[1] / lr_eff[0]  # 罕见特征与常见特征之比
print(f"罕见特征出现在 {with_rare} 个小批量里（共 {batches} 个）")
print(f"{batches} 步后的 s：常见 {s[0]:.1f}，罕见 {s[1]:.2f}")
print(f"η/√s：常见 {lr_eff[0]:.3f}，罕见 {lr_eff[1]:.3f}")
print(f"在罕见特征出现的 {with_rare} 个小批量里，平均步长："
      f"常见 {mean_step[0]:.3f}，罕见 {mean_step[1]:.3f}")
