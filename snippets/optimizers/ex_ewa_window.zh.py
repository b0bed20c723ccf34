# 练习：β = 0.98 的指数加权平均
beta = 0.98
window = round(1 / (1 - beta))  # 有效窗口 1/(1-β)
today = 1 - beta  # 今天的权重
share = 1 - beta**window  # 最近 window 天的权重之和
oldest = beta**window  # window 天前的权重是今天的多少倍

# 气温恒为 20 ℃，从 S0 = 0 开始，算 10 天
temp, days = 20.0, 10
s = 0.0
for _ in range(days):
    s = beta * s + (1 - beta) * temp
bias = 1 - beta**days  # 权重之和只有 1 - β^t
s_corrected = s / bias

print(f"β = {beta}：有效窗口 {window} 天，今天的权重 {today:.2f}")
print(f"最近 {window} 天的权重之和 {share:.3f}；"
      f"{window} 天前的权重是今天的 {oldest:.3f} 倍")
print(f"从 0 开始、气温恒为 {temp:g} ℃：第 {days} 天 S = {s:.3f}"
      f"（1 - β^{days} = {bias:.3f}），修正后 {s_corrected:.3f}")
