# 为什么要按分量调整步长：一个两个方向曲率相差 100 倍的碗
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体，代替 Windows 的 SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

curv = [0.1, 10.0]  # f = (0.1·x² + 10·y²)/2：x 方向平缓，y 方向陡峭
start, steps = [5.0, 1.0], 50
sgd_lrs = [0.19, 0.21]  # SGD 的稳定上限是 2/10 = 0.2：一个在下，一个在上
ada_lr = 1.0
sgd_limit = 2 / curv[1]
ratio = curv[1] / curv[0]  # 曲率之比
x_factor = 1 - curv[0] * sgd_lrs[0]  # x 方向每步乘以 1 - 0.1η


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
ada_lr_eff = (ada_lr / ada_state["sum"].sqrt()).tolist()  # 每个分量的 η/√s

for lr, end, loss in zip(sgd_lrs, sgd_end, sgd_loss):
    print(f"SGD，lr = {lr}：{steps} 步后 ({end[0]:.3f}, {end[1]:.3f})，"
          f"损失 {loss:.3g}")
print(f"AdaGrad，lr = {ada_lr:g}：{steps} 步后 ({ada_end[0]:.3f}, "
      f"{ada_end[1]:.3f})，损失 {ada_loss:.3g}")
print(f"AdaGrad 最后的有效学习率 η/√s：x 方向 {ada_lr_eff[0]:.3f}，"
      f"y 方向 {ada_lr_eff[1]:.3f}")

line_x, line_y = torch.linspace(-1, 5.5, 131), torch.linspace(-1.6, 1.6, 81)
xs, ys = torch.meshgrid(line_x, line_y, indexing="xy")
plt.figure(figsize=(6.4, 3.4))
plt.contour(xs, ys, f(torch.stack([xs, ys], dim=-1)), levels=12,
            colors="0.75", linewidths=0.8)
plt.plot(sgd_paths[0][:, 0], sgd_paths[0][:, 1], "o-", color="tab:red",
         markersize=2.5, linewidth=0.8, label=f"SGD，lr = {sgd_lrs[0]}")
plt.plot(ada_path[:, 0], ada_path[:, 1], "o-", color="tab:purple",
         markersize=2.5, linewidth=0.8, label=f"AdaGrad，lr = {ada_lr:g}")
plt.plot(0, 0, "k*", markersize=10, label="最小值")
plt.xlabel("x（平缓）")
plt.ylabel("y（陡峭）")
plt.title(f"{steps} 步：SGD 在 y 方向来回跳，在 x 方向走得很慢")
plt.legend(fontsize=8, loc="upper left")
plt.tight_layout()
plt.show()
