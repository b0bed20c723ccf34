# Epoch、batch、iteration：原文的例子，50000 个样本，批量大小 256
import math

import torch
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)  # 固定随机数种子：打乱顺序每次都一样
n_samples = 50_000  # 训练样本数 N
batch_size = 256  # 批量大小 B
epochs = 10
# 极小的样本：每个样本 2 个特征、1 个标签
features = torch.randn(n_samples, 2)
labels = torch.randn(n_samples, 1)
dataset = TensorDataset(features, labels)
loader = DataLoader(dataset, batch_size=batch_size, shuffle=True)

ratio = n_samples / batch_size  # 不是整数
per_epoch = math.ceil(ratio)  # 向上取整：每个 epoch 的 batch 数
full_batches = n_samples // batch_size  # 装满的 batch 数
print(f"样本数 N = {len(dataset)}，批量大小 B = {batch_size}")
print(f"N / B = {ratio}，不是整数")
print(f"每个 epoch 的 batch 数 ⌈N / B⌉ = {per_epoch}")
print(f"len(loader) = {len(loader)}")

# 真的跑一个 epoch（把全部数据过一遍）
# 每个 batch 更新一次参数，就是一次 iteration
sizes = [len(x) for x, _ in loader]
last_batch = sizes[-1]  # 最后一个 batch 的样本数
print(f"一个 epoch 实际的 iteration 数 = {len(sizes)}，"
      f"最后一个 batch 只有 {last_batch} 个样本")
total_iterations = epochs * len(loader)
print(f"{epochs} 个 epoch 共 {total_iterations} 次 iteration")

loader = DataLoader(dataset, batch_size=batch_size, shuffle=True,
                    drop_last=True)
kept_batches = len(loader)
dropped = n_samples - kept_batches * batch_size  # 每个 epoch 丢掉的样本数
print(f"drop_last=True：每个 epoch {kept_batches} 个 batch，"
      f"每个 epoch 丢掉 {dropped} 个样本")
