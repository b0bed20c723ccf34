# 练习：把 scheduler.step() 放在 optimizer.step() 之前
import warnings

import torch
from torch.optim import lr_scheduler as S

LR, GAMMA, EPOCHS = 0.1, 0.5, 4  # StepLR(step_size=1)：每个 epoch 减半


def used_lrs(scheduler_first):  # 每个 epoch 的参数更新实际使用的学习率
    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=LR)
    scheduler = S.StepLR(opt, step_size=1, gamma=GAMMA)
    used = []
    for _ in range(EPOCHS):
        if scheduler_first:
            scheduler.step()  # 错误：在本 epoch 的更新之前
        w.grad = torch.ones(1)
        used.append(opt.param_groups[0]["lr"])
        opt.step()
        if not scheduler_first:
            scheduler.step()  # 正确：在本 epoch 的更新之后
    return used


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    right, wrong = used_lrs(False), used_lrs(True)
print("先 optimizer.step()：", " ".join(f"{lr:g}" for lr in right))
print("先 scheduler.step()：", " ".join(f"{lr:g}" for lr in wrong))
print(f"{len(caught)} 条警告：{str(caught[0].message).split('. ')[0]}")
