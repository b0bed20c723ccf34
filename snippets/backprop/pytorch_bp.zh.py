# 用 PyTorch 实现反向传播：同一个 2-2-2 网络，一次前向、一次反向、一次更新
import torch
from torch import nn, optim


# 创建神经网络
class Model(nn.Module):
    def __init__(self):
        super().__init__()  # 调用父类的初始化方法
        # 创建网络层：输入层 → 隐藏层，隐藏层 → 输出层
        self.linear1 = nn.Linear(2, 2)
        self.linear2 = nn.Linear(2, 2)
        # 把参数设成例子中的数值
        # 在 no_grad 下原地复制，autograd 不会记录这一步
        with torch.no_grad():
            # [[w1, w2], [w3, w4]] 和 [[w5, w6], [w7, w8]]
            self.linear1.weight.copy_(torch.tensor([[0.15, 0.20],
                                                    [0.25, 0.30]]))
            self.linear2.weight.copy_(torch.tensor([[0.40, 0.45],
                                                    [0.50, 0.55]]))
            self.linear1.bias.copy_(torch.tensor([0.35, 0.35]))  # b1
            self.linear2.bias.copy_(torch.tensor([0.60, 0.60]))  # b2

    # 前向传播
    def forward(self, x):
        x = self.linear1(x)  # 隐藏层的加权求和 net_h
        x = torch.sigmoid(x)  # 隐藏层的激活值 out_h
        x = self.linear2(x)  # 输出层的加权求和 net_o
        x = torch.sigmoid(x)  # 输出层的激活值 out_o
        return x


# 网络的输入值和目标值
inputs = torch.tensor([0.05, 0.10])
target = torch.tensor([0.01, 0.99])
lr = 0.5  # 学习率
# 实例化神经网络，做一次前向传播
model = Model()
output = model(inputs)
print("output-->", output)
# 计算误差 E = Σ (output - target)² / 2
loss = torch.sum((output - target) ** 2) / 2
print("loss-->", loss)
# 优化方法：随机梯度下降
optimizer = optim.SGD(model.parameters(), lr=lr)
optimizer.zero_grad()  # 清空旧梯度
loss.backward()  # 反向传播：计算每个参数的梯度
print("w1,w2,w3,w4-->", model.linear1.weight.grad)
print("w5,w6,w7,w8-->", model.linear2.weight.grad)
optimizer.step()  # 参数更新：w ← w - η·∂E/∂w
# 打印更新后的神经网络参数
print("更新后的神经网络参数")
for name, value in model.state_dict().items():
    print(f"{name}-->", value)

# 留给正文引用的数值：梯度和更新后的参数
grad_hidden = model.linear1.weight.grad  # [[∂E/∂w1, ∂E/∂w2], [∂E/∂w3, ∂E/∂w4]]
grad_output = model.linear2.weight.grad  # [[∂E/∂w5, ∂E/∂w6], [∂E/∂w7, ∂E/∂w8]]
weight_hidden = model.linear1.weight.detach()
weight_output = model.linear2.weight.detach()
bias_hidden = model.linear1.bias.detach()
bias_output = model.linear2.bias.detach()
# ∂E/∂w3 比输出层权重的梯度小多少倍
w3_ratios = (grad_output.abs() / grad_hidden[1][0].abs()).flatten()
w3_ratios = w3_ratios.sort().values
