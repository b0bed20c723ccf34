# Seven optimizers from scratch, checked against torch.optim for 100 steps
import math

import torch
from torch import optim

torch.manual_seed(0)
# A small least-squares problem, in float64 so that rounding hardly matters
X = torch.randn(100, 3, dtype=torch.float64)
w_true = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
y = X @ w_true + 0.1 * torch.randn(100, dtype=torch.float64)


def grad(w):  # gradient of L(w) = mean((Xw - y)²); both sides use it
    return 2 / len(y) * X.T @ (X @ w - y)


LR, BETA, WD = 0.05, 0.9, 0.01  # learning rate, momentum β, AdamW's λ
STEPS, TOL_EXP = 100, -6  # steps; pass if max |Δ| ≤ 10^TOL_EXP
LR_EWA = LR / (1 - BETA)  # learning rate of the EWA form of momentum
one_minus_beta = 1 - BETA


# Each optimizer is a function: parameters p, gradient g, state dict,
# step t (from 1), learning rate lr → new parameters
def sgd(p, g, state, t, lr):
    return p - lr * g


def momentum(p, g, state, t, lr, beta=BETA):  # PyTorch: v = βv + g
    state["v"] = beta * state.get("v", 0) + g
    return p - lr * state["v"]


def momentum_ewa(p, g, state, t, lr, beta=BETA):  # EWA: v = βv + (1-β)g
    state["v"] = beta * state.get("v", 0) + (1 - beta) * g
    return p - lr * state["v"]


def nesterov(p, g, state, t, lr, beta=BETA):  # "look ahead" along v
    state["v"] = beta * state.get("v", 0) + g
    return p - lr * (g + beta * state["v"])


def adagrad(p, g, state, t, lr, eps=1e-10):  # s: sum of all g²
    state["s"] = state.get("s", 0) + g * g
    return p - lr * g / (state["s"].sqrt() + eps)


def rmsprop(p, g, state, t, lr, beta=0.99, eps=1e-8):  # s: EWA of g²
    state["s"] = beta * state.get("s", 0) + (1 - beta) * g * g
    return p - lr * g / (state["s"].sqrt() + eps)


def adam(p, g, state, t, lr, b1=0.9, b2=0.999, eps=1e-8):
    state["m"] = b1 * state.get("m", 0) + (1 - b1) * g  # momentum
    state["v"] = b2 * state.get("v", 0) + (1 - b2) * g * g  # as RMSProp
    m_hat = state["m"] / (1 - b1**t)  # bias correction
    v_hat = state["v"] / (1 - b2**t)
    return p - lr * m_hat / (v_hat.sqrt() + eps)


def adamw(p, g, state, t, lr, wd=WD):  # decoupled weight decay
    return adam(p * (1 - lr * wd), g, state, t, lr)  # shrink, then Adam


CASES = [  # name, our function, its lr, the matching PyTorch optimizer
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
    ours = torch.zeros(3, dtype=torch.float64)  # our implementation
    w = torch.zeros(3, dtype=torch.float64, requires_grad=True)  # torch.optim
    optimizer, state, diff = make([w]), {}, 0.0
    for t in range(1, STEPS + 1):
        ours = step(ours, grad(ours), state, t, lr)
        w.grad = grad(w.detach())
        optimizer.step()
        # In float64 the two paths differ by a few roundings, and how many
        # depends on the CPU. Rounded to float32 they agree on any machine.
        gap = (ours.float() - w.detach().float()).abs().max().item()
        diff = max(diff, gap)
    return diff


for name, step, lr, make in CASES:
    diff = max_diff(step, lr, make)
    ok = "OK" if diff <= 10.0**TOL_EXP else "FAIL"
    print(f"{name:12s} max |Δ| = {diff:.1e}  {ok}")
# Control: the EWA form with PyTorch's learning rate, not converted
control = max_diff(momentum_ewa, LR, CASES[1][3])
print(f"Control: EWA form, unconverted lr = {LR:g}: max |Δ| = {control:.1e}")
EPS64_LOG2 = round(math.log2(torch.finfo(torch.float64).eps))  # -52
EPS32_LOG2 = round(math.log2(torch.finfo(torch.float32).eps))  # -23
