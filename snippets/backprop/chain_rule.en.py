# Backpropagation: ∂E/∂w5 and ∂E/∂w1 by hand, then checked by autograd
import torch

i1, i2 = 0.05, 0.10  # inputs
t1, t2 = 0.01, 0.99  # targets
b1, b2 = 0.35, 0.60  # biases
lr = 0.5  # learning rate η (as in the source)
# w1 … w8 in one tensor; in float64, hand and autograd agree to many decimals
w = torch.tensor([0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55],
                 dtype=torch.float64, requires_grad=True)
w1, w2, w3, w4, w5, w6, w7, w8 = w

# Forward pass (the same formulas as in the previous program)
out_h1 = torch.sigmoid(w1 * i1 + w2 * i2 + b1)
out_h2 = torch.sigmoid(w3 * i1 + w4 * i2 + b1)
out_o1 = torch.sigmoid(w5 * out_h1 + w6 * out_h2 + b2)
out_o2 = torch.sigmoid(w7 * out_h1 + w8 * out_h2 + b2)
E_total = (t1 - out_o1) ** 2 / 2 + (t2 - out_o2) ** 2 / 2

with torch.no_grad():  # by hand: plain numbers, nothing recorded by autograd
    # ∂E/∂w5 = ∂E/∂out_o1 · ∂out_o1/∂net_o1 · ∂net_o1/∂w5
    dE_dout_o1 = out_o1 - t1
    dout_o1_dnet_o1 = out_o1 * (1 - out_o1)  # sigmoid derivative: out·(1 - out)
    dnet_o1_dw5 = out_h1
    dE_dw5 = dE_dout_o1 * dout_o1_dnet_o1 * dnet_o1_dw5
    print("The three factors of ∂E/∂w5:")
    print(f"  ∂E/∂out_o1 = {dE_dout_o1:.6f}, "
          f"∂out_o1/∂net_o1 = {dout_o1_dnet_o1:.6f}, "
          f"∂net_o1/∂w5 = {dnet_o1_dw5:.6f}")
    print(f"  ∂E/∂w5 = {dE_dw5:.9f}")

    # ∂E/∂w1: out_h1 feeds both o1 and o2, so the two paths add up
    delta_o1 = dE_dout_o1 * dout_o1_dnet_o1  # ∂E/∂net_o1
    delta_o2 = (out_o2 - t2) * out_o2 * (1 - out_o2)  # ∂E/∂net_o2
    dE_dout_h1 = delta_o1 * w5 + delta_o2 * w7
    dout_h1_dnet_h1 = out_h1 * (1 - out_h1)
    dnet_h1_dw1 = i1
    dE_dw1 = dE_dout_h1 * dout_h1_dnet_h1 * dnet_h1_dw1
    print("The factors of ∂E/∂w1:")
    print(f"  ∂E/∂net_o1 = {delta_o1:.6f}, ∂E/∂net_o2 = {delta_o2:.6f}")
    print(f"  ∂E/∂out_h1 = {delta_o1:.6f} × {w5:.2f} "
          f"+ ({delta_o2:.6f}) × {w7:.2f} = {dE_dout_h1:.6f}")
    print(f"  ∂out_h1/∂net_h1 = {dout_h1_dnet_h1:.6f}, "
          f"∂net_h1/∂w1 = {dnet_h1_dw1:.2f}")
    print(f"  ∂E/∂w1 = {dE_dw1:.9f}")

E_total.backward()  # autograd: all gradients of E for w1 … w8 in one call
print(f"autograd: ∂E/∂w5 = {w.grad[4]:.9f}, ∂E/∂w1 = {w.grad[0]:.9f}")
agree = bool(torch.isclose(dE_dw5, w.grad[4])
             and torch.isclose(dE_dw1, w.grad[0]))
print(f"hand calculation agrees with autograd: {agree}")

with torch.no_grad():  # parameter update: w ← w - η·∂E/∂w
    w5_new = w5 - lr * dE_dw5
    w1_new = w1 - lr * dE_dw1
print(f"after the update: w5 = {w5_new:.6f}, w1 = {w1_new:.6f}")

# How far apart are the two gradients? ∂E/∂w5 = δ_o1 · out_h1 and
# ∂E/∂w1 = ∂E/∂out_h1 · ∂out_h1/∂net_h1 · i1, so the ratio has three factors
ratio = dE_dw5 / dE_dw1
weights_factor = delta_o1 / dE_dout_h1  # δ sent back through w5 and w7
slope_factor = 1 / dout_h1_dnet_h1  # one more sigmoid derivative
input_factor = dnet_o1_dw5 / dnet_h1_dw1  # out_h1 against the input i1
print(f"∂E/∂w5 / ∂E/∂w1 = {ratio:.0f} = {weights_factor:.2f} (weights) "
      f"× {slope_factor:.2f} (sigmoid) × {input_factor:.2f} (input)")
# The sigmoid's steepest slope is σ'(0) = σ(0)·(1 - σ(0))
sigma0 = torch.sigmoid(torch.tensor(0.0))
max_slope = sigma0 * (1 - sigma0)
print(f"largest sigmoid derivative σ'(0) = {max_slope:.2f}")
