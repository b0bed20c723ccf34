# AdaGrad：在 y = w²/2 上更新两步
import torch

# 1. 初始化参数 w = 1，目标函数 y = w²/2 的梯度就是 w 本身
w = torch.tensor([1.0], requires_grad=True)
# 2. 实例化优化器：Adagrad，学习率 0.01（累积量 s 从 0 开始，eps 取默认值 1e-10）
optimizer = torch.optim.Adagrad([w], lr=0.01)

for step in ("第一次", "第二次"):
    y = (w**2 / 2.0).sum()  # 3. 用当前参数计算目标函数
    optimizer.zero_grad()  # 清空上一步的梯度
    y.backward()  # 反向传播，得到 w.grad
    optimizer.step()  # 更新参数
    print(f"{step}：梯度 w.grad：{w.grad.item():f}，更新后的权重：{w.item():f}")
