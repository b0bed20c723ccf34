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
N, D, BATCH, EPOCHS, LR = 200, 4, 20, 30, 1.0
X = torch.randn(N, D) * torch.logspace(0.5, -0.5, D)  # 四个特征的尺度从 3.2 到 0.32
y = (X @ torch.randn(D) + 0.5 * torch.randn(N) > 0).float()  # 带标签噪声的二分类数据


def bce(z, target):  # 二分类交叉熵：与 F.binary_cross_entropy_with_logits(z, target) 是同一个式子
    return (F.softplus(z) - target * z).mean()


SCHEDULES = {  # 名字 → 给优化器配一个调度器（None：学习率不变）
    "恒定学习率": lambda opt: None,
    "CosineAnnealingLR": lambda opt: S.CosineAnnealingLR(opt, T_max=EPOCHS),
    "预热 5 轮 + 余弦": lambda opt: S.SequentialLR(opt, [S.LinearLR(opt, start_factor=0.1, total_iters=5),
                                                      S.CosineAnnealingLR(opt, T_max=EPOCHS - 5)], milestones=[5]),
    "OneCycleLR": lambda opt: S.OneCycleLR(opt, max_lr=LR, total_steps=EPOCHS),
    "ReduceLROnPlateau": lambda opt: S.ReduceLROnPlateau(opt, factor=0.5, patience=2),
}
history = {}
for name, make in SCHEDULES.items():
    w = torch.zeros(D, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    optimizer = optim.SGD([w, b], lr=LR, momentum=0.9)
    scheduler = make(optimizer)
    order = torch.Generator().manual_seed(0)  # 每个调度器看到同样顺序的小批量
    lrs, losses = [], []
    for _ in range(EPOCHS):
        lrs.append(optimizer.param_groups[0]["lr"])
        for idx in torch.randperm(N, generator=order).split(BATCH):
            loss = bce(X[idx] @ w + b, y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()  # 先更新参数……
        with torch.no_grad():
            losses.append(bce(X @ w + b, y).item())  # 整个训练集上的损失
        if isinstance(scheduler, S.ReduceLROnPlateau):
            scheduler.step(losses[-1])  # ……再更新学习率；它要看损失是否停滞
        elif scheduler is not None:
            scheduler.step()
    history[name] = lrs, losses
    print(f"{name:18s} 第 1/5/15/30 轮的学习率 "
          + " / ".join(f"{lrs[k]:.3g}" for k in (0, 4, 14, 29))
          + f"，最终损失 {losses[-1]:.4f}，最低 {min(losses):.4f}")

epochs = range(1, EPOCHS + 1)
plt.figure(figsize=(6.4, 3.6))
for name, (lrs, _) in history.items():
    plt.plot(epochs, lrs, label=name)
plt.xlabel("轮次 epoch")
plt.ylabel("学习率")
plt.title(f"五种学习率调度（基础学习率 {LR:g}）")
plt.legend(fontsize=8)
plt.show()

plt.figure(figsize=(6.4, 3.6))
for name, (_, losses) in history.items():
    plt.plot(epochs, losses, label=name)
plt.xlabel("轮次 epoch")
plt.ylabel("训练集上的损失")
plt.title("同一个逻辑回归，不同的学习率调度")
plt.legend(fontsize=8)
plt.show()
