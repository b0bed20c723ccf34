# 学习率敏感性：7 个优化器 × 13 个对数间隔的学习率
import math

import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

BETA, WD = 0.9, 0.01  # 动量系数 β、AdamW 的 λ（与第一节相同）


# 第一节的函数，一字未改：它们与 torch.optim 逐步一致。
# 学习率在公式里只是一个乘数。传入一列学习率（形状 13×1），
# 13 次训练在同一组张量运算里同时完成。
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


OPTIMIZERS = {"SGD": sgd, "Momentum": momentum, "Nesterov": nesterov,
              "AdaGrad": adagrad, "RMSProp": rmsprop, "Adam": adam,
              "AdamW": adamw}
# 每个优化器一种颜色；SGD、Momentum、AdaGrad、Adam 的颜色
# 与“梯度下降的优化方法”一章相同
COLORS = {"SGD": "tab:red", "Momentum": "tab:blue", "Nesterov": "tab:orange",
          "AdaGrad": "tab:purple", "RMSProp": "tab:brown", "Adam": "tab:green",
          "AdamW": "tab:pink"}
# 把赛跑里的碗转 ANGLE 度，最小值移到 C = (1, 1)：
# f(p) = ½ (p − C)ᵀ A (p − C)，曲率仍是 0.2 和 4
ANGLE, CURV = 45, (0.2, 4.0)
c, s = math.cos(math.radians(ANGLE)), math.sin(math.radians(ANGLE))
R = torch.tensor([[c, -s], [s, c]], dtype=torch.float64)
A = R @ torch.diag(torch.tensor(CURV, dtype=torch.float64)) @ R.T
C = torch.tensor([1.0, 1.0], dtype=torch.float64)
START, STEPS, GOOD = (-8.0, -5.0), 100, 1e-3
N_LR = 13  # 1e-3 … 10，相邻两个差 10^(1/3) 倍
LRS = 10 ** torch.linspace(-3, 1, N_LR, dtype=torch.float64)


def loss_of(p):  # p 的每一行是一个参数点；返回每一行的损失
    return 0.5 * (((p - C) @ A) * (p - C)).sum(dim=-1)


F0 = loss_of(torch.tensor(START, dtype=torch.float64)).item()
print(f"起点的损失 {F0:.3g}；{STEPS} 步后损失 < {GOOD:g} 算达标，"
      f"比起点还大算发散")
print("  优化器     达标数     达标的学习率   最好的 lr        发散起点")
n_good, good_lo, good_hi, best_lr, diverge_lr = [], [], [], [], []
plt.figure(figsize=(5.2, 5.2))
for name, step in OPTIMIZERS.items():
    # N_LR 行，每行对应一个学习率
    p = torch.tensor(START, dtype=torch.float64).repeat(N_LR, 1)
    state = {}
    for t in range(1, STEPS + 1):
        # (p − C) @ A：每一行的梯度
        p = step(p, (p - C) @ A, state, t, LRS[:, None])
    lrs, losses = LRS.tolist(), loss_of(p).tolist()
    good = [lr for lr, loss in zip(lrs, losses) if loss < GOOD]
    # 比起点还大算发散；inf 与 nan 也算
    bad = [lr for lr, loss in zip(lrs, losses) if not loss <= F0]
    best = lrs[min(range(N_LR), key=losses.__getitem__)]
    n_good.append(len(good))
    good_lo.append(min(good, default=math.nan))
    good_hi.append(max(good, default=math.nan))
    best_lr.append(best)
    diverge_lr.append(min(bad, default=math.inf))
    span = f"{min(good):.2g} … {max(good):.2g}" if good else "—"
    diverge = f"{min(bad):.2g}" if bad else "—"  # —：没有发散
    print(f"  {name:9s}{len(good):>5d}/{N_LR:<3d}{span:>16s}"
          f"{best:>12.2g}{diverge:>16s}")
    kept = [(lr, loss) for lr, loss in zip(lrs, losses) if loss <= F0]
    # 虚线：与前一条很接近的曲线
    style = "--" if name in ("Nesterov", "AdamW") else "-"
    plt.plot(*zip(*kept), style, color=COLORS[name], marker="o",
             markersize=3, label=name)
plt.axhline(GOOD, color="0.6", linestyle=":", label=f"达标线 {GOOD:g}")
plt.xscale("log")
plt.yscale("log")
plt.xlabel("学习率 lr")
plt.ylabel(f"{STEPS} 步后的损失")
plt.title("学习率敏感性\n（转过的病态碗；发散的点不画）")
plt.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=3)
plt.show()

# 正文里的数字：这个二次函数上的稳定性界限
lam_min, lam_max = torch.linalg.eigvalsh(A).tolist()
lam_sum = lam_min + lam_max
sgd_limit = 2 / lam_max  # 学习率超过它，SGD 就发散
mom_limit = 2 * (1 + BETA) / lam_max  # Momentum 的界限
nest_limit = 2 * (1 + BETA) / ((1 + 2 * BETA) * lam_max)  # Nesterov 的界限
sgd_best = 2 / lam_sum  # SGD 的最佳学习率
# AdaGrad：梯度大小不变时，第 t 步的步长是 lr/√t
adagrad_sum = sum(1 / math.sqrt(t) for t in range(1, STEPS + 1))
start_gap = (torch.tensor(START, dtype=torch.float64) - C).abs().max().item()
adagrad_need = start_gap / adagrad_sum  # 学习率更小就走不到
lr_max = LRS[-1].item()
adamw_shrink = lr_max * WD  # AdamW 每步把 p 缩小这个比例
RMS_ALPHA = 0.99  # RMSProp 的 β（PyTorch 的 alpha），与上面 rmsprop() 相同
rms_bound = 1 / math.sqrt(1 - RMS_ALPHA)  # RMSProp：|步长| ≤ lr/√(1 − α)
# Adam：长时间平稳后突然来一个大梯度
adam_spike = (1 - 0.9) / math.sqrt(1 - 0.999)
# 最大可能的倍数（柯西-施瓦茨不等式）：梯度每步增大 β₂/β₁ 倍时趋近它
adam_bound = (1 - 0.9) / math.sqrt((1 - 0.999) * (1 - 0.9**2 / 0.999))


# 用 torch.optim.Adam 实测；Adam 对每个分量分别计算：
# 分量 0 一直得到零梯度，最后一步才得到大小为 1 的梯度（突然变大）；
# 分量 1 先得到 CALM 个大小为 1 的梯度，然后 50 个每步增大 β₂/β₁ 倍的梯度。
CALM = 5000  # 之前的步数，足够长，偏差修正 ≈ 1
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
print(f"Adam 的步长 / lr，{len(grads) - 1} 个零梯度之后的一个梯度："
      f"{adam_after_spike:.3f}\n  梯度每步增大 β₂/β₁ = {growth:.3f} 倍、"
      f"连续 50 步：{adam_after_growth:.3f}（上界 {adam_bound:.3f}）")
