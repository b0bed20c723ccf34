# Exercise: condition number and SGD's speed on the turned bowl
import math

import torch

ANGLE, CURV = 45, (0.2, 4.0)  # the bowl of the sensitivity section
c, s = math.cos(math.radians(ANGLE)), math.sin(math.radians(ANGLE))
R = torch.tensor([[c, -s], [s, c]], dtype=torch.float64)
A = R @ torch.diag(torch.tensor(CURV, dtype=torch.float64)) @ R.T
C = torch.tensor([1.0, 1.0], dtype=torch.float64)
START, SHRINK = (-8.0, -5.0), 1000  # shrink the error 1000-fold

kappa = CURV[1] / CURV[0]  # condition number λ_max / λ_min
lr_best = 2 / (CURV[0] + CURV[1])
rate = (kappa - 1) / (kappa + 1)  # = |1 − lr·λ| for both curvatures
steps = math.ceil(math.log(SHRINK) / -math.log(rate))

p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.SGD([p], lr=lr_best)
error0 = (p - C).norm().item()
for _ in range(steps):
    optimizer.zero_grad()
    (0.5 * (p - C) @ A @ (p - C)).backward()
    optimizer.step()
ratio = (p - C).norm().item() / error0
print(f"κ = {kappa:g}, lr = {lr_best:.4f}, "
      f"rate (κ − 1)/(κ + 1) = {rate:.4f}")
print(f"{steps} steps to shrink the error to 1/{SHRINK}: "
      f"error × {ratio:.3e}, rate^{steps} = {rate**steps:.3e}")

# Momentum with the bowl's best settings (from the race section's bowl theory)
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
# error / (error0 · rate_mom^t) grows linearly in t: at β* the root is double
T = (0, 5, 10, 15, 20)
factor = [errors[t] / (error0 * rate_mom**t) for t in T]
print(f"Momentum, β* = {beta_best:.4f} and lr* = {lr_mom:.4f}: {mom_steps} "
      f"steps, rate √β* = {rate_mom:.4f}")
print(f"by the rate alone ({rate_mom:.4f}^n ≤ 1/{SHRINK}): {rate_steps} steps")
print(f"error / (error0 · √β*^t) at t = {', '.join(map(str, T))}: "
      + ", ".join(f"{f:.2f}" for f in factor))
