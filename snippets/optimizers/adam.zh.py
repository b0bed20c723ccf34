# Adam：在 y = w²/2 上更新两步
import torch

# 1. 初始化参数 w = 1，目标函数 y = w²/2 的梯度就是 w 本身
w = torch.tensor([1.0], requires_grad=True)
# 2. 实例化优化器：Adam，学习率 0.001；betas 是两个系数 (β1, β2)
optimizer = torch.optim.Adam([w], lr=0.001, betas=(0.9, 0.99))
lr = optimizer.param_groups[0]["lr"]  # 学习率 η
beta1, beta2 = optimizer.param_groups[0]["betas"]  # β1、β2
one_minus = [1 - beta1, 1 - beta2]  # 1 - β1、1 - β2
w0 = w.item()
g, m, v, w_after = [], [], [], []  # 梯度 g_t、m_t、v_t、更新后的 w

for step in ("第一次", "第二次"):
    y = (w**2 / 2.0).sum()  # 3. 用当前参数计算目标函数
    optimizer.zero_grad()  # 清空上一步的梯度
    y.backward()  # 反向传播，得到 w.grad
    optimizer.step()  # 更新参数
    g.append(w.grad.item())
    m.append(optimizer.state[w]["exp_avg"].item())  # m_t
    v.append(optimizer.state[w]["exp_avg_sq"].item())  # v_t
    w_after.append(w.item())
    print(f"{step}：梯度 w.grad：{w.grad.item():f}，更新后的权重：{w.item():f}")

# 偏差修正：除以 1 - β^t（t = 1, 2）
bc1 = [1 - beta1**t for t in (1, 2)]
bc2 = [1 - beta2**t for t in (1, 2)]
m_hat = [mt / c for mt, c in zip(m, bc1)]
v_hat = [vt / c for vt, c in zip(v, bc2)]
ratio = [a / b**0.5 for a, b in zip(m_hat, v_hat)]  # m̂_t / √v̂_t
