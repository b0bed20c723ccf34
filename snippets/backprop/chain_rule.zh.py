# 反向传播：用链式法则手算 ∂E/∂w5 和 ∂E/∂w1，再让 autograd 验算
import torch

i1, i2 = 0.05, 0.10  # 输入
t1, t2 = 0.01, 0.99  # 目标值
b1, b2 = 0.35, 0.60  # 偏置
lr = 0.5  # 学习率 η（与原文相同）
# w1 … w8 放在一个张量里；float64 让手算和 autograd 能比到很多位小数
w = torch.tensor([0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55],
                 dtype=torch.float64, requires_grad=True)
w1, w2, w3, w4, w5, w6, w7, w8 = w

# 前向传播（与上一段代码相同的公式）
out_h1 = torch.sigmoid(w1 * i1 + w2 * i2 + b1)
out_h2 = torch.sigmoid(w3 * i1 + w4 * i2 + b1)
out_o1 = torch.sigmoid(w5 * out_h1 + w6 * out_h2 + b2)
out_o2 = torch.sigmoid(w7 * out_h1 + w8 * out_h2 + b2)
E_total = (t1 - out_o1) ** 2 / 2 + (t2 - out_o2) ** 2 / 2

with torch.no_grad():  # 手算：只用数值，不让 autograd 记录
    # ∂E/∂w5 = ∂E/∂out_o1 · ∂out_o1/∂net_o1 · ∂net_o1/∂w5
    dE_dout_o1 = out_o1 - t1
    dout_o1_dnet_o1 = out_o1 * (1 - out_o1)  # sigmoid 的导数：out·(1 - out)
    dnet_o1_dw5 = out_h1
    dE_dw5 = dE_dout_o1 * dout_o1_dnet_o1 * dnet_o1_dw5
    print("∂E/∂w5 的三个因子：")
    print(f"  ∂E/∂out_o1 = {dE_dout_o1:.6f}，"
          f"∂out_o1/∂net_o1 = {dout_o1_dnet_o1:.6f}，"
          f"∂net_o1/∂w5 = {dnet_o1_dw5:.6f}")
    print(f"  ∂E/∂w5 = {dE_dw5:.9f}")

    # ∂E/∂w1：out_h1 同时影响 o1 和 o2，两条路径的贡献相加
    delta_o1 = dE_dout_o1 * dout_o1_dnet_o1  # ∂E/∂net_o1
    delta_o2 = (out_o2 - t2) * out_o2 * (1 - out_o2)  # ∂E/∂net_o2
    dE_dout_h1 = delta_o1 * w5 + delta_o2 * w7
    dout_h1_dnet_h1 = out_h1 * (1 - out_h1)
    dnet_h1_dw1 = i1
    dE_dw1 = dE_dout_h1 * dout_h1_dnet_h1 * dnet_h1_dw1
    print("∂E/∂w1 的因子：")
    print(f"  ∂E/∂net_o1 = {delta_o1:.6f}，∂E/∂net_o2 = {delta_o2:.6f}")
    print(f"  ∂E/∂out_h1 = {delta_o1:.6f} × {w5:.2f} "
          f"+ ({delta_o2:.6f}) × {w7:.2f} = {dE_dout_h1:.6f}")
    print(f"  ∂out_h1/∂net_h1 = {dout_h1_dnet_h1:.6f}，"
          f"∂net_h1/∂w1 = {dnet_h1_dw1:.2f}")
    print(f"  ∂E/∂w1 = {dE_dw1:.9f}")

E_total.backward()  # autograd：一次算出 E 对 w1 … w8 的全部梯度
print(f"autograd：∂E/∂w5 = {w.grad[4]:.9f}，∂E/∂w1 = {w.grad[0]:.9f}")
agree = bool(torch.isclose(dE_dw5, w.grad[4])
             and torch.isclose(dE_dw1, w.grad[0]))
print(f"手算与 autograd 一致：{agree}")

with torch.no_grad():  # 参数更新：w ← w - η·∂E/∂w
    w5_new = w5 - lr * dE_dw5
    w1_new = w1 - lr * dE_dw1
print(f"更新后：w5 = {w5_new:.6f}，w1 = {w1_new:.6f}")

# 两个梯度差多少倍？∂E/∂w5 = δ_o1 · out_h1，
# ∂E/∂w1 = ∂E/∂out_h1 · ∂out_h1/∂net_h1 · i1，所以倍数由三个因子相乘
ratio = dE_dw5 / dE_dw1
weights_factor = delta_o1 / dE_dout_h1  # δ 经 w5、w7 传回
slope_factor = 1 / dout_h1_dnet_h1  # 多乘的一个 sigmoid 导数
input_factor = dnet_o1_dw5 / dnet_h1_dw1  # out_h1 与输入 i1 之比
print(f"∂E/∂w5 是 ∂E/∂w1 的 {ratio:.0f} 倍 = {weights_factor:.2f}（权重）"
      f"× {slope_factor:.2f}（sigmoid）× {input_factor:.2f}（输入）")
# sigmoid 的导数最大是 σ'(0) = σ(0)·(1 - σ(0))
sigma0 = torch.sigmoid(torch.tensor(0.0))
max_slope = sigma0 * (1 - sigma0)
print(f"sigmoid 导数的最大值 σ'(0) = {max_slope:.2f}")
