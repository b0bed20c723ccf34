# 练习：不衰减，改用小的恒定学习率或更大的批量，行不行？
import torch
from torch.optim import lr_scheduler as S

# 数据和设置同噪声基底的例子
N_SAMPLES, BATCH, MAX_EPOCH, LR = 256, 16, 30, 0.1
W_TRUE, NOISE = (2.0, -1.0), 0.5
STEP_SIZE, STEP_GAMMA = 5, 0.5
LR_SMALL = LR * STEP_GAMMA ** ((MAX_EPOCH - 1) // STEP_SIZE)  # StepLR 最后的 lr
BIG_BATCH = 4 * BATCH
SHOW = (1, 5, 30)  # 打印这几个 epoch 之后的 L − L*

torch.manual_seed(0)
X = torch.randn(N_SAMPLES, 2, dtype=torch.float64)  # float64：L − L* 很小
y = X @ torch.tensor(W_TRUE, dtype=X.dtype)
y = y + NOISE * torch.randn(N_SAMPLES, dtype=X.dtype)
w_best = torch.linalg.lstsq(X, y[:, None]).solution[:, 0]


def loss_fn(w, idx=slice(None)):
    return ((X[idx] @ w - y[idx]) ** 2).mean() / 2


loss_best = loss_fn(w_best).item()


def train(lr, batch, step_lr):  # 返回每个 epoch 之后的 L − L*
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


RUNS = [  # 名字、学习率、批量大小、是否用 StepLR
    ("恒定学习率", LR, BATCH, False),
    ("小的恒定学习率", LR_SMALL, BATCH, False),
    ("恒定学习率，4 倍批量", LR, BIG_BATCH, False),
    ("StepLR", LR, BATCH, True),
]
table = []  # [训练][SHOW 中的 epoch]
print("".join(f"{f'epoch {e}':>10s}" for e in SHOW) + "   学习率  批量   训练")
for name, lr, batch, step_lr in RUNS:
    excess = train(lr, batch, step_lr)
    table.append([excess[e - 1] for e in SHOW])
    print("".join(f"{v:10.1e}" for v in table[-1])
          + f"   {lr:<8.3g}{batch:<5d}  {name}")
