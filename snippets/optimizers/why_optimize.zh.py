# 梯度下降为什么需要优化：平缓区域、鞍点、局部最小值
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体，替代原文只在 Windows 上才有的 SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]


def descend(f, start, lr, steps):
    """普通梯度下降（不带任何优化）：返回走过的每一个点和终点处的梯度。"""
    p = torch.tensor(start, requires_grad=True)
    optimizer = torch.optim.SGD([p], lr=lr)
    path = [p.detach().clone()]
    for _ in range(steps):
        optimizer.zero_grad()
        f(p).backward()
        optimizer.step()
        path.append(p.detach().clone())
    optimizer.zero_grad()
    f(p).backward()  # 再求一次梯度：终点处的梯度
    return torch.stack(path), p.grad


def flat(x):  # 远离 0 的地方几乎是平的
    return 1 - torch.exp(-(x**2))


def saddle(p):  # 马鞍面：沿 x 是谷底，沿 y 是山脊，(0, 0) 是鞍点
    return p[0] ** 2 - p[1] ** 2


def wells(x):  # 两个坑：右边浅（局部最小值），左边深（全局最小值）
    return x**4 - 3 * x**2 + x


flat_path, flat_grad = descend(flat, 2.5, lr=0.5, steps=20)
saddle_path, saddle_grad = descend(saddle, [1.0, 0.0], lr=0.1, steps=30)
wells_path, wells_grad = descend(wells, 2.0, lr=0.05, steps=30)
grid = torch.linspace(-2.2, 2.2, 4401)
best = grid[wells(grid).argmin()]  # 在网格上找全局最小值，作对比

print(f"平缓区域：20 步后 x 从 2.5 只走到 {flat_path[-1]:.3f}，梯度只有 {flat_grad:.3f}")
print(f"鞍点：30 步后停在 ({saddle_path[-1][0]:.3f}, {saddle_path[-1][1]:.3f})，"
      f"梯度 ({saddle_grad[0]:.3f}, {saddle_grad[1]:.3f})")
print(f"局部最小值：30 步后停在 x = {wells_path[-1]:.3f}，f(x) = {wells(wells_path[-1]):.3f}；"
      f"全局最小值在 x = {best:.3f}，f(x) = {wells(best):.3f}")

fig, axes = plt.subplots(1, 3, figsize=(11, 3.6))
x = torch.linspace(-4, 4, 401)
axes[0].plot(x, flat(x), label="f(x) = 1 − exp(−x²)")
axes[0].plot(flat_path, flat(flat_path), "o", color="tab:red", markersize=3, label="梯度下降 20 步")
axes[0].set_title("平缓区域：梯度很小，走得很慢")

xs, ys = torch.meshgrid(torch.linspace(-1.2, 1.2, 121), torch.linspace(-1.2, 1.2, 121), indexing="xy")
axes[1].contour(xs, ys, xs**2 - ys**2, levels=15, cmap="coolwarm", linewidths=0.8)
axes[1].plot(saddle_path[:, 0], saddle_path[:, 1], "o-", color="tab:red", markersize=3, label="梯度下降 30 步")
axes[1].plot(0, 0, "k*", markersize=10, label="鞍点 (0, 0)")
axes[1].set_title("鞍点：梯度为 0，停住不动")
axes[1].set_ylabel("y")

x = torch.linspace(-2.2, 2.2, 301)
axes[2].plot(x, wells(x), label="f(x) = x⁴ − 3x² + x")
axes[2].plot(wells_path, wells(wells_path), "o", color="tab:red", markersize=3, label="梯度下降 30 步")
axes[2].plot(best, wells(best), "k*", markersize=10, label="全局最小值")
axes[2].set_title("局部最小值：停在较浅的坑里")

for ax, corner in zip(axes, ("lower right", "upper center", "upper center"), strict=True):
    ax.set_xlabel("x")
    ax.legend(fontsize=8, loc=corner)
axes[0].set_ylabel("f(x)")
plt.tight_layout()
plt.show()
