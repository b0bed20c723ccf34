# 练习：Adam 的启动偏差持续多久？
import math

BETAS, LEVEL = (0.9, 0.99, 0.999), 0.99  # 1 − βᵗ 何时超过 0.99？
steps = [math.ceil(math.log(1 - LEVEL) / math.log(b)) for b in BETAS]
window = [1 / (1 - b) for b in BETAS]  # 有效窗口 1/(1 − β)
for b, t, n in zip(BETAS, steps, window):
    print(f"β = {b}：1 − β^t > {LEVEL} 的第一步 t = {t}；"
          f"有效窗口 1/(1 − β) = {n:g}")
ln_factor = -math.log(1 - LEVEL)  # 步数 / 有效窗口 ≈ 它
