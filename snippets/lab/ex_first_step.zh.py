# 练习：RMSProp 与 Adam 的第一步有多长？
import torch

LR = 0.01
BETAS = (0.9, 0.99, 0.999)  # RMSProp 的 β（PyTorch 的 alpha）
GRADS = (1e-3, 1e3)  # 一个极小、一个极大的梯度


def first_step(make, g):  # 梯度为 g 时走一步：|θ₁ − θ₀| / lr
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
print("第一步 / lr         " + "".join(f"g = {g:<10g}" for g in GRADS)
      + "手算")
for beta, row, hand in zip(BETAS, rms_torch, rms_hand):
    print(f"RMSProp β = {beta:<8g}" + "".join(f"{r:<14.4g}" for r in row)
          + f"{hand:.4g}")
print("Adam（有偏差修正）  " + "".join(f"{r:<14.4g}" for r in adam_torch) + "1")
