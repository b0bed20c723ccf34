# 练习：每个 epoch 有多少次 iteration？最后一个 batch 有多少个样本？
import math

import torch
from torch.utils.data import DataLoader, TensorDataset

n_samples = 60_000  # 训练样本数 N，例如 MNIST 的训练集
epochs = 20
batch_sizes = [128, 100]  # 两种批量大小 B
dataset = TensorDataset(torch.zeros(n_samples, 1))  # 这里只关心样本个数


def count(batch_size, drop_last=False):
    """返回 (每个 epoch 的 batch 数, 最后一个 batch 的样本数)。"""
    loader = DataLoader(dataset, batch_size=batch_size, drop_last=drop_last)
    # batch_sampler 只生成每个 batch 的下标，不必真的读数据
    sizes = [len(indices) for indices in loader.batch_sampler]
    return len(loader), sizes[-1]


ratios, per_epoch, last_sizes, kept = [], [], [], []
totals, source_formula = [], []
for batch_size in batch_sizes:
    ratio = n_samples / batch_size
    n_iter, last = count(batch_size)
    n_kept, _ = count(batch_size, drop_last=True)
    ratios.append(ratio)
    per_epoch.append(n_iter)
    last_sizes.append(last)
    kept.append(n_kept)
    totals.append(epochs * n_iter)
    source_formula.append(n_samples // batch_size + 1)  # 原文的 N/B + 1
    print(f"N = {n_samples}，B = {batch_size}：N / B = {ratio:g}")
    print(f"  ⌈N / B⌉ = {math.ceil(ratio)}，"
          f"len(loader) = {n_iter}，最后一个 batch {last} 个样本")
    print(f"  {epochs} 个 epoch 共 {epochs * n_iter} 次 iteration")
    print(f"  drop_last=True：{n_kept} 个 batch；"
          f"原文的 N/B + 1 = {source_formula[-1]}")
