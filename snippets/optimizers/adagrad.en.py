# AdaGrad: two updates on y = w²/2
import torch

# 1. Initialise w = 1; the gradient of y = w²/2 is w itself
w = torch.tensor([1.0], requires_grad=True)
# 2. The optimizer: Adagrad with learning rate 0.01 (s starts at 0; default eps)
optimizer = torch.optim.Adagrad([w], lr=0.01)
lr = optimizer.param_groups[0]["lr"]  # learning rate η
eps = optimizer.param_groups[0]["eps"]  # small constant ε
w0 = w.item()
g, s, w_after = [], [], []  # gradient g_t, accumulator s_t, w after each step

for step in ("First update", "Second update"):
    y = (w**2 / 2.0).sum()  # 3. the objective at the current parameter
    optimizer.zero_grad()  # clear the previous gradient
    y.backward()  # backpropagate: fills w.grad
    optimizer.step()  # update the parameter
    g.append(w.grad.item())
    s.append(optimizer.state[w]["sum"].item())  # sum of squared gradients s_t
    w_after.append(w.item())
    print(f"{step}: gradient w.grad: {w.grad.item():f}, "
          f"updated weight: {w.item():f}")

lr_eff = [lr / (st**0.5 + eps) for st in s]  # the rate used: η/(√s_t + ε)
step_len = [a * b for a, b in zip(lr_eff, g)]  # the length of each step
