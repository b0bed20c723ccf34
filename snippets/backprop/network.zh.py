# 画出例子中的 2-2-2 神经网络：输入、权重、偏置和目标值
import matplotlib.pyplot as plt
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # 开源中文字体，替代原文的 SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

inputs = [0.05, 0.10]  # i1、i2
targets = [0.01, 0.99]  # o1、o2 的目标值
w = [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55]  # w1 … w8
b = [0.35, 0.60]  # b1：隐藏层的偏置，b2：输出层的偏置

R = 0.25  # 节点（圆）的半径
neurons = {  # 输入和神经元的圆心
    "i1": (0, 2), "i2": (0, 0),
    "h1": (2.5, 2), "h2": (2.5, 0),
    "o1": (5, 2), "o2": (5, 0),
}
biases = [  # 方框的位置、连向哪些神经元
    ((1.5, -1.05), ("h1", "h2")),
    ((4.0, -1.05), ("o1", "o2")),
]
edges = [  # w1 … w8 的起点、终点，标签在箭头上的位置（0 起点、1 终点）
    ("i1", "h1", 0.5), ("i2", "h1", 0.27),
    ("i1", "h2", 0.27), ("i2", "h2", 0.5),
    ("h1", "o1", 0.5), ("h2", "o1", 0.27),
    ("h1", "o2", 0.27), ("h2", "o2", 0.5),
]


def arrow(ax, start, end, gap_start, gap_end, **style):
    """从 start 指向 end 的箭头；两端空出 gap_start、gap_end，不画进圆里。"""
    (x0, y0), (x1, y1) = start, end
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    ax.annotate("", xy=(x1 - ux * gap_end, y1 - uy * gap_end),
                xytext=(x0 + ux * gap_start, y0 + uy * gap_start),
                arrowprops=dict(arrowstyle="-|>", lw=1.2, shrinkA=0,
                                shrinkB=0, **style))


_, ax = plt.subplots(figsize=(6, 4))
colors = {"i": "#dbe9f6", "h": "#fde3c8", "o": "#d9f0d3"}  # 蓝、橙、绿
# 神经元的字和边框用深蓝而不是灰色：深色主题下它们在浅色填充上仍是深色
INK = "#1b2a3a"
for name, (x, y) in neurons.items():
    ax.add_patch(plt.Circle((x, y), R, facecolor=colors[name[0]],
                            edgecolor=INK, zorder=3))
    ax.text(x, y, name, ha="center", va="center", fontsize=12, color=INK,
            zorder=4)
for k, ((src, dst, t), value) in enumerate(zip(edges, w), start=1):
    (x0, y0), (x1, y1) = neurons[src], neurons[dst]
    arrow(ax, (x0, y0), (x1, y1), R, R, color="0.3")
    ax.text(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, f"w{k} = {value:.2f}",
            ha="center", va="center", fontsize=9.5, zorder=5,
            bbox=dict(boxstyle="round,pad=0.15", facecolor="white",
                      edgecolor="none"))
# 偏置：灰色方框，虚线箭头连向这一层的每个神经元
for k, (((x, y), layer), value) in enumerate(zip(biases, b), start=1):
    ax.text(x, y, f"b{k} = {value:.2f}", ha="center", va="center",
            fontsize=10, zorder=4,
            bbox=dict(boxstyle="square,pad=0.3", facecolor="#eeeeee",
                      edgecolor="black"))
    for dst in layer:
        arrow(ax, (x, y + 0.12), neurons[dst], 0, R, color="0.55",
              linestyle="--")
# 输入值和目标值
for value, y in zip(inputs, (2, 0)):
    ax.text(-0.35, y, f"{value:.2f}", ha="right", va="center", fontsize=10)
for value, y in zip(targets, (2, 0)):
    ax.text(5.35, y, f"目标 {value:.2f}", ha="left", va="center",
            fontsize=10)
titles = ["输入层", "隐藏层（sigmoid）", "输出层（sigmoid）"]
for x, title in zip((0, 2.5, 5), titles):
    ax.text(x, 2.6, title, ha="center", va="bottom", fontsize=10)
ax.set_xlim(-1.0, 6.6)
ax.set_ylim(-1.4, 3.0)
ax.set_aspect("equal")  # 圆保持是圆
ax.axis("off")
# 与原文的图一样，每层的神经元共用一个偏置
input_nodes = [name for name in neurons if name.startswith("i")]
print(f"{len(input_nodes)} 个输入，{len(neurons) - len(input_nodes)} 个神经元，"
      f"{len(w)} 个权重，{len(b)} 个偏置")
plt.show()
