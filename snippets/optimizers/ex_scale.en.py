# Exercise: which optimizers care how large the gradient is?
import torch

SCALES, START, STEPS = (0.01, 1.0, 100.0), 1.0, 20
SGD_LR = 0.1
OPTIMIZERS = {  # name: a function that builds it for the parameter list p
    "SGD": lambda p: torch.optim.SGD(p, lr=SGD_LR),
    "Momentum": lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9),
    "AdaGrad": lambda p: torch.optim.Adagrad(p, lr=0.1),
    "RMSProp": lambda p: torch.optim.RMSprop(p, lr=0.01),
    "Adam": lambda p: torch.optim.Adam(p, lr=0.1),
}
ends = {}  # name: w after STEPS steps, for each c
print(f"w after {STEPS} steps on f(w) = c·w², from w = {START:g}")
print("           " + "".join(f"{f'c = {c:g}':>14s}" for c in SCALES))
for name, make in OPTIMIZERS.items():
    ends[name] = []
    for c in SCALES:
        w = torch.tensor(START, dtype=torch.float64, requires_grad=True)
        optimizer = make([w])
        for _ in range(STEPS):
            optimizer.zero_grad()
            (c * w**2).backward()  # the gradient 2cw: c sets its size
            optimizer.step()
        ends[name].append(w.item())
    print(f"{name:11s}" + "".join(f"{v:14.5g}" for v in ends[name]))
sgd_factor = 1 - 2 * SCALES[-1] * SGD_LR  # SGD's factor per step at c = 100
sgd_small = ends["SGD"][0]  # SGD at the smallest c
print(f"SGD at c = {SCALES[-1]:g}: each step multiplies w by 1 − 2cη = "
      f"{sgd_factor:g}; ({sgd_factor:g})^{STEPS} = {sgd_factor**STEPS:.4g}")
