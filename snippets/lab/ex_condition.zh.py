# 练习：条件数与 SGD 在转过的碗上的速度
import math

import torch

ANGLE, CURV = 45, (0.2, 4.0)  # 敏感性一节的碗
c, s = math.cos(math.radians(ANGLE)), math.sin(math.radians(ANGLE))
R = torch.tensor([[c, -s], [s, c]], dtype=torch.float64)
A = R @ torch.diag(torch.tensor(CURV, dtype=torch.float64)) @ R.T
C = torch.tensor([1.0, 1.0], dtype=torch.float64)
START, SHRINK = (-8.0, -5.0), 1000  # 把误差缩小到 1/1000

kappa = CURV[1] / CURV[0]  # 条件数 λ_max / λ_min
lr_best = 2 / (CURV[0] + CURV[1])
rate = (kappa - 1) / (kappa + 1)  # 两个曲率的 |1 − lr·λ| 都等于它
steps = math.ceil(math.log(SHRINK) / -math.log(rate))

p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.SGD([p], lr=lr_best)
error0 = (p - C).norm().item()
for _ in range(steps):
    optimizer.zero_grad()
    (0.5 * (p - C) @ A @ (p - C)).backward()
    optimizer.step()
ratio = (p - C).norm().item() / error0
print(f"κ = {kappa:g}，lr = {lr_best:.4f}，"
      f"每步倍数 (κ − 1)/(κ + 1) = {rate:.4f}")
print(f"{steps} 步把误差缩小到 1/{SHRINK} 以下："
      f"误差 × {ratio:.3e}，倍数^{steps} = {rate**steps:.3e}")

# Momentum 用这个碗的最佳设置（见赛跑一节中碗的理论）
root = math.sqrt(kappa)
beta_best = ((root - 1) / (root + 1)) ** 2
lr_mom = 4 / (math.sqrt(CURV[0]) + math.sqrt(CURV[1])) ** 2
rate_mom = math.sqrt(beta_best)  # = (√κ − 1)/(√κ + 1)
p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.SGD([p], lr=lr_mom, momentum=beta_best)
errors = [error0]
while errors[-1] > error0 / SHRINK:
    optimizer.zero_grad()
    (0.5 * (p - C) @ A @ (p - C)).backward()
    optimizer.step()
    errors.append((p - C).norm().item())
mom_steps = len(errors) - 1
rate_steps = math.ceil(math.log(SHRINK) / -math.log(rate_mom))
# 误差除以 error0 · rate_mom^t：β* 处特征值是二重根，这个比值随 t 线性增长
T = (0, 5, 10, 15, 20)
factor = [errors[t] / (error0 * rate_mom**t) for t in T]
print(f"Momentum，β* = {beta_best:.4f}，lr* = {lr_mom:.4f}：{mom_steps} "
      f"步，每步倍数 √β* = {rate_mom:.4f}")
print(f"只按倍数算（{rate_mom:.4f}^n ≤ 1/{SHRINK}）：{rate_steps} 步")
print(f"误差 / (error0 · √β*^t)，t = {', '.join(map(str, T))}："
      + "，".join(f"{f:.2f}" for f in factor))
