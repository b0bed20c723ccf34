# Epoch, batch, iteration: 50000 samples, batch size = 256
import math

import torch
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)  # fixed seed: the same shuffling on every run
N, B = 50000, 256
# 50000 tiny samples: 2 features and 1 label each
dataset = TensorDataset(torch.randn(N, 2), torch.randn(N, 1))
loader = DataLoader(dataset, batch_size=B, shuffle=True)

print(f"samples N = {len(dataset)}, batch size B = {B}")
print(f"N / B = {N / B}, not an integer")
print(f"batches per epoch ⌈N / B⌉ = {math.ceil(N / B)}")
print(f"len(loader) = {len(loader)}")

# Really run one epoch (one pass over all the data): one parameter update per batch is one iteration
sizes = [len(x) for x, _ in loader]
print(f"iterations actually run in one epoch = {len(sizes)}; the last batch holds only {sizes[-1]} samples")
print(f"iterations in 10 epochs = {10 * len(loader)}")

loader = DataLoader(dataset, batch_size=B, shuffle=True, drop_last=True)
print(f"drop_last=True: {len(loader)} batches per epoch, {N - len(loader) * B} samples left out of each epoch")
