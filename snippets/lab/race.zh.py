# 优化器赛跑：7 个优化器，同一个起点、同样的步数，3 种地形
import math

import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from matplotlib.animation import FuncAnimation  # 逐帧动画
from noto_cjk_sans_otc import FONT_PATH
from torch import optim

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

MOMENTUM, RMS_BETA = 0.9, 0.99  # 动量的 β；RMSProp 的 β（即 alpha）
OPTIMIZERS = {  # 名字 → 用学习率 lr 构造 PyTorch 优化器
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
# 每个优化器一种颜色；SGD、Momentum、AdaGrad、Adam 的颜色
# 与“梯度下降的优化方法”一章相同
COLORS = {"SGD": "tab:red", "Momentum": "tab:blue", "Nesterov": "tab:orange",
          "AdaGrad": "tab:purple", "RMSProp": "tab:brown", "Adam": "tab:green",
          "AdamW": "tab:pink"}
BOWL = (0.1, 2.0)  # f = 0.1x² + 2y²
curv = [2 * a for a in BOWL]  # 曲率（二阶导数）0.2 和 4
cond = curv[1] / curv[0]  # 条件数


def rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


# 每种地形：起点、步数、每个优化器的学习率（顺序同上）；
# ★ 是最小值点（鞍面上是鞍点）
START = [(-8.0, 1.5), (-1.5, 0.01), (-1.2, 1.0)]
STEPS = [100, 50, 300]
LRS = [(0.1, 0.1, 0.1, 1.0, 0.1, 0.3, 0.3),
       (0.05, 0.05, 0.05, 0.2, 0.05, 0.05, 0.05),
       (1e-3, 1e-3, 1e-3, 0.5, 0.01, 0.1, 0.1)]
LANDSCAPES = [
    dict(title="病态的碗 f = 0.1x² + 2y²",
         f=lambda x, y: BOWL[0] * x**2 + BOWL[1] * y**2,
         star=(0.0, 0.0), star_name="最小值",
         box=(-9, 3, -2.5, 2.5), levels=torch.logspace(-2, 1.5, 12)),
    dict(title="鞍面 f = x² − y²", f=lambda x, y: x**2 - y**2,
         star=(0.0, 0.0), star_name="鞍点",
         box=(-2, 2, -2, 2), levels=torch.linspace(-4, 4, 17)),
    dict(title="Rosenbrock f = (1 − x)² + 100(y − x²)²", f=rosenbrock,
         star=(1.0, 1.0), star_name="最小值",
         box=(-1.5, 1.5, -0.5, 2.0), levels=torch.logspace(-1, 3.5, 12)),
]
FRAMES = 20  # 每段动画除第一帧（起点）以外的帧数
N_FRAMES = FRAMES + 1  # 每段动画的总帧数
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
    print(f"{land['title']}：{steps} 步，{start} → ★ {land['star']}")
    print("  优化器      学习率    最终损失    到 ★ 的距离")
    plt.figure(figsize=(5.2, 5.6))
    contours(land)
    paths, losses, dists = [], [], []  # 路线留给下面的动画
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
        # 虚线：与前一条很接近的路线
        style = "--" if name in ("Nesterov", "RMSProp", "AdamW") else "-"
        (drawn,) = plt.plot(xs, ys, style, color=COLORS[name], marker="o",
                            markersize=2, markevery=max(1, steps // 50),
                            linewidth=1.2, label=f"{name}（lr = {lr:g}）")
        color = drawn.get_color()
        plt.plot(xs[-1], ys[-1], "X", color=color, markersize=8)  # 终点
        paths.append((xs, ys, style, color, drawn.get_label()))
    final_loss.append(losses)
    final_dist.append(dists)
    plt.plot([], [], "kX", markersize=8, label="终点")
    plt.plot(*start, "ks", label="起点")
    plt.plot(*land["star"], "k*", markersize=12,
             label=land["star_name"])
    plt.title(land["title"])
    plt.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14),
               ncols=2)
    plt.show()

    # 动画：把同样的路线一步步画出来
    # （在窗口中 plt.show() 会播放它，网站上是一张 GIF）
    fig = plt.figure(figsize=(4.4, 4.9))  # 窄一些：手机上也看得清
    contours(land)
    lines = [plt.plot([], [], style, color=color, linewidth=1.5,
                      label=label)[0]
             for _, _, style, color, label in paths]
    plt.plot(*land["star"], "k*", markersize=12)
    plt.plot(*start, "ks")  # 所有路线的起点
    plt.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14),
               ncols=2)
    # 给坐标轴下方的图例留出空间
    plt.subplots_adjust(left=0.15, right=0.96, top=0.94, bottom=0.3)

    def draw(k, lines=lines, paths=paths, steps=steps, title=land["title"]):
        n = round(k * steps / FRAMES)  # 第 k 帧画出前 n 步
        for line, (xs, ys, *_) in zip(lines, paths):
            line.set_data(xs[: n + 1], ys[: n + 1])
        plt.title(f"{title}：第 {n} 步", fontsize=10)
        return lines

    animation = FuncAnimation(fig, draw, frames=N_FRAMES, interval=150)
    plt.show()

# 正文里的手算：SGD 在碗上沿 x 方向、在鞍面上沿 y 方向
sgd_factor = 1 - LRS[0][0] * curv[0]  # x 每步缩小到这个倍数
bowl_x0 = abs(START[0][0])
sgd_x_end = bowl_x0 * sgd_factor ** STEPS[0]
saddle_curv = 2  # 鞍面上 |f_yy|
saddle_factor = 1 + saddle_curv * LRS[1][0]  # y 每步放大的倍数
saddle_growth = saddle_factor ** STEPS[1]
saddle_y_end = START[1][1] * saddle_growth
rms_one_minus = 1 - RMS_BETA
rms_first = LRS[1][4] / rms_one_minus**0.5  # RMSProp 的第一步
p0 = torch.tensor(START[2], requires_grad=True)
rosenbrock(*p0).backward()
rosen_grad0 = p0.grad.abs().max().item()  # 起点处最大的梯度分量
