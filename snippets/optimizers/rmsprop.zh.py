# RMSProp：在 y = w²/2 上更新两步
import torch

# 1. 初始化参数 w = 1，目标函数 y = w²/2 的梯度就是 w 本身
w = torch.tensor([1.0], requires_grad=True)
# 2. 实例化优化器：RMSprop，学习率 0.01；alpha 就是公式中的 β
optimizer = torch.optim.RMSprop([w], lr=0.01, alpha=0.9)
lr = optimizer.param_groups[0]["lr"]  # 学习率 η
beta = optimizer.param_groups[0]["alpha"]  # 平方梯度的权重系数 β
one_minus_beta = 1 - beta
w0 = w.item()
g, s, w_after = [], [], []  # 每一步的梯度 g_t、加权平均 s_t、更新后的 w

for step in ("第一次", "第二次"):
    y = (w**2 / 2.0).sum()  # 3. 用当前参数计算目标函数
    optimizer.zero_grad()  # 清空上一步的梯度
    y.backward()  # 反向传播，得到 w.grad
    optimizer.step()  # 更新参数
    g.append(w.grad.item())
    s.append(optimizer.state[w]["square_avg"].item())  # s_t
    w_after.append(w.item())
    print(f"{step}：梯度 w.grad：{w.grad.item():f}，更新后的权重：{w.item():f}")

step_len = [lr * gt / st**0.5 for gt, st in zip(g, s)]  # 每一步走的距离
first_ratio = 1 / one_minus_beta**0.5  # 第一步是 η 的 1/√(1-β) 倍
