# 梯度下降为什么需要优化：平缓区域、鞍点、局部最小值
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体，代替 Windows 的 SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]


def descend(f, start, lr, steps):
    """普通梯度下降（不带动量）：返回走过的每个点和终点处的梯度。"""
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


flat_start, flat_lr, flat_steps = 2.5, 0.5, 20
saddle_start, saddle_lr, saddle_steps = [1.0, 0.01], 0.05, 30  # 略高于 x 轴
wells_start, wells_lr, wells_steps = 2.0, 0.01, 150

flat_path, flat_grad = descend(flat, flat_start, flat_lr, flat_steps)
saddle_path, saddle_grad = descend(saddle, saddle_start, saddle_lr,
                                   saddle_steps)
wells_path, _ = descend(wells, wells_start, wells_lr, wells_steps)
grid = torch.linspace(-2.2, 2.2, 4401)
best = grid[wells(grid).argmin()]  # 在网格上找全局最小值，作对比

flat_end, flat_end_grad = flat_path[-1].item(), flat_grad.item()
saddle_end, saddle_end_grad = saddle_path[-1].tolist(), saddle_grad.tolist()
x_factor = 1 - 2 * saddle_lr  # 每一步 x 乘以 1 - 2η
y_factor = 1 + 2 * saddle_lr  # 每一步 y 乘以 1 + 2η
wells_end, wells_end_f = wells_path[-1].item(), wells(wells_path[-1]).item()
best_x, best_f = best.item(), wells(best).item()

print(f"平缓区域：{flat_steps} 步后 x 从 {flat_start} 只走到 {flat_end:.3f}，"
      f"梯度只有 {flat_end_grad:.3f}")
print(f"鞍点：从 ({saddle_start[0]}, {saddle_start[1]}) 出发，"
      f"{saddle_steps} 步后在 ({saddle_end[0]:.3f}, {saddle_end[1]:.3f})，"
      f"梯度 ({saddle_end_grad[0]:.3f}, {saddle_end_grad[1]:.3f})")
print(f"局部最小值：{wells_steps} 步后停在 x = {wells_end:.3f}，"
      f"f(x) = {wells_end_f:.3f}")
print(f"全局最小值在 x = {best_x:.3f}，f(x) = {best_f:.3f}")

fig, axes = plt.subplots(1, 3, figsize=(8.7, 3.4))
x = torch.linspace(-4, 4, 401)
axes[0].plot(x, flat(x), label="f(x) = 1 − exp(−x²)")
axes[0].plot(flat_path, flat(flat_path), "o", color="tab:red", markersize=3,
             label=f"梯度下降 {flat_steps} 步")
axes[0].set_title("平缓区域：梯度很小，走得很慢")
axes[0].set_ylim(-0.45, 1.1)  # 在坑的下方留出图例的位置

line = torch.linspace(-1.2, 1.2, 121)
xs, ys = torch.meshgrid(line, line, indexing="xy")
axes[1].contour(xs, ys, xs**2 - ys**2, levels=15, cmap="coolwarm",
                linewidths=0.8)
axes[1].plot(saddle_path[:, 0], saddle_path[:, 1], "o-", color="tab:red",
             markersize=3, label=f"梯度下降 {saddle_steps} 步")
axes[1].plot(0, 0, "k*", markersize=10, label="鞍点 (0, 0)")
axes[1].set_title("鞍点：附近梯度很小，走得很慢")
axes[1].set_ylabel("y")
axes[2].set_ylabel("f(x)")

x = torch.linspace(-2.2, 2.2, 301)
axes[2].plot(x, wells(x), label="f(x) = x⁴ − 3x² + x")
axes[2].plot(wells_path, wells(wells_path), "o", color="tab:red",
             markersize=3, label=f"梯度下降 {wells_steps} 步")
axes[2].plot(best, wells(best), "k*", markersize=10, label="全局最小值")
axes[2].set_title("局部最小值：停在较浅的坑里")
axes[2].set_ylim(-4.5, 17)  # 在曲线上方留出图例的位置

corners = ("lower right", "upper center", "upper center")
for ax, corner in zip(axes, corners, strict=True):
    ax.set_xlabel("x")
    ax.legend(fontsize=8, loc=corner)
    ax.title.set_fontsize(10)
axes[0].set_ylabel("f(x)")
plt.tight_layout()
plt.show()
