# Exercise: on f(w) = (L/2)·w², a learning rate above 2/L diverges
import torch

curvature = 10.0  # L = f''(w), the curvature of the function
lr_limit = 2 / curvature  # the limit for convergence, 2/L
w_start, steps = 1.0, 20
lrs = [0.05, 0.1, 0.19, 0.2, 0.21]


def f(w):
    return curvature / 2 * w**2  # f'(w) = L·w


factors, finals = [], []
print(f"L = {curvature:g}, 2/L = {lr_limit:g}, "
      f"start at w = {w_start:g}, run {steps} steps")
for lr in lrs:
    w = torch.tensor(w_start, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        f(w).backward()
        optimizer.step()
    factor = 1 - lr * curvature  # each step: w ← (1 - ηL)·w
    factors.append(factor)
    finals.append(w.item())
    if abs(factor) < 1:
        verdict = "converges"
    elif abs(factor) == 1:
        verdict = "bounces back and forth"
    else:
        verdict = "diverges"
    print(f"  η = {lr:<4}: 1 - ηL = {factor:5.2f}, "
          f"w = {w.item():10.4g}, {verdict}")
