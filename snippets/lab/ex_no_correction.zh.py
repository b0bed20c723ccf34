# 练习：没有偏差修正的 Adam，梯度恒定
import torch

B1, B2, G = 0.9, 0.999, 1.0  # Adam 默认的 betas；梯度
SHOW, STEPS = (1, 10, 100, 1000), 1000

m = v = 0.0
ratios = []  # 没有偏差修正时的 |步长| / lr，t = 1, 2, ...
t = 0
while t < STEPS or ratios[-1] > 1.1:  # 一直算到步长与 lr 相差不到 10%
    t += 1
    m = B1 * m + (1 - B1) * G
    v = B2 * v + (1 - B2) * G**2
    ratios.append(m / v**0.5)
formula = [(1 - B1**t) / (1 - B2**t) ** 0.5 for t in SHOW]  # 手算的公式
longest = max(range(len(ratios)), key=ratios.__getitem__) + 1  # 最长一步的 t
first_step, longest_step = ratios[0], ratios[longest - 1]
within = len(ratios)  # 从这一步起，步长与 lr 相差不到 10%

p = torch.zeros(1, dtype=torch.float64)  # 有偏差修正的 torch.optim.Adam
optimizer = torch.optim.Adam([p], lr=1.0, betas=(B1, B2))
for _ in range(STEPS):
    p.grad = torch.full_like(p, -G)  # 梯度为 −G，p 向正方向移动
    optimizer.step()
moved_plain, moved_torch = sum(ratios[:STEPS]), p.item()

print("     t     没有偏差修正时的步长 / lr  (1 − β₁ᵗ)/√(1 − β₂ᵗ)")
for k, t in enumerate(SHOW):
    print(f"{t:6d}{ratios[t - 1]:30.3f}{formula[k]:23.3f}")
print(f"最长的一步为 {longest_step:.3f} × lr（t = {longest}）；"
      f"与 lr 相差不到 10% 的第一步：t = {within}")
print(f"{STEPS} 步走过的距离：没有修正 {moved_plain:.0f} × lr，"
      f"有修正（torch.optim.Adam）{moved_torch:.0f} × lr")
