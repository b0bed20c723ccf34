# Exercise: scheduler.step() before optimizer.step()
import warnings

import torch
from torch.optim import lr_scheduler as S

LR, GAMMA, EPOCHS = 0.1, 0.5, 4  # StepLR(step_size=1): halve every epoch


def used_lrs(scheduler_first):  # the lr each epoch's updates really use
    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=LR)
    scheduler = S.StepLR(opt, step_size=1, gamma=GAMMA)
    used = []
    for _ in range(EPOCHS):
        if scheduler_first:
            scheduler.step()  # wrong: before this epoch's updates
        w.grad = torch.ones(1)
        used.append(opt.param_groups[0]["lr"])
        opt.step()
        if not scheduler_first:
            scheduler.step()  # right: after this epoch's updates
    return used


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    right, wrong = used_lrs(False), used_lrs(True)
print("optimizer first:", " ".join(f"{lr:g}" for lr in right))
print("scheduler first:", " ".join(f"{lr:g}" for lr in wrong))
print(f"{len(caught)} warning: {str(caught[0].message).split('. ')[0]}")
