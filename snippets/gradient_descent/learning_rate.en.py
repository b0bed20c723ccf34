# Learning rate too small, about right, too large: a few steps on f(w) = w²
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font, replaces SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]


def f(w):
    return w**2  # minimum at w = 0


w0 = 1.0  # starting point
steps = 8  # steps per learning rate
curvature = 2.0  # f''(w) = 2: the curvature of f(w) = w²
lr_limit = 2 / curvature  # no convergence once η ≥ 2 / curvature


def gradient_descent(lr):
    """Start at w0, make `steps` updates w ← w - η·f'(w), return every w."""
    w = torch.tensor(w0, requires_grad=True)
    path = [w.item()]
    for _ in range(steps):
        loss = f(w)
        loss.backward()  # autograd: w.grad = f'(w) = 2w
        with torch.no_grad():
            w -= lr * w.grad  # one step against the gradient
        w.grad.zero_()  # clear the gradient, or the next step adds to it
        path.append(w.item())
    return path


runs = [  # learning rate, name, colour, marker
    (0.05, "Learning rate too small", "tab:blue", "o"),
    (0.3, "Learning rate about right", "tab:green", "s"),
    (1.05, "Learning rate too large", "tab:red", "^"),
]
lrs = [lr for lr, *_ in runs]
factors = [1 - curvature * lr for lr in lrs]  # each step: w ← (1 - 2η)·w
finals = []  # w after the last step, per learning rate

plt.figure(figsize=(6, 4))
grid = torch.linspace(-2.3, 2.3, 200)
plt.plot(grid, f(grid), color="0.75", label="f(w) = w²")
for (lr, name, color, marker), factor in zip(runs, factors):
    path = gradient_descent(lr)
    finals.append(path[-1])
    print(f"{name} (η = {lr}): "
          f"w × {factor:.1f} per step; "
          f"after {steps} steps w = {path[-1]:.4f}")
    ws = torch.tensor(path)
    plt.plot(ws, f(ws), marker=marker, markersize=5, color=color,
             label=f"{name} (η = {lr})")
plt.scatter([w0], [f(w0)], s=80, facecolors="none", edgecolors="black",
            zorder=3, label=f"start w = {w0:g}")
plt.xlabel("parameter w")
plt.ylabel("loss f(w)")
plt.title(f"Gradient descent: {steps} steps")
plt.ylim(-0.3, 6.8)  # leave room for the legend at the top
plt.legend(loc="upper center", ncol=2, fontsize=8)
plt.show()
