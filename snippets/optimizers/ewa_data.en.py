# Exponentially weighted average: first, 30 days of raw temperatures
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font instead of SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

DAYS = 30
max_temp = 10  # temperatures between 0 and 10 °C
torch.manual_seed(0)  # fixed seed: the same "temperatures" on every run
temperature = torch.rand(DAYS) * max_temp  # 30 random temperatures
print(f"Temperatures of the {DAYS} days:")
print(temperature)

days = torch.arange(1, DAYS + 1)
plt.figure(figsize=(6, 3.2))
plt.plot(days, temperature, color="tab:red", label="daily temperature")
plt.scatter(days, temperature, s=14)
plt.xlabel("day")
plt.ylabel("temperature (°C)")
plt.title(f"{DAYS} days of temperatures (random)")
plt.legend()
plt.show()
