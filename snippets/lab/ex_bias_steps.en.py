# Exercise: how long does Adam's start-up bias last?
import math

BETAS, LEVEL = (0.9, 0.99, 0.999), 0.99  # when is 1 − βᵗ above 0.99?
steps = [math.ceil(math.log(1 - LEVEL) / math.log(b)) for b in BETAS]
window = [1 / (1 - b) for b in BETAS]  # the effective window 1/(1 − β)
for b, t, n in zip(BETAS, steps, window):
    print(f"β = {b}: 1 − β^t > {LEVEL} from t = {t}; "
          f"window 1/(1 − β) = {n:g}")
ln_factor = -math.log(1 - LEVEL)  # steps / window ≈ this
