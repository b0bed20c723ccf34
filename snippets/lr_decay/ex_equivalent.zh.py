# 练习：MultiStepLR 什么时候与 StepLR 相同？
import torch
from torch.optim import lr_scheduler as S

LR, MAX_EPOCH, STEP_SIZE, GAMMA = 0.1, 200, 50, 0.5
MILESTONES = list(range(STEP_SIZE, MAX_EPOCH, STEP_SIZE))  # 50, 100, 150
CHAPTER_MILESTONES = [50, 125, 160]  # MultiStepLR 一节的设置


def lrs(make):  # 每个 epoch 的学习率
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
print(f"MultiStepLR(milestones={MILESTONES}) 与 StepLR({STEP_SIZE}) "
      f"完全相同：{same}")
print(f"milestones {CHAPTER_MILESTONES}：间隔 {gaps}")
