# BGD, SGD, mini-batch: one linear regression, only the batch size differs
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font, replaces SimHei
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

# Synthetic data: y = 2x + 1 plus a little noise
torch.manual_seed(0)
n_samples = 100
slope, intercept, noise = 2.0, 1.0, 0.5
x = torch.randn(n_samples, 1)
y = slope * x + intercept + noise * torch.randn(n_samples, 1)
dataset = TensorDataset(x, y)
epochs, lr = 10, 0.05
mb_size = 16  # batch size of mini-batch gradient descent
mb_full = n_samples // mb_size  # number of full batches
mb_last = n_samples - mb_full * mb_size  # samples in the last batch


def train(batch_size):
    """Train `epochs` epochs; record the training-set loss after each update."""
    torch.manual_seed(1)  # same initial parameters, same shuffling
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True)
    with torch.no_grad():
        losses = [loss_fn(model(x), y).item()]  # the loss before training
    for _ in range(epochs):
        for xb, yb in loader:  # one iteration: one update from one batch
            loss = loss_fn(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                losses.append(loss_fn(model(x), y).item())
    return losses, len(loader)


methods = [  # name, batch size, colour, name in the legend
    ("BGD", n_samples, "tab:blue", "BGD"),
    ("SGD", 1, "tab:red", "SGD"),
    ("Mini-Batch", mb_size, "tab:green", "Mini-Batch"),
]
batch_sizes = [b for _, b, _, _ in methods]
per_epoch, totals = [], []
last_min, last_max, finals = [], [], []

plt.figure(figsize=(6, 4))
for name, batch_size, color, label in methods:
    losses, updates = train(batch_size)
    # The loss when the last epoch starts, and after each of its updates
    last_epoch = torch.tensor(losses[-updates - 1:])
    per_epoch.append(updates)
    totals.append(epochs * updates)
    last_min.append(last_epoch.min().item())
    last_max.append(last_epoch.max().item())
    finals.append(losses[-1])
    print(f"{name:<10} batch size = {batch_size:>3}: "
          f"updates: {updates:>3} per epoch, {totals[-1]:>4} in all;\n"
          f"{'':<10} loss in the last epoch {last_min[-1]:.4f} to "
          f"{last_max[-1]:.4f}, final {finals[-1]:.4f}")
    # Update k happens at epoch k / updates
    at_epoch = torch.arange(len(losses)) / updates
    plt.plot(at_epoch, losses, color=color,
             marker="o" if updates == 1 else None, markersize=4,
             linewidth=1 if updates > 10 else 1.5,
             label=f"{label} (batch size = {batch_size})")
plt.yscale("log")
plt.yticks([0.2, 0.5, 1, 2, 4], ["0.2", "0.5", "1", "2", "4"])
plt.minorticks_off()
plt.xlabel("epoch")
plt.ylabel("training-set loss, MSE (log scale)")
plt.title(f"Linear regression on {n_samples} samples, learning rate {lr}")
plt.legend()
plt.show()
