# Adam: two updates on y = w²/2
import torch

# 1. Initialise w = 1; the gradient of y = w²/2 is w itself
w = torch.tensor([1.0], requires_grad=True)
# 2. The optimizer: Adam with learning rate 0.001; betas are (β1, β2)
optimizer = torch.optim.Adam([w], lr=0.001, betas=(0.9, 0.99))
lr = optimizer.param_groups[0]["lr"]  # learning rate η
beta1, beta2 = optimizer.param_groups[0]["betas"]  # β1, β2
one_minus = [1 - beta1, 1 - beta2]  # 1 - β1, 1 - β2
w0 = w.item()
g, m, v, w_after = [], [], [], []  # gradient g_t, m_t, v_t, w after each step

for step in ("First update", "Second update"):
    y = (w**2 / 2.0).sum()  # 3. the objective at the current parameter
    optimizer.zero_grad()  # clear the previous gradient
    y.backward()  # backpropagate: fills w.grad
    optimizer.step()  # update the parameter
    g.append(w.grad.item())
    m.append(optimizer.state[w]["exp_avg"].item())  # m_t
    v.append(optimizer.state[w]["exp_avg_sq"].item())  # v_t
    w_after.append(w.item())
    print(f"{step}: gradient w.grad: {w.grad.item():f}, "
          f"updated weight: {w.item():f}")

# Bias correction: divide by 1 - β^t (t = 1, 2)
bc1 = [1 - beta1**t for t in (1, 2)]
bc2 = [1 - beta2**t for t in (1, 2)]
m_hat = [mt / c for mt, c in zip(m, bc1)]
v_hat = [vt / c for vt, c in zip(v, bc2)]
ratio = [a / b**0.5 for a, b in zip(m_hat, v_hat)]  # m̂_t / √v̂_t
