# RMSProp: two updates on y = w²/2
import torch

# 1. Initialise w = 1; the gradient of y = w²/2 is w itself
w = torch.tensor([1.0], requires_grad=True)
# 2. The optimizer: RMSprop with learning rate 0.01; alpha is the β of the formula (weight of the squared gradients)
optimizer = torch.optim.RMSprop([w], lr=0.01, alpha=0.9)

for step in ("First update", "Second update"):
    y = (w**2 / 2.0).sum()  # 3. the objective at the current parameter
    optimizer.zero_grad()  # clear the previous gradient
    y.backward()  # backpropagate: fills w.grad
    optimizer.step()  # update the parameter
    print(f"{step}: gradient w.grad: {w.grad.item():f}, updated weight: {w.item():f}")
