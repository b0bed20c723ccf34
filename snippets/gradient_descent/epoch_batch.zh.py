# Epoch、batch、iteration：50000 个样本，batch size = 256
import math

import torch
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)  # 固定随机数种子：打乱顺序每次都一样
N, B = 50000, 256
# 50000 个极小的样本：每个样本 2 个特征、1 个标签
dataset = TensorDataset(torch.randn(N, 2), torch.randn(N, 1))
loader = DataLoader(dataset, batch_size=B, shuffle=True)

print(f"样本数 N = {len(dataset)}，batch size B = {B}")
print(f"N / B = {N / B}，不是整数")
print(f"每个 epoch 的 batch 数 ⌈N / B⌉ = {math.ceil(N / B)}")
print(f"len(loader) = {len(loader)}")

# 真的跑一个 epoch（把全部数据过一遍）：每个 batch 更新一次参数，就是一次 iteration
sizes = [len(x) for x, _ in loader]
print(f"一个 epoch 实际的 iteration 数 = {len(sizes)}，最后一个 batch 只有 {sizes[-1]} 个样本")
print(f"10 个 epoch 的 iteration 数 = {10 * len(loader)}")

loader = DataLoader(dataset, batch_size=B, shuffle=True, drop_last=True)
print(f"drop_last=True：每个 epoch {len(loader)} 个 batch，每个 epoch 丢掉 {N - len(loader) * B} 个样本")
