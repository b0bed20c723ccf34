# Forward pass: the way you would on paper, one neuron at a time
import math


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


i1, i2 = 0.05, 0.10  # inputs
t1, t2 = 0.01, 0.99  # targets
w1, w2, w3, w4 = 0.15, 0.20, 0.25, 0.30  # input layer → hidden layer
w5, w6, w7, w8 = 0.40, 0.45, 0.50, 0.55  # hidden layer → output layer
b1, b2 = 0.35, 0.60  # biases of the hidden and the output layer

# Hidden layer: weighted sum first (net), then the sigmoid activation (out)
net_h1 = w1 * i1 + w2 * i2 + b1
out_h1 = sigmoid(net_h1)
net_h2 = w3 * i1 + w4 * i2 + b1
out_h2 = sigmoid(net_h2)
# Output layer: its inputs are the outputs of the hidden layer
net_o1 = w5 * out_h1 + w6 * out_h2 + b2
out_o1 = sigmoid(net_o1)
net_o2 = w7 * out_h1 + w8 * out_h2 + b2
out_o2 = sigmoid(net_o2)
# Error: E = Σ ½(target - out)²
E_o1 = (t1 - out_o1) ** 2 / 2
E_o2 = (t2 - out_o2) ** 2 / 2
E_total = E_o1 + E_o2

print(f"net_h1 = {net_h1:.6f}    out_h1 = {out_h1:.6f}")
print(f"net_h2 = {net_h2:.6f}    out_h2 = {out_h2:.6f}")
print(f"net_o1 = {net_o1:.6f}    out_o1 = {out_o1:.6f}")
print(f"net_o2 = {net_o2:.6f}    out_o2 = {out_o2:.6f}")
print(f"E_o1 = {E_o1:.6f}    E_o2 = {E_o2:.6f}    E_total = {E_total:.6f}")
