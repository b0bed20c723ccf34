# 碗 f = 0.1x² + 2y²：理论的预测，用 torch.optim 核对
import math

import torch

BOWL = (0.1, 2.0)  # f = 0.1x² + 2y²
START = (-8.0, 1.5)  # 赛跑的起点
STEPS = 100
lam_min, lam_max = 2 * BOWL[0], 2 * BOWL[1]  # 两个方向的曲率
kappa = lam_max / lam_min  # 条件数
sgd_lr = 2 / (lam_min + lam_max)  # SGD 的最佳固定学习率
root = math.sqrt(kappa)
mom_beta = ((root - 1) / (root + 1)) ** 2  # 最佳动量系数 β
mom_lr = 4 / (math.sqrt(lam_max) + math.sqrt(lam_min)) ** 2  # 及其学习率
SCALES = (0.7, 1.0, 1.3)  # 预测值附近的设置


def distance(lr, beta=0.0):
    """SGD（动量系数 β）走 STEPS 步后到最小值的距离。"""
    p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=beta)
    for _ in range(STEPS):
        opt.zero_grad()
        (BOWL[0] * p[0] ** 2 + BOWL[1] * p[1] ** 2).backward()
        opt.step()
    return p.detach().norm().item()


sgd = [distance(sgd_lr * s) for s in SCALES]
mom = [[distance(mom_lr * s, mom_beta * b) for s in SCALES] for b in SCALES]
best_sgd = min(sgd) == sgd[1]
best_mom = min(min(row) for row in mom) == mom[1][1]
print(f"kappa = {kappa:g}; SGD lr* = 2/(λmin+λmax) = {sgd_lr:.4f}; "
      f"Momentum β* = {mom_beta:.4f}, lr* = {mom_lr:.4f}")
print(f"{STEPS} 步后到最小值的距离（lr* 和 β* 乘以不同倍数）：")
print("  lr scale      " + "".join(f"{s:>10g}" for s in SCALES))
print("  SGD           " + "".join(f"{d:>10.2e}" for d in sgd))
for b, row in zip(SCALES, mom):
    print(f"  Momentum {b:<3g}β*" + "".join(f"{d:>10.2e}" for d in row))
print("预测的设置在各自的网格里最好："
      f"{best_sgd}，{best_mom}")
