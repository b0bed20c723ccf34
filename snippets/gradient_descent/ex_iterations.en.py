# Exercise: how many iterations per epoch? How big is the last batch?
import math

import torch
from torch.utils.data import DataLoader, TensorDataset

n_samples = 60_000  # training samples N, e.g. the MNIST training set
epochs = 20
batch_sizes = [128, 100]  # two batch sizes B
dataset = TensorDataset(torch.zeros(n_samples, 1))  # only the count matters


def count(batch_size, drop_last=False):
    """Return (batches per epoch, samples in the last batch)."""
    loader = DataLoader(dataset, batch_size=batch_size, drop_last=drop_last)
    # batch_sampler only yields each batch's indices; no data is read
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
    source_formula.append(n_samples // batch_size + 1)  # the source's N/B + 1
    print(f"N = {n_samples}, B = {batch_size}: N / B = {ratio:g}")
    print(f"  ⌈N / B⌉ = {math.ceil(ratio)}, "
          f"len(loader) = {n_iter}, last batch {last} samples")
    print(f"  {epochs} epochs take {epochs * n_iter} iterations")
    print(f"  drop_last=True: {n_kept} batches; "
          f"the source's N/B + 1 = {source_formula[-1]}")
