# 练习：在 f(w) = w² 上手算两步 Adam，再用 torch.optim.Adam 核对
import torch

w0, lr, beta1, beta2 = 1.0, 0.1, 0.9, 0.999  # PyTorch 默认的 betas

# 手算（忽略 ε）：f(w) = w² 的梯度是 2w
g1 = 2 * w0
m1, v1 = (1 - beta1) * g1, (1 - beta2) * g1**2
m1_hat, v1_hat = m1 / (1 - beta1), v1 / (1 - beta2)
w1 = w0 - lr * m1_hat / v1_hat**0.5
g2 = 2 * w1
m2 = beta1 * m1 + (1 - beta1) * g2
v2 = beta2 * v1 + (1 - beta2) * g2**2
bc1, bc2 = 1 - beta1**2, 1 - beta2**2  # 第 2 步的 1 - β^t
m2_hat, v2_hat = m2 / bc1, v2 / bc2
step2 = lr * m2_hat / v2_hat**0.5
w2 = w1 - step2

# PyTorch
w = torch.tensor([w0], dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.Adam([w], lr=lr, betas=(beta1, beta2))
w_torch = []
for _ in range(2):
    optimizer.zero_grad()
    (w**2).sum().backward()
    optimizer.step()
    w_torch.append(w.item())

print(f"第 1 步：g1 = {g1:g}，m1 = {m1:g}，v1 = {v1:g}，"
      f"m̂1 = {m1_hat:g}，v̂1 = {v1_hat:g}，w1 = {w1:g}")
print(f"第 2 步：g2 = {g2:g}，m2 = {m2:g}，v2 = {v2:g}")
print(f"        m̂2 = {m2_hat:.6f}，v̂2 = {v2_hat:.6f}，"
      f"步长 {step2:.6f}，w2 = {w2:.6f}")
print(f"torch.optim.Adam：w1 = {w_torch[0]:.6f}，w2 = {w_torch[1]:.6f}")
