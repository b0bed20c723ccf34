# 练习：手算两步梯度下降，再用 autograd 和 torch.optim.SGD 验算
import torch

target = 3.0  # f(w) = (w - target)²，最小值在 w = target
w_start = 1.0  # 起点 w₀
lr = 0.1  # 学习率 η
steps = 2


def f(w):
    return (w - target) ** 2


# 手算：f'(w) = 2(w - target)，w ← w - η·f'(w)
w0 = w_start
loss0 = f(w0)
grad0 = 2 * (w0 - target)
w1 = w0 - lr * grad0
loss1 = f(w1)
grad1 = 2 * (w1 - target)
w2 = w1 - lr * grad1
loss2 = f(w2)
factor = 1 - 2 * lr  # 每一步 w - target 都乘以 1 - 2η
gaps = [w0 - target, w1 - target, w2 - target]  # w − target（带符号）
print(f"f(w) = (w - {target:g})²，η = {lr:g}，w₀ = {w0:g}")
print(f"第 1 步：f(w₀) = {loss0:g}，f'(w₀) = {grad0:g}，w₁ = {w1:g}")
print(f"第 2 步：f(w₁) = {loss1:g}，f'(w₁) = {grad1:g}，w₂ = {w2:g}")
print(f"f(w₂) = {loss2:g}；每一步 w - {target:g} "
      f"都乘以 1 - 2η = {factor:g}")

# PyTorch：autograd 求梯度，torch.optim.SGD 更新参数
w = torch.tensor(w_start, dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.SGD([w], lr=lr)
torch_grads, torch_ws = [], []
for _ in range(steps):
    optimizer.zero_grad()
    f(w).backward()
    torch_grads.append(w.grad.item())
    optimizer.step()
    torch_ws.append(w.item())
print(f"PyTorch：梯度 {torch_grads[0]:g}、{torch_grads[1]:g}，"
      f"参数 {torch_ws[0]:g}、{torch_ws[1]:g}")
agree = torch.allclose(torch.tensor(torch_ws), torch.tensor([w1, w2]))
print(f"与手算一致：{agree}")
