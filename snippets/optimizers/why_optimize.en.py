# Why gradient descent needs help: flat regions, saddle points, local minima
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font, replaces the Windows-only SimHei of the original

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]


def descend(f, start, lr, steps):
    """Plain gradient descent (no improvement): returns every point visited and the gradient at the end."""
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


def saddle(p):  # a saddle: a valley along x, a ridge along y; (0, 0) is the saddle point
    return p[0] ** 2 - p[1] ** 2


def wells(x):  # two wells: the right one shallow (local minimum), the left one deep (global minimum)
    return x**4 - 3 * x**2 + x


flat_path, flat_grad = descend(flat, 2.5, lr=0.5, steps=20)
saddle_path, saddle_grad = descend(saddle, [1.0, 0.0], lr=0.1, steps=30)
wells_path, wells_grad = descend(wells, 2.0, lr=0.05, steps=30)
grid = torch.linspace(-2.2, 2.2, 4401)
best = grid[wells(grid).argmin()]  # the global minimum, found on a grid, for comparison

print(f"Flat region: after 20 steps x has only moved from 2.5 to {flat_path[-1]:.3f}, gradient just {flat_grad:.3f}")
print(f"Saddle point: after 30 steps stuck at ({saddle_path[-1][0]:.3f}, {saddle_path[-1][1]:.3f}), "
      f"gradient ({saddle_grad[0]:.3f}, {saddle_grad[1]:.3f})")
print(f"Local minimum: after 30 steps stuck at x = {wells_path[-1]:.3f}, f(x) = {wells(wells_path[-1]):.3f}; "
      f"the global minimum is at x = {best:.3f}, f(x) = {wells(best):.3f}")

fig, axes = plt.subplots(1, 3, figsize=(11, 3.6))
x = torch.linspace(-4, 4, 401)
axes[0].plot(x, flat(x), label="f(x) = 1 − exp(−x²)")
axes[0].plot(flat_path, flat(flat_path), "o", color="tab:red", markersize=3, label="20 steps of gradient descent")
axes[0].set_title("Flat region: tiny gradient, tiny steps")

xs, ys = torch.meshgrid(torch.linspace(-1.2, 1.2, 121), torch.linspace(-1.2, 1.2, 121), indexing="xy")
axes[1].contour(xs, ys, xs**2 - ys**2, levels=15, cmap="coolwarm", linewidths=0.8)
axes[1].plot(saddle_path[:, 0], saddle_path[:, 1], "o-", color="tab:red", markersize=3,
             label="30 steps of gradient descent")
axes[1].plot(0, 0, "k*", markersize=10, label="saddle point (0, 0)")
axes[1].set_title("Saddle point: zero gradient")
axes[1].set_ylabel("y")

x = torch.linspace(-2.2, 2.2, 301)
axes[2].plot(x, wells(x), label="f(x) = x⁴ − 3x² + x")
axes[2].plot(wells_path, wells(wells_path), "o", color="tab:red", markersize=3, label="30 steps of gradient descent")
axes[2].plot(best, wells(best), "k*", markersize=10, label="global minimum")
axes[2].set_title("Local minimum: the shallow well")

for ax, corner in zip(axes, ("lower right", "upper center", "upper center"), strict=True):
    ax.set_xlabel("x")
    ax.legend(fontsize=8, loc=corner)
axes[0].set_ylabel("f(x)")
plt.tight_layout()
plt.show()
