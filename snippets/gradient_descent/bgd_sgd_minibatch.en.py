# BGD, SGD, mini-batch: one linear-regression problem, only the batch size differs
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font, replaces the Windows-only SimHei of the original
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

# Synthetic data: y = 2x + 1 plus a little noise
torch.manual_seed(0)
N = 100
x = torch.randn(N, 1)
y = 2 * x + 1 + 0.5 * torch.randn(N, 1)
dataset = TensorDataset(x, y)
EPOCHS, LR = 10, 0.05


def train(batch_size):
    """Train for EPOCHS epochs; after every update, record the loss on the whole training set."""
    torch.manual_seed(1)  # all three start from the same initial parameters and the same shuffling
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn = nn.MSELoss()
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True)
    with torch.no_grad():
        losses = [loss_fn(model(x), y).item()]  # the loss before training
    for _ in range(EPOCHS):
        for xb, yb in loader:  # one iteration: one update from one batch
            loss = loss_fn(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                losses.append(loss_fn(model(x), y).item())
    return losses, len(loader)


plt.figure(figsize=(6, 4))
for name, batch_size, color in [("BGD", N, "tab:blue"), ("SGD", 1, "tab:red"), ("Mini-Batch", 16, "tab:green")]:
    losses, per_epoch = train(batch_size)
    last_epoch = torch.tensor(losses[-per_epoch - 1:])  # loss at the start of the last epoch and after its updates
    print(f"{name:<10} batch size = {batch_size:>3}: {per_epoch:>3} update(s) per epoch, "
          f"{EPOCHS * per_epoch:>4} in all; loss during the last epoch between {last_epoch.min():.4f} "
          f"and {last_epoch.max():.4f}, final {losses[-1]:.4f}")
    epochs = torch.arange(len(losses)) / per_epoch  # update k happens at epoch k / (updates per epoch)
    plt.plot(epochs, losses, color=color, marker="o" if per_epoch == 1 else None, markersize=4,
             linewidth=1 if per_epoch > 10 else 1.5, label=f"{name} (batch size = {batch_size})")
plt.yscale("log")
plt.yticks([0.2, 0.5, 1, 2, 4], ["0.2", "0.5", "1", "2", "4"])
plt.minorticks_off()
plt.xlabel("epoch")
plt.ylabel("training-set loss, MSE (log scale)")
plt.title(f"Linear regression on {N} samples, learning rate {LR}")
plt.legend()
plt.show()
