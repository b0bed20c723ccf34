# Why step sizes per coordinate: a bowl 100 times steeper along y than along x
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font instead of SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

curv = [0.1, 10.0]  # f = (0.1·x² + 10·y²)/2: gentle along x, steep along y
start, steps = [5.0, 1.0], 50
sgd_lrs = [0.19, 0.21]  # SGD is stable below 2/10 = 0.2: one below, one above
ada_lr = 1.0
sgd_limit = 2 / curv[1]
ratio = curv[1] / curv[0]  # ratio of the curvatures
x_factor = 1 - curv[0] * sgd_lrs[0]  # each step multiplies x by 1 - 0.1η


def f(p):
    return (curv[0] * p[..., 0] ** 2 + curv[1] * p[..., 1] ** 2) / 2


def run(make_optimizer):
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    optimizer = make_optimizer([p])
    path = [p.detach().clone()]
    for _ in range(steps):
        optimizer.zero_grad()
        f(p).backward()
        optimizer.step()
        path.append(p.detach().clone())
    return torch.stack(path), optimizer.state[p]


sgd_paths = [run(lambda ps, lr=lr: torch.optim.SGD(ps, lr=lr))[0]
             for lr in sgd_lrs]
ada_path, ada_state = run(lambda ps: torch.optim.Adagrad(ps, lr=ada_lr))
sgd_end = [p[-1].tolist() for p in sgd_paths]
sgd_loss = [f(p[-1]).item() for p in sgd_paths]
ada_end, ada_loss = ada_path[-1].tolist(), f(ada_path[-1]).item()
ada_lr_eff = (ada_lr / ada_state["sum"].sqrt()).tolist()  # η/√s, per axis

for lr, end, loss in zip(sgd_lrs, sgd_end, sgd_loss):
    print(f"SGD, lr = {lr}: after {steps} steps at "
          f"({end[0]:.3f}, {end[1]:.3f}), loss {loss:.3g}")
print(f"AdaGrad, lr = {ada_lr:g}: after {steps} steps at ({ada_end[0]:.3f}, "
      f"{ada_end[1]:.3f}), loss {ada_loss:.3g}")
print(f"AdaGrad's final learning rates η/√s: {ada_lr_eff[0]:.3f} along x, "
      f"{ada_lr_eff[1]:.3f} along y")

line_x, line_y = torch.linspace(-1, 5.5, 131), torch.linspace(-1.6, 1.6, 81)
xs, ys = torch.meshgrid(line_x, line_y, indexing="xy")
plt.figure(figsize=(6.4, 3.4))
plt.contour(xs, ys, f(torch.stack([xs, ys], dim=-1)), levels=12,
            colors="0.75", linewidths=0.8)
plt.plot(sgd_paths[0][:, 0], sgd_paths[0][:, 1], "o-", color="tab:red",
         markersize=2.5, linewidth=0.8, label=f"SGD, lr = {sgd_lrs[0]}")
plt.plot(ada_path[:, 0], ada_path[:, 1], "o-", color="tab:purple",
         markersize=2.5, linewidth=0.8, label=f"AdaGrad, lr = {ada_lr:g}")
plt.plot(0, 0, "k*", markersize=10, label="minimum")
plt.xlabel("x (gentle)")
plt.ylabel("y (steep)")
plt.title(f"{steps} steps: SGD bounces along y and crawls along x")
plt.legend(fontsize=8, loc="upper left")
plt.tight_layout()
plt.show()
