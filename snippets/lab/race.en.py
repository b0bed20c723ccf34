# The race: 7 optimizers, same start, same number of steps, 3 landscapes
import math

import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from matplotlib.animation import FuncAnimation  # frame-by-frame animation
from noto_cjk_sans_otc import FONT_PATH
from torch import optim

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

MOMENTUM, RMS_BETA = 0.9, 0.99  # β of momentum; β of RMSProp (its alpha)
OPTIMIZERS = {  # name → builds the PyTorch optimizer with learning rate lr
    "SGD": lambda ps, lr: optim.SGD(ps, lr=lr),
    "Momentum": lambda ps, lr: optim.SGD(ps, lr=lr, momentum=MOMENTUM),
    "Nesterov": lambda ps, lr: optim.SGD(ps, lr=lr, momentum=MOMENTUM,
                                         nesterov=True),
    "AdaGrad": lambda ps, lr: optim.Adagrad(ps, lr=lr),
    "RMSProp": lambda ps, lr: optim.RMSprop(ps, lr=lr, alpha=RMS_BETA),
    "Adam": lambda ps, lr: optim.Adam(ps, lr=lr),
    "AdamW": lambda ps, lr: optim.AdamW(ps, lr=lr),
}
NAMES = list(OPTIMIZERS)
# one colour per optimizer; SGD, Momentum, AdaGrad and Adam as on the
# optimizers page
COLORS = {"SGD": "tab:red", "Momentum": "tab:blue", "Nesterov": "tab:orange",
          "AdaGrad": "tab:purple", "RMSProp": "tab:brown", "Adam": "tab:green",
          "AdamW": "tab:pink"}
BOWL = (0.1, 2.0)  # f = 0.1x² + 2y²
curv = [2 * a for a in BOWL]  # curvatures (second derivatives) 0.2 and 4
cond = curv[1] / curv[0]  # condition number


def rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


# Per landscape: start, steps, one lr per optimizer (in the order above);
# ★ is the minimum (on the saddle: the saddle point)
START = [(-8.0, 1.5), (-1.5, 0.01), (-1.2, 1.0)]
STEPS = [100, 50, 300]
LRS = [(0.1, 0.1, 0.1, 1.0, 0.1, 0.3, 0.3),
       (0.05, 0.05, 0.05, 0.2, 0.05, 0.05, 0.05),
       (1e-3, 1e-3, 1e-3, 0.5, 0.01, 0.1, 0.1)]
LANDSCAPES = [
    dict(title="Ill-conditioned bowl f = 0.1x² + 2y²",
         f=lambda x, y: BOWL[0] * x**2 + BOWL[1] * y**2,
         star=(0.0, 0.0), star_name="minimum",
         box=(-9, 3, -2.5, 2.5), levels=torch.logspace(-2, 1.5, 12)),
    dict(title="Saddle f = x² − y²", f=lambda x, y: x**2 - y**2,
         star=(0.0, 0.0), star_name="saddle point",
         box=(-2, 2, -2, 2), levels=torch.linspace(-4, 4, 17)),
    dict(title="Rosenbrock f = (1 − x)² + 100(y − x²)²", f=rosenbrock,
         star=(1.0, 1.0), star_name="minimum",
         box=(-1.5, 1.5, -0.5, 2.0), levels=torch.logspace(-1, 3.5, 12)),
]
FRAMES = 20  # frames per animation after the first (the start)
N_FRAMES = FRAMES + 1  # every frame of an animation
final_loss, final_dist = [], []  # [landscape][optimizer]


def contours(land):
    x0, x1, y0, y1 = land["box"]
    gx, gy = torch.meshgrid(torch.linspace(x0, x1, 200),
                            torch.linspace(y0, y1, 200), indexing="xy")
    plt.contour(gx, gy, land["f"](gx, gy), levels=land["levels"],
                colors="0.8", linewidths=0.8, linestyles="solid")
    plt.xlim(x0, x1)
    plt.ylim(y0, y1)
    plt.xlabel("x")
    plt.ylabel("y")


