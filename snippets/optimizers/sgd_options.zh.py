# SGD 的三个参数：nesterov、dampening、weight_decay，手写公式与 PyTorch 对比
import torch

torch.manual_seed(0)
X = torch.randn(20, 3, dtype=torch.float64)  # 一个小的最小二乘问题
y = torch.randn(20, dtype=torch.float64)


def grad_fn(theta):  # 损失 mean((Xθ - y)²) 的梯度
    return 2 * X.T @ (X @ theta - y) / len(y)


lr, beta, steps = 0.05, 0.9, 20  # 学习率 η、动量系数 β、步数
tau, lam = 0.5, 0.1  # dampening τ、weight_decay λ 的取值
tol = 1e-12


def by_hand(nesterov=False, dampening=0.0, weight_decay=0.0):
    """照公式手写：返回每一步后的参数。"""
    theta, v, path = torch.zeros(3, dtype=torch.float64), None, []
    for _ in range(steps):
        g = grad_fn(theta) + weight_decay * theta  # L2：λθ 加到梯度上
        v = g if v is None else beta * v + (1 - dampening) * g  # v1 = g1
        d = g + beta * v if nesterov else v  # Nesterov：再往前看一步
        theta = theta - lr * d
        path.append(theta)
    return torch.stack(path)


def with_torch(**options):
    """用 torch.optim.SGD 走同样的步数，梯度来自同一个函数。"""
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
    ok = f"一致（最大差 < {tol:g}）"
    verdict = ok if diff < tol else f"不一致（最大差 {diff:.1e}）"
    print(f"SGD(momentum={beta}, {name})，{steps} 步：\n  与手写公式{verdict}")
