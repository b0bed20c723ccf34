# 练习：为 ExponentialLR 选 gamma
import math

import torch
from torch.optim import lr_scheduler as S

LR, HALF_EVERY = 0.1, 20  # 希望学习率每 20 个 epoch 减半
GAMMA, TARGET = 0.95, 0.01  # γ = 0.95 时，学习率何时低于 η₀ 的 1%？

gamma_half = 0.5 ** (1 / HALF_EVERY)  # γ^20 = 1/2
epochs_exact = math.log(TARGET) / math.log(GAMMA)  # γ^e = 0.01
epochs_needed = math.ceil(epochs_exact)


def lrs(gamma, n):  # ExponentialLR 下前 n 个 epoch 的学习率
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=LR)
    scheduler = S.ExponentialLR(opt, gamma)
    out = []
    for _ in range(n):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        scheduler.step()
    return out


halved = lrs(gamma_half, HALF_EVERY + 1)[HALF_EVERY]
first_below = next(e for e, lr in enumerate(lrs(GAMMA, 200))
                   if lr < TARGET * LR)
print(f"gamma = 0.5^(1/{HALF_EVERY}) = {gamma_half:.4f}："
      f"epoch {HALF_EVERY} 的学习率 = {halved:.4f}")
print(f"gamma = {GAMMA}：ln {TARGET} / ln {GAMMA} = {epochs_exact:.2f}；\n  "
      f"学习率第一次低于 η₀ 的 {TARGET:.0%}（η₀ = {LR}）：epoch {first_below}")
