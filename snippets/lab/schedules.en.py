# More schedulers: their curves, and one logistic regression under each
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
N, D, BATCH, EPOCHS, LR, MOMENTUM = 200, 4, 20, 30, 1.0, 0.9
WARMUP, START_FACTOR = 5, 0.1  # warm-up: 5 epochs, from 0.1 × LR
FACTOR, PATIENCE = 0.5, 2  # ReduceLROnPlateau
REPORT = (1, 5, 15, 30)  # print the learning rate of these epochs
# Four features with scales from 3.2 down to 0.32
X = torch.randn(N, D) * torch.logspace(0.5, -0.5, D)
# Two classes, with label noise
y = (X @ torch.randn(D) + 0.5 * torch.randn(N) > 0).float()


def bce(z, target):  # binary cross-entropy, as in
    # F.binary_cross_entropy_with_logits(z, target)
    return (F.softplus(z) - target * z).mean()


def warmup_cosine(opt):
    warm = S.LinearLR(opt, start_factor=START_FACTOR, total_iters=WARMUP)
    cosine = S.CosineAnnealingLR(opt, T_max=EPOCHS - WARMUP)
    return S.SequentialLR(opt, [warm, cosine], milestones=[WARMUP])


SCHEDULES = {  # name → scheduler for the optimizer (None: constant)
    "constant lr": lambda opt: None,
    "CosineAnnealingLR": lambda opt: S.CosineAnnealingLR(opt, T_max=EPOCHS),
    "warm-up + cosine": warmup_cosine,
    "OneCycleLR": lambda opt: S.OneCycleLR(opt, max_lr=LR,
                                           total_steps=EPOCHS),
    "ReduceLROnPlateau": lambda opt: S.ReduceLROnPlateau(
        opt, factor=FACTOR, patience=PATIENCE),
}
history = []
for make in SCHEDULES.values():
    w = torch.zeros(D, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    optimizer = optim.SGD([w, b], lr=LR, momentum=MOMENTUM)
    scheduler = make(optimizer)
    order = torch.Generator().manual_seed(0)  # the same batches each run
    lrs, losses = [], []
    for _ in range(EPOCHS):
        lrs.append(optimizer.param_groups[0]["lr"])
        for idx in torch.randperm(N, generator=order).split(BATCH):
            loss = bce(X[idx] @ w + b, y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()  # first update the parameters…
        with torch.no_grad():  # loss on the whole training set
            losses.append(bce(X @ w + b, y).item())
        if isinstance(scheduler, S.ReduceLROnPlateau):
            scheduler.step(losses[-1])  # …then the lr; it watches the loss
        elif scheduler is not None:
            scheduler.step()
    history.append((lrs, losses))

lr_at = [[lrs[e - 1] for e in REPORT] for lrs, _ in history]
final_loss = [losses[-1] for _, losses in history]
lowest_loss = [min(losses) for _, losses in history]
print("lr@e: the learning rate in epoch e")
print("".join(f"{f'lr@{e}':>8s}" for e in REPORT)
      + "    final   lowest   schedule")
for name, lrs, last, low in zip(SCHEDULES, lr_at, final_loss, lowest_loss):
    print("".join(f"{lr:8.3g}" for lr in lrs)
          + f"{last:9.4f}{low:9.4f}   {name}")

loss_epoch2 = [losses[1] for _, losses in history]  # the loss after epoch 2
plateau_lrs = sorted(set(history[4][0]), reverse=True)  # 1, 0.5, 0.25

epochs = range(1, EPOCHS + 1)
plt.figure(figsize=(6.4, 3.6))
# the constant lr on top: others coincide with it at first
for k, (name, (lrs, _)) in enumerate(zip(SCHEDULES, history)):
    plt.plot(epochs, lrs, label=name, zorder=3 if k == 0 else 2)
plt.xlabel("epoch")
plt.ylabel("learning rate")
plt.title(f"Five learning-rate schedules (base learning rate {LR:g})")
plt.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=3)
plt.show()

plt.figure(figsize=(6.4, 3.6))
for k, (name, (_, losses)) in enumerate(zip(SCHEDULES, history)):
    plt.plot(epochs, losses, label=name, zorder=3 if k == 0 else 2)
plt.xlabel("epoch")
plt.ylabel("loss on the training set")
plt.title("One logistic regression, different learning-rate schedules")
plt.legend(fontsize=8)
plt.show()
