# The three difficulties again: gradient descent, Momentum and Adam
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font instead of SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]


def flat(x):
    return 1 - torch.exp(-(x**2))


def saddle(p):
    return p[0] ** 2 - p[1] ** 2


def wells(x):
    return x**4 - 3 * x**2 + x


def run(f, start, steps, make_optimizer):
    p = torch.tensor(start, requires_grad=True)
    optimizer = make_optimizer([p])
    path = [p.detach().clone()]
    for _ in range(steps):
        optimizer.zero_grad()
        f(p).backward()
        optimizer.step()
        path.append(p.detach().clone())
    return torch.stack(path)


def first(condition):  # the first step that satisfies it, or None
    hits = torch.nonzero(condition)
    return hits[0].item() if len(hits) else None


beta = 0.9  # β of Momentum; Adam keeps its default betas
names = ["SGD", "Momentum", "Adam"]


def three(f, start, steps, lr, adam_lr):
    makers = [lambda ps: torch.optim.SGD(ps, lr=lr),
              lambda ps: torch.optim.SGD(ps, lr=lr, momentum=beta),
              lambda ps: torch.optim.Adam(ps, lr=adam_lr)]
    return [run(f, start, steps, make) for make in makers]


# the same starts, learning rates and steps as in the first example
# (except Adam on the two wells, below)
flat_start, flat_lr, flat_steps = 2.5, 0.5, 20
saddle_start, saddle_lr, saddle_steps = [1.0, 0.01], 0.05, 30
wells_start, wells_lr, wells_steps = 2.0, 0.01, 150
wells_adam_lr = 0.05  # Adam steps about η: 0.01 is too short here
wells_near = 1.6  # once more, starting closer to the bottom
radius, height = 0.5, 1.0  # |x| < 0.5: off the plateau; |y| > 1: away

flat_paths = three(flat, flat_start, flat_steps, flat_lr, flat_lr)
saddle_paths = three(saddle, saddle_start, saddle_steps, saddle_lr, saddle_lr)
wells_paths = three(wells, wells_start, wells_steps, wells_lr, wells_adam_lr)
near_path = run(wells, wells_near, wells_steps,
                lambda ps: torch.optim.SGD(ps, lr=wells_lr, momentum=beta))
# Adam with the others' lr: how far it gets
slow_adam = run(wells, wells_start, wells_steps,
                lambda ps: torch.optim.Adam(ps, lr=wells_lr))

flat_end = [p[-1].item() for p in flat_paths]
flat_reach = [first(p.abs() < radius) for p in flat_paths]
saddle_end = [p[-1].tolist() for p in saddle_paths]
saddle_leave = [first(p[:, 1].abs() > height) for p in saddle_paths]
wells_end = [p[-1].item() for p in wells_paths]
near_end = near_path[-1].item()
slow_adam_end = slow_adam[-1].item()

print(f"Flat region ({flat_steps} steps from x = {flat_start}):")
for name, end, reach in zip(names, flat_end, flat_reach):
    when = (f"never reaches |x| < {radius}" if reach is None
            else f"reaches |x| < {radius} at step {reach}")
    print(f"  {name:<9} x = {end:6.3f}, {when}")
print(f"Saddle point ({saddle_steps} steps from {tuple(saddle_start)}):")
for name, end, leave in zip(names, saddle_end, saddle_leave):
    when = (f"never reaches |y| > {height:g}" if leave is None
            else f"reaches |y| > {height:g} at step {leave}")
    print(f"  {name:<9} (x, y) = ({end[0]:.3f}, {end[1]:.3f}), {when}")
print(f"Two wells ({wells_steps} steps):")
for name, end in zip(names, wells_end):
    print(f"  {name:<9} from x = {wells_start} ends at x = {end:.3f}")
print(f"  {names[1]:<9} from x = {wells_near} ends at x = {near_end:.3f}")
print(f"  {names[2]:<9} from x = {wells_start} (lr = {wells_lr}) "
      f"ends at x = {slow_adam_end:.3f}")

colors = ["tab:red", "tab:blue", "tab:green"]
fig, axes = plt.subplots(1, 3, figsize=(9, 3.4))
for path, name, c in zip(flat_paths, names, colors):
    axes[0].plot(path, "o-", color=c, markersize=2.5, label=name)
axes[0].axhline(0, color="k", linewidth=0.8, linestyle=":")
axes[0].set_title("Flat region: x step by step")
axes[0].set_xlabel("step")
axes[0].set_ylabel("x")
axes[0].set_ylim(-1.9, 2.7)  # room for the legend under the paths

line = torch.linspace(-1.2, 2.2, 121)
xs, ys = torch.meshgrid(line, line, indexing="xy")
axes[1].contour(xs, ys, xs**2 - ys**2, levels=15, colors="0.75",
                linewidths=0.8)
for path, name, c in zip(saddle_paths, names, colors):
    axes[1].plot(path[:, 0], path[:, 1], "o-", color=c, markersize=2.5,
                 label=name)
axes[1].plot(0, 0, "k*", markersize=10)
axes[1].set_xlim(-1.2, 2.2)
axes[1].set_ylim(-1.2, 2.2)
axes[1].set_title("Saddle point: start just above the x axis")
axes[1].set_xlabel("x")
axes[1].set_ylabel("y")

for path, name, c in zip(wells_paths, names, colors):
    axes[2].plot(path, color=c, label=f"{name}, x₀ = {wells_start}")
axes[2].plot(near_path, "--", color=colors[1],
             label=f"{names[1]}, x₀ = {wells_near}")
axes[2].set_title("Two wells: x step by step")
axes[2].set_xlabel("step")
axes[2].set_ylabel("x")
for ax, corner in zip(axes, ("lower left", "upper right", "center right")):
    ax.legend(fontsize=8, loc=corner)
    ax.title.set_fontsize(10)
plt.tight_layout()
plt.show()
