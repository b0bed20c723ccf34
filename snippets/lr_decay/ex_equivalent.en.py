# Exercise: when is MultiStepLR the same as StepLR?
import torch
from torch.optim import lr_scheduler as S

LR, MAX_EPOCH, STEP_SIZE, GAMMA = 0.1, 200, 50, 0.5
MILESTONES = list(range(STEP_SIZE, MAX_EPOCH, STEP_SIZE))  # 50, 100, 150
CHAPTER_MILESTONES = [50, 125, 160]  # the MultiStepLR section's


def lrs(make):  # the lr of every epoch
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=LR)
    scheduler = make(opt)
    out = []
    for _ in range(MAX_EPOCH):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        scheduler.step()
    return out


step = lrs(lambda o: S.StepLR(o, STEP_SIZE, GAMMA))
multi = lrs(lambda o: S.MultiStepLR(o, MILESTONES, GAMMA))
same = step == multi
gaps = [b - a for a, b in zip([0, *CHAPTER_MILESTONES], CHAPTER_MILESTONES)]
print(f"MultiStepLR(milestones={MILESTONES}) == StepLR({STEP_SIZE}): {same}")
print(f"milestones {CHAPTER_MILESTONES}: intervals {gaps}")
