# Exercise: how long is the first step of RMSProp and of Adam?
import torch

LR = 0.01
BETAS = (0.9, 0.99, 0.999)  # RMSProp's β (PyTorch's alpha)
GRADS = (1e-3, 1e3)  # a tiny and a huge gradient


def first_step(make, g):  # |θ₁ − θ₀| / lr after one step with gradient g
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    optimizer = make([p])
    p.grad = torch.full_like(p, g)
    optimizer.step()
    return p.abs().item() / LR


rms_hand = [1 / (1 - beta) ** 0.5 for beta in BETAS]  # 1/√(1 − β)
rms_torch = [[first_step(lambda ps, b=beta: torch.optim.RMSprop(
    ps, lr=LR, alpha=b), g) for g in GRADS] for beta in BETAS]
adam_torch = [first_step(lambda ps: torch.optim.Adam(ps, lr=LR), g)
              for g in GRADS]
print("first step / lr     " + "".join(f"g = {g:<10g}" for g in GRADS)
      + "by hand")
for beta, row, hand in zip(BETAS, rms_torch, rms_hand):
    print(f"RMSProp β = {beta:<8g}" + "".join(f"{r:<14.4g}" for r in row)
          + f"{hand:.4g}")
print("Adam (corrected)    " + "".join(f"{r:<14.4g}" for r in adam_torch) + "1")
