# AdaGrad：在 y = w²/2 上更新两步
import torch

# 1. 初始化参数 w = 1，目标函数 y = w²/2 的梯度就是 w 本身
w = torch.tensor([1.0], requires_grad=True)
# 2. 实例化优化器：Adagrad，学习率 0.01（s 从 0 开始，eps 取默认值）
optimizer = torch.optim.Adagrad([w], lr=0.01)
lr = optimizer.param_groups[0]["lr"]  # 学习率 η
eps = optimizer.param_groups[0]["eps"]  # 小常数 ε
w0 = w.item()
g, s, w_after = [], [], []  # 每一步的梯度 g_t、累积量 s_t、更新后的 w

for step in ("第一次", "第二次"):
    y = (w**2 / 2.0).sum()  # 3. 用当前参数计算目标函数
    optimizer.zero_grad()  # 清空上一步的梯度
    y.backward()  # 反向传播，得到 w.grad
    optimizer.step()  # 更新参数
    g.append(w.grad.item())
    s.append(optimizer.state[w]["sum"].item())  # 平方梯度之和 s_t
    w_after.append(w.item())
    print(f"{step}：梯度 w.grad：{w.grad.item():f}，更新后的权重：{w.item():f}")

lr_eff = [lr / (st**0.5 + eps) for st in s]  # 有效学习率 η/(√s_t + ε)
step_len = [a * b for a, b in zip(lr_eff, g)]  # 每一步走的距离
