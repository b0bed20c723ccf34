# Exercise: what happens if you forget optimizer.zero_grad()?
import torch
from torch import nn, optim

inputs = torch.tensor([0.05, 0.10])
target = torch.tensor([0.01, 0.99])
lr = 0.5


def make_model():
    """The lesson's 2-2-2 network, with the example's parameters."""
    model = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(),
                          nn.Linear(2, 2), nn.Sigmoid())
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[0.15, 0.20], [0.25, 0.30]]))
        model[2].weight.copy_(torch.tensor([[0.40, 0.45], [0.50, 0.55]]))
        model[0].bias.fill_(0.35)
        model[2].bias.fill_(0.60)
    return model


def backward_twice(zero_grad):
    """Two forward and backward passes at the same parameters; return the
    gradient of w5 after each, and w5 after one update."""
    model = make_model()
    optimizer = optim.SGD(model.parameters(), lr=lr)
    grads = []
    for _ in range(2):
        if zero_grad:
            optimizer.zero_grad()
        loss = torch.sum((model(inputs) - target) ** 2) / 2
        loss.backward()  # adds to .grad instead of replacing it
        grads.append(model[2].weight.grad[0, 0].item())
    optimizer.step()
    return grads, model[2].weight[0, 0].item()


grads_with, w5_with = backward_twice(zero_grad=True)
grads_without, w5_without = backward_twice(zero_grad=False)
growth = grads_without[1] / grads_without[0]
print(f"zero_grad first: ∂E/∂w5 = {grads_with[0]:.6f}, {grads_with[1]:.6f}; "
      f"updated w5 = {w5_with:.6f}")
print(f"no zero_grad:    ∂E/∂w5 = {grads_without[0]:.6f}, "
      f"{grads_without[1]:.6f}; updated w5 = {w5_without:.6f}")
print(f"the second gradient is {growth:g} times the first")
