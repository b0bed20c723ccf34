# Draw the 2-2-2 network of the example: inputs, weights, biases and targets
import matplotlib.pyplot as plt
from matplotlib import font_manager
from noto_cjk_sans_otc import FONT_PATH  # open CJK font, replaces the Windows-only SimHei of the original

font_manager.fontManager.addfont(str(FONT_PATH))
plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]

R = 0.25  # radius of a neuron (circle)
neurons = {"i1": (0, 2), "i2": (0, 0), "h1": (2.5, 2), "h2": (2.5, 0), "o1": (5, 2), "o2": (5, 0)}  # centres
biases = {"b1 = 0.35": ((1.5, -1.05), ("h1", "h2")), "b2 = 0.60": ((4.0, -1.05), ("o1", "o2"))}  # position, neurons fed
weights = [  # (from, to, label, label position along the arrow: 0 at the start, 1 at the end)
    ("i1", "h1", "w1 = 0.15", 0.5), ("i2", "h1", "w2 = 0.20", 0.27),
    ("i1", "h2", "w3 = 0.25", 0.27), ("i2", "h2", "w4 = 0.30", 0.5),
    ("h1", "o1", "w5 = 0.40", 0.5), ("h2", "o1", "w6 = 0.45", 0.27),
    ("h1", "o2", "w7 = 0.50", 0.27), ("h2", "o2", "w8 = 0.55", 0.5),
]


def arrow(ax, start, end, gap_start, gap_end, **style):
    """Arrow from start to end, leaving gaps gap_start and gap_end so that it stops at the circles."""
    (x0, y0), (x1, y1) = start, end
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    ax.annotate("", xy=(x1 - ux * gap_end, y1 - uy * gap_end), xytext=(x0 + ux * gap_start, y0 + uy * gap_start),
                arrowprops=dict(arrowstyle="-|>", lw=1.2, shrinkA=0, shrinkB=0, **style))


_, ax = plt.subplots(figsize=(6, 4))
for name, (x, y) in neurons.items():
    color = {"i": "#dbe9f6", "h": "#fde3c8", "o": "#d9f0d3"}[name[0]]  # input layer blue, hidden orange, output green
    ax.add_patch(plt.Circle((x, y), R, facecolor=color, edgecolor="black", zorder=3))
    ax.text(x, y, name, ha="center", va="center", fontsize=12, zorder=4)
for src, dst, label, t in weights:
    (x0, y0), (x1, y1) = neurons[src], neurons[dst]
    arrow(ax, (x0, y0), (x1, y1), R, R, color="0.3")
    ax.text(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, label, ha="center", va="center", fontsize=9.5, zorder=5,
            bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none"))
for label, ((x, y), layer) in biases.items():  # biases: grey boxes, dashed arrows to every neuron of their layer
    ax.text(x, y, label, ha="center", va="center", fontsize=10, zorder=4,
            bbox=dict(boxstyle="square,pad=0.3", facecolor="#eeeeee", edgecolor="black"))
    for dst in layer:
        arrow(ax, (x, y + 0.12), neurons[dst], 0, R, color="0.55", linestyle="--")
# Input values and targets
ax.text(-0.35, 2, "0.05", ha="right", va="center", fontsize=10)
ax.text(-0.35, 0, "0.10", ha="right", va="center", fontsize=10)
ax.text(5.35, 2, "target 0.01", ha="left", va="center", fontsize=10)
ax.text(5.35, 0, "target 0.99", ha="left", va="center", fontsize=10)
for x, title in [(0, "input layer"), (2.5, "hidden layer\n(sigmoid)"), (5, "output layer\n(sigmoid)")]:
    ax.text(x, 2.6, title, ha="center", va="bottom", fontsize=10)
ax.set_xlim(-1.0, 6.6)
ax.set_ylim(-1.4, 3.0)
ax.set_aspect("equal")  # keep circles round
ax.axis("off")
# as in the original figure, the neurons of a layer share one bias
print(f"{len(neurons)} neurons, {len(weights)} weights, {len(biases)} biases")
plt.show()
