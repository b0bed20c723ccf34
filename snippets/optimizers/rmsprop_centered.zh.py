# centered=True：方向不变的梯度，几步之后步子越来越大
import torch

lr, beta, steps = 0.01, 0.9, 50  # η、β（alpha）、步数
shown = [1, 10, 30, 50]  # 打印哪几步


def step_lengths(centered):
    """每一步里各分量的步长除以 η。"""
    w = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.RMSprop([w], lr=lr, alpha=beta,
                                    centered=centered)
    lengths = []
    for t in range(steps):
        # 分量 0：梯度始终为 1；分量 1：+1、-1、+1……交替
        w.grad = torch.tensor([1.0, (-1.0) ** t], dtype=torch.float64)
        before = w.detach().clone()
        optimizer.step()
        lengths.append(((w.detach() - before).abs() / lr).tolist())
    return lengths


plain, centered = step_lengths(False), step_lengths(True)
# 梯度不变的分量在所打印各步的步长 / η
steady = [centered[t - 1][0] for t in shown]
print("步长 / η                 梯度不变   梯度每步变号")
for t in shown:
    for name, lengths in [("False", plain), ("True", centered)]:
        a, b = lengths[t - 1]
        print(f"第 {t:2d} 步，centered={name:5s} {a:8.2f} {b:14.2f}")
