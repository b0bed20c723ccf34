# 练习：改变 β，看 Momentum 在两个坑的函数上停在哪里
import torch


def wells(x):
    return x**4 - 3 * x**2 + x


start, lr, steps = 2.0, 0.01, 150  # 与“再看三种困难”一节相同
betas = [0.0, 0.5, 0.8, 0.9, 0.95, 0.97, 0.99]
last = 10  # 最后 10 步走过的范围：还在晃吗？
hill = 0.0  # 两个坑之间的山顶：wells'(x) = 4x³ − 6x + 1 = 0
for _ in range(5):  # 从 x = 0 出发的牛顿法
    hill -= (4 * hill**3 - 6 * hill + 1) / (12 * hill**2 - 6)
ends, swings, crossings = [], [], []
print(f"    β       {steps} 步后的 x  最后 {last} 步的摆动范围"
      "     越过山顶的次数")
for beta in betas:
    x = torch.tensor(start, requires_grad=True)
    optimizer = torch.optim.SGD([x], lr=lr, momentum=beta)
    path = []
    for _ in range(steps):
        optimizer.zero_grad()
        wells(x).backward()
        optimizer.step()
        path.append(x.item())
    ends.append(path[-1])
    swings.append(max(path[-last:]) - min(path[-last:]))
    sides = [a > hill for a in [start] + path]  # 在山顶右边吗？
    crossings.append(sum(a != b for a, b in zip(sides, sides[1:])))
    print(f"{beta:5}{ends[-1]:19.3f}{swings[-1]:22.3f}{crossings[-1]:19d}")
