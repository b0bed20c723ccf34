# 学习率太小、合适、太大：在 f(w) = w² 上各走几步梯度下降
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体，替代原文的 SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]


def f(w):
    return w**2  # 最小值在 w = 0


w0 = 1.0  # 起点
steps = 8  # 每个学习率走的步数
curvature = 2.0  # f''(w) = 2：f(w) = w² 的曲率
lr_limit = 2 / curvature  # η ≥ 2 / 曲率 时不再收敛


def gradient_descent(lr):
    """从 w0 出发做 steps 次更新 w ← w - η·f'(w)，返回经过的所有 w。"""
    w = torch.tensor(w0, requires_grad=True)
    path = [w.item()]
    for _ in range(steps):
        loss = f(w)
        loss.backward()  # 自动求导：w.grad = f'(w) = 2w
        with torch.no_grad():
            w -= lr * w.grad  # 沿梯度的反方向走一步
        w.grad.zero_()  # 清空梯度，否则下一步会累加
        path.append(w.item())
    return path


runs = [  # 学习率、名称、颜色、标记
    (0.05, "学习率太小", "tab:blue", "o"),
    (0.3, "学习率合适", "tab:green", "s"),
    (1.05, "学习率太大", "tab:red", "^"),
]
lrs = [lr for lr, *_ in runs]
factors = [1 - curvature * lr for lr in lrs]  # 每一步 w ← (1 - 2η)·w
finals = []  # 每个学习率走完后的 w

plt.figure(figsize=(6, 4))
grid = torch.linspace(-2.3, 2.3, 200)
plt.plot(grid, f(grid), color="0.75", label="f(w) = w²")
for (lr, name, color, marker), factor in zip(runs, factors):
    path = gradient_descent(lr)
    finals.append(path[-1])
    print(f"{name}（η = {lr}）："
          f"每步 w 乘以 {factor:.1f}，"
          f"{steps} 步后 w = {path[-1]:.4f}")
    ws = torch.tensor(path)
    plt.plot(ws, f(ws), marker=marker, markersize=5, color=color,
             label=f"{name}（η = {lr}）")
plt.scatter([w0], [f(w0)], s=80, facecolors="none", edgecolors="black",
            zorder=3, label=f"起点 w = {w0:g}")
plt.xlabel("参数 w")
plt.ylabel("损失 f(w)")
plt.title(f"梯度下降：{steps} 步的轨迹")
plt.ylim(-0.3, 6.8)  # 在上方留出放图例的空间
plt.legend(loc="upper center", ncol=2, fontsize=8)
plt.show()
