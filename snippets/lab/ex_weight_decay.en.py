# Exercise: weight decay in the gradient (L2) or decoupled (AdamW)?
import math

import torch
from torch import optim

ANGLE, CURV = 45, (0.2, 4.0)  # the bowl of the sensitivity section
c, s = math.cos(math.radians(ANGLE)), math.sin(math.radians(ANGLE))
R = torch.tensor([[c, -s], [s, c]], dtype=torch.float64)
A = R @ torch.diag(torch.tensor(CURV, dtype=torch.float64)) @ R.T
C = torch.tensor([1.0, 1.0], dtype=torch.float64)
START, STEPS, LAST, LAMBDA = (-8.0, -5.0), 600, 100, 0.1
LRS = (0.2, 0.1)
OPTIMIZERS = {  # weight_decay=λ: SGD and Adam add λθ to the gradient
    "SGD + L2": lambda ps, lr: optim.SGD(ps, lr=lr, weight_decay=LAMBDA),
    "Adam + L2": lambda ps, lr: optim.Adam(ps, lr=lr, weight_decay=LAMBDA),
    "AdamW": lambda ps, lr: optim.AdamW(ps, lr=lr, weight_decay=LAMBDA),
}

# The minimum of f(θ) + λ/2·|θ|²: solve (A + λI) θ = A C
eye = torch.eye(2, dtype=torch.float64)
theta_l2 = torch.linalg.solve(A + LAMBDA * eye, A @ C)
print(f"λ = {LAMBDA}: minimum of f + λ/2·|θ|² at "
      f"({theta_l2[0]:.4f}, {theta_l2[1]:.4f})")
print(f"{'':16s}lr   θ at step {STEPS}     last {LAST} steps")
end_x = []  # [optimizer][lr]: first coordinate of the end point
for name, make in OPTIMIZERS.items():
    row = []
    for lr in LRS:
        p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
        optimizer, path = make([p], lr), []
        for _ in range(STEPS):
            p.grad = (p.detach() - C) @ A  # ∇f, without λθ
            optimizer.step()
            path.append(p.detach().clone())
        last = torch.stack(path[-LAST:])  # how far θ still moves
        moves = (last.max(dim=0).values - last.min(dim=0).values).max()
        row.append(p[0].item())
        print(f"{name:12s}{lr:>6g}   ({p[0]:.4f}, {p[1]:.4f})"
              f"{moves:>16.1e}")
    end_x.append(row)
