# 指数加权平均的开头：S1 = Y1、从 0 开始、从 0 开始再做偏差修正
import unicodedata

import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体，代替 Windows 的 SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

DAYS = 30
beta = 0.9
torch.manual_seed(0)  # 与前面相同的 30 天气温
temperature = torch.rand(DAYS) * 10
days = torch.arange(1, DAYS + 1)

source, zero, corrected = [], [], []
s = 0.0
for t, y in enumerate(temperature.tolist(), start=1):
    # 原文：S1 = Y1，之后 St = β·S(t-1) + (1-β)·Yt
    source.append(y if t == 1 else beta * source[-1] + (1 - beta) * y)
    s = beta * s + (1 - beta) * y  # 从 S0 = 0 开始
    zero.append(s)
    corrected.append(s / (1 - beta**t))  # 偏差修正：除以 1 - β^t



def pad(text, width=24):
    """补齐到 width 列；一个汉字占 2 列。"""
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    return text + " " * (width - len(text) - wide)


shown = [1, 2, 5, 10, DAYS]  # 打印这几天
y1_weight = [beta ** (d - 1) for d in shown]  # 原文写法里第 1 天的权重
rows = [
    ("原文：S1 = Y1", [source[d - 1] for d in shown]),
    ("从 0 开始，不修正", [zero[d - 1] for d in shown]),
    ("从 0 开始，偏差修正", [corrected[d - 1] for d in shown]),
    ("原文里第 1 天的权重", y1_weight),
]
print(pad(f"β = {beta}，第 t 天") + "".join(f"{d:>7}" for d in shown))
for name, values in rows:
    print(pad(name) + "".join(f"{v:7.3f}" for v in values))

plt.figure(figsize=(6.4, 3.4))
plt.scatter(days, temperature, s=14, color="0.6", label="每日气温")
plt.plot(days, source, color="tab:red", label="原文：S1 = Y1")
plt.plot(days, zero, "--", color="tab:green", label="从 0 开始，不修正")
plt.plot(days, corrected, color="tab:blue", label="从 0 开始，偏差修正")
plt.xlabel("天")
plt.ylabel("气温（℃）")
plt.title(f"β = {beta}：三种开头")
plt.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2,
           fontsize=8)  # 放在坐标轴下方：不遮住数据点
plt.tight_layout()
plt.show()
