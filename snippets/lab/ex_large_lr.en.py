# Exercise: the adaptive methods with much larger learning rates
import math

import torch
from torch import optim

ANGLE, CURV = 45, (0.2, 4.0)  # the bowl of the sensitivity section
c, s = math.cos(math.radians(ANGLE)), math.sin(math.radians(ANGLE))
R = torch.tensor([[c, -s], [s, c]], dtype=torch.float64)
A = R @ torch.diag(torch.tensor(CURV, dtype=torch.float64)) @ R.T
C = torch.tensor([1.0, 1.0], dtype=torch.float64)
START, STEPS, WD = (-8.0, -5.0), 100, 0.01
LRS = (10, 100, 300, 1000)
OPTIMIZERS = {
    "AdaGrad": lambda ps, lr: optim.Adagrad(ps, lr=lr),
    "RMSProp": lambda ps, lr: optim.RMSprop(ps, lr=lr),
    "Adam": lambda ps, lr: optim.Adam(ps, lr=lr),
    "AdamW": lambda ps, lr: optim.AdamW(ps, lr=lr, weight_decay=WD),
}


def loss_of(p):
    return (0.5 * (p - C) @ A @ (p - C)).item()


F0 = loss_of(torch.tensor(START, dtype=torch.float64))
final, farthest = [], []  # [optimizer][lr]
for make in OPTIMIZERS.values():
    row_final, row_far = [], []
    for lr in LRS:
        p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
        optimizer, far = make([p], lr), 0.0
        for _ in range(STEPS):
            p.grad = (p.detach() - C) @ A  # the gradient of f
            optimizer.step()
            far = max(far, (p - C).norm().item())
        row_final.append(loss_of(p.detach()))
        row_far.append(far)
    final.append(row_final)
    farthest.append(row_far)
print(f"loss at the start {F0:.3g}; after {STEPS} steps:")
header = " " * 9 + "".join(f"{f'lr = {lr}':>11s}" for lr in LRS)
tables = {"final loss": final,
          "farthest distance from the minimum": farthest}
for title, table in tables.items():
    print(f"{title}\n{header}")
    for name, row in zip(OPTIMIZERS, table):
        print(f"{name:9s}" + "".join(f"{v:>11.3g}" for v in row))
adamw_factor = [1 - lr * WD for lr in LRS]  # AdamW multiplies p by this
