# 更多学习率调度器：学习率曲线，以及同一个逻辑回归在各调度器下的损失
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH
from torch import optim
from torch.optim import lr_scheduler as S

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

torch.manual_seed(0)
N, D, BATCH, EPOCHS, LR, MOMENTUM = 200, 4, 20, 30, 1.0, 0.9
WARMUP, START_FACTOR = 5, 0.1  # 预热：5 个 epoch，从 0.1 × LR 开始
FACTOR, PATIENCE = 0.5, 2  # ReduceLROnPlateau
REPORT = (1, 5, 15, 30)  # 打印这几个 epoch 的学习率
# 四个特征的尺度从 3.2 到 0.32
X = torch.randn(N, D) * torch.logspace(0.5, -0.5, D)
# 带标签噪声的二分类数据
y = (X @ torch.randn(D) + 0.5 * torch.randn(N) > 0).float()


def bce(z, target):  # 二分类交叉熵，与下面的函数是同一个式子：
    # F.binary_cross_entropy_with_logits(z, target)
    return (F.softplus(z) - target * z).mean()


def warmup_cosine(opt):
    warm = S.LinearLR(opt, start_factor=START_FACTOR, total_iters=WARMUP)
    cosine = S.CosineAnnealingLR(opt, T_max=EPOCHS - WARMUP)
    return S.SequentialLR(opt, [warm, cosine], milestones=[WARMUP])


SCHEDULES = {  # 名字 → 给优化器配调度器（None：学习率不变）
    "恒定学习率": lambda opt: None,
    "CosineAnnealingLR": lambda opt: S.CosineAnnealingLR(opt, T_max=EPOCHS),
    "预热 + 余弦": warmup_cosine,
    "OneCycleLR": lambda opt: S.OneCycleLR(opt, max_lr=LR,
                                           total_steps=EPOCHS),
    "ReduceLROnPlateau": lambda opt: S.ReduceLROnPlateau(
        opt, factor=FACTOR, patience=PATIENCE),
}
history = []
for make in SCHEDULES.values():
    w = torch.zeros(D, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    optimizer = optim.SGD([w, b], lr=LR, momentum=MOMENTUM)
    scheduler = make(optimizer)
    order = torch.Generator().manual_seed(0)  # 每次训练的小批量顺序都相同
    lrs, losses = [], []
    for _ in range(EPOCHS):
        lrs.append(optimizer.param_groups[0]["lr"])
        for idx in torch.randperm(N, generator=order).split(BATCH):
            loss = bce(X[idx] @ w + b, y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()  # 先更新参数……
        with torch.no_grad():  # 整个训练集上的损失
            losses.append(bce(X @ w + b, y).item())
        if isinstance(scheduler, S.ReduceLROnPlateau):
            scheduler.step(losses[-1])  # ……再更新学习率；它要看损失
        elif scheduler is not None:
            scheduler.step()
    history.append((lrs, losses))

lr_at = [[lrs[e - 1] for e in REPORT] for lrs, _ in history]
final_loss = [losses[-1] for _, losses in history]
lowest_loss = [min(losses) for _, losses in history]
print("lr@e：第 e 个 epoch 的学习率")
print("".join(f"{f'lr@{e}':>8s}" for e in REPORT)
      + "     最终     最低   调度")
for name, lrs, last, low in zip(SCHEDULES, lr_at, final_loss, lowest_loss):
    print("".join(f"{lr:8.3g}" for lr in lrs)
          + f"{last:9.4f}{low:9.4f}   {name}")

loss_epoch2 = [losses[1] for _, losses in history]  # 第 2 个 epoch 之后的损失
plateau_lrs = sorted(set(history[4][0]), reverse=True)  # 1, 0.5, 0.25

epochs = range(1, EPOCHS + 1)
plt.figure(figsize=(6.4, 3.6))
# 恒定学习率画在最上层：其他曲线起初与它重合
for k, (name, (lrs, _)) in enumerate(zip(SCHEDULES, history)):
    plt.plot(epochs, lrs, label=name, zorder=3 if k == 0 else 2)
plt.xlabel("轮次 epoch")
plt.ylabel("学习率")
plt.title(f"五种学习率调度（基础学习率 {LR:g}）")
plt.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=3)
plt.show()

plt.figure(figsize=(6.4, 3.6))
for k, (name, (_, losses)) in enumerate(zip(SCHEDULES, history)):
    plt.plot(epochs, losses, label=name, zorder=3 if k == 0 else 2)
plt.xlabel("轮次 epoch")
plt.ylabel("训练集上的损失")
plt.title("同一个逻辑回归，不同的学习率调度")
plt.legend(fontsize=8)
plt.show()
