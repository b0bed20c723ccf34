# Why AdamW: in Adam the L2 term gets divided by √v̂
import torch

torch.manual_seed(0)
lr, lam, steps = 0.01, 0.1, 300  # learning rate η, decay coefficient λ, steps
scales = [10.0, 0.01]  # gradient sizes of the two weights: large and small
# Pure-noise gradients: the loss pulls the weights nowhere; only decay acts
noise = torch.randn(steps, 2, dtype=torch.float64)
noise = noise * torch.tensor(scales, dtype=torch.float64)


def run(optimizer_class, weight_decay):
    theta = torch.ones(2, dtype=torch.float64, requires_grad=True)
    optimizer = optimizer_class([theta], lr=lr, weight_decay=weight_decay)
    for t in range(steps):
        theta.grad = noise[t].clone()
        optimizer.step()
    beta2 = optimizer.param_groups[0]["betas"][1]  # default 0.999
    v_hat = optimizer.state[theta]["exp_avg_sq"] / (1 - beta2**steps)
    return theta.detach(), v_hat.sqrt()


base, base_rms = run(torch.optim.Adam, 0.0)  # no decay
l2, _ = run(torch.optim.Adam, lam)  # Adam(weight_decay=λ): L2
decoupled, _ = run(torch.optim.AdamW, lam)  # AdamW: decoupled decay
kept_l2 = (l2 / base).tolist()  # what is left, compared with no decay
kept_w = (decoupled / base).tolist()
kept_expected = (1 - lr * lam) ** steps  # AdamW multiplies by 1 - ηλ each step
rms = base_rms.tolist()  # √v̂: root mean square of the gradients

print(f"Both weights start at 1; {steps} steps, η = {lr}, λ = {lam}")
print(f"Root mean square of the gradients √v̂: {rms[0]:.3g} and {rms[1]:.3g}")
print(f"Fraction left after Adam + L2: large gradients {kept_l2[0]:.3f}, "
      f"small gradients {kept_l2[1]:.3f}")
print(f"Fraction left after AdamW:     large gradients {kept_w[0]:.3f}, "
      f"small gradients {kept_w[1]:.3f}")
print(f"(1 - ηλ)^{steps} = {kept_expected:.3f}")
