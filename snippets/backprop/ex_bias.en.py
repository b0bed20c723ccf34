# Exercise: bias gradients, for a shared bias and for one bias per neuron
import math

import torch
from torch import nn

i1, i2 = 0.05, 0.10  # inputs
t1, t2 = 0.01, 0.99  # targets
b1, b2 = 0.35, 0.60  # biases
lr = 0.5  # learning rate η
w1, w2, w3, w4 = 0.15, 0.20, 0.25, 0.30
w5, w6, w7, w8 = 0.40, 0.45, 0.50, 0.55


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


# By hand: the forward pass of the lesson
out_h1 = sigmoid(w1 * i1 + w2 * i2 + b1)
out_h2 = sigmoid(w3 * i1 + w4 * i2 + b1)
out_o1 = sigmoid(w5 * out_h1 + w6 * out_h2 + b2)
out_o2 = sigmoid(w7 * out_h1 + w8 * out_h2 + b2)

# Each neuron's δ = ∂E/∂net; ∂net/∂bias = 1, so ∂E/∂b = δ
delta_o1 = (out_o1 - t1) * out_o1 * (1 - out_o1)
delta_o2 = (out_o2 - t2) * out_o2 * (1 - out_o2)
delta_h1 = (delta_o1 * w5 + delta_o2 * w7) * out_h1 * (1 - out_h1)
delta_h2 = (delta_o1 * w6 + delta_o2 * w8) * out_h2 * (1 - out_h2)
# A shared bias: b2 enters both net_o1 and net_o2, so the two paths add up
dE_db2 = delta_o1 + delta_o2
dE_db1 = delta_h1 + delta_h2
print(f"shared: ∂E/∂b2 = {delta_o1:.6f} + ({delta_o2:.6f}) = {dE_db2:.6f}")
print(f"        ∂E/∂b1 = {delta_h1:.6f} + {delta_h2:.6f} = {dE_db1:.6f}")

# nn.Linear gives each neuron a bias of its own: its gradient is that δ
model = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(),
                      nn.Linear(2, 2), nn.Sigmoid())
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[w1, w2], [w3, w4]]))
    model[2].weight.copy_(torch.tensor([[w5, w6], [w7, w8]]))
    model[0].bias.fill_(b1)
    model[2].bias.fill_(b2)
output = model(torch.tensor([i1, i2]))
loss = torch.sum((output - torch.tensor([t1, t2])) ** 2) / 2
loss.backward()
hand = torch.tensor([delta_h1, delta_h2, delta_o1, delta_o2])
torch_grads = torch.cat([model[0].bias.grad, model[2].bias.grad])
print("nn.Linear bias gradients: hidden "
      f"{torch_grads[0]:.6f}, {torch_grads[1]:.6f}; "
      f"output {torch_grads[2]:.6f}, {torch_grads[3]:.6f}")
print(f"equal to δ_h1, δ_h2, δ_o1, δ_o2: {torch.allclose(hand, torch_grads)}")
bias_hidden_new = [b1 - lr * delta_h1, b1 - lr * delta_h2]
bias_output_new = [b2 - lr * delta_o1, b2 - lr * delta_o2]
print(f"after the update: hidden {bias_hidden_new[0]:.4f}, "
      f"{bias_hidden_new[1]:.4f}; "
      f"output {bias_output_new[0]:.4f}, {bias_output_new[1]:.4f}")
