# Exponentially weighted average: first, the raw temperatures of 30 days
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font, replaces the Windows-only SimHei of the original

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

DAYS = 30
torch.manual_seed(0)  # fixed seed: the same "temperatures" on every run
temperature = torch.rand(DAYS) * 10  # 30 random daily temperatures, 0-10 °C
print("Temperatures of the 30 days:")
print(temperature)

days = torch.arange(1, DAYS + 1)
plt.figure(figsize=(6, 3.2))
plt.plot(days, temperature, color="tab:red", label="daily temperature")
plt.scatter(days, temperature, s=14)
plt.xlabel("day")
plt.ylabel("temperature (°C)")
plt.title("Temperatures of 30 days (randomly generated)")
plt.legend()
plt.show()
