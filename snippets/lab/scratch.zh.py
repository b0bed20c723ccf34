# 从零实现七种优化器，并与 torch.optim 逐步对比 100 步
import torch
from torch import optim

torch.manual_seed(0)
# 一个小的最小二乘问题（float64，让舍入误差小到可以忽略）
X = torch.randn(100, 3, dtype=torch.float64)
y = X @ torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64) + 0.1 * torch.randn(100, dtype=torch.float64)


def grad(w):  # L(w) = mean((Xw - y)²) 的梯度，两边用同一个函数
    return 2 / len(y) * X.T @ (X @ w - y)


# 每个优化器只是一个函数：参数 p、梯度 g、状态 s、步数 t（从 1 开始）→ 新参数
def sgd(p, g, s, t, lr):
    return p - lr * g


def momentum(p, g, s, t, lr, beta=0.9):  # PyTorch 的形式：v = βv + g
    s["v"] = beta * s.get("v", 0) + g
    return p - lr * s["v"]


def momentum_ewa(p, g, s, t, lr, beta=0.9):  # 原文的指数加权平均形式：v = βv + (1-β)g
    s["v"] = beta * s.get("v", 0) + (1 - beta) * g
    return p - lr * s["v"]


def nesterov(p, g, s, t, lr, beta=0.9):  # 沿着动量“向前看”一步
    s["v"] = beta * s.get("v", 0) + g
    return p - lr * (g + beta * s["v"])


def adagrad(p, g, s, t, lr, eps=1e-10):  # 累加全部历史梯度的平方
    s["G"] = s.get("G", 0) + g * g
    return p - lr * g / (s["G"].sqrt() + eps)


def rmsprop(p, g, s, t, lr, alpha=0.99, eps=1e-8):  # 梯度平方的指数加权平均
    s["E"] = alpha * s.get("E", 0) + (1 - alpha) * g * g
    return p - lr * g / (s["E"].sqrt() + eps)


def adam(p, g, s, t, lr, b1=0.9, b2=0.999, eps=1e-8):  # 动量 + RMSProp + 偏差修正
    s["m"] = b1 * s.get("m", 0) + (1 - b1) * g
    s["v"] = b2 * s.get("v", 0) + (1 - b2) * g * g
    m_hat, v_hat = s["m"] / (1 - b1**t), s["v"] / (1 - b2**t)
    return p - lr * m_hat / (v_hat.sqrt() + eps)


def adamw(p, g, s, t, lr, wd=0.01):  # 先把参数按比例缩小（解耦的权重衰减），再做 Adam
    return adam(p * (1 - lr * wd), g, s, t, lr)


CASES = [  # 名字、我们的函数、它的学习率、对应的 PyTorch 优化器
    ("SGD", sgd, 0.05, lambda ps: optim.SGD(ps, lr=0.05)),
    ("Momentum", momentum, 0.05, lambda ps: optim.SGD(ps, lr=0.05, momentum=0.9)),
    ("Momentum-EWA", momentum_ewa, 0.05 / (1 - 0.9), lambda ps: optim.SGD(ps, lr=0.05, momentum=0.9)),
    ("Nesterov", nesterov, 0.05, lambda ps: optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True)),
    ("AdaGrad", adagrad, 0.5, lambda ps: optim.Adagrad(ps, lr=0.5)),
    ("RMSProp", rmsprop, 0.01, lambda ps: optim.RMSprop(ps, lr=0.01)),
    ("Adam", adam, 0.1, lambda ps: optim.Adam(ps, lr=0.1)),
    ("AdamW", adamw, 0.1, lambda ps: optim.AdamW(ps, lr=0.1)),
]
STEPS = 100


def max_diff(step, lr, make):
    ours = torch.zeros(3, dtype=torch.float64)  # 我们的实现
    w = torch.zeros(3, dtype=torch.float64, requires_grad=True)  # PyTorch 的实现
    optimizer, state, diff = make([w]), {}, 0.0
    for t in range(1, STEPS + 1):
        ours = step(ours, grad(ours), state, t, lr)
        w.grad = grad(w.detach())
        optimizer.step()
        # float64 下两条轨迹只差几次舍入（大小随 CPU 指令集而变）；舍入到 float32 再比，结果与机器无关
        diff = max(diff, (ours.float() - w.detach().float()).abs().max().item())
    return diff


for name, step, lr, make in CASES:
    diff = max_diff(step, lr, make)
    print(f"{name:12s} max |Δ| = {diff:.1e}  {'OK' if diff <= 1e-6 else 'FAIL'}")
diff = max_diff(momentum_ewa, 0.05, CASES[1][3])  # 对照：EWA 形式却沿用 PyTorch 的学习率
print(f"对照：EWA 形式不换算学习率（lr = 0.05），max |Δ| = {diff:.1e}")
