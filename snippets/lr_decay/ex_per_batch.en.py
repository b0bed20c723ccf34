# Exercise: scheduler.step() once per batch instead of once per epoch
import torch
from torch.optim import lr_scheduler as S

# The data and settings of the noise-floor example
N_SAMPLES, BATCH, MAX_EPOCH, LR = 256, 16, 30, 0.1
W_TRUE, NOISE = (2.0, -1.0), 0.5
STEP_SIZE, STEP_GAMMA = 5, 0.5
BATCHES = N_SAMPLES // BATCH  # batches (iterations) per epoch
BATCH_STEPS = STEP_SIZE * BATCHES  # 5 epochs, counted in batches
HALVINGS = BATCHES / STEP_SIZE  # StepLR's halvings per epoch, stepped per batch
SHOW = (1, 5, 30)  # print L − L* after these epochs

torch.manual_seed(0)
X = torch.randn(N_SAMPLES, 2, dtype=torch.float64)  # float64: L − L* is tiny
y = X @ torch.tensor(W_TRUE, dtype=X.dtype)
y = y + NOISE * torch.randn(N_SAMPLES, dtype=X.dtype)
w_best = torch.linalg.lstsq(X, y[:, None]).solution[:, 0]


def loss_fn(w, idx=slice(None)):
    return ((X[idx] @ w - y[idx]) ** 2).mean() / 2


loss_best = loss_fn(w_best).item()


def train(per_batch, step_size):  # L − L* after every epoch, lr after each
    w = torch.zeros(2, dtype=X.dtype, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=LR)
    scheduler = S.StepLR(optimizer, step_size, STEP_GAMMA)
    order = torch.Generator().manual_seed(1)
    excess, lrs = [], []
    for _ in range(MAX_EPOCH):
        for idx in torch.randperm(N_SAMPLES, generator=order).split(BATCH):
            loss = loss_fn(w, idx)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if per_batch:
                scheduler.step()
        if not per_batch:
            scheduler.step()
        with torch.no_grad():
            excess.append(loss_fn(w).item() - loss_best)
        lrs.append(optimizer.param_groups[0]["lr"])
    return excess, lrs


RUNS = [  # name, step per batch or per epoch, StepLR's step_size
    ("per epoch, step_size 5", False, STEP_SIZE),
    ("per batch, step_size 5", True, STEP_SIZE),
    (f"per batch, step_size {BATCH_STEPS}", True, BATCH_STEPS),
]
table, lr_after = [], []  # [run][epoch in SHOW]
print("".join(f"{f'epoch {e}':>10s}" for e in SHOW)
      + "   lr after epoch 1 / 30  scheduler.step()")
for name, per_batch, step_size in RUNS:
    excess, lrs = train(per_batch, step_size)
    table.append([excess[e - 1] for e in SHOW])
    lr_after.append((lrs[0], lrs[-1]))
    print("".join(f"{v:10.1e}" for v in table[-1])
          + f"   {lrs[0]:<9.3g}{lrs[-1]:<14.3g}{name}")
