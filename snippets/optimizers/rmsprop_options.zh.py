# RMSprop 的 centered 与 momentum：手写公式与 PyTorch 对比
import torch

torch.manual_seed(0)
X = torch.randn(20, 3, dtype=torch.float64)  # 一个小的最小二乘问题
y = torch.randn(20, dtype=torch.float64)


def grad_fn(theta):  # 损失 mean((Xθ - y)²) 的梯度
    return 2 * X.T @ (X @ theta - y) / len(y)


lr, beta, eps, steps = 0.01, 0.9, 1e-8, 20  # η、β（alpha）、ε、步数
mu = 0.9  # momentum 的取值 μ
tol = 1e-12


def by_hand(centered=False, momentum=0.0):
    zeros = torch.zeros(3, dtype=torch.float64)
    theta, s, g_avg, b, path = zeros, zeros, zeros, zeros, []
    for _ in range(steps):
        g = grad_fn(theta)
        s = beta * s + (1 - beta) * g * g  # 平方梯度的指数加权平均
        if centered:  # 再减去梯度均值的平方：分母近似梯度的标准差
            g_avg = beta * g_avg + (1 - beta) * g
            denom = (s - g_avg * g_avg).sqrt() + eps
        else:
            denom = s.sqrt() + eps
        if momentum > 0:  # 对“缩放后的梯度”做动量
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
    ok = f"一致（最大差 < {tol:g}）"
    verdict = ok if diff < tol else f"不一致（最大差 {diff:.1e}）"
    print(f"RMSprop(alpha={beta}, {name})，{steps} 步：\n  与手写公式{verdict}")
