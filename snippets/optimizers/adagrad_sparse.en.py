# AdaGrad and a rare feature: its s grows slowly, so its steps stay long
import torch

torch.manual_seed(0)
n, batch, lr = 1000, 10, 0.5  # samples, mini-batch size, η
share = [0.9, 0.02]  # how often each feature is 1: common, rare
X = torch.bernoulli(torch.tensor([share], dtype=torch.float64).expand(n, 2))
y = X @ torch.tensor([3.0, 3.0], dtype=torch.float64)  # true weights 3, 3

w = torch.zeros(2, dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.Adagrad([w], lr=lr)
with_rare, step_sum = 0, torch.zeros(2, dtype=torch.float64)
for i in range(0, n, batch):
    xb, yb = X[i:i + batch], y[i:i + batch]
    optimizer.zero_grad()
    ((xb @ w - yb) ** 2).mean().backward()
    before = w.detach().clone()
    optimizer.step()
    if xb[:, 1].any():  # a mini-batch in which the rare feature occurs
        with_rare += 1
        step_sum += (w.detach() - before).abs()

batches = n // batch
s = optimizer.state[w]["sum"].tolist()  # AdaGrad's s, per weight
lr_eff = [lr / v ** 0.5 for v in s]  # η/√s, per weight
mean_step = (step_sum / with_rare).tolist()
lr_ratio = lr_eff[1] / lr_eff[0]  # rare over common
print(f"the rare feature occurs in {with_rare} of {batches} mini-batches")
print(f"s after {batches} steps: common {s[0]:.1f}, rare {s[1]:.2f}")
print(f"η/√s: common {lr_eff[0]:.3f}, rare {lr_eff[1]:.3f}")
print(f"mean step in the {with_rare} mini-batches with the rare feature: "
      f"common {mean_step[0]:.3f}, rare {mean_step[1]:.3f}")
