# Adam's weight_decay and AdamW, by hand against PyTorch
import torch

torch.manual_seed(0)
X = torch.randn(20, 3, dtype=torch.float64)  # a small least-squares problem
y = torch.randn(20, dtype=torch.float64)


def grad_fn(theta):  # the gradient of the loss mean((Xθ - y)²)
    return 2 * X.T @ (X @ theta - y) / len(y)


lr, beta1, beta2, eps, steps = 0.1, 0.9, 0.999, 1e-8, 20
lam = 0.1  # weight_decay λ
tol = 1e-12


def by_hand(decoupled):
    zeros = torch.zeros(3, dtype=torch.float64)
    theta, m, v, path = zeros + 1, zeros, zeros, []
    for t in range(1, steps + 1):
        g = grad_fn(theta)
        if decoupled:  # AdamW: parameters × (1 − ηλ); gradient unchanged
            theta = theta * (1 - lr * lam)
        else:  # Adam: L2, add λθ to the gradient
            g = g + lam * theta
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
        theta = theta - lr * m_hat / (v_hat.sqrt() + eps)
        path.append(theta)
    return torch.stack(path)


def with_torch(optimizer_class):
    theta = torch.ones(3, dtype=torch.float64, requires_grad=True)
    optimizer = optimizer_class([theta], lr=lr, betas=(beta1, beta2),
                                eps=eps, weight_decay=lam)
    path = []
    for _ in range(steps):
        theta.grad = grad_fn(theta.detach())
        optimizer.step()
        path.append(theta.detach().clone())
    return torch.stack(path)


adam_path = with_torch(torch.optim.Adam)
adamw_path = with_torch(torch.optim.AdamW)
diff_adam = (by_hand(decoupled=False) - adam_path).abs().max().item()
diff_adamw = (by_hand(decoupled=True) - adamw_path).abs().max().item()
gap = (adam_path - adamw_path).abs().max().item()  # how far apart they end up
ok = f"equal (largest difference < {tol:g})"
for name, diff in (("Adam", diff_adam), ("AdamW", diff_adamw)):
    verdict = ok if diff < tol else f"different (largest difference {diff:.1e})"
    print(f"{name}(weight_decay={lam}), {steps} steps, by hand: {verdict}")
print(f"Adam and AdamW differ by up to {gap:.3f}: two different kinds of decay")
