# Exercise: change β and see where Momentum ends on the two-well function
import torch


def wells(x):
    return x**4 - 3 * x**2 + x


start, lr, steps = 2.0, 0.01, 150  # as in "The three difficulties again"
betas = [0.0, 0.5, 0.8, 0.9, 0.95, 0.97, 0.99]
last = 10  # the range covered in the last 10 steps: still swinging?
hill = 0.0  # the hilltop between the wells: wells'(x) = 4x³ − 6x + 1 = 0
for _ in range(5):  # Newton's method from x = 0
    hill -= (4 * hill**3 - 6 * hill + 1) / (12 * hill**2 - 6)
ends, swings, crossings = [], [], []
print(f"    β  x after {steps} steps  range, last {last} steps"
      "  hilltop crossings")
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
    sides = [a > hill for a in [start] + path]  # right of the hilltop?
    crossings.append(sum(a != b for a, b in zip(sides, sides[1:])))
    print(f"{beta:5}{ends[-1]:19.3f}{swings[-1]:22.3f}{crossings[-1]:19d}")
