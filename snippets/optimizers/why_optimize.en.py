# Why gradient descent needs help: flat regions, saddle points, local minima
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font instead of SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]


def descend(f, start, lr, steps):
    """Plain gradient descent (no momentum): the points and the end gradient."""
    p = torch.tensor(start, requires_grad=True)
    optimizer = torch.optim.SGD([p], lr=lr)
    path = [p.detach().clone()]
    for _ in range(steps):
        optimizer.zero_grad()
        f(p).backward()
        optimizer.step()
        path.append(p.detach().clone())
    optimizer.zero_grad()
    f(p).backward()  # one more gradient: the gradient at the end point
    return torch.stack(path), p.grad


def flat(x):  # almost flat away from 0
    return 1 - torch.exp(-(x**2))


def saddle(p):  # a valley along x, a ridge along y; (0, 0) is a saddle point
    return p[0] ** 2 - p[1] ** 2


def wells(x):  # two wells: the right one shallow, the left one deep
    return x**4 - 3 * x**2 + x


flat_start, flat_lr, flat_steps = 2.5, 0.5, 20
saddle_start, saddle_lr, saddle_steps = [1.0, 0.01], 0.05, 30  # off the axis
wells_start, wells_lr, wells_steps = 2.0, 0.01, 150

flat_path, flat_grad = descend(flat, flat_start, flat_lr, flat_steps)
saddle_path, saddle_grad = descend(saddle, saddle_start, saddle_lr,
                                   saddle_steps)
wells_path, _ = descend(wells, wells_start, wells_lr, wells_steps)
grid = torch.linspace(-2.2, 2.2, 4401)
best = grid[wells(grid).argmin()]  # the global minimum, found on a grid

flat_end, flat_end_grad = flat_path[-1].item(), flat_grad.item()
saddle_end, saddle_end_grad = saddle_path[-1].tolist(), saddle_grad.tolist()
x_factor = 1 - 2 * saddle_lr  # each step multiplies x by 1 - 2η
y_factor = 1 + 2 * saddle_lr  # each step multiplies y by 1 + 2η
wells_end, wells_end_f = wells_path[-1].item(), wells(wells_path[-1]).item()
best_x, best_f = best.item(), wells(best).item()

print(f"Flat region: {flat_steps} steps move x only from "
      f"{flat_start} to {flat_end:.3f}; the gradient is just "
      f"{flat_end_grad:.3f}")
print(f"Saddle point: ({saddle_start[0]}, {saddle_start[1]}), "
      f"{saddle_steps} steps → ({saddle_end[0]:.3f}, {saddle_end[1]:.3f}), "
      f"gradient ({saddle_end_grad[0]:.3f}, {saddle_end_grad[1]:.3f})")
print(f"Local minimum: after {wells_steps} steps stuck at "
      f"x = {wells_end:.3f}, "
      f"f(x) = {wells_end_f:.3f}")
print(f"The global minimum is at x = {best_x:.3f}, f(x) = {best_f:.3f}")

fig, axes = plt.subplots(1, 3, figsize=(8.7, 3.4))
x = torch.linspace(-4, 4, 401)
axes[0].plot(x, flat(x), label="f(x) = 1 − exp(−x²)")
axes[0].plot(flat_path, flat(flat_path), "o", color="tab:red", markersize=3,
             label=f"{flat_steps} steps of gradient descent")
axes[0].set_title("Flat region: tiny gradient, tiny steps")
axes[0].set_ylim(-0.45, 1.1)  # room for the legend under the well

line = torch.linspace(-1.2, 1.2, 121)
xs, ys = torch.meshgrid(line, line, indexing="xy")
axes[1].contour(xs, ys, xs**2 - ys**2, levels=15, cmap="coolwarm",
                linewidths=0.8)
axes[1].plot(saddle_path[:, 0], saddle_path[:, 1], "o-", color="tab:red",
             markersize=3, label=f"{saddle_steps} steps of gradient descent")
axes[1].plot(0, 0, "k*", markersize=10, label="saddle point (0, 0)")
axes[1].set_title("Saddle point: tiny gradient nearby")
axes[1].set_ylabel("y")
axes[2].set_ylabel("f(x)")

x = torch.linspace(-2.2, 2.2, 301)
axes[2].plot(x, wells(x), label="f(x) = x⁴ − 3x² + x")
axes[2].plot(wells_path, wells(wells_path), "o", color="tab:red",
             markersize=3, label=f"{wells_steps} steps of gradient descent")
axes[2].plot(best, wells(best), "k*", markersize=10, label="global minimum")
axes[2].set_title("Local minimum: stuck in the shallow well")
axes[2].set_ylim(-4.5, 17)  # room for the legend above the curve

corners = ("lower right", "upper center", "upper center")
for ax, corner in zip(axes, corners, strict=True):
    ax.set_xlabel("x")
    ax.legend(fontsize=8, loc=corner)
    ax.title.set_fontsize(10)
axes[0].set_ylabel("f(x)")
plt.tight_layout()
plt.show()
