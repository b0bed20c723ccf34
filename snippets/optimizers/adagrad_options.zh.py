# Adagrad 的 lr_decay 与 initial_accumulator_value：手写公式与 PyTorch 对比
import torch

torch.manual_seed(0)
X = torch.randn(20, 3, dtype=torch.float64)  # 一个小的最小二乘问题
y = torch.randn(20, dtype=torch.float64)


def grad_fn(theta):  # 损失 mean((Xθ - y)²) 的梯度
    return 2 * X.T @ (X @ theta - y) / len(y)


lr, steps, eps = 0.5, 20, 1e-10  # 学习率 η、步数、小常数 ε
decay, s0 = 0.1, 0.5  # lr_decay 与 initial_accumulator_value 的取值
tol = 1e-12


def by_hand(lr_decay=0.0, initial_accumulator_value=0.0):
    theta, path = torch.zeros(3, dtype=torch.float64), []
    s = torch.full((3,), initial_accumulator_value, dtype=torch.float64)
    for t in range(1, steps + 1):
        g = grad_fn(theta)
        s = s + g * g
        lr_t = lr / (1 + (t - 1) * lr_decay)  # 第 t 步的学习率 η_t
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


shown = [1, 2, 10, steps]  # 打印这几步的学习率
lr_t = [lr / (1 + (t - 1) * decay) for t in shown]
print(f"lr_decay = {decay}：第 1、2、10、{steps} 步的 η_t = "
      + "、".join(f"{x:.4g}" for x in lr_t))
cases = [{"lr_decay": decay}, {"initial_accumulator_value": s0}]
diffs = []
for options in cases:
    diff = (by_hand(**options) - with_torch(**options)).abs().max().item()
    diffs.append(diff)
    name = ", ".join(f"{k}={v}" for k, v in options.items())
    ok = f"一致（最大差 < {tol:g}）"
    verdict = ok if diff < tol else f"不一致（最大差 {diff:.1e}）"
    print(f"Adagrad({name})，{steps} 步：\n  与手写公式{verdict}")
