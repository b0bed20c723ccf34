# 练习：梯度恒定时，两种动量写法的速度 v_t 各趋向多少
import math
import unicodedata

import torch

g, beta, lr, steps = 0.5, 0.9, 0.1, 30  # 恒定的梯度（一段平直的斜坡）
frac = 0.9  # 到达极限的 90% 需要几步？
limit_torch = g / (1 - beta)  # PyTorch 默认写法的极限 g/(1-β)
step_torch, step_source = lr * limit_torch, lr * g  # 两种写法最终的步长
t_frac = math.ceil(math.log(1 - frac) / math.log(beta))  # 1 - β^t ≥ 0.9


def velocities(dampening):
    w = torch.tensor([0.0], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr, momentum=beta,
                                dampening=dampening)
    vs = []
    for _ in range(steps):
        optimizer.zero_grad()
        (g * w).sum().backward()  # f(w) = g·w，梯度恒为 g
        optimizer.step()
        vs.append(optimizer.state[w]["momentum_buffer"].item())
    return vs


def pad(text, width=22):
    """补齐到 width 列；一个汉字占 2 列。"""
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    return text + " " * (width - len(text) - wide)


v_default, v_source = velocities(0.0), velocities(beta)
shown = [1, 10, t_frac, steps]
print(f"g = {g}，β = {beta}，η = {lr}")
print(pad("第 t 步的速度 v_t") + "".join(f"{t:>7}" for t in shown))
rows = (("PyTorch 默认", v_default), ("原文（dampening=β）", v_source))
for name, vs in rows:
    print(pad(name) + "".join(f"{vs[t - 1]:7.3f}" for t in shown))
print(f"PyTorch 默认：极限 g/(1-β) = {limit_torch:g}，"
      f"步长 η·v 趋向 {step_torch:g}")
print(f"原文的写法：v_t 一直是 g，步长 η·g = {step_source:g}，与不带动量相同")
