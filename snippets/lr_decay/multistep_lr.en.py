# Decay at chosen epochs: MultiStepLR
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font, replaces the Windows-only SimHei of the original

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

# 0. Settings
LR = 0.1  # initial learning rate
MILESTONES, GAMMA = [50, 125, 160], 0.5  # multiply the learning rate by 0.5 at epochs 50, 125 and 160
ITERATION = 10  # 10 parameter updates per epoch
MAX_EPOCH = 200

# 1. Data and parameter; the objective is (w·x - y)²/2
x = torch.tensor([1.0])
y_true = torch.tensor([0.0])
w = torch.tensor([1.0], requires_grad=True)
# 2. The optimizer
optimizer = torch.optim.SGD([w], lr=LR, momentum=0.9)
# 3. The learning-rate schedule
scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=MILESTONES, gamma=GAMMA)

# 4. Train, recording the learning rate used in each epoch
lr_list = []
for epoch in range(MAX_EPOCH):
    lr_list.append(scheduler.get_last_lr()[0])  # the learning rate of this epoch
    for _ in range(ITERATION):  # one update per batch
        loss = ((w * x - y_true) ** 2 / 2.0).sum()  # the objective
        optimizer.zero_grad()
        loss.backward()  # backpropagate: the original missed this, so w never changed
        optimizer.step()  # first update the parameter...
    scheduler.step()  # ...then set the learning rate of the next epoch
    if epoch == 9:
        print(f"w after 10 epochs = {w.item():.4f} (initial value 1.0, optimum 0)")

for epoch in (0, 50, 124, 125, 160, 199):
    passed = sum(epoch >= m for m in MILESTONES)  # how many milestones have been passed
    formula = LR * GAMMA**passed
    print(f"epoch {epoch:3d}: learning rate {lr_list[epoch]:.6g}, formula {formula:.6g}")

# 5. Plot the learning rate against the epoch
plt.figure(figsize=(6, 3.2))
plt.plot(range(MAX_EPOCH), lr_list, drawstyle="steps-post", label="MultiStepLR (decay at milestones)")
plt.title("MultiStepLR: milestones = [50, 125, 160], gamma = 0.5")
plt.xlabel("epoch")
plt.ylabel("learning rate")
plt.grid(alpha=0.3)
plt.legend()
plt.show()
