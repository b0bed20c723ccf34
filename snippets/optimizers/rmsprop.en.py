# RMSProp: two updates on y = w²/2
import torch

# 1. Initialise w = 1; the gradient of y = w²/2 is w itself
w = torch.tensor([1.0], requires_grad=True)
# 2. The optimizer: RMSprop with learning rate 0.01; alpha is the formula's β
optimizer = torch.optim.RMSprop([w], lr=0.01, alpha=0.9)
lr = optimizer.param_groups[0]["lr"]  # learning rate η
beta = optimizer.param_groups[0]["alpha"]  # β of the squared gradients
one_minus_beta = 1 - beta
w0 = w.item()
g, s, w_after = [], [], []  # gradient g_t, average s_t, w after each step

for step in ("First update", "Second update"):
    y = (w**2 / 2.0).sum()  # 3. the objective at the current parameter
    optimizer.zero_grad()  # clear the previous gradient
    y.backward()  # backpropagate: fills w.grad
    optimizer.step()  # update the parameter
    g.append(w.grad.item())
    s.append(optimizer.state[w]["square_avg"].item())  # s_t
    w_after.append(w.item())
    print(f"{step}: gradient w.grad: {w.grad.item():f}, "
          f"updated weight: {w.item():f}")

step_len = [lr * gt / st**0.5 for gt, st in zip(g, s)]  # each step's length
first_ratio = 1 / one_minus_beta**0.5  # step 1 is 1/√(1-β) times η
