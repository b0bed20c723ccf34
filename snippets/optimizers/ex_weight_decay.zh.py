# 练习：一个损失梯度永远为 0 的权重，在三种衰减下还剩多少
import torch

w0, lr, lam, steps = 1.0, 0.001, 0.01, 500  # 初值、η、λ、步数
by_hand_l2 = w0 - steps * lr  # Adam + L2：每步约走 η（粗略估计）
by_hand_decoupled = w0 * (1 - lr * lam) ** steps  # 每步乘以 1 - ηλ

ends = []
optimizers = [torch.optim.SGD, torch.optim.Adam, torch.optim.AdamW]
for optimizer_class in optimizers:
    w = torch.tensor([w0], dtype=torch.float64, requires_grad=True)
    optimizer = optimizer_class([w], lr=lr, weight_decay=lam)
    for _ in range(steps):
        w.grad = torch.zeros_like(w)  # 损失的梯度永远为 0
        optimizer.step()
    ends.append(w.item())
lost = [w0 - end for end in ends]  # 被衰减掉的部分

print(f"η = {lr}，λ = {lam}，{steps} 步，w 从 {w0:g} 出发：")
for optimizer_class, end in zip(optimizers, ends):
    print(f"  {optimizer_class.__name__}(weight_decay={lam})：w = {end:.4f}")
print(f"估算：(1 - ηλ)^{steps} = {by_hand_decoupled:.4f}；"
      f"每步走 η：1 - {steps}η = {by_hand_l2:g}")
