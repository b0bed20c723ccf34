# RMSprop's centered and momentum options, by hand against PyTorch
import torch

torch.manual_seed(0)
X = torch.randn(20, 3, dtype=torch.float64)  # a small least-squares problem
y = torch.randn(20, dtype=torch.float64)


def grad_fn(theta):  # the gradient of the loss mean((Xθ - y)²)
    return 2 * X.T @ (X @ theta - y) / len(y)


lr, beta, eps, steps = 0.01, 0.9, 1e-8, 20  # η, β (alpha), ε, steps
mu = 0.9  # the value μ of momentum
tol = 1e-12


def by_hand(centered=False, momentum=0.0):
    zeros = torch.zeros(3, dtype=torch.float64)
    theta, s, g_avg, b, path = zeros, zeros, zeros, zeros, []
    for _ in range(steps):
        g = grad_fn(theta)
        s = beta * s + (1 - beta) * g * g  # EWA of the squared gradients
        if centered:  # subtract the squared mean: about the gradient's std
            g_avg = beta * g_avg + (1 - beta) * g
            denom = (s - g_avg * g_avg).sqrt() + eps
        else:
            denom = s.sqrt() + eps
        if momentum > 0:  # momentum on the rescaled gradient
            b = momentum * b + g / denom
            theta = theta - lr * b
        else:
            theta = theta - lr * g / denom
        path.append(theta)
    return torch.stack(path)


def with_torch(**options):
    theta = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.RMSprop([theta], lr=lr, alpha=beta, eps=eps,
                                    **options)
    path = []
    for _ in range(steps):
        theta.grad = grad_fn(theta.detach())
        optimizer.step()
        path.append(theta.detach().clone())
    return torch.stack(path)


cases = [{"centered": True}, {"momentum": mu},
         {"centered": True, "momentum": mu}]
diffs = []
for options in cases:
    diff = (by_hand(**options) - with_torch(**options)).abs().max().item()
    diffs.append(diff)
    name = ", ".join(f"{k}={v}" for k, v in options.items())
    ok = f"equal to the update by hand (largest difference < {tol:g})"
    verdict = ok if diff < tol else (
        f"different from the update by hand (largest difference {diff:.1e})")
    print(f"RMSprop(alpha={beta}, {name}), {steps} steps:\n  {verdict}")
