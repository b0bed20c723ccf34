# The weights of an exponentially weighted average: how much each day counts
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font instead of SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

DAYS = 30
betas = [0.5, 0.9]
days = torch.arange(1, DAYS + 1)


def weights(beta, t):
    """With S1 = Y1: the weights of days 1…t in S_t (unrolled recursion)."""
    k = t - days[:t]  # days ago: today is k = 0
    w = (1 - beta) * beta ** k.double()  # weight of k days ago: (1-β)·β^k
    w[0] = beta ** (t - 1)  # day 1: S1 = Y1, so its weight is β^(t-1)
    return w


recent = [[(1 - b) * b**k for k in range(3)] for b in betas]  # last 3 days
windows = [round(1 / (1 - b)) for b in betas]  # effective window 1/(1-β)
shares = [1 - b**n for b, n in zip(betas, windows)]  # weight inside it
first_day = [weights(b, DAYS)[0].item() for b in betas]  # weight of day 1
totals = [weights(b, DAYS).sum().item() for b in betas]  # sum of weights

for b, r, n, s, f in zip(betas, recent, windows, shares, first_day):
    print(f"β = {b}: weights of today, 1 and 2 days ago {r[0]:.3f}, "
          f"{r[1]:.3f}, {r[2]:.3f}")
    print(f"  effective window 1/(1-β) = {n} days; these {n} days weigh "
          f"{s:.3f}, day 1 {f:.2g}")
print(f"Sum of all weights in the average of day {DAYS}: {totals[0]:.6f}, "
      f"{totals[1]:.6f}")

fig, axes = plt.subplots(1, 2, figsize=(9, 3.2), sharey=True)
for ax, b, n in zip(axes, betas, windows):
    w = weights(b, DAYS).numpy()
    ax.bar(days.numpy(), w, color="tab:blue",
           label=f"days 2–{DAYS}: (1−β)·βᵏ")
    ax.bar(days[:1].numpy(), w[:1], color="tab:orange",
           label="day 1: βᵗ⁻¹")
    ax.axvspan(DAYS - n + 0.5, DAYS + 0.5, color="0.85", zorder=0,
               label=f"last 1/(1−β) = {n} days")
    ax.set_title(f"β = {b}")
    ax.set_xlabel("day")
    ax.legend(fontsize=8, loc="upper left")
axes[0].set_ylabel("weight")
fig.suptitle(f"Weight of each day in the average of day {DAYS}")
plt.tight_layout()
plt.show()
