# Exercise: two gradient-descent steps by hand,
# checked with autograd and torch.optim.SGD
import torch

target = 3.0  # f(w) = (w - target)², minimum at w = target
w_start = 1.0  # starting point w₀
lr = 0.1  # learning rate η
steps = 2


def f(w):
    return (w - target) ** 2


# By hand: f'(w) = 2(w - target), w ← w - η·f'(w)
w0 = w_start
loss0 = f(w0)
grad0 = 2 * (w0 - target)
w1 = w0 - lr * grad0
loss1 = f(w1)
grad1 = 2 * (w1 - target)
w2 = w1 - lr * grad1
loss2 = f(w2)
factor = 1 - 2 * lr  # each step multiplies w - target by 1 - 2η
gaps = [w0 - target, w1 - target, w2 - target]  # signed offset w − target
print(f"f(w) = (w - {target:g})², η = {lr:g}, w₀ = {w0:g}")
print(f"step 1: f(w₀) = {loss0:g}, f'(w₀) = {grad0:g}, w₁ = {w1:g}")
print(f"step 2: f(w₁) = {loss1:g}, f'(w₁) = {grad1:g}, w₂ = {w2:g}")
print(f"f(w₂) = {loss2:g}; each step scales w - {target:g} "
      f"by 1 - 2η = {factor:g}")

# PyTorch: autograd for the gradient, torch.optim.SGD for the update
w = torch.tensor(w_start, dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.SGD([w], lr=lr)
torch_grads, torch_ws = [], []
for _ in range(steps):
    optimizer.zero_grad()
    f(w).backward()
    torch_grads.append(w.grad.item())
    optimizer.step()
    torch_ws.append(w.item())
print(f"PyTorch: gradients {torch_grads[0]:g}, {torch_grads[1]:g}; "
      f"parameters {torch_ws[0]:g}, {torch_ws[1]:g}")
agree = torch.allclose(torch.tensor(torch_ws), torch.tensor([w1, w2]))
print(f"agrees with the hand calculation: {agree}")
