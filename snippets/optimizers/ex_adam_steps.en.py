# Exercise: two Adam steps on f(w) = w² by hand, checked with torch.optim.Adam
import torch

w0, lr, beta1, beta2 = 1.0, 0.1, 0.9, 0.999  # PyTorch's default betas

# By hand (ignoring ε): the gradient of f(w) = w² is 2w
g1 = 2 * w0
m1, v1 = (1 - beta1) * g1, (1 - beta2) * g1**2
m1_hat, v1_hat = m1 / (1 - beta1), v1 / (1 - beta2)
w1 = w0 - lr * m1_hat / v1_hat**0.5
g2 = 2 * w1
m2 = beta1 * m1 + (1 - beta1) * g2
v2 = beta2 * v1 + (1 - beta2) * g2**2
bc1, bc2 = 1 - beta1**2, 1 - beta2**2  # 1 - β^t at step 2
m2_hat, v2_hat = m2 / bc1, v2 / bc2
step2 = lr * m2_hat / v2_hat**0.5
w2 = w1 - step2

# PyTorch
w = torch.tensor([w0], dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.Adam([w], lr=lr, betas=(beta1, beta2))
w_torch = []
for _ in range(2):
    optimizer.zero_grad()
    (w**2).sum().backward()
    optimizer.step()
    w_torch.append(w.item())

print(f"Step 1: g1 = {g1:g}, m1 = {m1:g}, v1 = {v1:g}, "
      f"m̂1 = {m1_hat:g}, v̂1 = {v1_hat:g}, w1 = {w1:g}")
print(f"Step 2: g2 = {g2:g}, m2 = {m2:g}, v2 = {v2:g}")
print(f"        m̂2 = {m2_hat:.6f}, v̂2 = {v2_hat:.6f}, "
      f"step {step2:.6f}, w2 = {w2:.6f}")
print(f"torch.optim.Adam: w1 = {w_torch[0]:.6f}, w2 = {w_torch[1]:.6f}")
