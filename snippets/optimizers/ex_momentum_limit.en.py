# Exercise: with a constant gradient, where do the two momentum forms go?
import math
import unicodedata

import torch

g, beta, lr, steps = 0.5, 0.9, 0.1, 30  # a constant gradient: a straight slope
frac = 0.9  # how many steps to reach 90% of the limit?
limit_torch = g / (1 - beta)  # the limit g/(1-β) of PyTorch's default form
step_torch, step_source = lr * limit_torch, lr * g  # the final steps of both
t_frac = math.ceil(math.log(1 - frac) / math.log(beta))  # 1 - β^t ≥ 0.9


def velocities(dampening):
    w = torch.tensor([0.0], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr, momentum=beta,
                                dampening=dampening)
    vs = []
    for _ in range(steps):
        optimizer.zero_grad()
        (g * w).sum().backward()  # f(w) = g·w: the gradient is always g
        optimizer.step()
        vs.append(optimizer.state[w]["momentum_buffer"].item())
    return vs


def pad(text, width=22):
    """Pad to width columns; a CJK character takes 2."""
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    return text + " " * (width - len(text) - wide)


v_default, v_source = velocities(0.0), velocities(beta)
shown = [1, 10, t_frac, steps]
print(f"g = {g}, β = {beta}, η = {lr}")
print(pad("velocity v_t at step") + "".join(f"{t:>7}" for t in shown))
rows = (("PyTorch default", v_default), ("source (dampening=β)", v_source))
for name, vs in rows:
    print(pad(name) + "".join(f"{vs[t - 1]:7.3f}" for t in shown))
print(f"PyTorch default: limit g/(1-β) = {limit_torch:g}, "
      f"the step η·v tends to {step_torch:g}")
print(f"The source's form: v_t stays g, the step is η·g = {step_source:g}, "
      "as without momentum")
