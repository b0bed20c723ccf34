# BGD、SGD、Mini-Batch：同一个线性回归问题，只有批量大小不同
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体，替代原文的 SimHei
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

# 合成数据：y = 2x + 1 再加一点噪声
torch.manual_seed(0)
n_samples = 100
slope, intercept, noise = 2.0, 1.0, 0.5
x = torch.randn(n_samples, 1)
y = slope * x + intercept + noise * torch.randn(n_samples, 1)
dataset = TensorDataset(x, y)
epochs, lr = 10, 0.05
mb_size = 16  # Mini-Batch 的批量大小
mb_full = n_samples // mb_size  # 装满的 batch 数
mb_last = n_samples - mb_full * mb_size  # 最后一个 batch 的样本数


def train(batch_size):
    """训练 epochs 个 epoch；每次更新后记录整个训练集上的损失。"""
    torch.manual_seed(1)  # 同样的初始参数、同样的打乱顺序
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True)
    with torch.no_grad():
        losses = [loss_fn(model(x), y).item()]  # 训练前的损失
    for _ in range(epochs):
        for xb, yb in loader:  # 一次 iteration：用一个 batch 更新一次参数
            loss = loss_fn(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                losses.append(loss_fn(model(x), y).item())
    return losses, len(loader)


methods = [  # 名称、批量大小、颜色、图例中的名称
    ("BGD", n_samples, "tab:blue", "BGD"),
    ("SGD", 1, "tab:red", "SGD"),
    ("Mini-Batch", mb_size, "tab:green", "小批量"),
]
batch_sizes = [b for _, b, _, _ in methods]
per_epoch, totals = [], []
last_min, last_max, finals = [], [], []

plt.figure(figsize=(6, 4))
for name, batch_size, color, label in methods:
    losses, updates = train(batch_size)
    # 最后一个 epoch 开始时的损失，和其中每次更新后的损失
    last_epoch = torch.tensor(losses[-updates - 1:])
    per_epoch.append(updates)
    totals.append(epochs * updates)
    last_min.append(last_epoch.min().item())
    last_max.append(last_epoch.max().item())
    finals.append(losses[-1])
    print(f"{name:<10} 批量大小 = {batch_size:>3}："
          f"每个 epoch 更新 {updates:>3} 次，共 {totals[-1]:>4} 次；\n"
          f"{'':<10} 最后一个 epoch 内损失在 {last_min[-1]:.4f} 到 "
          f"{last_max[-1]:.4f} 之间，最终 {finals[-1]:.4f}")
    # 第 k 次更新发生在第 k / updates 个 epoch
    at_epoch = torch.arange(len(losses)) / updates
    plt.plot(at_epoch, losses, color=color,
             marker="o" if updates == 1 else None, markersize=4,
             linewidth=1 if updates > 10 else 1.5,
             label=f"{label}（批量大小 = {batch_size}）")
plt.yscale("log")
plt.yticks([0.2, 0.5, 1, 2, 4], ["0.2", "0.5", "1", "2", "4"])
plt.minorticks_off()
plt.xlabel("epoch")
plt.ylabel("训练集上的损失 MSE（对数坐标）")
plt.title(f"线性回归：{n_samples} 个样本，学习率 {lr}")
plt.legend()
plt.show()
