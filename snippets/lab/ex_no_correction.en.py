# Exercise: Adam without bias correction, on a constant gradient
import torch

B1, B2, G = 0.9, 0.999, 1.0  # Adam's default betas; the gradient
SHOW, STEPS = (1, 10, 100, 1000), 1000

m = v = 0.0
ratios = []  # |step| / lr without bias correction, t = 1, 2, ...
t = 0
while t < STEPS or ratios[-1] > 1.1:  # until a step is within 10% of lr
    t += 1
    m = B1 * m + (1 - B1) * G
    v = B2 * v + (1 - B2) * G**2
    ratios.append(m / v**0.5)
formula = [(1 - B1**t) / (1 - B2**t) ** 0.5 for t in SHOW]  # by hand
longest = max(range(len(ratios)), key=ratios.__getitem__) + 1  # its t
first_step, longest_step = ratios[0], ratios[longest - 1]
within = len(ratios)  # the first t whose step is within 10% of lr

p = torch.zeros(1, dtype=torch.float64)  # torch.optim.Adam, corrected
optimizer = torch.optim.Adam([p], lr=1.0, betas=(B1, B2))
for _ in range(STEPS):
    p.grad = torch.full_like(p, -G)  # a gradient of −G moves p forwards
    optimizer.step()
moved_plain, moved_torch = sum(ratios[:STEPS]), p.item()

print("     t  step / lr without correction  (1 − β₁ᵗ)/√(1 − β₂ᵗ)")
for k, t in enumerate(SHOW):
    print(f"{t:6d}{ratios[t - 1]:30.3f}{formula[k]:23.3f}")
print(f"longest step {longest_step:.3f} × lr at t = {longest}; "
      f"within 10% of lr from t = {within}")
print(f"moved in {STEPS} steps: {moved_plain:.0f} × lr without correction,\n"
      f"  {moved_torch:.0f} × lr with it (torch.optim.Adam)")
