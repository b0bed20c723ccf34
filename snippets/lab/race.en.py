# The race: same start, same number of steps, 7 optimizers on three 2-D landscapes
import math

import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from matplotlib.animation import FuncAnimation  # frame-by-frame animation
from noto_cjk_sans_otc import FONT_PATH
from torch import optim

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

OPTIMIZERS = {  # name → builds the PyTorch optimizer with learning rate lr
    "SGD": lambda ps, lr: optim.SGD(ps, lr=lr),
    "Momentum": lambda ps, lr: optim.SGD(ps, lr=lr, momentum=0.9),
    "Nesterov": lambda ps, lr: optim.SGD(ps, lr=lr, momentum=0.9, nesterov=True),
    "AdaGrad": lambda ps, lr: optim.Adagrad(ps, lr=lr),
    "RMSProp": lambda ps, lr: optim.RMSprop(ps, lr=lr),
    "Adam": lambda ps, lr: optim.Adam(ps, lr=lr),
    "AdamW": lambda ps, lr: optim.AdamW(ps, lr=lr),
}
LANDSCAPES = [  # lr lists one rate per optimizer above, in order; ★ is the minimum (the saddle point on the saddle)
    dict(title="Ill-conditioned bowl f = 0.1x² + 2y²", f=lambda x, y: 0.1 * x**2 + 2 * y**2,
         start=(-8.0, 1.5), star=(0.0, 0.0), star_name="minimum",
         steps=100, lr=(0.1, 0.1, 0.1, 1.0, 0.1, 0.3, 0.3),
         box=(-9, 3, -2.5, 2.5), levels=torch.logspace(-2, 1.5, 12)),
    dict(title="Saddle f = x² − y²", f=lambda x, y: x**2 - y**2,
         start=(-1.5, 0.01), star=(0.0, 0.0), star_name="saddle point",
         steps=50, lr=(0.05, 0.05, 0.05, 0.2, 0.05, 0.05, 0.05),
         box=(-2, 2, -2, 2), levels=torch.linspace(-4, 4, 17)),
    dict(title="Rosenbrock f = (1 − x)² + 100(y − x²)²", f=lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2,
         start=(-1.2, 1.0), star=(1.0, 1.0), star_name="minimum",
         steps=300, lr=(1e-3, 1e-3, 1e-3, 0.5, 0.01, 0.1, 0.1),
         box=(-1.5, 1.5, -0.5, 2.0), levels=torch.logspace(-1, 3.5, 12)),
]

FRAMES = 20  # frames per animation

for land in LANDSCAPES:
    f = land["f"]
    print(f"{land['title']}: {land['steps']} steps, start {land['start']}, ★ = {land['star']}")
    print("  optimizer       lr  final loss  distance to ★")
    x0, x1, y0, y1 = land["box"]
    gx, gy = torch.meshgrid(torch.linspace(x0, x1, 200), torch.linspace(y0, y1, 200), indexing="xy")
    plt.figure(figsize=(6.4, 4.4))
    plt.contour(gx, gy, f(gx, gy), levels=land["levels"], colors="0.8", linewidths=0.8, linestyles="solid")
    paths = []  # keep the path for the animation below
    for (name, make), lr in zip(OPTIMIZERS.items(), land["lr"], strict=True):
        p = torch.tensor(land["start"], dtype=torch.float64, requires_grad=True)
        optimizer = make([p], lr)
        path = [p.tolist()]
        for _ in range(land["steps"]):
            optimizer.zero_grad()
            f(*p).backward()
            optimizer.step()
            path.append(p.tolist())
        loss, dist = f(*p).item(), math.dist(p.tolist(), land["star"])
        print(f"  {name:10s}{lr:>8g}{loss:>12.3g}{dist:>12.3g}")
        xs, ys = zip(*path, strict=True)
        style = "--" if name in ("Nesterov", "AdamW") else "-"  # dashed: a path close to the previous one
        (drawn,) = plt.plot(xs, ys, style, marker="o", markersize=2, markevery=max(1, land["steps"] // 50),
                            linewidth=1.2, label=f"{name} (lr = {lr:g})")
        plt.plot(xs[-1], ys[-1], "X", color=drawn.get_color(), markersize=8)  # where each path ends
        paths.append((xs, ys, style, drawn.get_color(), drawn.get_label()))
    plt.plot([], [], "kX", markersize=8, label="end")
    plt.plot(*land["start"], "ks", label="start")
    plt.plot(*land["star"], "k*", markersize=12, label=f"★ {land['star_name']}")
    plt.xlim(x0, x1)
    plt.ylim(y0, y1)
    plt.xlabel("x")
    plt.ylabel("y")
    plt.title(land["title"])
    plt.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    plt.show()

    # Animation: the same paths drawn step by step (plt.show() plays it in a window; the site shows a GIF)
    fig = plt.figure(figsize=(6.4, 4.4))
    plt.contour(gx, gy, f(gx, gy), levels=land["levels"], colors="0.8", linewidths=0.8, linestyles="solid")
    lines = [plt.plot([], [], style, color=color, linewidth=1.5, label=label)[0]
             for _, _, style, color, label in paths]
    plt.plot(*land["star"], "k*", markersize=12)
    plt.xlim(x0, x1)
    plt.ylim(y0, y1)
    plt.xlabel("x")
    plt.ylabel("y")
    plt.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    plt.subplots_adjust(left=0.1, right=0.66)  # leave room for the legend in every frame

    def draw(k, lines=lines, paths=paths, steps=land["steps"], title=land["title"]):
        n = round(k * steps / FRAMES)  # frame k draws the first n steps
        for line, (xs, ys, *_) in zip(lines, paths, strict=True):
            line.set_data(xs[: n + 1], ys[: n + 1])
        plt.title(f"{title}: step {n}")
        return lines

    animation = FuncAnimation(fig, draw, frames=FRAMES + 1, interval=150)
    plt.show()
