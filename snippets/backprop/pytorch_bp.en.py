# Backpropagation in PyTorch: the 2-2-2 network, one forward and backward pass
import torch
from torch import nn, optim


# The neural network
class Model(nn.Module):
    def __init__(self):
        super().__init__()  # initialise the parent class
        # The layers: input → hidden, hidden → output
        self.linear1 = nn.Linear(2, 2)
        self.linear2 = nn.Linear(2, 2)
        # Set the parameters to the example's values, copied in place
        # under no_grad, so that autograd records nothing
        with torch.no_grad():
            # [[w1, w2], [w3, w4]] and [[w5, w6], [w7, w8]]
            self.linear1.weight.copy_(torch.tensor([[0.15, 0.20],
                                                    [0.25, 0.30]]))
            self.linear2.weight.copy_(torch.tensor([[0.40, 0.45],
                                                    [0.50, 0.55]]))
            self.linear1.bias.copy_(torch.tensor([0.35, 0.35]))  # b1
            self.linear2.bias.copy_(torch.tensor([0.60, 0.60]))  # b2

    # Forward pass
    def forward(self, x):
        x = self.linear1(x)  # weighted sums of the hidden layer, net_h
        x = torch.sigmoid(x)  # activations of the hidden layer, out_h
        x = self.linear2(x)  # weighted sums of the output layer, net_o
        x = torch.sigmoid(x)  # activations of the output layer, out_o
        return x


# Inputs and targets of the network
inputs = torch.tensor([0.05, 0.10])
target = torch.tensor([0.01, 0.99])
lr = 0.5  # learning rate
# Create the network and run one forward pass
model = Model()
output = model(inputs)
print("output-->", output)
# The error E = Σ (output - target)² / 2
loss = torch.sum((output - target) ** 2) / 2
print("loss-->", loss)
# The optimizer: stochastic gradient descent
optimizer = optim.SGD(model.parameters(), lr=lr)
optimizer.zero_grad()  # clear old gradients
loss.backward()  # backpropagation: the gradient of every parameter
print("w1,w2,w3,w4-->", model.linear1.weight.grad)
print("w5,w6,w7,w8-->", model.linear2.weight.grad)
optimizer.step()  # update: w ← w - η·∂E/∂w
# The network's parameters after the update
print("Network parameters after the update")
for name, value in model.state_dict().items():
    print(f"{name}-->", value)

# Values for the text: the gradients and the updated parameters
grad_hidden = model.linear1.weight.grad  # [[∂E/∂w1, ∂E/∂w2], [∂E/∂w3, ∂E/∂w4]]
grad_output = model.linear2.weight.grad  # [[∂E/∂w5, ∂E/∂w6], [∂E/∂w7, ∂E/∂w8]]
weight_hidden = model.linear1.weight.detach()
weight_output = model.linear2.weight.detach()
bias_hidden = model.linear1.bias.detach()
bias_output = model.linear2.bias.detach()
# How many times smaller ∂E/∂w3 is than the output weights' gradients
w3_ratios = (grad_output.abs() / grad_hidden[1][0].abs()).flatten()
w3_ratios = w3_ratios.sort().values
