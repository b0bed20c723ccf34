# 原文的动量写法：s1 = g1，st = β·s(t-1) + (1-β)·gt，再用 st 更新参数
import torch

lr, beta, steps = 0.01, 0.9, 4  # 学习率 η、权重系数 β、步数
w0 = 1.0  # 初始参数；目标函数 y = w²/2，梯度就是 w 本身

# 1. 照原文手算
w = w0
g, s, w_hand = [], [], []
for t in range(steps):
    grad = w
    s.append(grad if t == 0 else beta * s[-1] + (1 - beta) * grad)
    w = w - lr * s[-1]
    g.append(grad)
    w_hand.append(w)


def run_sgd(dampening):
    """用 torch.optim.SGD 走 steps 步，返回每步后的 w 和速度。"""
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


w_damp, s_damp = run_sgd(dampening=beta)  # 原文的写法
w_torch, v_torch = run_sgd(dampening=0.0)  # PyTorch 默认的写法
tol = 1e-12
diff = max(abs(a - b) for a, b in zip(w_hand + s, w_damp + s_damp))

print(f"原文的写法，β = {beta}，1 - β = {1 - beta:g}：")
print(f"  s1 = g1 = {s[0]:f}")
for t in range(1, steps):
    print(f"  s{t + 1} = {beta} × s{t} + {1 - beta:g} × g{t + 1} = "
          f"{beta} × {s[t - 1]:f} + {1 - beta:g} × {g[t]:f} = {s[t]:f}")
print("  手算的 w：                " + "  ".join(f"{x:f}" for x in w_hand))
print("  SGD(dampening=β) 的 w：   " + "  ".join(f"{x:f}" for x in w_damp))
print(f"  两者的最大差小于 {tol:g}：{diff < tol}")
print("PyTorch 默认（dampening=0）：")
print("  速度 v：                  " + "  ".join(f"{x:f}" for x in v_torch))
print("  w：                       " + "  ".join(f"{x:f}" for x in w_torch))
