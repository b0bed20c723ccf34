# Exercise: a weight whose loss gradient is always 0, under three kinds of decay
import torch

w0, lr, lam, steps = 1.0, 0.001, 0.01, 500  # initial value, η, λ, steps
by_hand_l2 = w0 - steps * lr  # Adam + L2: about η per step (a rough estimate)
by_hand_decoupled = w0 * (1 - lr * lam) ** steps  # times 1 - ηλ per step

ends = []
optimizers = [torch.optim.SGD, torch.optim.Adam, torch.optim.AdamW]
for optimizer_class in optimizers:
    w = torch.tensor([w0], dtype=torch.float64, requires_grad=True)
    optimizer = optimizer_class([w], lr=lr, weight_decay=lam)
    for _ in range(steps):
        w.grad = torch.zeros_like(w)  # the loss gradient is always 0
        optimizer.step()
    ends.append(w.item())
lost = [w0 - end for end in ends]  # how much the decay took away

print(f"η = {lr}, λ = {lam}, {steps} steps, w starts at {w0:g}:")
for optimizer_class, end in zip(optimizers, ends):
    print(f"  {optimizer_class.__name__}(weight_decay={lam}): w = {end:.4f}")
print(f"Estimates: (1 - ηλ)^{steps} = {by_hand_decoupled:.4f}; "
      f"η per step: 1 - {steps}η = {by_hand_l2:g}")
