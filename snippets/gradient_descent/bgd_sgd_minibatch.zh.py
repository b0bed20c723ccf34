# BGD、SGD、Mini-Batch：同一个线性回归问题，只有 batch size 不同
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体，替代原文只在 Windows 上才有的 SimHei
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

# 合成数据：y = 2x + 1 再加一点噪声
torch.manual_seed(0)
N = 100
x = torch.randn(N, 1)
y = 2 * x + 1 + 0.5 * torch.randn(N, 1)
dataset = TensorDataset(x, y)
EPOCHS, LR = 10, 0.05


def train(batch_size):
    """训练 EPOCHS 个 epoch；每次更新后记录在整个训练集上的损失。"""
    torch.manual_seed(1)  # 三种方式从同样的初始参数、同样的打乱顺序出发
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn = nn.MSELoss()
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True)
    with torch.no_grad():
        losses = [loss_fn(model(x), y).item()]  # 训练前的损失
    for _ in range(EPOCHS):
        for xb, yb in loader:  # 一次 iteration：用一个 batch 更新一次参数
            loss = loss_fn(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                losses.append(loss_fn(model(x), y).item())
    return losses, len(loader)


plt.figure(figsize=(6, 4))
for name, batch_size, color in [("BGD", N, "tab:blue"), ("SGD", 1, "tab:red"), ("Mini-Batch", 16, "tab:green")]:
    losses, per_epoch = train(batch_size)
    last_epoch = torch.tensor(losses[-per_epoch - 1:])  # 最后一个 epoch 开始时和其中每次更新后的损失
    print(f"{name:<10} batch size = {batch_size:>3}：每个 epoch 更新 {per_epoch:>3} 次，共 {EPOCHS * per_epoch:>4} 次；"
          f"最后一个 epoch 内损失在 {last_epoch.min():.4f} ~ {last_epoch.max():.4f} 之间，最终 {losses[-1]:.4f}")
    epochs = torch.arange(len(losses)) / per_epoch  # 第 k 次更新发生在第 k/每轮更新次数 个 epoch
    plt.plot(epochs, losses, color=color, marker="o" if per_epoch == 1 else None, markersize=4,
             linewidth=1 if per_epoch > 10 else 1.5, label=f"{name}（batch size = {batch_size}）")
plt.yscale("log")
plt.yticks([0.2, 0.5, 1, 2, 4], ["0.2", "0.5", "1", "2", "4"])
plt.minorticks_off()
plt.xlabel("epoch")
plt.ylabel("训练集上的损失 MSE（对数坐标）")
plt.title(f"{N} 个样本的线性回归，学习率 {LR}")
plt.legend()
plt.show()