for land, start, steps, lrs in zip(LANDSCAPES, START, STEPS, LRS):
    f = land["f"]
    print(f"{land['title']}: {steps} steps, {start} → ★ {land['star']}")
    print("  optimizer       lr  final loss  distance to ★")
    plt.figure(figsize=(5.2, 5.6))
    contours(land)
    paths, losses, dists = [], [], []  # paths: for the animation below
    for (name, make), lr in zip(OPTIMIZERS.items(), lrs):
        p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
        optimizer = make([p], lr)
        path = [p.tolist()]
        for _ in range(steps):
            optimizer.zero_grad()
            f(*p).backward()
            optimizer.step()
            path.append(p.tolist())
        loss, dist = f(*p).item(), math.dist(p.tolist(), land["star"])
        losses.append(loss)
        dists.append(dist)
        print(f"  {name:10s}{lr:>8g}{loss:>12.3g}{dist:>15.3g}")
        xs, ys = zip(*path)
        # dashed: a path close to the previous one
        style = "--" if name in ("Nesterov", "RMSProp", "AdamW") else "-"
        (drawn,) = plt.plot(xs, ys, style, color=COLORS[name], marker="o",
                            markersize=2, markevery=max(1, steps // 50),
                            linewidth=1.2, label=f"{name} (lr = {lr:g})")
        color = drawn.get_color()
        plt.plot(xs[-1], ys[-1], "X", color=color, markersize=8)  # the end
        paths.append((xs, ys, style, color, drawn.get_label()))
    final_loss.append(losses)
    final_dist.append(dists)
    plt.plot([], [], "kX", markersize=8, label="end")
    plt.plot(*start, "ks", label="start")
    plt.plot(*land["star"], "k*", markersize=12,
             label=land["star_name"])
    plt.title(land["title"])
    plt.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14),
               ncols=2)
    plt.show()

    # Animation: the same paths drawn step by step
    # (plt.show() plays it in a window; the site shows a GIF)
    fig = plt.figure(figsize=(4.4, 4.9))  # narrow: legible on a phone
    contours(land)
    lines = [plt.plot([], [], style, color=color, linewidth=1.5,
                      label=label)[0]
             for _, _, style, color, label in paths]
    plt.plot(*land["star"], "k*", markersize=12)
    plt.plot(*start, "ks")  # where all the paths start
    plt.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14),
               ncols=2)
    # room for the legend below the axes
    plt.subplots_adjust(left=0.15, right=0.96, top=0.94, bottom=0.3)

    def draw(k, lines=lines, paths=paths, steps=steps, title=land["title"]):
        n = round(k * steps / FRAMES)  # frame k draws the first n steps
        for line, (xs, ys, *_) in zip(lines, paths):
            line.set_data(xs[: n + 1], ys[: n + 1])
        plt.title(f"{title}: step {n}", fontsize=10)
        return lines

    animation = FuncAnimation(fig, draw, frames=N_FRAMES, interval=150)
    plt.show()

# Numbers for the text: SGD on the bowl along x, and on the saddle along y
sgd_factor = 1 - LRS[0][0] * curv[0]  # x shrinks by this factor per step
bowl_x0 = abs(START[0][0])
sgd_x_end = bowl_x0 * sgd_factor ** STEPS[0]
saddle_curv = 2  # |f_yy| on the saddle
saddle_factor = 1 + saddle_curv * LRS[1][0]  # y grows by this per step
saddle_growth = saddle_factor ** STEPS[1]
saddle_y_end = START[1][1] * saddle_growth
rms_one_minus = 1 - RMS_BETA
rms_first = LRS[1][4] / rms_one_minus**0.5  # RMSProp's first step
p0 = torch.tensor(START[2], requires_grad=True)
rosenbrock(*p0).backward()
rosen_grad0 = p0.grad.abs().max().item()  # largest gradient at the start
