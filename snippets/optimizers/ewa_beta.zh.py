# 指数加权平均：β = 0.5 与 β = 0.9 的对比
import matplotlib.pyplot as plt
import torch
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体，代替 Windows 的 SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

DAYS = 30
betas = [0.5, 0.9]  # 两个权重系数 β
last = 5  # 打印最后几天


def ewa(values, beta):
    """指数加权平均：S1 = Y1，St = β·S(t-1) + (1-β)·Yt。"""
    averages = [values[0]]  # 第一个值的加权平均就是它自己
    for y in values[1:]:
        averages.append(beta * averages[-1] + (1 - beta) * y)
    return torch.stack(averages)


torch.manual_seed(0)  # 与上一段代码相同的 30 天气温
temperature = torch.rand(DAYS) * 10
days = torch.arange(1, DAYS + 1)

for beta in betas:
    smooth = ewa(temperature, beta)
    print(f"β = {beta}：最后 {last} 天的加权平均 {smooth[-last:]}")
    plt.figure(figsize=(6, 3.2))
    plt.scatter(days, temperature, s=14, label="每日气温")
    plt.plot(days, smooth, color="tab:red",
             label=f"指数加权平均（β = {beta}）")
    plt.xlabel("天")
    plt.ylabel("气温（℃）")
    plt.title(f"β = {beta}")
    # 放在坐标轴下方：不遮住数据点
    plt.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2)
    plt.show()
