# 练习：梯度恒为 1 时，AdaGrad 与 RMSProp 的有效学习率 η/√s_t
import torch

lr, beta, steps = 0.01, 0.9, 100  # 学习率 η、RMSProp 的 β（alpha）、步数
shown = [1, 10, steps]


def effective_lr(make_optimizer, key):
    w = torch.tensor([0.0], dtype=torch.float64, requires_grad=True)
    optimizer = make_optimizer([w])
    rates = []
    for _ in range(steps):
        optimizer.zero_grad()
        w.sum().backward()  # f(w) = w：梯度恒为 1
        optimizer.step()
        rates.append(lr / optimizer.state[w][key].sqrt().item())
    return [rates[t - 1] for t in shown]


ada = effective_lr(lambda ps: torch.optim.Adagrad(ps, lr=lr), "sum")
rms = effective_lr(lambda ps: torch.optim.RMSprop(ps, lr=lr, alpha=beta),
                   "square_avg")
ada_formula = [lr / t**0.5 for t in shown]  # s_t = t
rms_formula = [lr / (1 - beta**t) ** 0.5 for t in shown]  # s_t = 1 - β^t

print(f"η = {lr}，β = {beta}；第 {shown[0]}、{shown[1]}、{shown[2]} 步：")
print("  AdaGrad：" + "  ".join(f"{x:.5f}" for x in ada)
      + "（η/√t：" + "  ".join(f"{x:.5f}" for x in ada_formula) + "）")
print("  RMSProp：" + "  ".join(f"{x:.5f}" for x in rms)
      + "（η/√(1-β^t)：" + "  ".join(f"{x:.5f}" for x in rms_formula) + "）")
