# Adam 的偏差修正：从 0 开始的指数加权平均为什么要除以 1 − βᵗ
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

torch.manual_seed(0)
T, MEAN, NOISE = 100, 1.0, 0.3
BETAS, SHOW = (0.9, 0.99), (1, 10, 100)  # 两个 β；打印哪几步
g = MEAN + NOISE * torch.randn(T)  # 均值已知的带噪声“梯度”
t = torch.arange(1, T + 1)

uncorrected, corrected, weight_sum = [], [], []  # [β][SHOW 中的步]
fig, axes = plt.subplots(2, 1, figsize=(5.0, 5.4), sharex=True)
for ax, beta in zip(axes, BETAS):
    m, raw = torch.tensor(0.0), []
    for gt in g:  # Adam 的 m：m₀ = 0，mₜ = βmₜ₋₁ + (1 − β)gₜ
        m = beta * m + (1 - beta) * gt
        raw.append(m)
    raw = torch.stack(raw)
    fixed = raw / (1 - beta**t)  # 偏差修正
    uncorrected.append([raw[k - 1].item() for k in SHOW])
    corrected.append([fixed[k - 1].item() for k in SHOW])
    weight_sum.append([1 - beta**k for k in SHOW])
    for k in SHOW:
        print(f"β = {beta}，t = {k:3d}：未修正 {raw[k - 1]:.3f}，"
              f"修正后 {fixed[k - 1]:.3f}，1 − βᵗ = {1 - beta**k:.3f}")
    ax.scatter(t, g, s=6, color="0.7", label="gₜ")
    ax.plot(t, raw, "--", color="tab:red", label="未修正 mₜ")
    ax.plot(t, fixed, color="tab:blue", label="修正后 mₜ / (1 − βᵗ)")
    ax.axhline(MEAN, color="k", linewidth=0.8, linestyle=":",
               label=f"真实均值 {MEAN:g}")
    ax.set_title(f"β = {beta}")
    ax.set_ylabel("数值")
axes[-1].set_xlabel("步数 t")
fig.tight_layout()
fig.legend(*axes[0].get_legend_handles_labels(), loc="lower center",
           ncols=2, bbox_to_anchor=(0.5, -0.09))
plt.show()

# Adam 的默认值；第一步 m₁ = (1 − β₁)g₁，v₁ = (1 − β₂)g₁²
b1, b2 = 0.9, 0.999
first_ratio = (1 - b1) / (1 - b2) ** 0.5  # |m₁| / √v₁
print(f"不修正时 Adam 第一步的步长 = lr × (1 − β₁)/√(1 − β₂) "
      f"= {first_ratio:.3f} × lr；\n  修正后 = 1 × lr")
