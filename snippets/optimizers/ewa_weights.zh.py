# 指数加权平均的权重：第 t 天的平均值里，每一天各占多少
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体，代替 Windows 的 SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

DAYS = 30
betas = [0.5, 0.9]
days = torch.arange(1, DAYS + 1)


def weights(beta, t):
    """S1 = Y1 时，S_t 里第 1…t 天的权重（展开递推式得到）。"""
    k = t - days[:t]  # 几天前：今天 k = 0
    w = (1 - beta) * beta ** k.double()  # k 天前的权重 (1-β)·β^k
    w[0] = beta ** (t - 1)  # 第 1 天：S1 = Y1，权重是 β^(t-1)
    return w


recent = [[(1 - b) * b**k for k in range(3)] for b in betas]  # 最近 3 天
windows = [round(1 / (1 - b)) for b in betas]  # 有效窗口 1/(1-β) 天
shares = [1 - b**n for b, n in zip(betas, windows)]  # 窗口内的权重之和
first_day = [weights(b, DAYS)[0].item() for b in betas]  # 第 1 天的权重
totals = [weights(b, DAYS).sum().item() for b in betas]  # 权重之和

for b, r, n, s, f in zip(betas, recent, windows, shares, first_day):
    print(f"β = {b}：今天、1 天前、2 天前的权重 {r[0]:.3f}、{r[1]:.3f}、"
          f"{r[2]:.3f}")
    print(f"  有效窗口 1/(1-β) = {n} 天，这 {n} 天的权重之和 {s:.3f}；"
          f"第 1 天的权重 {f:.2g}")
print(f"第 {DAYS} 天的平均值里所有权重之和：{totals[0]:.6f}，{totals[1]:.6f}")

fig, axes = plt.subplots(1, 2, figsize=(9, 3.2), sharey=True)
for ax, b, n in zip(axes, betas, windows):
    w = weights(b, DAYS).numpy()
    ax.bar(days.numpy(), w, color="tab:blue",
           label=f"第 2～{DAYS} 天：(1−β)·βᵏ")
    ax.bar(days[:1].numpy(), w[:1], color="tab:orange",
           label="第 1 天：βᵗ⁻¹")
    ax.axvspan(DAYS - n + 0.5, DAYS + 0.5, color="0.85", zorder=0,
               label=f"最近 1/(1−β) = {n} 天")
    ax.set_title(f"β = {b}")
    ax.set_xlabel("天")
    ax.legend(fontsize=8, loc="upper left")
axes[0].set_ylabel("权重")
fig.suptitle(f"第 {DAYS} 天的平均值里各天的权重")
plt.tight_layout()
plt.show()
