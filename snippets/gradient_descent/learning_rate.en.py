# Learning rate too small, about right, too large: 8 gradient-descent steps each on f(w) = w²
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font, replaces the Windows-only SimHei of the original

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]


def f(w):
    return w**2  # minimum at w = 0


def gradient_descent(lr, w0=1.0, steps=8):
    """Start at w0, make `steps` updates w ← w - η·f'(w) and return every w visited."""
    w = torch.tensor(w0, requires_grad=True)
    path = [w.item()]
    for _ in range(steps):
        loss = f(w)
        loss.backward()  # autograd: w.grad = f'(w) = 2w
        with torch.no_grad():
            w -= lr * w.grad  # one step against the gradient
        w.grad.zero_()  # clear the gradient, or the next step would add to it
        path.append(w.item())
    return path


runs = [  # learning rate, name, colour, marker
    (0.05, "too small", "tab:blue", "o"),
    (0.3, "about right", "tab:green", "s"),
    (1.05, "too large", "tab:red", "^"),
]

plt.figure(figsize=(6, 4))
grid = torch.linspace(-2.3, 2.3, 200)
plt.plot(grid, f(grid), color="0.75", label="f(w) = w²")
for lr, name, color, marker in runs:
    path = gradient_descent(lr)
    # on f(w) = w², each step is w ← w - η·2w = (1 - 2η)·w
    print(f"Learning rate {name} (η = {lr}): each step multiplies w by {1 - 2 * lr:.1f}; "
          f"after 8 steps w = {path[-1]:.4f}")
    ws = torch.tensor(path)
    plt.plot(ws, f(ws), marker=marker, markersize=5, color=color, label=f"{name} (η = {lr})")
plt.scatter([1.0], [1.0], s=80, facecolors="none", edgecolors="black", zorder=3, label="start w = 1")
plt.xlabel("parameter w")
plt.ylabel("loss f(w)")
plt.title("Eight steps of gradient descent")
plt.ylim(-0.3, 6.8)  # leave room for the legend at the top
plt.legend(loc="upper center", ncol=2, fontsize=8)
plt.show()
