# 前向传播：用纸笔的方式，一个神经元一个神经元地算
import math


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


i1, i2 = 0.05, 0.10  # 输入
t1, t2 = 0.01, 0.99  # 目标值
w1, w2, w3, w4 = 0.15, 0.20, 0.25, 0.30  # 输入层 → 隐藏层
w5, w6, w7, w8 = 0.40, 0.45, 0.50, 0.55  # 隐藏层 → 输出层
b1, b2 = 0.35, 0.60  # 隐藏层、输出层的偏置

# 隐藏层：先加权求和（net），再经过 sigmoid 激活（out）
net_h1 = w1 * i1 + w2 * i2 + b1
out_h1 = sigmoid(net_h1)
net_h2 = w3 * i1 + w4 * i2 + b1
out_h2 = sigmoid(net_h2)
# 输出层：输入是隐藏层的输出
net_o1 = w5 * out_h1 + w6 * out_h2 + b2
out_o1 = sigmoid(net_o1)
net_o2 = w7 * out_h1 + w8 * out_h2 + b2
out_o2 = sigmoid(net_o2)
# 误差：E = Σ ½(target - out)²
E_o1 = (t1 - out_o1) ** 2 / 2
E_o2 = (t2 - out_o2) ** 2 / 2
E_total = E_o1 + E_o2

print(f"net_h1 = {net_h1:.6f}    out_h1 = {out_h1:.6f}")
print(f"net_h2 = {net_h2:.6f}    out_h2 = {out_h2:.6f}")
print(f"net_o1 = {net_o1:.6f}    out_o1 = {out_o1:.6f}")
print(f"net_o2 = {net_o2:.6f}    out_o2 = {out_o2:.6f}")
print(f"E_o1 = {E_o1:.6f}    E_o2 = {E_o2:.6f}    E_total = {E_total:.6f}")
