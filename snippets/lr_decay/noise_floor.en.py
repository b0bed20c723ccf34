# Why decay helps: noisy mini-batches and the noise floor
import math

import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH
from torch.optim import lr_scheduler as S

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

# 0. Settings
N_SAMPLES, BATCH, MAX_EPOCH, LR = 256, 16, 30, 0.1
W_TRUE, NOISE = (2.0, -1.0), 0.5  # y = 2·x₁ − 1·x₂ + noise
STEP_SIZE, STEP_GAMMA = 5, 0.5  # StepLR
MILESTONES, MULTI_GAMMA = [12, 24], 0.2  # MultiStepLR
EXP_GAMMA = 0.85  # ExponentialLR
FLOOR_FROM = 5  # the floor: mean of L − L* from this epoch on

# 1. Noisy data, and L*, the lowest loss any w can reach on it
torch.manual_seed(0)
X = torch.randn(N_SAMPLES, 2, dtype=torch.float64)  # float64: L − L* is tiny
y = X @ torch.tensor(W_TRUE, dtype=X.dtype)
y = y + NOISE * torch.randn(N_SAMPLES, dtype=X.dtype)
w_best = torch.linalg.lstsq(X, y[:, None]).solution[:, 0]


def loss_fn(w, idx=slice(None)):  # half the mean squared error
    return ((X[idx] @ w - y[idx]) ** 2).mean() / 2


loss_best = loss_fn(w_best).item()

SCHEDULES = {  # name → scheduler for the optimizer (None: constant)
    "constant": lambda opt: None,
    "StepLR": lambda opt: S.StepLR(opt, STEP_SIZE, STEP_GAMMA),
    "MultiStepLR": lambda opt: S.MultiStepLR(opt, MILESTONES, MULTI_GAMMA),
    "ExponentialLR": lambda opt: S.ExponentialLR(opt, EXP_GAMMA),
    "CosineAnnealingLR": lambda opt: S.CosineAnnealingLR(opt, MAX_EPOCH),
}


# 2. One run: SGD on mini-batches, one scheduler.step() per epoch
def train(make_scheduler):
    w = torch.zeros(2, dtype=X.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=LR)
    scheduler = make_scheduler(optimizer)
    order = torch.Generator().manual_seed(1)  # the same batches each run
    lrs, excess = [], []
    for _ in range(MAX_EPOCH):
        lrs.append(optimizer.param_groups[0]["lr"])
        for idx in torch.randperm(N_SAMPLES, generator=order).split(BATCH):
            loss = loss_fn(w, idx)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        with torch.no_grad():  # L − L* on the whole data set
            excess.append(loss_fn(w).item() - loss_best)
        if scheduler is not None:
            scheduler.step()
    return lrs, excess


runs = [train(make) for make in SCHEDULES.values()]
final_lr = [lrs[-1] for lrs, _ in runs]
final_excess = [excess[-1] for _, excess in runs]
floor = sum(runs[0][1][FLOOR_FROM:]) / (MAX_EPOCH - FLOOR_FROM)
# each decay ends at least this many times below the floor
min_gain = min(floor / ex for ex in final_excess[1:])
gain_orders = math.floor(math.log10(min_gain))  # orders of magnitude
# the constant lr's best epoch from FLOOR_FROM on, and how many times
# lower each decay ends (at least)
const_best = min(runs[0][1][FLOOR_FROM:])
best_gain = min(const_best / ex for ex in final_excess[1:])
print(f"L* = {loss_best:.4f}; constant lr, from epoch {FLOOR_FROM} on: "
      f"mean L - L* = {floor:.1e}, lowest {const_best:.1e}")
print("  final lr   final L - L*   schedule")
for name, lr, ex in zip(SCHEDULES, final_lr, final_excess, strict=True):
    print(f"{lr:10.2g}{ex:15.1e}   {name}")

# 3. Learning rate (top), L − L* (bottom); dotted lines: decay epochs
fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(6.4, 5.2), sharex=True)
# the constant lr on top: others coincide with it at first
for k, (name, (lrs, excess)) in enumerate(zip(SCHEDULES, runs, strict=True)):
    top = 3 if k == 0 else 2
    (line,) = ax1.plot(lrs, drawstyle="steps-mid", label=name, zorder=top)
    ax2.plot(excess, color=line.get_color(), linewidth=1.2, zorder=top)
    if name in ("StepLR", "MultiStepLR"):
        for e in range(1, MAX_EPOCH):
            if lrs[e] < lrs[e - 1]:  # this epoch starts with a lower lr
                for ax in (ax1, ax2):
                    ax.axvline(e - 0.5, color=line.get_color(),
                               linestyle=":", linewidth=1)
ax2.axhline(floor, color="0.5", linestyle="--", linewidth=1,
            label="noise floor (constant lr)")
ax2.legend(fontsize=8, loc="upper right")
ax1.set_yscale("log")
ax1.set_ylabel("learning rate")
ax1.legend(fontsize=8, loc="lower left")
ax2.set_yscale("log")
ax2.set_xlabel("epoch")
ax2.set_ylabel("L − L* (whole data set)")
ax1.set_title("Constant learning rate vs. decay, noisy mini-batches")
plt.show()
