# 指数加权平均：先看 30 天的原始气温数据
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体，代替 Windows 的 SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

DAYS = 30
max_temp = 10  # 气温在 0～10 ℃ 之间
torch.manual_seed(0)  # 固定随机数种子，每次运行得到同样的“气温”
temperature = torch.rand(DAYS) * max_temp  # 30 天的随机气温
print(f"{DAYS} 天的气温：")
print(temperature)

days = torch.arange(1, DAYS + 1)
plt.figure(figsize=(6, 3.2))
plt.plot(days, temperature, color="tab:red", label="每日气温")
plt.scatter(days, temperature, s=14)
plt.xlabel("天")
plt.ylabel("气温（℃）")
plt.title(f"{DAYS} 天的气温（随机生成）")
plt.legend()
plt.show()
