# 练习：用矩阵写出全部 8 个权重的反向传播，再用 autograd 和差分验算
import torch

f64 = torch.float64  # 双精度：差分才算得准
x = torch.tensor([0.05, 0.10], dtype=f64)  # 输入 i1、i2
target = torch.tensor([0.01, 0.99], dtype=f64)
# W1 = [[w1, w2], [w3, w4]] 和 W2 = [[w5, w6], [w7, w8]]
W1 = torch.tensor([[0.15, 0.20], [0.25, 0.30]], dtype=f64)
W2 = torch.tensor([[0.40, 0.45], [0.50, 0.55]], dtype=f64)
b1, b2 = 0.35, 0.60


def error(W1, W2):
    out_h = torch.sigmoid(W1 @ x + b1)
    out_o = torch.sigmoid(W2 @ out_h + b2)
    return ((out_o - target) ** 2).sum() / 2, out_h, out_o


# 手写的反向传播：先算输出层的 δ，再传回隐藏层
_, out_h, out_o = error(W1, W2)
delta_o = (out_o - target) * out_o * (1 - out_o)  # [δ_o1, δ_o2]
grad_W2 = torch.outer(delta_o, out_h)  # ∂E/∂w = δ(终点) × out(起点)
delta_h = (W2.T @ delta_o) * out_h * (1 - out_h)  # [δ_h1, δ_h2]
grad_W1 = torch.outer(delta_h, x)
hand = torch.cat([grad_W1.flatten(), grad_W2.flatten()])

# autograd
W1a = W1.clone().requires_grad_()
W2a = W2.clone().requires_grad_()
error(W1a, W2a)[0].backward()
auto = torch.cat([W1a.grad.flatten(), W2a.grad.flatten()])


# 中心差分：(E(w + h) - E(w - h)) / 2h，一次只动一个权重
h = 1e-6
weights = torch.cat([W1.flatten(), W2.flatten()])


def error_of(flat):
    return error(flat[:4].reshape(2, 2), flat[4:].reshape(2, 2))[0].item()


numeric = []
for k in range(len(weights)):
    step = torch.zeros_like(weights)
    step[k] = h
    numeric.append((error_of(weights + step) - error_of(weights - step))
                   / (2 * h))
numeric = torch.tensor(numeric, dtype=f64)

print("  w           手算      autograd      有限差分")
for k in range(len(weights)):
    print(f"  w{k + 1}  {hand[k]:12.9f}  {auto[k]:12.9f}  {numeric[k]:12.9f}")
auto_tol, numeric_tol = 1e-12, 1e-9
auto_ok = torch.allclose(hand, auto, rtol=0, atol=auto_tol)
numeric_ok = torch.allclose(hand, numeric, rtol=0, atol=numeric_tol)
print(f"手算与 autograd 相差不到 {auto_tol:.0e}：{auto_ok}；"
      f"与差分相差不到 {numeric_tol:.0e}：{numeric_ok}")
numeric_gap = (hand - numeric).abs().max()
print(f"与差分的最大差别：{numeric_gap:.0e}")
