# 练习：忘了 optimizer.zero_grad() 会怎样？
import torch
from torch import nn, optim

inputs = torch.tensor([0.05, 0.10])
target = torch.tensor([0.01, 0.99])
lr = 0.5


def make_model():
    """正文的 2-2-2 网络，参数设成例子中的数值。"""
    model = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(),
                          nn.Linear(2, 2), nn.Sigmoid())
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[0.15, 0.20], [0.25, 0.30]]))
        model[2].weight.copy_(torch.tensor([[0.40, 0.45], [0.50, 0.55]]))
        model[0].bias.fill_(0.35)
        model[2].bias.fill_(0.60)
    return model


def backward_twice(zero_grad):
    """在同样的参数上做两次前向和反向传播。
    返回每次之后 w5 的梯度，以及更新一次后的 w5。"""
    model = make_model()
    optimizer = optim.SGD(model.parameters(), lr=lr)
    grads = []
    for _ in range(2):
        if zero_grad:
            optimizer.zero_grad()
        loss = torch.sum((model(inputs) - target) ** 2) / 2
        loss.backward()  # 梯度加到 .grad 上，而不是替换它
        grads.append(model[2].weight.grad[0, 0].item())
    optimizer.step()
    return grads, model[2].weight[0, 0].item()


grads_with, w5_with = backward_twice(zero_grad=True)
grads_without, w5_without = backward_twice(zero_grad=False)
growth = grads_without[1] / grads_without[0]
print(f"每次先 zero_grad：∂E/∂w5 = {grads_with[0]:.6f}，{grads_with[1]:.6f}；"
      f"更新后 w5 = {w5_with:.6f}")
print(f"不调用 zero_grad：∂E/∂w5 = {grads_without[0]:.6f}，"
      f"{grads_without[1]:.6f}；更新后 w5 = {w5_without:.6f}")
print(f"第二次的梯度是第一次的 {growth:g} 倍")
