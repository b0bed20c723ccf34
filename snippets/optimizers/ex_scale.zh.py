# 练习：哪些优化器在乎梯度有多大？
import torch

SCALES, START, STEPS = (0.01, 1.0, 100.0), 1.0, 20
SGD_LR = 0.1
OPTIMIZERS = {  # 名称：为参数列表 p 创建该优化器的函数
    "SGD": lambda p: torch.optim.SGD(p, lr=SGD_LR),
    "Momentum": lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9),
    "AdaGrad": lambda p: torch.optim.Adagrad(p, lr=0.1),
    "RMSProp": lambda p: torch.optim.RMSprop(p, lr=0.01),
    "Adam": lambda p: torch.optim.Adam(p, lr=0.1),
}
ends = {}  # 名称：每个 c 下走 STEPS 步之后的 w
print(f"走 {STEPS} 步之后的 w（f(w) = c·w²，从 w = {START:g} 出发）")
print("           " + "".join(f"{f'c = {c:g}':>14s}" for c in SCALES))
for name, make in OPTIMIZERS.items():
    ends[name] = []
    for c in SCALES:
        w = torch.tensor(START, dtype=torch.float64, requires_grad=True)
        optimizer = make([w])
        for _ in range(STEPS):
            optimizer.zero_grad()
            (c * w**2).backward()  # 梯度是 2cw：c 决定它的大小
            optimizer.step()
        ends[name].append(w.item())
    print(f"{name:11s}" + "".join(f"{v:14.5g}" for v in ends[name]))
sgd_factor = 1 - 2 * SCALES[-1] * SGD_LR  # c = 100 时 SGD 每步乘以的因子
sgd_small = ends["SGD"][0]  # 最小的 c 下 SGD 的终点
print(f"c = {SCALES[-1]:g} 时 SGD 每步把 w 乘以 1 − 2cη = "
      f"{sgd_factor:g}；({sgd_factor:g})^{STEPS} = {sgd_factor**STEPS:.4g}")
