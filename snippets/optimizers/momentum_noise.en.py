# Does momentum quieten SGD's noise? The regression of the gradient-descent
# chapter, batch size 1: the training loss over the last epoch
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)  # the same data as in the gradient-descent chapter
n_samples = 100
x = torch.randn(n_samples, 1)
y = 2.0 * x + 1.0 + 0.5 * torch.randn(n_samples, 1)
dataset = TensorDataset(x, y)
epochs, lr, beta = 10, 0.05, 0.9


def last_epoch(lr, momentum=0.0):
    """The lowest and highest training loss over the last epoch."""
    torch.manual_seed(1)  # same initial parameters, same shuffling
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
        "Momentum, same lr": last_epoch(lr, beta),
        "Momentum, lr × (1 − β)": last_epoch(lr * (1 - beta), beta)}
ranges = list(runs.values())
print(f"lr = {lr}, β = {beta}, batch size 1: loss over the last epoch")
for name, (low, high) in runs.items():
    print(f"  {low:6.3f} … {high:7.3f}   {name}")
