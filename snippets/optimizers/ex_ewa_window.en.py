# Exercise: an exponentially weighted average with β = 0.98
beta = 0.98
window = round(1 / (1 - beta))  # effective window 1/(1-β)
today = 1 - beta  # today's weight
share = 1 - beta**window  # the weight of the last `window` days together
oldest = beta**window  # the weight `window` days ago relative to today's

# A constant 20 °C, starting from S0 = 0, for 10 days
temp, days = 20.0, 10
s = 0.0
for _ in range(days):
    s = beta * s + (1 - beta) * temp
bias = 1 - beta**days  # the weights only add up to 1 - β^t
s_corrected = s / bias

print(f"β = {beta}: effective window {window} days, "
      f"today's weight {today:.2f}")
print(f"Weight of the last {window} days together {share:.3f};\n"
      f"  a day {window} days ago counts {oldest:.3f} times as much as today")
print(f"From 0, constant {temp:g} °C: on day {days} S = {s:.3f} "
      f"(1 - β^{days} = {bias:.3f}), corrected {s_corrected:.3f}")
