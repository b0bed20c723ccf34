# More learning-rate schedulers: their curves, and one logistic regression trained under each
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH
from torch import optim
from torch.optim import lr_scheduler as S

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

torch.manual_seed(0)
N, D, BATCH, EPOCHS, LR = 200, 4, 20, 30, 1.0
X = torch.randn(N, D) * torch.logspace(0.5, -0.5, D)  # the four features' scales run from 3.2 to 0.32
y = (X @ torch.randn(D) + 0.5 * torch.randn(N) > 0).float()  # two classes with label noise


def bce(z, target):  # binary cross-entropy: the same formula as F.binary_cross_entropy_with_logits(z, target)
    return (F.softplus(z) - target * z).mean()


SCHEDULES = {  # name → gives the optimizer a scheduler (None: the learning rate stays fixed)
    "constant lr": lambda opt: None,
    "CosineAnnealingLR": lambda opt: S.CosineAnnealingLR(opt, T_max=EPOCHS),
    "warm-up 5 + cosine": lambda opt: S.SequentialLR(opt, [S.LinearLR(opt, start_factor=0.1, total_iters=5),
                                                      S.CosineAnnealingLR(opt, T_max=EPOCHS - 5)], milestones=[5]),
    "OneCycleLR": lambda opt: S.OneCycleLR(opt, max_lr=LR, total_steps=EPOCHS),
    "ReduceLROnPlateau": lambda opt: S.ReduceLROnPlateau(opt, factor=0.5, patience=2),
}
history = {}
for name, make in SCHEDULES.items():
    w = torch.zeros(D, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    optimizer = optim.SGD([w, b], lr=LR, momentum=0.9)
    scheduler = make(optimizer)
    order = torch.Generator().manual_seed(0)  # every scheduler sees the mini-batches in the same order
    lrs, losses = [], []
    for _ in range(EPOCHS):
        lrs.append(optimizer.param_groups[0]["lr"])
        for idx in torch.randperm(N, generator=order).split(BATCH):
            loss = bce(X[idx] @ w + b, y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()  # first update the parameters…
        with torch.no_grad():
            losses.append(bce(X @ w + b, y).item())  # loss on the whole training set
        if isinstance(scheduler, S.ReduceLROnPlateau):
            scheduler.step(losses[-1])  # …then the learning rate; this one watches whether the loss stalls
        elif scheduler is not None:
            scheduler.step()
    history[name] = lrs, losses
    print(f"{name:18s} lr at epochs 1/5/15/30: "
          + " / ".join(f"{lrs[k]:.3g}" for k in (0, 4, 14, 29))
          + f", final loss {losses[-1]:.4f}, lowest {min(losses):.4f}")

epochs = range(1, EPOCHS + 1)
plt.figure(figsize=(6.4, 3.6))
for name, (lrs, _) in history.items():
    plt.plot(epochs, lrs, label=name)
plt.xlabel("epoch")
plt.ylabel("learning rate")
plt.title(f"Five learning-rate schedules (base learning rate {LR:g})")
plt.legend(fontsize=8)
plt.show()

plt.figure(figsize=(6.4, 3.6))
for name, (_, losses) in history.items():
    plt.plot(epochs, losses, label=name)
plt.xlabel("epoch")
plt.ylabel("loss on the training set")
plt.title("One logistic regression, different learning-rate schedules")
plt.legend(fontsize=8)
plt.show()
