# Exponentially weighted average: β = 0.5 against β = 0.9
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font instead of SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

DAYS = 30
betas = [0.5, 0.9]  # two weighting coefficients β
last = 5  # how many of the last days to print


def ewa(values, beta):
    """Exponentially weighted average: S1 = Y1, St = β·S(t-1) + (1-β)·Yt."""
    averages = [values[0]]  # the average of the first value is the value itself
    for y in values[1:]:
        averages.append(beta * averages[-1] + (1 - beta) * y)
    return torch.stack(averages)


torch.manual_seed(0)  # the same 30 temperatures as in the previous example
temperature = torch.rand(DAYS) * 10
days = torch.arange(1, DAYS + 1)

for beta in betas:
    smooth = ewa(temperature, beta)
    print(f"β = {beta}, last {last} averages: {smooth[-last:]}")
    plt.figure(figsize=(6, 3.2))
    plt.scatter(days, temperature, s=14, label="daily temperature")
    plt.plot(days, smooth, color="tab:red",
             label=f"weighted average (β = {beta})")
    plt.xlabel("day")
    plt.ylabel("temperature (°C)")
    plt.title(f"β = {beta}")
    # below the axes: no point hidden
    plt.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2)
    plt.show()
