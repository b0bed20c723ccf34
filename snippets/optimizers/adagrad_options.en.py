# Adagrad's lr_decay and initial_accumulator_value, by hand against PyTorch
import torch

torch.manual_seed(0)
X = torch.randn(20, 3, dtype=torch.float64)  # a small least-squares problem
y = torch.randn(20, dtype=torch.float64)


def grad_fn(theta):  # the gradient of the loss mean((Xθ - y)²)
    return 2 * X.T @ (X @ theta - y) / len(y)


lr, steps, eps = 0.5, 20, 1e-10  # learning rate η, steps, small constant ε
decay, s0 = 0.1, 0.5  # the values of lr_decay and initial_accumulator_value
tol = 1e-12


def by_hand(lr_decay=0.0, initial_accumulator_value=0.0):
    theta, path = torch.zeros(3, dtype=torch.float64), []
    s = torch.full((3,), initial_accumulator_value, dtype=torch.float64)
    for t in range(1, steps + 1):
        g = grad_fn(theta)
        s = s + g * g
        lr_t = lr / (1 + (t - 1) * lr_decay)  # the learning rate η_t of step t
        theta = theta - lr_t * g / (s.sqrt() + eps)
        path.append(theta)
    return torch.stack(path)


def with_torch(**options):
    theta = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.Adagrad([theta], lr=lr, eps=eps, **options)
    path = []
    for _ in range(steps):
        theta.grad = grad_fn(theta.detach())
        optimizer.step()
        path.append(theta.detach().clone())
    return torch.stack(path)


shown = [1, 2, 10, steps]  # print the learning rate of these steps
lr_t = [lr / (1 + (t - 1) * decay) for t in shown]
print(f"lr_decay = {decay}: η_t at steps 1, 2, 10, {steps} = "
      + ", ".join(f"{x:.4g}" for x in lr_t))
cases = [{"lr_decay": decay}, {"initial_accumulator_value": s0}]
diffs = []
for options in cases:
    diff = (by_hand(**options) - with_torch(**options)).abs().max().item()
    diffs.append(diff)
    name = ", ".join(f"{k}={v}" for k, v in options.items())
    ok = f"equal to the update by hand (largest difference < {tol:g})"
    verdict = ok if diff < tol else (
        f"different from the update by hand (largest difference {diff:.1e})")
    print(f"Adagrad({name}), {steps} steps:\n  {verdict}")
