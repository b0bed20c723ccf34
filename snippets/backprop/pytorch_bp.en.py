# Backpropagation in PyTorch: the same 2-2-2 network, one forward pass, one backward pass, one update
import torch
from torch import nn, optim


# The neural network
class Model(nn.Module):
    def __init__(self):
        super().__init__()  # initialise the parent class
        # The layers: input → hidden, hidden → output
        self.linear1 = nn.Linear(2, 2)
        self.linear2 = nn.Linear(2, 2)
        # Set the parameters to the example's values; copied in place under no_grad, so autograd records nothing
        with torch.no_grad():
            self.linear1.weight.copy_(torch.tensor([[0.15, 0.20], [0.25, 0.30]]))  # [[w1, w2], [w3, w4]]
            self.linear2.weight.copy_(torch.tensor([[0.40, 0.45], [0.50, 0.55]]))  # [[w5, w6], [w7, w8]]
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
# Create the network and run one forward pass
model = Model()
output = model(inputs)
print("output-->", output)
# The error E = Σ (output - target)² / 2
loss = torch.sum((output - target) ** 2) / 2
print("loss-->", loss)
# The optimizer: stochastic gradient descent, learning rate 0.5
optimizer = optim.SGD(model.parameters(), lr=0.5)
optimizer.zero_grad()  # clear old gradients
loss.backward()  # backpropagation: the gradient of every parameter
print("w1,w2,w3,w4-->", model.linear1.weight.grad)
print("w5,w6,w7,w8-->", model.linear2.weight.grad)
optimizer.step()  # update: w ← w - 0.5·∂E/∂w
# The network's parameters after the update
print("Network parameters after the update")
print(model.state_dict())
