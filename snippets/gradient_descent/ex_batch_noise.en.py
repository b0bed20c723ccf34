# Exercise: batch sizes from 1 to N; how noisy is the mini-batch gradient?
import torch

# The data of the lesson: y = 2x + 1 plus a little noise
torch.manual_seed(0)
n_samples = 100
slope, intercept, noise = 2.0, 1.0, 0.5
x = torch.randn(n_samples, 1)
y = slope * x + intercept + noise * torch.randn(n_samples, 1)

# The gradient of the loss (w·x + b - y)² with respect to w, at w = 0, b = 0
w = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
per_sample = (2 * (w * x + b - y) * x).detach().flatten()  # one per sample
loss = ((w * x + b - y) ** 2).mean()  # mean squared error over all samples
loss.backward()
full_grad = w.grad.item()  # the gradient BGD uses
sigma = per_sample.std(correction=0).item()  # spread of one sample's gradient
print(f"full gradient ∂L/∂w = {full_grad:.4f} (autograd), "
      f"{per_sample.mean():.4f} (mean of per-sample gradients)")
print(f"one sample's gradient ranges from {per_sample.min():.2f} "
      f"to {per_sample.max():.2f}, standard deviation σ = {sigma:.4f}")

# For each batch size, draw `trials` random batches (without replacement)
trials = 2000
batch_sizes = [1, 4, 16, 64, 100]
means, stds, predicted = [], [], []
generator = torch.Generator().manual_seed(1)
print("    B     mean      std  σ·√((N-B)/(B(N-1)))")
for batch_size in batch_sizes:
    order = torch.rand(trials, n_samples, generator=generator).argsort(dim=1)
    batch_grads = per_sample[order[:, :batch_size]].mean(dim=1)
    means.append(batch_grads.mean().item())
    stds.append(batch_grads.std().item())
    n = n_samples  # std of a mean when sampling without replacement
    predicted.append(sigma * ((n - batch_size) / (batch_size * (n - 1))) ** 0.5)
    print(f"  {batch_size:3d}  {means[-1]:7.4f}  {stds[-1]:7.4f}"
          f"  {predicted[-1]:7.4f}")
