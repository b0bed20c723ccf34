# Adam's bias correction: why an EWA started at 0 is divided by 1 − βᵗ
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

torch.manual_seed(0)
T, MEAN, NOISE = 100, 1.0, 0.3
BETAS, SHOW = (0.9, 0.99), (1, 10, 100)  # two βs; the steps printed
g = MEAN + NOISE * torch.randn(T)  # noisy "gradients" with known mean
t = torch.arange(1, T + 1)

uncorrected, corrected, weight_sum = [], [], []  # [β][step in SHOW]
fig, axes = plt.subplots(2, 1, figsize=(5.0, 5.4), sharex=True)
for ax, beta in zip(axes, BETAS):
    m, raw = torch.tensor(0.0), []
    for gt in g:  # Adam's m: m₀ = 0, mₜ = βmₜ₋₁ + (1 − β)gₜ
        m = beta * m + (1 - beta) * gt
        raw.append(m)
    raw = torch.stack(raw)
    fixed = raw / (1 - beta**t)  # bias correction
    uncorrected.append([raw[k - 1].item() for k in SHOW])
    corrected.append([fixed[k - 1].item() for k in SHOW])
    weight_sum.append([1 - beta**k for k in SHOW])
    for k in SHOW:
        print(f"β = {beta}, t = {k:3d}: uncorrected {raw[k - 1]:.3f}, "
              f"corrected {fixed[k - 1]:.3f}, 1 − βᵗ = {1 - beta**k:.3f}")
    ax.scatter(t, g, s=6, color="0.7", label="gₜ")
    ax.plot(t, raw, "--", color="tab:red", label="uncorrected mₜ")
    ax.plot(t, fixed, color="tab:blue", label="corrected mₜ / (1 − βᵗ)")
    ax.axhline(MEAN, color="k", linewidth=0.8, linestyle=":",
               label=f"true mean {MEAN:g}")
    ax.set_title(f"β = {beta}")
    ax.set_ylabel("value")
axes[-1].set_xlabel("step t")
fig.tight_layout()
fig.legend(*axes[0].get_legend_handles_labels(), loc="lower center",
           ncols=2, bbox_to_anchor=(0.5, -0.09))
plt.show()

# Adam's defaults; first step: m₁ = (1 − β₁)g₁, v₁ = (1 − β₂)g₁²
b1, b2 = 0.9, 0.999
first_ratio = (1 - b1) / (1 - b2) ** 0.5  # |m₁| / √v₁
print(f"Adam's first step without correction = lr × (1 − β₁)/√(1 − β₂) "
      f"= {first_ratio:.3f} × lr;\n  with correction = 1 × lr")
