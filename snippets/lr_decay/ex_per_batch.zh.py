# 练习：每个批量调用一次 scheduler.step()，而不是每个 epoch 一次
import torch
from torch.optim import lr_scheduler as S

# 与噪声基底例子相同的数据和设置
N_SAMPLES, BATCH, MAX_EPOCH, LR = 256, 16, 30, 0.1
W_TRUE, NOISE = (2.0, -1.0), 0.5
STEP_SIZE, STEP_GAMMA = 5, 0.5
BATCHES = N_SAMPLES // BATCH  # 每个 epoch 的批量数（迭代次数）
BATCH_STEPS = STEP_SIZE * BATCHES  # 以批量计的 5 个 epoch
HALVINGS = BATCHES / STEP_SIZE  # 每批量调用时每个 epoch 平均减半几次
SHOW = (1, 5, 30)  # 打印这几个 epoch 之后的 L − L*

torch.manual_seed(0)
X = torch.randn(N_SAMPLES, 2, dtype=torch.float64)  # float64：L − L* 很小
y = X @ torch.tensor(W_TRUE, dtype=X.dtype)
y = y + NOISE * torch.randn(N_SAMPLES, dtype=X.dtype)
w_best = torch.linalg.lstsq(X, y[:, None]).solution[:, 0]


def loss_fn(w, idx=slice(None)):
    return ((X[idx] @ w - y[idx]) ** 2).mean() / 2


loss_best = loss_fn(w_best).item()


def train(per_batch, step_size):  # 每个 epoch 之后的 L − L* 和学习率
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


RUNS = [  # 名称、每个批量还是每个 epoch 调用、StepLR 的 step_size
    ("每 epoch，step_size 5", False, STEP_SIZE),
    ("每批量，step_size 5", True, STEP_SIZE),
    (f"每批量，step_size {BATCH_STEPS}", True, BATCH_STEPS),
]
table, lr_after = [], []  # [训练][SHOW 中的 epoch]
print("".join(f"{f'epoch {e}':>10s}" for e in SHOW)
      + "   epoch 1/30 后的学习率  调用 scheduler.step()")
for name, per_batch, step_size in RUNS:
    excess, lrs = train(per_batch, step_size)
    table.append([excess[e - 1] for e in SHOW])
    lr_after.append((lrs[0], lrs[-1]))
    print("".join(f"{v:10.1e}" for v in table[-1])
          + f"   {lrs[0]:<9.3g}{lrs[-1]:<14.3g}{name}")
