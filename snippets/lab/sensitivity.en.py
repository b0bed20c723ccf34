# Learning-rate sensitivity: 7 optimizers × 13 log-spaced learning rates
import math

import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

BETA, WD = 0.9, 0.01  # momentum β, AdamW's λ (as in the first section)


# The functions of the first section, unchanged: they match torch.optim.
# The learning rate is only a factor in them, so a column of 13 learning
# rates (shape 13×1) runs 13 training runs in the same tensor operations.
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


OPTIMIZERS = {"SGD": sgd, "Momentum": momentum, "Nesterov": nesterov,
              "AdaGrad": adagrad, "RMSProp": rmsprop, "Adam": adam,
              "AdamW": adamw}
# one colour per optimizer; SGD, Momentum, AdaGrad and Adam as on the
# optimizers page
COLORS = {"SGD": "tab:red", "Momentum": "tab:blue", "Nesterov": "tab:orange",
          "AdaGrad": "tab:purple", "RMSProp": "tab:brown", "Adam": "tab:green",
          "AdamW": "tab:pink"}
# The race's bowl, turned by ANGLE degrees and moved to C = (1, 1):
# f(p) = ½ (p − C)ᵀ A (p − C), curvatures still 0.2 and 4
ANGLE, CURV = 45, (0.2, 4.0)
c, s = math.cos(math.radians(ANGLE)), math.sin(math.radians(ANGLE))
R = torch.tensor([[c, -s], [s, c]], dtype=torch.float64)
A = R @ torch.diag(torch.tensor(CURV, dtype=torch.float64)) @ R.T
C = torch.tensor([1.0, 1.0], dtype=torch.float64)
START, STEPS, GOOD = (-8.0, -5.0), 100, 1e-3
N_LR = 13  # 1e-3 … 10, neighbours a factor 10^(1/3) apart
LRS = 10 ** torch.linspace(-3, 1, N_LR, dtype=torch.float64)


def loss_of(p):  # each row of p is one point; returns each row's loss
    return 0.5 * (((p - C) @ A) * (p - C)).sum(dim=-1)


F0 = loss_of(torch.tensor(START, dtype=torch.float64)).item()
print(f"Loss at the start {F0:.3g}; after {STEPS} steps a loss < {GOOD:g} "
      f"is good,\n  a loss above the start has diverged")
print("  optimizer    good    good lr range     best lr     diverges at")
n_good, good_lo, good_hi, best_lr, diverge_lr = [], [], [], [], []
plt.figure(figsize=(5.2, 5.2))
for name, step in OPTIMIZERS.items():
    # N_LR rows, one per learning rate
    p = torch.tensor(START, dtype=torch.float64).repeat(N_LR, 1)
    state = {}
    for t in range(1, STEPS + 1):
        # (p − C) @ A: the gradient of each row
        p = step(p, (p - C) @ A, state, t, LRS[:, None])
    lrs, losses = LRS.tolist(), loss_of(p).tolist()
    good = [lr for lr, loss in zip(lrs, losses) if loss < GOOD]
    # diverged: above the start; inf and nan count too
    bad = [lr for lr, loss in zip(lrs, losses) if not loss <= F0]
    best = lrs[min(range(N_LR), key=losses.__getitem__)]
    n_good.append(len(good))
    good_lo.append(min(good, default=math.nan))
    good_hi.append(max(good, default=math.nan))
    best_lr.append(best)
    diverge_lr.append(min(bad, default=math.inf))
    span = f"{min(good):.2g} … {max(good):.2g}" if good else "—"
    diverge = f"{min(bad):.2g}" if bad else "—"  # —: none diverged
    print(f"  {name:9s}{len(good):>5d}/{N_LR:<3d}{span:>16s}"
          f"{best:>12.2g}{diverge:>16s}")
    kept = [(lr, loss) for lr, loss in zip(lrs, losses) if loss <= F0]
    # dashed: a curve close to the previous one
    style = "--" if name in ("Nesterov", "AdamW") else "-"
    plt.plot(*zip(*kept), style, color=COLORS[name], marker="o",
             markersize=3, label=name)
plt.axhline(GOOD, color="0.6", linestyle=":", label=f"good below {GOOD:g}")
plt.xscale("log")
plt.yscale("log")
plt.xlabel("learning rate lr")
plt.ylabel(f"loss after {STEPS} steps")
plt.title("Learning-rate sensitivity\n(turned bowl; diverged runs not drawn)")
plt.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=3)
plt.show()

# Numbers for the text: stability limits on this quadratic
lam_min, lam_max = torch.linalg.eigvalsh(A).tolist()
lam_sum = lam_min + lam_max
sgd_limit = 2 / lam_max  # SGD diverges above this
mom_limit = 2 * (1 + BETA) / lam_max  # Momentum
nest_limit = 2 * (1 + BETA) / ((1 + 2 * BETA) * lam_max)  # Nesterov
sgd_best = 2 / lam_sum  # SGD's best learning rate
# AdaGrad: with a gradient of constant size, step t is lr/√t
adagrad_sum = sum(1 / math.sqrt(t) for t in range(1, STEPS + 1))
start_gap = (torch.tensor(START, dtype=torch.float64) - C).abs().max().item()
adagrad_need = start_gap / adagrad_sum  # smaller lr: cannot get there
lr_max = LRS[-1].item()
adamw_shrink = lr_max * WD  # AdamW shrinks p by this fraction per step
RMS_ALPHA = 0.99  # RMSProp's β (PyTorch's alpha), as in rmsprop() above
rms_bound = 1 / math.sqrt(1 - RMS_ALPHA)  # RMSProp: |step| ≤ lr/√(1 − α)
# Adam: one large gradient after a long calm stretch
adam_spike = (1 - 0.9) / math.sqrt(1 - 0.999)
# the most it can be (Cauchy–Schwarz): gradients growing by β₂/β₁ per step
adam_bound = (1 - 0.9) / math.sqrt((1 - 0.999) * (1 - 0.9**2 / 0.999))


# Measured with torch.optim.Adam, which works on each coordinate alone:
# coordinate 0 gets zero gradients, then a single gradient of 1 (a spike);
# coordinate 1 gets CALM gradients of 1, then 50 growing by β₂/β₁.
CALM = 5000  # steps before, long enough that bias correction ≈ 1
growth = 0.999 / 0.9  # β₂/β₁
grads = torch.tensor([[0.0, 1.0]] * CALM
                     + [[0.0, growth**k] for k in range(1, 50)]
                     + [[1.0, growth**50]], dtype=torch.float64)
p = torch.zeros(2, dtype=torch.float64)
optimizer = torch.optim.Adam([p], lr=1.0)
for g in grads:
    before = p.clone()
    p.grad = g
    optimizer.step()
adam_after_spike, adam_after_growth = (p - before).abs().tolist()  # / lr
print(f"Adam's step / lr, one gradient after {len(grads) - 1} zero gradients: "
      f"{adam_after_spike:.3f}\n  gradients growing by β₂/β₁ = {growth:.3f} "
      f"for 50 steps: {adam_after_growth:.3f} (bound {adam_bound:.3f})")
