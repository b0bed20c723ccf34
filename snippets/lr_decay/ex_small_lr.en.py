# Exercise: a small constant lr, or a larger batch, instead of decay?
import torch
from torch.optim import lr_scheduler as S

# The data and settings of the noise-floor example
N_SAMPLES, BATCH, MAX_EPOCH, LR = 256, 16, 30, 0.1
W_TRUE, NOISE = (2.0, -1.0), 0.5
STEP_SIZE, STEP_GAMMA = 5, 0.5
LR_SMALL = LR * STEP_GAMMA ** ((MAX_EPOCH - 1) // STEP_SIZE)  # StepLR's end
BIG_BATCH = 4 * BATCH
SHOW = (1, 5, 30)  # print L − L* after these epochs

torch.manual_seed(0)
X = torch.randn(N_SAMPLES, 2, dtype=torch.float64)  # float64: L − L* is tiny
y = X @ torch.tensor(W_TRUE, dtype=X.dtype)
y = y + NOISE * torch.randn(N_SAMPLES, dtype=X.dtype)
w_best = torch.linalg.lstsq(X, y[:, None]).solution[:, 0]


def loss_fn(w, idx=slice(None)):
    return ((X[idx] @ w - y[idx]) ** 2).mean() / 2


loss_best = loss_fn(w_best).item()


def train(lr, batch, step_lr):  # returns L − L* after every epoch
    w = torch.zeros(2, dtype=X.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr)
    scheduler = S.StepLR(optimizer, STEP_SIZE, STEP_GAMMA) if step_lr else None
    order = torch.Generator().manual_seed(1)
    excess = []
    for _ in range(MAX_EPOCH):
        for idx in torch.randperm(N_SAMPLES, generator=order).split(batch):
            loss = loss_fn(w, idx)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        with torch.no_grad():
            excess.append(loss_fn(w).item() - loss_best)
        if scheduler is not None:
            scheduler.step()
    return excess


RUNS = [  # name, learning rate, batch size, StepLR or not
    ("constant lr", LR, BATCH, False),
    ("small constant lr", LR_SMALL, BATCH, False),
    ("constant lr, 4× batch", LR, BIG_BATCH, False),
    ("StepLR", LR, BATCH, True),
]
table = []  # [run][epoch in SHOW]
print("".join(f"{f'epoch {e}':>10s}" for e in SHOW) + "   lr      batch  run")
for name, lr, batch, step_lr in RUNS:
    excess = train(lr, batch, step_lr)
    table.append([excess[e - 1] for e in SHOW])
    print("".join(f"{v:10.1e}" for v in table[-1])
          + f"   {lr:<8.3g}{batch:<5d}  {name}")
