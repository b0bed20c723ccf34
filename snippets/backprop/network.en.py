# Draw the 2-2-2 network of the example: inputs, weights, biases, targets
import matplotlib.pyplot as plt
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font, replaces SimHei

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

inputs = [0.05, 0.10]  # i1, i2
targets = [0.01, 0.99]  # targets of o1, o2
w = [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55]  # w1 … w8
b = [0.35, 0.60]  # b1: bias of the hidden layer, b2: of the output layer

R = 0.25  # radius of a node (circle)
neurons = {  # centres of the inputs and neurons
    "i1": (0, 2), "i2": (0, 0),
    "h1": (2.5, 2), "h2": (2.5, 0),
    "o1": (5, 2), "o2": (5, 0),
}
biases = [  # position of the box, neurons it feeds
    ((1.5, -1.05), ("h1", "h2")),
    ((4.0, -1.05), ("o1", "o2")),
]
edges = [  # w1 … w8: from, to, label position (0 at the start, 1 at the end)
    ("i1", "h1", 0.5), ("i2", "h1", 0.27),
    ("i1", "h2", 0.27), ("i2", "h2", 0.5),
    ("h1", "o1", 0.5), ("h2", "o1", 0.27),
    ("h1", "o2", 0.27), ("h2", "o2", 0.5),
]


def arrow(ax, start, end, gap_start, gap_end, **style):
    """Arrow from start to end, stopping gap_start/gap_end short of them."""
    (x0, y0), (x1, y1) = start, end
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    ax.annotate("", xy=(x1 - ux * gap_end, y1 - uy * gap_end),
                xytext=(x0 + ux * gap_start, y0 + uy * gap_start),
                arrowprops=dict(arrowstyle="-|>", lw=1.2, shrinkA=0,
                                shrinkB=0, **style))


_, ax = plt.subplots(figsize=(6, 4))
colors = {"i": "#dbe9f6", "h": "#fde3c8", "o": "#d9f0d3"}  # blue, orange, green
# neuron ink: dark blue, not grey, so that it stays dark in the dark theme
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
# Biases: grey boxes, dashed arrows to every neuron of their layer
for k, (((x, y), layer), value) in enumerate(zip(biases, b), start=1):
    ax.text(x, y, f"b{k} = {value:.2f}", ha="center", va="center",
            fontsize=10, zorder=4,
            bbox=dict(boxstyle="square,pad=0.3", facecolor="#eeeeee",
                      edgecolor="black"))
    for dst in layer:
        arrow(ax, (x, y + 0.12), neurons[dst], 0, R, color="0.55",
              linestyle="--")
# Input values and targets
for value, y in zip(inputs, (2, 0)):
    ax.text(-0.35, y, f"{value:.2f}", ha="right", va="center", fontsize=10)
for value, y in zip(targets, (2, 0)):
    ax.text(5.35, y, f"target {value:.2f}", ha="left", va="center",
            fontsize=10)
titles = ["input layer", "hidden layer\n(sigmoid)", "output layer\n(sigmoid)"]
for x, title in zip((0, 2.5, 5), titles):
    ax.text(x, 2.6, title, ha="center", va="bottom", fontsize=10)
ax.set_xlim(-1.0, 6.6)
ax.set_ylim(-1.4, 3.0)
ax.set_aspect("equal")  # keep circles round
ax.axis("off")
# as in the source's figure, the neurons of a layer share one bias
input_nodes = [name for name in neurons if name.startswith("i")]
print(f"{len(input_nodes)} inputs, {len(neurons) - len(input_nodes)} neurons, "
      f"{len(w)} weights, {len(b)} biases")
plt.show()
