# 练习：手算 ∂E/∂w6 和更新后的 w6，再让 autograd 验算
import torch

i1, i2 = 0.05, 0.10  # 输入
t1, t2 = 0.01, 0.99  # 目标值
b1, b2 = 0.35, 0.60  # 偏置
lr = 0.5  # 学习率 η
w = torch.tensor([0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55],
                 dtype=torch.float64, requires_grad=True)
w1, w2, w3, w4, w5, w6, w7, w8 = w

out_h1 = torch.sigmoid(w1 * i1 + w2 * i2 + b1)
out_h2 = torch.sigmoid(w3 * i1 + w4 * i2 + b1)
out_o1 = torch.sigmoid(w5 * out_h1 + w6 * out_h2 + b2)
out_o2 = torch.sigmoid(w7 * out_h1 + w8 * out_h2 + b2)
E_total = (t1 - out_o1) ** 2 / 2 + (t2 - out_o2) ** 2 / 2

with torch.no_grad():
    # w6 连接 h2 和 o1：路径 w6 → net_o1 → out_o1 → E
    delta_o1 = (out_o1 - t1) * out_o1 * (1 - out_o1)  # ∂E/∂net_o1
    dnet_o1_dw6 = out_h2  # net_o1 里和 w6 相乘的是 out_h2
    dE_dw6 = delta_o1 * dnet_o1_dw6
    w6_new = w6 - lr * dE_dw6
print(f"δ_o1 = {delta_o1:.6f}，∂net_o1/∂w6 = out_h2 = {dnet_o1_dw6:.6f}")
print(f"手算：∂E/∂w6 = {dE_dw6:.6f}")

E_total.backward()
print(f"autograd：∂E/∂w6 = {w.grad[5]:.6f}")
print(f"更新后：w6 = {w6:.2f} - {lr} × {dE_dw6:.6f} = {w6_new:.6f}")
