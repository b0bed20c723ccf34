# 练习：偏置的梯度。共用一个偏置，和每个神经元各有一个偏置
import math

import torch
from torch import nn

i1, i2 = 0.05, 0.10  # 输入
t1, t2 = 0.01, 0.99  # 目标值
b1, b2 = 0.35, 0.60  # 偏置
lr = 0.5  # 学习率 η
w1, w2, w3, w4 = 0.15, 0.20, 0.25, 0.30
w5, w6, w7, w8 = 0.40, 0.45, 0.50, 0.55



def sigmoid(x):
    return 1 / (1 + math.exp(-x))


# 手算：前向传播，和正文一样
out_h1 = sigmoid(w1 * i1 + w2 * i2 + b1)
out_h2 = sigmoid(w3 * i1 + w4 * i2 + b1)
out_o1 = sigmoid(w5 * out_h1 + w6 * out_h2 + b2)
out_o2 = sigmoid(w7 * out_h1 + w8 * out_h2 + b2)

# 每个神经元的 δ = ∂E/∂net；net 对偏置的导数是 1，所以 ∂E/∂b = δ
delta_o1 = (out_o1 - t1) * out_o1 * (1 - out_o1)
delta_o2 = (out_o2 - t2) * out_o2 * (1 - out_o2)
delta_h1 = (delta_o1 * w5 + delta_o2 * w7) * out_h1 * (1 - out_h1)
delta_h2 = (delta_o1 * w6 + delta_o2 * w8) * out_h2 * (1 - out_h2)
# 共用偏置：b2 同时进入 net_o1 和 net_o2，两条路径相加
dE_db2 = delta_o1 + delta_o2
dE_db1 = delta_h1 + delta_h2
print(f"共用偏置：∂E/∂b2 = {delta_o1:.6f} + ({delta_o2:.6f}) = {dE_db2:.6f}")
print(f"          ∂E/∂b1 = {delta_h1:.6f} + {delta_h2:.6f} = {dE_db1:.6f}")

# nn.Linear 给每个神经元一个自己的偏置：梯度就是各自的 δ
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
print("nn.Linear 的偏置梯度：隐藏层 "
      f"{torch_grads[0]:.6f}、{torch_grads[1]:.6f}，"
      f"输出层 {torch_grads[2]:.6f}、{torch_grads[3]:.6f}")
print(f"与 δ_h1、δ_h2、δ_o1、δ_o2 一致：{torch.allclose(hand, torch_grads)}")
bias_hidden_new = [b1 - lr * delta_h1, b1 - lr * delta_h2]
bias_output_new = [b2 - lr * delta_o1, b2 - lr * delta_o2]
print(f"更新后：隐藏层 {bias_hidden_new[0]:.4f}、{bias_hidden_new[1]:.4f}，"
      f"输出层 {bias_output_new[0]:.4f}、{bias_output_new[1]:.4f}")
