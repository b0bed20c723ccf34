# Epoch, batch, iteration: the source's example, 50000 samples, batch size 256
import math

import torch
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)  # fixed seed: the same shuffling on every run
n_samples = 50_000  # training samples N
batch_size = 256  # batch size B
epochs = 10
# Tiny samples: 2 features and 1 label each
features = torch.randn(n_samples, 2)
labels = torch.randn(n_samples, 1)
dataset = TensorDataset(features, labels)
loader = DataLoader(dataset, batch_size=batch_size, shuffle=True)

ratio = n_samples / batch_size  # not an integer
per_epoch = math.ceil(ratio)  # rounded up: batches per epoch
full_batches = n_samples // batch_size  # batches that are full
print(f"samples N = {len(dataset)}, batch size B = {batch_size}")
print(f"N / B = {ratio}, not an integer")
print(f"batches per epoch ⌈N / B⌉ = {per_epoch}")
print(f"len(loader) = {len(loader)}")

# Really run one epoch (one pass over all the data):
# one parameter update per batch is one iteration
sizes = [len(x) for x, _ in loader]
last_batch = sizes[-1]  # samples in the last batch
print(f"iterations actually run in one epoch = {len(sizes)}; "
      f"the last batch holds only {last_batch} samples")
total_iterations = epochs * len(loader)
print(f"{epochs} epochs take {total_iterations} iterations")

loader = DataLoader(dataset, batch_size=batch_size, shuffle=True,
                    drop_last=True)
kept_batches = len(loader)
dropped = n_samples - kept_batches * batch_size  # samples left out per epoch
print(f"drop_last=True: {kept_batches} batches per epoch, "
      f"leaving out {dropped} samples each epoch")
