# 为什么要有 AdamW：Adam 的 L2 项会被 √v̂ 除掉
import torch

torch.manual_seed(0)
lr, lam, steps = 0.01, 0.1, 300  # 学习率 η、衰减系数 λ、步数
scales = [10.0, 0.01]  # 两个权重的梯度大小：一个很大，一个很小
# 梯度是纯噪声：损失本身不把权重往任何方向拉，只看衰减的作用
noise = torch.randn(steps, 2, dtype=torch.float64)
noise = noise * torch.tensor(scales, dtype=torch.float64)


def run(optimizer_class, weight_decay):
    theta = torch.ones(2, dtype=torch.float64, requires_grad=True)
    optimizer = optimizer_class([theta], lr=lr, weight_decay=weight_decay)
    for t in range(steps):
        theta.grad = noise[t].clone()
        optimizer.step()
    beta2 = optimizer.param_groups[0]["betas"][1]  # 默认 0.999
    v_hat = optimizer.state[theta]["exp_avg_sq"] / (1 - beta2**steps)
    return theta.detach(), v_hat.sqrt()


base, base_rms = run(torch.optim.Adam, 0.0)  # 不衰减
l2, _ = run(torch.optim.Adam, lam)  # Adam(weight_decay=λ)：L2
decoupled, _ = run(torch.optim.AdamW, lam)  # AdamW：解耦的衰减
kept_l2 = (l2 / base).tolist()  # 与不衰减相比，还剩多少
kept_w = (decoupled / base).tolist()
kept_expected = (1 - lr * lam) ** steps  # AdamW 每步乘以 1 - ηλ
rms = base_rms.tolist()  # √v̂：梯度的均方根

print(f"两个权重都从 1 出发，{steps} 步，η = {lr}，λ = {lam}")
print(f"梯度的均方根 √v̂：{rms[0]:.3g} 与 {rms[1]:.3g}")
print(f"Adam + L2 后剩下的比例：梯度大的 {kept_l2[0]:.3f}，"
      f"梯度小的 {kept_l2[1]:.3f}")
print(f"AdamW 后剩下的比例：    梯度大的 {kept_w[0]:.3f}，"
      f"梯度小的 {kept_w[1]:.3f}")
print(f"(1 - ηλ)^{steps} = {kept_expected:.3f}")
