# Exercise: choosing gamma for ExponentialLR
import math

import torch
from torch.optim import lr_scheduler as S

LR, HALF_EVERY = 0.1, 20  # the lr should halve every 20 epochs
GAMMA, TARGET = 0.95, 0.01  # with γ = 0.95: when is lr < 1% of η₀?

gamma_half = 0.5 ** (1 / HALF_EVERY)  # γ^20 = 1/2
epochs_exact = math.log(TARGET) / math.log(GAMMA)  # γ^e = 0.01
epochs_needed = math.ceil(epochs_exact)


def lrs(gamma, n):  # the lrs of the first n epochs under ExponentialLR
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
print(f"gamma = 0.5^(1/{HALF_EVERY}) = {gamma_half:.4f}: "
      f"lr in epoch {HALF_EVERY} = {halved:.4f}")
print(f"gamma = {GAMMA}: ln {TARGET} / ln {GAMMA} = {epochs_exact:.2f}; "
      f"first epoch with lr < {TARGET:.0%} of {LR}: {first_below}")
