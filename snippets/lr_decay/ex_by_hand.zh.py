# 练习：手算学习率，再用调度器核对
import math

import torch
from torch.optim import lr_scheduler as S

LR = 0.1  # 三个例子共同的 η₀
STEP_SIZE, STEP_GAMMA, STEP_EPOCH = 50, 0.5, 120  # StepLR 在 epoch 120
MILESTONES, MULTI_GAMMA, MULTI_EPOCH = [50, 125, 160], 0.5, 130
T_MAX, COS_EPOCH = 30, 15  # CosineAnnealingLR，η_min = 0

# 用本章的公式手算
step_k = STEP_EPOCH // STEP_SIZE  # ⌊e / step_size⌋
step_hand = LR * STEP_GAMMA**step_k
multi_k = sum(MULTI_EPOCH >= m for m in MILESTONES)  # 已经过的里程碑个数
multi_hand = LR * MULTI_GAMMA**multi_k
cos_term = math.cos(math.pi * COS_EPOCH / T_MAX)
cos_hand = 0.5 * LR * (1 + cos_term)


def scheduled_lr(make, epoch):  # PyTorch 在这个 epoch 使用的学习率
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=LR)
    scheduler = make(opt)
    for _ in range(epoch):
        opt.step()  # （没有梯度，参数不变）
        scheduler.step()
    return opt.param_groups[0]["lr"]


step_torch = scheduled_lr(lambda o: S.StepLR(o, STEP_SIZE, STEP_GAMMA),
                          STEP_EPOCH)
multi_torch = scheduled_lr(
    lambda o: S.MultiStepLR(o, MILESTONES, MULTI_GAMMA), MULTI_EPOCH)
cos_torch = scheduled_lr(lambda o: S.CosineAnnealingLR(o, T_MAX), COS_EPOCH)
print(f"StepLR，epoch {STEP_EPOCH}：手算 {step_hand:g}，"
      f"PyTorch {step_torch:g}")
print(f"MultiStepLR，epoch {MULTI_EPOCH}：手算 {multi_hand:g}，"
      f"PyTorch {multi_torch:g}")
print(f"CosineAnnealingLR，epoch {COS_EPOCH}：手算 {cos_hand:g}，"
      f"PyTorch {cos_torch:g}")
