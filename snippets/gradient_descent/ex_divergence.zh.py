# 练习：二次函数 f(w) = (L/2)·w² 上，学习率超过 2/L 就发散
import torch

curvature = 10.0  # L = f''(w)，函数的曲率
lr_limit = 2 / curvature  # 收敛的界限 2/L
w_start, steps = 1.0, 20
lrs = [0.05, 0.1, 0.19, 0.2, 0.21]


def f(w):
    return curvature / 2 * w**2  # f'(w) = L·w


factors, finals = [], []
print(f"L = {curvature:g}，2/L = {lr_limit:g}，"
      f"起点 w = {w_start:g}，走 {steps} 步")
for lr in lrs:
    w = torch.tensor(w_start, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        f(w).backward()
        optimizer.step()
    factor = 1 - lr * curvature  # 每一步 w ← (1 - ηL)·w
    factors.append(factor)
    finals.append(w.item())
    if abs(factor) < 1:
        verdict = "收敛"
    elif abs(factor) == 1:
        verdict = "来回跳，不收敛"
    else:
        verdict = "发散"
    print(f"  η = {lr:<4}：1 - ηL = {factor:5.2f}，"
          f"w = {w.item():10.4g}，{verdict}")
