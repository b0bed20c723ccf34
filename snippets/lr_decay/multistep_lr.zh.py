# 指定间隔学习率衰减：MultiStepLR
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体（代替 SimHei）

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

# 0. 参数设置
LR, MOMENTUM = 0.1, 0.9  # 学习率初始值；SGD 的动量系数
MILESTONES, GAMMA = [50, 125, 160], 0.5  # 从 epoch 50、125、160 起各乘以 0.5
ITERATION = 10  # 每个 epoch 更新 10 次参数
MAX_EPOCH = 200
W0, REPORT_EPOCH = 1.0, 10  # w 的初始值；训练这么多个 epoch 后打印 w
SHOW = (0, 50, 124, 125, 160, 199)  # 打印这几个 epoch 的学习率

# 1. 数据和参数；目标函数为 (w·x - y)²/2
x = torch.tensor([1.0])
y_true = torch.tensor([0.0])
w = torch.tensor([W0], requires_grad=True)
# 2. 优化器
optimizer = torch.optim.SGD([w], lr=LR, momentum=MOMENTUM)
# 3. 学习率衰减策略
scheduler = torch.optim.lr_scheduler.MultiStepLR(
    optimizer, milestones=MILESTONES, gamma=GAMMA)

# 4. 训练，并记录每个 epoch 使用的学习率
lr_list = []
for epoch in range(MAX_EPOCH):
    lr_list.append(scheduler.get_last_lr()[0])  # 本 epoch 的学习率
    for _ in range(ITERATION):  # 每个 batch 更新一次
        loss = ((w * x - y_true) ** 2 / 2.0).sum()  # 目标函数
        optimizer.zero_grad()
        loss.backward()  # 原文漏了这一步，w 从未改变
        optimizer.step()  # 先更新参数……
    scheduler.step()  # ……再更新下一个 epoch 的学习率
    if epoch == REPORT_EPOCH - 1:
        w_report = w.item()
        print(f"{REPORT_EPOCH} 个 epoch 之后 w = {w_report:.4f}"
              f"（初始值 {W0}，最优值 0）")

passed = []  # k(e)：epoch e 已经过了几个里程碑
for epoch in SHOW:
    passed.append(sum(epoch >= m for m in MILESTONES))
    formula = LR * GAMMA ** passed[-1]
    print(f"epoch {epoch:3d}：学习率 {lr_list[epoch]:.6g}，"
          f"公式 {formula:.6g}")
lr_shown = [lr_list[e] for e in SHOW]

# 5. 绘制学习率变化曲线
plt.figure(figsize=(6, 3.2))
plt.plot(range(MAX_EPOCH), lr_list, drawstyle="steps-post",
         label="MultiStepLR（指定间隔衰减）")
plt.title(f"MultiStepLR：milestones = {MILESTONES}，gamma = {GAMMA}")
plt.xlabel("epoch")
plt.ylabel("学习率")
plt.grid(alpha=0.3)
plt.legend()
plt.show()
