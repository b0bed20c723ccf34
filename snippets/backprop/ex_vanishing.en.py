# Exercise: a chain of sigmoid neurons, and how the gradient shrinks
import torch

LAYERS = 10  # ten sigmoid neurons in a row, one per layer
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
print("layer      ∂E/∂w     δ = ∂E/∂b  δ / next δ  next w · σ'(net)")
for k in range(LAYERS):
    row = f"{k + 1:5d}{grad_w[k]:11.2e}{deltas[k]:14.2e}"
    if k < LAYERS - 1:  # δ_k = δ_(k+1) · w_(k+1) · σ'(net_k)
        row += f"{shrink[k]:12.3f}{weights[k + 1].item() * slopes[k]:18.3f}"
    print(row)
first_to_last = grad_w[0] / grad_w[-1]
print(f"∂E/∂w of layer 1 / layer {LAYERS}: {first_to_last:.2e}; "
      f"largest σ'(net) {max(slopes):.3f} (never above 0.25)")
