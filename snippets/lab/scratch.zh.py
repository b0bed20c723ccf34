# 从零实现七种优化器，并与 torch.optim 逐步对比 100 步
import math

import torch
from torch import optim

torch.manual_seed(0)
# 一个小的最小二乘问题；用 float64，舍入误差小到可以忽略
X = torch.randn(100, 3, dtype=torch.float64)
w_true = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
y = X @ w_true + 0.1 * torch.randn(100, dtype=torch.float64)


def grad(w):  # L(w) = mean((Xw - y)²) 的梯度，两边共用
    return 2 / len(y) * X.T @ (X @ w - y)


LR, BETA, WD = 0.05, 0.9, 0.01  # 学习率、动量系数 β、AdamW 的 λ
STEPS, TOL_EXP = 100, -6  # 步数；max |Δ| ≤ 10^TOL_EXP 算通过
LR_EWA = LR / (1 - BETA)  # 指数加权平均形式的动量要用的学习率
one_minus_beta = 1 - BETA


# 每个优化器都是一个函数：参数 p、梯度 g、状态字典 state、
# 步数 t（从 1 开始）、学习率 lr → 新的参数
def sgd(p, g, state, t, lr):
    return p - lr * g


def momentum(p, g, state, t, lr, beta=BETA):  # PyTorch：v = βv + g
    state["v"] = beta * state.get("v", 0) + g
    return p - lr * state["v"]


# 指数加权平均形式（从 0 开始）：v = βv + (1-β)g
def momentum_ewa(p, g, state, t, lr, beta=BETA):
    state["v"] = beta * state.get("v", 0) + (1 - beta) * g
    return p - lr * state["v"]


def nesterov(p, g, state, t, lr, beta=BETA):  # 沿着 v “向前看”一步
    state["v"] = beta * state.get("v", 0) + g
    return p - lr * (g + beta * state["v"])


def adagrad(p, g, state, t, lr, eps=1e-10):  # s：以往所有 g² 之和
    state["s"] = state.get("s", 0) + g * g
    return p - lr * g / (state["s"].sqrt() + eps)


def rmsprop(p, g, state, t, lr, beta=0.99, eps=1e-8):  # s：g² 的指数加权平均
    state["s"] = beta * state.get("s", 0) + (1 - beta) * g * g
    return p - lr * g / (state["s"].sqrt() + eps)


def adam(p, g, state, t, lr, b1=0.9, b2=0.999, eps=1e-8):
    state["m"] = b1 * state.get("m", 0) + (1 - b1) * g  # 动量
    state["v"] = b2 * state.get("v", 0) + (1 - b2) * g * g  # 同 RMSProp
    m_hat = state["m"] / (1 - b1**t)  # 偏差修正
    v_hat = state["v"] / (1 - b2**t)
    return p - lr * m_hat / (v_hat.sqrt() + eps)


def adamw(p, g, state, t, lr, wd=WD):  # 解耦的权重衰减
    return adam(p * (1 - lr * wd), g, state, t, lr)  # 先缩小，再走一步 Adam


CASES = [  # 名字、我们的函数、它的学习率、对应的 PyTorch 优化器
    ("SGD", sgd, LR, lambda ps: optim.SGD(ps, lr=LR)),
    ("Momentum", momentum, LR,
     lambda ps: optim.SGD(ps, lr=LR, momentum=BETA)),
    ("Momentum-EWA", momentum_ewa, LR_EWA,
     lambda ps: optim.SGD(ps, lr=LR, momentum=BETA)),
    ("Nesterov", nesterov, LR,
     lambda ps: optim.SGD(ps, lr=LR, momentum=BETA, nesterov=True)),
    ("AdaGrad", adagrad, 0.5, lambda ps: optim.Adagrad(ps, lr=0.5)),
    ("RMSProp", rmsprop, 0.01, lambda ps: optim.RMSprop(ps, lr=0.01)),
    ("Adam", adam, 0.1, lambda ps: optim.Adam(ps, lr=0.1)),
    ("AdamW", adamw, 0.1, lambda ps: optim.AdamW(ps, lr=0.1, weight_decay=WD)),
]


def max_diff(step, lr, make):
    ours = torch.zeros(3, dtype=torch.float64)  # 我们的实现
    w = torch.zeros(3, dtype=torch.float64, requires_grad=True)  # torch.optim
    optimizer, state, diff = make([w]), {}, 0.0
    for t in range(1, STEPS + 1):
        ours = step(ours, grad(ours), state, t, lr)
        w.grad = grad(w.detach())
        optimizer.step()
        # float64 下两条轨迹只差几次舍入，差几次取决于 CPU。
        # 舍入到 float32 再比较，结果在任何机器上都一样。
        gap = (ours.float() - w.detach().float()).abs().max().item()
        diff = max(diff, gap)
    return diff


for name, step, lr, make in CASES:
    diff = max_diff(step, lr, make)
    ok = "OK" if diff <= 10.0**TOL_EXP else "FAIL"
    print(f"{name:12s} max |Δ| = {diff:.1e}  {ok}")
# 对照：指数加权平均形式沿用 PyTorch 的学习率，不换算
control = max_diff(momentum_ewa, LR, CASES[1][3])
print(f"对照：EWA 形式不换算学习率（lr = {LR:g}），max |Δ| = {control:.1e}")
EPS64_LOG2 = round(math.log2(torch.finfo(torch.float64).eps))  # -52
EPS32_LOG2 = round(math.log2(torch.finfo(torch.float32).eps))  # -23
