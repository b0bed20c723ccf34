# 为什么要衰减学习率：带噪声的小批量与噪声基底
import math

import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH
from torch.optim import lr_scheduler as S

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

# 0. 参数设置
N_SAMPLES, BATCH, MAX_EPOCH, LR = 256, 16, 30, 0.1
W_TRUE, NOISE = (2.0, -1.0), 0.5  # y = 2·x₁ − 1·x₂ + 噪声
STEP_SIZE, STEP_GAMMA = 5, 0.5  # StepLR
MILESTONES, MULTI_GAMMA = [12, 24], 0.2  # MultiStepLR
EXP_GAMMA = 0.85  # ExponentialLR
FLOOR_FROM = 5  # 噪声基底：从这个 epoch 起 L − L* 的均值

# 1. 带噪声的数据；L* 是任何 w 在这份数据上能达到的最低损失
torch.manual_seed(0)
X = torch.randn(N_SAMPLES, 2, dtype=torch.float64)  # float64：L − L* 很小
y = X @ torch.tensor(W_TRUE, dtype=X.dtype)
y = y + NOISE * torch.randn(N_SAMPLES, dtype=X.dtype)
w_best = torch.linalg.lstsq(X, y[:, None]).solution[:, 0]


def loss_fn(w, idx=slice(None)):  # 均方误差的一半
    return ((X[idx] @ w - y[idx]) ** 2).mean() / 2


loss_best = loss_fn(w_best).item()

SCHEDULES = {  # 名字 → 给优化器配调度器（None：学习率不变）
    "恒定学习率": lambda opt: None,
    "StepLR": lambda opt: S.StepLR(opt, STEP_SIZE, STEP_GAMMA),
    "MultiStepLR": lambda opt: S.MultiStepLR(opt, MILESTONES, MULTI_GAMMA),
    "ExponentialLR": lambda opt: S.ExponentialLR(opt, EXP_GAMMA),
    "CosineAnnealingLR": lambda opt: S.CosineAnnealingLR(opt, MAX_EPOCH),
}


# 2. 一次训练：小批量 SGD，每个 epoch 调用一次 scheduler.step()
def train(make_scheduler):
    w = torch.zeros(2, dtype=X.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=LR)
    scheduler = make_scheduler(optimizer)
    order = torch.Generator().manual_seed(1)  # 每次训练的小批量都相同
    lrs, excess = [], []
    for _ in range(MAX_EPOCH):
        lrs.append(optimizer.param_groups[0]["lr"])
        for idx in torch.randperm(N_SAMPLES, generator=order).split(BATCH):
            loss = loss_fn(w, idx)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        with torch.no_grad():  # 整个数据集上的 L − L*
            excess.append(loss_fn(w).item() - loss_best)
        if scheduler is not None:
            scheduler.step()
    return lrs, excess


runs = [train(make) for make in SCHEDULES.values()]
final_lr = [lrs[-1] for lrs, _ in runs]
final_excess = [excess[-1] for _, excess in runs]
floor = sum(runs[0][1][FLOOR_FROM:]) / (MAX_EPOCH - FLOOR_FROM)
# 每种衰减最后都比噪声基底低至少这么多倍
min_gain = min(floor / ex for ex in final_excess[1:])
gain_orders = math.floor(math.log10(min_gain))  # 几个数量级
# 恒定学习率从 FLOOR_FROM 起最好的一个 epoch，
# 以及各衰减调度最后至少低多少倍
const_best = min(runs[0][1][FLOOR_FROM:])
best_gain = min(const_best / ex for ex in final_excess[1:])
print(f"L* = {loss_best:.4f}；恒定学习率从 epoch {FLOOR_FROM} 起："
      f"L - L* 的均值 = {floor:.1e}，最低 {const_best:.1e}")
print("   最终 lr    最终 L - L*   调度")
for name, lr, ex in zip(SCHEDULES, final_lr, final_excess, strict=True):
    print(f"{lr:10.2g}{ex:15.1e}   {name}")

# 3. 上图学习率，下图 L − L*；点线：学习率下降的 epoch
fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(6.4, 5.2), sharex=True)
# 恒定学习率画在最上层：其他曲线起初与它重合
for k, (name, (lrs, excess)) in enumerate(zip(SCHEDULES, runs, strict=True)):
    top = 3 if k == 0 else 2
    (line,) = ax1.plot(lrs, drawstyle="steps-mid", label=name, zorder=top)
    ax2.plot(excess, color=line.get_color(), linewidth=1.2, zorder=top)
    if name in ("StepLR", "MultiStepLR"):
        for e in range(1, MAX_EPOCH):
            if lrs[e] < lrs[e - 1]:  # 这个 epoch 开始时学习率变小
                for ax in (ax1, ax2):
                    ax.axvline(e - 0.5, color=line.get_color(),
                               linestyle=":", linewidth=1)
ax2.axhline(floor, color="0.5", linestyle="--", linewidth=1,
            label="噪声基底（恒定学习率）")
ax2.legend(fontsize=8, loc="upper right")
ax1.set_yscale("log")
ax1.set_ylabel("学习率")
ax1.legend(fontsize=8, loc="lower left")
ax2.set_yscale("log")
ax2.set_xlabel("epoch")
ax2.set_ylabel("L − L*（整个数据集）")
ax1.set_title("带噪声的小批量：恒定学习率与学习率衰减")
plt.show()
