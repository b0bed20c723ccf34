# 动量法（Momentum）：在 y = w²/2 上更新两步
import torch

# 1. 初始化参数 w = 1，目标函数 y = w²/2 的梯度就是 w 本身
w = torch.tensor([1.0], requires_grad=True)
# 2. 实例化优化器：SGD，学习率 0.01，动量系数 β = 0.9
optimizer = torch.optim.SGD([w], lr=0.01, momentum=0.9)
lr = optimizer.param_groups[0]["lr"]  # 学习率 η
beta = optimizer.param_groups[0]["momentum"]  # 动量系数 β
limit_factor = 1 / (1 - beta)  # 梯度恒定时，步长最终放大的倍数
w0 = w.item()  # 初始值
g, v, w_after = [], [], []  # 每一步的梯度 g_t、速度 v_t、更新后的 w

for step in ("第一次", "第二次"):
    y = (w**2 / 2.0).sum()  # 3. 用当前参数计算目标函数
    optimizer.zero_grad()  # 清空上一步的梯度
    y.backward()  # 反向传播，得到 w.grad
    optimizer.step()  # 更新参数
    g.append(w.grad.item())
    v.append(optimizer.state[w]["momentum_buffer"].item())  # 速度 v_t
    w_after.append(w.item())
    print(f"{step}：梯度 w.grad：{w.grad.item():f}，更新后的权重：{w.item():f}")
