# SGD's nesterov, dampening and weight_decay, by hand against PyTorch
import torch

torch.manual_seed(0)
X = torch.randn(20, 3, dtype=torch.float64)  # a small least-squares problem
y = torch.randn(20, dtype=torch.float64)


def grad_fn(theta):  # the gradient of the loss mean((Xθ - y)²)
    return 2 * X.T @ (X @ theta - y) / len(y)


lr, beta, steps = 0.05, 0.9, 20  # learning rate η, momentum β, steps
tau, lam = 0.5, 0.1  # the values of dampening τ and weight_decay λ
tol = 1e-12


def by_hand(nesterov=False, dampening=0.0, weight_decay=0.0):
    """The formulas written out: the parameters after every step."""
    theta, v, path = torch.zeros(3, dtype=torch.float64), None, []
    for _ in range(steps):
        g = grad_fn(theta) + weight_decay * theta  # L2: add λθ to the gradient
        v = g if v is None else beta * v + (1 - dampening) * g  # v1 = g1
        d = g + beta * v if nesterov else v  # Nesterov: look one step ahead
        theta = theta - lr * d
        path.append(theta)
    return torch.stack(path)


def with_torch(**options):
    """torch.optim.SGD for the same steps, with the same gradient function."""
    theta = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([theta], lr=lr, momentum=beta, **options)
    path = []
    for _ in range(steps):
        theta.grad = grad_fn(theta.detach())
        optimizer.step()
        path.append(theta.detach().clone())
    return torch.stack(path)


cases = [{"nesterov": True}, {"dampening": tau}, {"weight_decay": lam}]
diffs = []
for options in cases:
    diff = (by_hand(**options) - with_torch(**options)).abs().max().item()
    diffs.append(diff)
    name = ", ".join(f"{k}={v}" for k, v in options.items())
    ok = f"equal to the update by hand (largest difference < {tol:g})"
    verdict = ok if diff < tol else (
        f"different from the update by hand (largest difference {diff:.1e})")
    print(f"SGD(momentum={beta}, {name}), {steps} steps:\n  {verdict}")
