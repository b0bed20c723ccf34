# Learning-rate sensitivity: each optimizer runs 100 steps at each of 13 log-spaced learning rates
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]


# The functions from the first section, unchanged (they were shown to match torch.optim step for step).
# The learning rate is just a factor in the formulas: pass a column of 13 of them (shape 13×1),
# and the 13 runs happen together, in the same tensor operations
def sgd(p, g, s, t, lr):
    return p - lr * g


def momentum(p, g, s, t, lr, beta=0.9):  # PyTorch's form: v = βv + g
    s["v"] = beta * s.get("v", 0) + g
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


OPTIMIZERS = {"SGD": sgd, "Momentum": momentum, "Nesterov": nesterov, "AdaGrad": adagrad,
              "RMSProp": rmsprop, "Adam": adam, "AdamW": adamw}
# The race's bowl, turned by 45° and moved to C = (1, 1): curvatures still 0.2 and 4, axes no longer aligned
A = torch.tensor([[2.1, -1.9], [-1.9, 2.1]], dtype=torch.float64)  # f(p) = ½ (p − C)ᵀ A (p − C)
C = torch.tensor([1.0, 1.0], dtype=torch.float64)
START, STEPS, GOOD = (-8.0, -5.0), 100, 1e-3
LRS = 10 ** torch.linspace(-3, 1, 13, dtype=torch.float64)  # 1e-3 … 10, neighbours a factor 10^(1/3) apart


def loss_of(p):  # each row of p is one point; returns the loss of each row
    return 0.5 * (((p - C) @ A) * (p - C)).sum(dim=-1)


F0 = loss_of(torch.tensor(START, dtype=torch.float64)).item()
print(f"Loss at the start {F0:.3g}; after {STEPS} steps, loss < {GOOD:g} is good, above the start is diverged")
print("  optimizer     good         good lr range     best lr   diverges from")
plt.figure(figsize=(6.4, 4))
for name, step in OPTIMIZERS.items():
    p, state = torch.tensor(START, dtype=torch.float64).repeat(len(LRS), 1), {}  # 13 rows, one per learning rate
    for t in range(1, STEPS + 1):
        p = step(p, (p - C) @ A, state, t, LRS[:, None])  # (p − C) @ A: the gradient of each row
    lrs, losses = LRS.tolist(), loss_of(p).tolist()
    good = [lr for lr, loss in zip(lrs, losses, strict=True) if loss < GOOD]
    bad = [lr for lr, loss in zip(lrs, losses, strict=True) if not loss <= F0]  # inf and nan count as diverged
    span = f"{min(good):.2g} … {max(good):.2g}" if good else "—"
    diverge = f"{min(bad):.2g}" if bad else "never"
    best = lrs[min(range(len(lrs)), key=losses.__getitem__)]
    print(f"  {name:9s}{len(good):5d}/{len(lrs)}    {span:>14s}   {best:>8.2g}   {diverge:>10s}")
    kept = [(lr, loss) for lr, loss in zip(lrs, losses, strict=True) if loss <= F0]
    style = "--" if name in ("Nesterov", "AdamW") else "-"  # dashed: a curve close to the previous one
    plt.plot(*zip(*kept, strict=True), style, marker="o", markersize=3, label=name)
plt.axhline(GOOD, color="0.6", linestyle=":", label=f"good below {GOOD:g}")
plt.xscale("log")
plt.yscale("log")
plt.xlabel("learning rate lr")
plt.ylabel(f"loss after {STEPS} steps")
plt.title("Learning-rate sensitivity (bowl turned by 45°; diverged runs not drawn)")
plt.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
plt.show()
