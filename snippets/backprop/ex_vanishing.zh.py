# 练习：一串 sigmoid 神经元，梯度怎样逐层变小
import torch

LAYERS = 10  # 十个 sigmoid 神经元串成一列，每层一个
weights = [torch.tensor(1.0, requires_grad=True) for _ in range(LAYERS)]
biases = [torch.tensor(0.0, requires_grad=True) for _ in range(LAYERS)]
x, target = torch.tensor(1.0), torch.tensor(0.0)

out, outs = x, []
for w, b in zip(weights, biases):
    out = torch.sigmoid(w * out + b)
    outs.append(out.item())
error = 0.5 * (target - out) ** 2
error.backward()

grad_w = [w.grad.item() for w in weights]
deltas = [b.grad.item() for b in biases]  # δ_k = ∂E/∂net_k = ∂E/∂b_k
slopes = [o * (1 - o) for o in outs]  # σ'(net_k) = out_k (1 − out_k)
shrink = [deltas[k] / deltas[k + 1] for k in range(LAYERS - 1)]
print("   层      ∂E/∂w     δ = ∂E/∂b  δ/后一层 δ  后一层 w·σ'(net)")
for k in range(LAYERS):
    row = f"{k + 1:5d}{grad_w[k]:11.2e}{deltas[k]:14.2e}"
    if k < LAYERS - 1:  # δ_k = δ_(k+1) · w_(k+1) · σ'(net_k)
        row += f"{shrink[k]:12.3f}{weights[k + 1].item() * slopes[k]:18.3f}"
    print(row)
first_to_last = grad_w[0] / grad_w[-1]
print(f"第 1 层与第 {LAYERS} 层的 ∂E/∂w 之比：{first_to_last:.2e}；"
      f"σ'(net) 最大 {max(slopes):.3f}（不超过 0.25）")
