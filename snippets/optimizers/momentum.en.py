# Momentum: two updates on y = w²/2
import torch

# 1. Initialise w = 1; the gradient of y = w²/2 is w itself
w = torch.tensor([1.0], requires_grad=True)
# 2. The optimizer: SGD with learning rate 0.01 and momentum coefficient 0.9
optimizer = torch.optim.SGD([w], lr=0.01, momentum=0.9)
lr = optimizer.param_groups[0]["lr"]  # learning rate η
beta = optimizer.param_groups[0]["momentum"]  # momentum coefficient β
limit_factor = 1 / (1 - beta)  # how much longer the steps get on a steady slope
w0 = w.item()  # initial value
g, v, w_after = [], [], []  # gradient g_t, velocity v_t, w after each step

for step in ("First update", "Second update"):
    y = (w**2 / 2.0).sum()  # 3. the objective at the current parameter
    optimizer.zero_grad()  # clear the previous gradient
    y.backward()  # backpropagate: fills w.grad
    optimizer.step()  # update the parameter
    g.append(w.grad.item())
    v.append(optimizer.state[w]["momentum_buffer"].item())  # velocity v_t
    w_after.append(w.item())
    print(f"{step}: gradient w.grad: {w.grad.item():f}, "
          f"updated weight: {w.item():f}")
