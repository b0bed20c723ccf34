# 动量能压住 SGD 的噪声吗？梯度下降一章的线性回归，
# 批量大小为 1：最后一个 epoch 里的训练损失
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)  # 与梯度下降一章相同的数据
n_samples = 100
x = torch.randn(n_samples, 1)
y = 2.0 * x + 1.0 + 0.5 * torch.randn(n_samples, 1)
dataset = TensorDataset(x, y)
epochs, lr, beta = 10, 0.05, 0.9


def last_epoch(lr, momentum=0.0):
    """最后一个 epoch 里训练损失的最小值和最大值。"""
    torch.manual_seed(1)  # 相同的初始参数、相同的打乱顺序
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    loss_fn = nn.MSELoss()
    loader = DataLoader(dataset, batch_size=1, shuffle=True)
    for _ in range(epochs):
        losses = []
        for xb, yb in loader:
            optimizer.zero_grad()
            loss_fn(model(xb), yb).backward()
            optimizer.step()
            with torch.no_grad():
                losses.append(loss_fn(model(x), y).item())
    return min(losses), max(losses)


runs = {"SGD": last_epoch(lr),
        "Momentum，学习率相同": last_epoch(lr, beta),
        "Momentum，学习率 × (1 − β)": last_epoch(lr * (1 - beta), beta)}
ranges = list(runs.values())
print(f"lr = {lr}，β = {beta}，批量大小 1：最后一个 epoch 的损失")
for name, (low, high) in runs.items():
    print(f"  {low:6.3f} … {high:7.3f}   {name}")
