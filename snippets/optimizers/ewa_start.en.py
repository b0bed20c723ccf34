# The start of an EWA: S1 = Y1, starting from 0, and from 0 with bias correction
import unicodedata

import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font instead of SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

DAYS = 30
beta = 0.9
torch.manual_seed(0)  # the same 30 temperatures as before
temperature = torch.rand(DAYS) * 10
days = torch.arange(1, DAYS + 1)

source, zero, corrected = [], [], []
s = 0.0
for t, y in enumerate(temperature.tolist(), start=1):
    # the source: S1 = Y1, then St = β·S(t-1) + (1-β)·Yt
    source.append(y if t == 1 else beta * source[-1] + (1 - beta) * y)
    s = beta * s + (1 - beta) * y  # starting from S0 = 0
    zero.append(s)
    corrected.append(s / (1 - beta**t))  # bias correction: divide by 1 - β^t


def pad(text, width=24):
    """Pad to width columns; a CJK character takes 2."""
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    return text + " " * (width - len(text) - wide)


shown = [1, 2, 5, 10, DAYS]  # print these days
y1_weight = [beta ** (d - 1) for d in shown]  # weight of day 1 (source)
rows = [
    ("source: S1 = Y1", [source[d - 1] for d in shown]),
    ("from 0, uncorrected", [zero[d - 1] for d in shown]),
    ("from 0, bias-corrected", [corrected[d - 1] for d in shown]),
    ("source: weight of day 1", y1_weight),
]
print(pad(f"β = {beta}, day t") + "".join(f"{d:>7}" for d in shown))
for name, values in rows:
    print(pad(name) + "".join(f"{v:7.3f}" for v in values))

plt.figure(figsize=(6.4, 3.4))
plt.scatter(days, temperature, s=14, color="0.6", label="daily temperature")
plt.plot(days, source, color="tab:red", label="source: S1 = Y1")
plt.plot(days, zero, "--", color="tab:green", label="from 0, uncorrected")
plt.plot(days, corrected, color="tab:blue", label="from 0, bias-corrected")
plt.xlabel("day")
plt.ylabel("temperature (°C)")
plt.title(f"β = {beta}: three ways to start")
plt.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2,
           fontsize=8)  # below the axes: no point hidden
plt.tight_layout()
plt.show()
