# centered=True: after a few steps, a steady gradient's steps keep growing
import torch

lr, beta, steps = 0.01, 0.9, 50  # η, β (alpha), steps
shown = [1, 10, 30, 50]  # the steps printed


def step_lengths(centered):
    """Step length / η of each component, at every step."""
    w = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.RMSprop([w], lr=lr, alpha=beta,
                                    centered=centered)
    lengths = []
    for t in range(steps):
        # component 0: gradient always 1; component 1: +1, -1, +1, ...
        w.grad = torch.tensor([1.0, (-1.0) ** t], dtype=torch.float64)
        before = w.detach().clone()
        optimizer.step()
        lengths.append(((w.detach() - before).abs() / lr).tolist())
    return lengths


plain, centered = step_lengths(False), step_lengths(True)
# the steady component's step / η, at the steps shown
steady = [centered[t - 1][0] for t in shown]
print("step length / η   steady gradient   sign flips every step")
for t in shown:
    for name, lengths in [("False", plain), ("True", centered)]:
        a, b = lengths[t - 1]
        print(f"step {t:2d}, centered={name:5s} {a:9.2f} {b:23.2f}")
