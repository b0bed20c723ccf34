# Seven optimizers from scratch, compared step by step with torch.optim over 100 steps
import torch
from torch import optim

torch.manual_seed(0)
# A small least-squares problem (float64, so that rounding errors are negligible)
X = torch.randn(100, 3, dtype=torch.float64)
y = X @ torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64) + 0.1 * torch.randn(100, dtype=torch.float64)


def grad(w):  # gradient of L(w) = mean((Xw - y)²); both sides use the same function
    return 2 / len(y) * X.T @ (X @ w - y)


# Each optimizer is just a function: parameter p, gradient g, state s, step t (from 1) → new parameter
def sgd(p, g, s, t, lr):
    return p - lr * g


def momentum(p, g, s, t, lr, beta=0.9):  # PyTorch's form: v = βv + g
    s["v"] = beta * s.get("v", 0) + g
    return p - lr * s["v"]


def momentum_ewa(p, g, s, t, lr, beta=0.9):  # the source's EWA form: v = βv + (1-β)g
    s["v"] = beta * s.get("v", 0) + (1 - beta) * g
    return p - lr * s["v"]


def nesterov(p, g, s, t, lr, beta=0.9):  # "look ahead" one step along the momentum
    s["v"] = beta * s.get("v", 0) + g
    return p - lr * (g + beta * s["v"])


def adagrad(p, g, s, t, lr, eps=1e-10):  # sum of all past squared gradients
    s["G"] = s.get("G", 0) + g * g
    return p - lr * g / (s["G"].sqrt() + eps)


def rmsprop(p, g, s, t, lr, alpha=0.99, eps=1e-8):  # EWA of the squared gradients
    s["E"] = alpha * s.get("E", 0) + (1 - alpha) * g * g
    return p - lr * g / (s["E"].sqrt() + eps)


def adam(p, g, s, t, lr, b1=0.9, b2=0.999, eps=1e-8):  # momentum + RMSProp + bias correction
    s["m"] = b1 * s.get("m", 0) + (1 - b1) * g
    s["v"] = b2 * s.get("v", 0) + (1 - b2) * g * g
    m_hat, v_hat = s["m"] / (1 - b1**t), s["v"] / (1 - b2**t)
    return p - lr * m_hat / (v_hat.sqrt() + eps)


def adamw(p, g, s, t, lr, wd=0.01):  # shrink the parameters first (decoupled weight decay), then Adam
    return adam(p * (1 - lr * wd), g, s, t, lr)


CASES = [  # name, our function, its learning rate, the matching PyTorch optimizer
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
    ours = torch.zeros(3, dtype=torch.float64)  # our implementation
    w = torch.zeros(3, dtype=torch.float64, requires_grad=True)  # PyTorch's implementation
    optimizer, state, diff = make([w]), {}, 0.0
    for t in range(1, STEPS + 1):
        ours = step(ours, grad(ours), state, t, lr)
        w.grad = grad(w.detach())
        optimizer.step()
        # In float64 the two paths differ by a few roundings (how many depends on the CPU's instruction set);
        # rounded to float32 and then compared, the result is the same on every machine
        diff = max(diff, (ours.float() - w.detach().float()).abs().max().item())
    return diff


for name, step, lr, make in CASES:
    diff = max_diff(step, lr, make)
    print(f"{name:12s} max |Δ| = {diff:.1e}  {'OK' if diff <= 1e-6 else 'FAIL'}")
diff = max_diff(momentum_ewa, 0.05, CASES[1][3])  # control: the EWA form with PyTorch's learning rate
print(f"Control: EWA form with the unconverted learning rate (lr = 0.05), max |Δ| = {diff:.1e}")
