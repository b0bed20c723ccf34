# The source's momentum: s1 = g1, st = β·s(t-1) + (1-β)·gt; step along st
import torch

lr, beta, steps = 0.01, 0.9, 4  # learning rate η, coefficient β, steps
w0 = 1.0  # initial parameter; objective y = w²/2, so the gradient is w

# 1. By hand, as the source does it
w = w0
g, s, w_hand = [], [], []
for t in range(steps):
    grad = w
    s.append(grad if t == 0 else beta * s[-1] + (1 - beta) * grad)
    w = w - lr * s[-1]
    g.append(grad)
    w_hand.append(w)


def run_sgd(dampening):
    """torch.optim.SGD for `steps` steps: w and the velocity after each."""
    p = torch.tensor([w0], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([p], lr=lr, momentum=beta,
                                dampening=dampening)
    ws, vs = [], []
    for _ in range(steps):
        optimizer.zero_grad()
        (p**2 / 2).sum().backward()
        optimizer.step()
        ws.append(p.item())
        vs.append(optimizer.state[p]["momentum_buffer"].item())
    return ws, vs


w_damp, s_damp = run_sgd(dampening=beta)  # the source's form
w_torch, v_torch = run_sgd(dampening=0.0)  # PyTorch's default form
tol = 1e-12
diff = max(abs(a - b) for a, b in zip(w_hand + s, w_damp + s_damp))

print(f"The source's form, β = {beta}, 1 - β = {1 - beta:g}:")
print(f"  s1 = g1 = {s[0]:f}")
for t in range(1, steps):
    print(f"  s{t + 1} = {beta} × s{t} + {1 - beta:g} × g{t + 1} = "
          f"{beta} × {s[t - 1]:f} + {1 - beta:g} × {g[t]:f} = {s[t]:f}")
print("  w by hand:                " + "  ".join(f"{x:f}" for x in w_hand))
print("  w of SGD(dampening=β):    " + "  ".join(f"{x:f}" for x in w_damp))
print(f"  largest difference below {tol:g}: {diff < tol}")
print("PyTorch's default (dampening=0):")
print("  velocity v:               " + "  ".join(f"{x:f}" for x in v_torch))
print("  w:                        " + "  ".join(f"{x:f}" for x in w_torch))
