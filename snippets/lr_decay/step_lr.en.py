# Step decay of the learning rate: StepLR
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font (not Windows' SimHei)

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

# 0. Settings
LR, MOMENTUM = 0.1, 0.9  # initial learning rate; SGD's momentum
STEP_SIZE, GAMMA = 50, 0.5  # multiply the lr by 0.5 every 50 epochs
ITERATION = 10  # 10 parameter updates per epoch
MAX_EPOCH = 200
W0, REPORT_EPOCH = 1.0, 10  # initial w; print w after this many epochs
SHOW = (0, 50, 100, 150, 199)  # print the learning rate of these epochs

# 1. Data and parameter; the objective is (w·x - y)²/2
x = torch.tensor([1.0])
y_true = torch.tensor([0.0])
w = torch.tensor([W0], requires_grad=True)
# 2. The optimizer
optimizer = torch.optim.SGD([w], lr=LR, momentum=MOMENTUM)
# 3. The learning-rate schedule
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=STEP_SIZE,
                                            gamma=GAMMA)

# 4. Train, recording the learning rate used in each epoch
lr_list = []
for epoch in range(MAX_EPOCH):
    lr_list.append(scheduler.get_last_lr()[0])  # this epoch's lr
    for _ in range(ITERATION):  # one update per batch
        loss = ((w * x - y_true) ** 2 / 2.0).sum()  # the objective
        optimizer.zero_grad()
        loss.backward()  # the source missed this, so w never changed
        optimizer.step()  # first update the parameter...
    scheduler.step()  # ...then set the learning rate of the next epoch
    if epoch == REPORT_EPOCH - 1:
        w_report = w.item()
        print(f"w after {REPORT_EPOCH} epochs = {w_report:.4f} "
              f"(initial value {W0}, optimum 0)")

for epoch in SHOW:
    formula = LR * GAMMA ** (epoch // STEP_SIZE)
    print(f"epoch {epoch:3d}: learning rate {lr_list[epoch]:.6g}, "
          f"formula {formula:.6g}")
lr_shown = [lr_list[e] for e in SHOW]
last = SHOW[-1]  # worked by hand in the text
k_last = last // STEP_SIZE
lr_last = lr_list[last]

# 5. Plot the learning rate against the epoch
plt.figure(figsize=(6, 3.2))
plt.plot(range(MAX_EPOCH), lr_list, drawstyle="steps-post",
         label="StepLR (step decay)")
plt.title(f"StepLR: step_size = {STEP_SIZE}, gamma = {GAMMA}")
plt.xlabel("epoch")
plt.ylabel("learning rate")
plt.grid(alpha=0.3)
plt.legend()
plt.show()
