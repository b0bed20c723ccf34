# 指数学习率衰减：ExponentialLR
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体，替代原文只在 Windows 上才有的 SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

# 0. 参数初始化
LR = 0.1  # 学习率初始值
GAMMA = 0.95  # 每个 epoch 都把学习率乘以 0.95
ITERATION = 10  # 每个 epoch 更新 10 次参数
MAX_EPOCH = 200

# 1. 初始化数据和参数：目标函数 (w·x - y)²/2
x = torch.tensor([1.0])
y_true = torch.tensor([0.0])
w = torch.tensor([1.0], requires_grad=True)
# 2. 优化器
optimizer = torch.optim.SGD([w], lr=LR, momentum=0.9)
# 3. 学习率衰减策略
scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=GAMMA)

# 4. 训练，并记录每个 epoch 使用的学习率
lr_list = []
for epoch in range(MAX_EPOCH):
    lr_list.append(scheduler.get_last_lr()[0])  # 本 epoch 使用的学习率
    for _ in range(ITERATION):  # 每个 batch 更新一次
        loss = ((w * x - y_true) ** 2 / 2.0).sum()  # 目标函数
        optimizer.zero_grad()
        loss.backward()  # 反向传播：原文漏了这一步，w 永远不会变
        optimizer.step()  # 先更新参数……
    scheduler.step()  # ……再更新下一个 epoch 的学习率
    if epoch == 9:
        print(f"10 个 epoch 之后 w = {w.item():.4f}（初始值 1.0，最优值 0）")

for epoch in (0, 50, 100, 150, 199):
    formula = LR * GAMMA**epoch
    print(f"epoch {epoch:3d}：学习率 {lr_list[epoch]:.6g}，公式 {formula:.6g}")

# 5. 绘制学习率变化曲线
plt.figure(figsize=(6, 3.2))
plt.plot(range(MAX_EPOCH), lr_list, label="ExponentialLR（指数衰减）")
plt.title("ExponentialLR：gamma = 0.95")
plt.xlabel("epoch")
plt.ylabel("学习率")
plt.grid(alpha=0.3)
plt.legend()
plt.show()
