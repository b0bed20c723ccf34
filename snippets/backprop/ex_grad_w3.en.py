# Exercise: the chain rule once more, for the hidden weight w3
import torch

i1, i2 = 0.05, 0.10  # inputs
t1, t2 = 0.01, 0.99  # targets
b1, b2 = 0.35, 0.60  # biases
lr = 0.5  # learning rate η
w = torch.tensor([0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55],
                 dtype=torch.float64, requires_grad=True)
w1, w2, w3, w4, w5, w6, w7, w8 = w

out_h1 = torch.sigmoid(w1 * i1 + w2 * i2 + b1)
out_h2 = torch.sigmoid(w3 * i1 + w4 * i2 + b1)
out_o1 = torch.sigmoid(w5 * out_h1 + w6 * out_h2 + b2)
out_o2 = torch.sigmoid(w7 * out_h1 + w8 * out_h2 + b2)
E_total = (t1 - out_o1) ** 2 / 2 + (t2 - out_o2) ** 2 / 2

with torch.no_grad():
    delta_o1 = (out_o1 - t1) * out_o1 * (1 - out_o1)  # ∂E/∂net_o1
    delta_o2 = (out_o2 - t2) * out_o2 * (1 - out_o2)  # ∂E/∂net_o2
    # out_h2 feeds o1 through w6 and o2 through w8: the two paths add up
    dE_dout_h2 = delta_o1 * w6 + delta_o2 * w8
    dout_h2_dnet_h2 = out_h2 * (1 - out_h2)
    dnet_h2_dw3 = i1  # net_h2 = w3·i1 + w4·i2 + b1
    dE_dw3 = dE_dout_h2 * dout_h2_dnet_h2 * dnet_h2_dw3
    w3_new = w3 - lr * dE_dw3
print(f"∂E/∂out_h2 = {delta_o1:.6f} × {w6:.2f} "
      f"+ ({delta_o2:.6f}) × {w8:.2f} = {dE_dout_h2:.6f}")
print(f"∂out_h2/∂net_h2 = {dout_h2_dnet_h2:.6f}, "
      f"∂net_h2/∂w3 = {dnet_h2_dw3:.2f}")
print(f"by hand: ∂E/∂w3 = {dE_dw3:.9f}")

E_total.backward()
print(f"autograd: ∂E/∂w3 = {w.grad[2]:.9f}")
print(f"after the update: w3 = {w3_new:.6f}")
