# 学习率敏感性：每个优化器在 13 个对数间隔的学习率下各跑 100 步，比较最终损失
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]


# 第一节的函数，一字未改（它们已被证明与 torch.optim 逐步一致）。
# 学习率只是公式里的一个乘数：传入一列学习率（形状 13×1），13 次训练就在同一组张量运算里同时进行
def sgd(p, g, s, t, lr):
    return p - lr * g


def momentum(p, g, s, t, lr, beta=0.9):  # PyTorch 的形式：v = βv + g
    s["v"] = beta * s.get("v", 0) + g
    return p - lr * s["v"]


def nesterov(p, g, s, t, lr, beta=0.9):  # 沿着动量“向前看”一步
    s["v"] = beta * s.get("v", 0) + g
    return p - lr * (g + beta * s["v"])


def adagrad(p, g, s, t, lr, eps=1e-10):  # 累加全部历史梯度的平方
    s["G"] = s.get("G", 0) + g * g
    return p - lr * g / (s["G"].sqrt() + eps)


def rmsprop(p, g, s, t, lr, alpha=0.99, eps=1e-8):  # 梯度平方的指数加权平均
    s["E"] = alpha * s.get("E", 0) + (1 - alpha) * g * g
    return p - lr * g / (s["E"].sqrt() + eps)


def adam(p, g, s, t, lr, b1=0.9, b2=0.999, eps=1e-8):  # 动量 + RMSProp + 偏差修正
    s["m"] = b1 * s.get("m", 0) + (1 - b1) * g
    s["v"] = b2 * s.get("v", 0) + (1 - b2) * g * g
    m_hat, v_hat = s["m"] / (1 - b1**t), s["v"] / (1 - b2**t)
    return p - lr * m_hat / (v_hat.sqrt() + eps)


def adamw(p, g, s, t, lr, wd=0.01):  # 先把参数按比例缩小（解耦的权重衰减），再做 Adam
    return adam(p * (1 - lr * wd), g, s, t, lr)


OPTIMIZERS = {"SGD": sgd, "Momentum": momentum, "Nesterov": nesterov, "AdaGrad": adagrad,
              "RMSProp": rmsprop, "Adam": adam, "AdamW": adamw}
# 赛跑里的碗转 45° 并移到 C = (1, 1)：曲率仍是 0.2 和 4，但主轴不再与坐标轴对齐
A = torch.tensor([[2.1, -1.9], [-1.9, 2.1]], dtype=torch.float64)  # f(p) = ½ (p − C)ᵀ A (p − C)
C = torch.tensor([1.0, 1.0], dtype=torch.float64)
START, STEPS, GOOD = (-8.0, -5.0), 100, 1e-3
LRS = 10 ** torch.linspace(-3, 1, 13, dtype=torch.float64)  # 1e-3 … 10，相邻两个差 10^(1/3) 倍


def loss_of(p):  # p 的每一行是一个参数点；返回每一行的损失
    return 0.5 * (((p - C) @ A) * (p - C)).sum(dim=-1)


F0 = loss_of(torch.tensor(START, dtype=torch.float64)).item()
print(f"起点的损失 {F0:.3g}；{STEPS} 步后损失 < {GOOD:g} 算达标，比起点还大算发散")
print("  优化器   达标个数   达标的学习率区间   最好的 lr   从哪个 lr 起发散")
plt.figure(figsize=(6.4, 4))
for name, step in OPTIMIZERS.items():
    p, state = torch.tensor(START, dtype=torch.float64).repeat(len(LRS), 1), {}  # 13 行，每行一个学习率
    for t in range(1, STEPS + 1):
        p = step(p, (p - C) @ A, state, t, LRS[:, None])  # (p − C) @ A：每一行的梯度
    lrs, losses = LRS.tolist(), loss_of(p).tolist()
    good = [lr for lr, loss in zip(lrs, losses, strict=True) if loss < GOOD]
    bad = [lr for lr, loss in zip(lrs, losses, strict=True) if not loss <= F0]  # inf 与 nan 也算发散
    span = f"{min(good):.2g} … {max(good):.2g}" if good else "—"
    diverge = f"{min(bad):.2g}" if bad else "从不"
    best = lrs[min(range(len(lrs)), key=losses.__getitem__)]
    print(f"  {name:9s}{len(good):5d}/{len(lrs)}    {span:>14s}   {best:>8.2g}   {diverge:>10s}")
    kept = [(lr, loss) for lr, loss in zip(lrs, losses, strict=True) if loss <= F0]
    style = "--" if name in ("Nesterov", "AdamW") else "-"  # 虚线：与前一条很接近的曲线
    plt.plot(*zip(*kept, strict=True), style, marker="o", markersize=3, label=name)
plt.axhline(GOOD, color="0.6", linestyle=":", label=f"达标线 {GOOD:g}")
plt.xscale("log")
plt.yscale("log")
plt.xlabel("学习率 lr")
plt.ylabel(f"{STEPS} 步后的损失")
plt.title("学习率敏感性（转 45° 的病态碗；发散的点不画）")
plt.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
plt.show()
