# 再看三种困难：梯度下降、Momentum、Adam 走同样的步数
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体，代替 Windows 的 SimHei

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


def first(condition):  # 第一次满足条件的步数；没有则为 None
    hits = torch.nonzero(condition)
    return hits[0].item() if len(hits) else None


beta = 0.9  # Momentum 的 β；Adam 用默认的 betas
names = ["SGD", "Momentum", "Adam"]


def three(f, start, steps, lr, adam_lr):
    makers = [lambda ps: torch.optim.SGD(ps, lr=lr),
              lambda ps: torch.optim.SGD(ps, lr=lr, momentum=beta),
              lambda ps: torch.optim.Adam(ps, lr=adam_lr)]
    return [run(f, start, steps, make) for make in makers]


# 与第一段代码相同的起点、学习率和步数（两个坑上的 Adam 除外，见下）
flat_start, flat_lr, flat_steps = 2.5, 0.5, 20
saddle_start, saddle_lr, saddle_steps = [1.0, 0.01], 0.05, 30
wells_start, wells_lr, wells_steps = 2.0, 0.01, 150
wells_adam_lr = 0.05  # Adam 的步长约为 η，0.01 走不完这段路
wells_near = 1.6  # 再从离坑底更近的地方出发一次
radius, height = 0.5, 1.0  # 到达 |x| < 0.5 算走出平台，|y| > 1 算离开鞍点

flat_paths = three(flat, flat_start, flat_steps, flat_lr, flat_lr)
saddle_paths = three(saddle, saddle_start, saddle_steps, saddle_lr, saddle_lr)
wells_paths = three(wells, wells_start, wells_steps, wells_lr, wells_adam_lr)
near_path = run(wells, wells_near, wells_steps,
                lambda ps: torch.optim.SGD(ps, lr=wells_lr, momentum=beta))
# Adam 用其他方法的学习率：能走多远
slow_adam = run(wells, wells_start, wells_steps,
                lambda ps: torch.optim.Adam(ps, lr=wells_lr))

flat_end = [p[-1].item() for p in flat_paths]
flat_reach = [first(p.abs() < radius) for p in flat_paths]
saddle_end = [p[-1].tolist() for p in saddle_paths]
saddle_leave = [first(p[:, 1].abs() > height) for p in saddle_paths]
wells_end = [p[-1].item() for p in wells_paths]
near_end = near_path[-1].item()
slow_adam_end = slow_adam[-1].item()

print(f"平缓区域（{flat_steps} 步，起点 x = {flat_start}）：")
for name, end, reach in zip(names, flat_end, flat_reach):
    when = (f"没有到达 |x| < {radius}" if reach is None
            else f"首次到达 |x| < {radius}：第 {reach} 步")
    print(f"  {name:<9} x = {end:6.3f}，{when}")
print(f"鞍点（{saddle_steps} 步，起点 {tuple(saddle_start)}）：")
for name, end, leave in zip(names, saddle_end, saddle_leave):
    when = (f"没有到达 |y| > {height:g}" if leave is None
            else f"首次到达 |y| > {height:g}：第 {leave} 步")
    print(f"  {name:<9} (x, y) = ({end[0]:.3f}, {end[1]:.3f})，{when}")
print(f"两个坑（{wells_steps} 步）：")
for name, end in zip(names, wells_end):
    print(f"  {name:<9} 从 x = {wells_start} 出发，停在 x = {end:.3f}")
print(f"  {names[1]:<9} 从 x = {wells_near} 出发，停在 x = {near_end:.3f}")
print(f"  {names[2]:<9} 从 x = {wells_start} 出发（lr = {wells_lr}），"
      f"停在 x = {slow_adam_end:.3f}")

colors = ["tab:red", "tab:blue", "tab:green"]
fig, axes = plt.subplots(1, 3, figsize=(9, 3.4))
for path, name, c in zip(flat_paths, names, colors):
    axes[0].plot(path, "o-", color=c, markersize=2.5, label=name)
axes[0].axhline(0, color="k", linewidth=0.8, linestyle=":")
axes[0].set_title("平缓区域：x 随步数的变化")
axes[0].set_xlabel("步数")
axes[0].set_ylabel("x")
axes[0].set_ylim(-1.9, 2.7)  # 下方留出图例的位置

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
axes[1].set_title("鞍点：起点略高于 x 轴")
axes[1].set_xlabel("x")
axes[1].set_ylabel("y")

for path, name, c in zip(wells_paths, names, colors):
    axes[2].plot(path, color=c, label=f"{name}，x₀ = {wells_start}")
axes[2].plot(near_path, "--", color=colors[1],
             label=f"{names[1]}，x₀ = {wells_near}")
axes[2].set_title("两个坑：x 随步数的变化")
axes[2].set_xlabel("步数")
axes[2].set_ylabel("x")
for ax, corner in zip(axes, ("lower left", "upper right", "center right")):
    ax.legend(fontsize=8, loc=corner)
    ax.title.set_fontsize(10)
plt.tight_layout()
plt.show()
