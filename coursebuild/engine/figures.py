"""Figures: the matplotlib state every snippet starts from, and ``plt.show()`` captured as files.

A figure shown with ``plt.show()`` becomes an SVG; a figure driven by a ``matplotlib.animation``
becomes a GIF (what ``plt.show()`` would play in a window). Determinism: text is drawn as paths
(readers need no font), ``svg.hashsalt`` is fixed and the SVG carries no date; GIF frames are Agg
renderings, so two builds give byte-identical files. Each figure also has a dark variant
(:func:`dark_variant`, derived from the light one, so deterministic too) that the page shows in Material's
dark palette instead of a white card.

A captured figure is a string: SVG text, or ``GIF_PREFIX`` + base64 for an animation (the results are
cached as JSON); :func:`figure_format` and :func:`figure_bytes` read it back. An animation also leaves its
still, its last frame as a one-frame GIF: what the page shows a reader who asked for reduced motion. The
capture also keeps the texts each figure draws (for the language check and the search index), and what the draw
put over what it hides (a page error): two texts over each other (axes titles running into each other) and a
legend over data points.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import io
import itertools
import re

CJK_FONT_FAMILY = "Noto Sans CJK SC"
COURSE_RC = {
    "svg.hashsalt": "course-figures",
    "svg.fonttype": "path",
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.dpi": 100,
    "axes.unicode_minus": False,
}


GIF_PREFIX = "data:image/gif;base64,"
#: Resolution of animation frames: a 4.4 x 4.9 inch figure becomes 440 x 490 pixels, its 8 pt text 11 px high (8.7 px
#: in a phone's 343 px column).
ANIMATION_DPI = 100


#: The size matplotlib writes on an SVG it saves, in points (72 to the inch, 96 CSS pixels to 72 points).
SVG_SIZE_RE = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"')


def svg_size_pt(svg: str) -> tuple[float, float] | None:
    """How large an SVG that matplotlib saved is, in points (``None`` for another SVG): how wide a figure was drawn
    decides whether it gets a phone's twin, and the page reserves the figure's box from it."""
    m = SVG_SIZE_RE.search(svg[:2000])
    return (float(m[1]), float(m[2])) if m else None


def _to_svg(fig) -> str:
    """The figure as the page shows it: an SVG cropped to what is drawn, with no date (the site is byte-identical
    from build to build)."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buf.getvalue()


def figure_format(figure: str) -> str:
    """File extension of a captured figure: ``svg`` or ``gif``."""
    return "gif" if figure.startswith(GIF_PREFIX) else "svg"


def figure_bytes(figure: str) -> bytes:
    if figure.startswith(GIF_PREFIX):
        return base64.b64decode(figure[len(GIF_PREFIX):])
    return figure.encode("utf-8")


def register_cjk_font() -> None:
    """Make the pip-installed Noto Sans CJK known to matplotlib (idempotent)."""
    from matplotlib import font_manager
    from noto_cjk_sans_otc import FONT_PATH

    path = str(FONT_PATH)
    if not any(f.fname == path for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)


def reset_matplotlib() -> None:
    """Close every figure and return rcParams to matplotlib's defaults plus the course style."""
    import matplotlib
    import matplotlib.pyplot as plt

    plt.close("all")
    backend = matplotlib.get_backend()
    matplotlib.rcdefaults()
    matplotlib.rcParams.update(COURSE_RC, backend=backend)
    register_cjk_font()


def animation_of(fig):
    """The animation driving a figure, if any: it listens to the canvas' first draw event."""
    from matplotlib.animation import Animation

    for ref in fig.canvas.callbacks.callbacks.get("draw_event", {}).values():
        owner = getattr(ref(), "__self__", None)
        if isinstance(owner, Animation):
            return owner
    return None


def _gif(frames: list, **options) -> str:
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=len(frames) > 1, append_images=frames[1:], **options)
    return GIF_PREFIX + base64.b64encode(out.getvalue()).decode("ascii")


#: Tints of each data colour in an animation's palette, towards white: a line's anti-aliased edges on the paper.
TINTS = (0.0, 0.25, 0.5, 0.75)


def _is_grey(r: int, g: int, b: int) -> bool:
    """A GIF colour that is a grey: its channels within 6 of each other (GIF quantisation blurs exact greys)."""
    return max(r, g, b) - min(r, g, b) <= 6


def _palette_of(fig):
    """The colour table of an animation: the exact colours its artists draw in (lines, markers, patches,
    collections, texts), their tints towards white, and 64 greys. Pillow's adaptive table chose colours near them
    instead (the race's blue came out as (33, 120, 180)), and could lose one that covers few pixels: in a narrower
    race figure, SGD's thin red line came out orange, Nesterov's colour. Called after a frame was drawn (a
    collection coloured by its data has its colours then). ``None`` (Pillow's table, as before) for a figure
    that draws an image or more colours than the table holds."""
    from matplotlib.collections import Collection
    from matplotlib.colors import to_rgb, to_rgba_array
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text
    from PIL import Image

    colours = set()
    for artist in fig.findobj(lambda a: a.get_visible()):
        if isinstance(artist, AxesImage):
            return None
        if isinstance(artist, Line2D):
            found = [artist.get_color(), artist.get_markerfacecolor(), artist.get_markeredgecolor()]
        elif isinstance(artist, Patch):
            found = [artist.get_facecolor(), artist.get_edgecolor()]
        elif isinstance(artist, Collection):
            found = [*to_rgba_array(artist.get_facecolor()), *to_rgba_array(artist.get_edgecolor())]
        elif isinstance(artist, Text):
            found = [artist.get_color()]
        else:
            continue
        for colour in found:
            try:
                r, g, b = (round(255 * c) for c in to_rgb(colour))
            except ValueError:
                continue  # "none", "auto"
            if not _is_grey(r, g, b):  # greys come from the ramp
                colours.add((r, g, b))
    table = [(v, v, v) for v in range(0, 256, 4)] + [(255, 255, 255)]
    for r, g, b in sorted(colours):
        table += [tuple(round(c + (255 - c) * t) for c in (r, g, b)) for t in TINTS]
    table = list(dict.fromkeys(table))
    if len(table) > 256:
        return None
    palette = Image.new("P", (1, 1))
    palette.putpalette([c for rgb in table for c in rgb] + [0] * (3 * (256 - len(table))))
    return palette


def animation_gif(animation) -> tuple[str, str]:
    """Render every frame of an animation once and store them as a GIF at the animation's frame rate; with it,
    its still: the last frame (where the animation stops) alone, for readers who asked for reduced motion.

    ``Animation.save`` would draw each frame twice (once on the canvas, once more to grab it); drawing the
    canvas and reading its pixels halves the cost. ``_fig``, ``_draw_frame`` and ``_interval`` are
    matplotlib's own (private, stable since 3.x) ways to reach the figure, a frame and the frame delay.

    The GIF plays once and stays on its last frame (no NETSCAPE loop block): beside the text, an animation
    that repeats forever needs a pause control (WCAG 2.2.2); the page's replay button plays it again.
    """
    from PIL import Image

    fig = animation._fig
    fig.set_dpi(ANIMATION_DPI)
    frames = []
    for frame in animation.new_saved_frame_seq():
        animation._draw_frame(frame)
        fig.canvas.draw()
        if not frames:  # the colour table, from what the first frame drew
            palette = _palette_of(fig)
        width, height = fig.canvas.get_width_height(physical=True)
        image = Image.frombuffer("RGBA", (width, height), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
        frames.append(image if palette is None else image.quantize(palette=palette, dither=Image.Dither.NONE))
    animation._draw_was_started = True  # rendered: no "deleted without rendering" warning
    return _gif(frames, duration=int(getattr(animation, "_interval", 100))), _gif(frames[-1:])


#: Two texts overlap when their boxes share more than this many pixels both across and down (touching is fine).
OVERLAP_PX = 1.0


@contextlib.contextmanager
def _drawn_texts():
    """Every text drawn inside the block, with its box on the canvas: what the reader sees, unlike the figure's
    list of texts, which also holds the tick labels outside the axes' limits."""
    from matplotlib.text import Text

    drawn: dict[int, tuple] = {}
    original = Text.draw

    def draw(self, renderer) -> None:
        original(self, renderer)
        if self.get_visible() and self.get_text().strip():
            drawn[id(self)] = (self.get_text().strip(), self.get_window_extent(renderer))

    Text.draw = draw
    try:
        yield drawn
    finally:
        Text.draw = original


def _marked_points(artist):
    """The canvas positions of the points a line's markers or a scatter draws (None for an unmarked line)."""
    from matplotlib.collections import PathCollection
    from matplotlib.lines import Line2D

    if isinstance(artist, Line2D) and artist.get_visible() and artist.get_marker() not in (None, "None", "", " "):
        points = artist.get_transform().transform(artist.get_xydata())
        every = artist.get_markevery()
        return points[::every] if isinstance(every, int) and every > 0 else points
    if isinstance(artist, PathCollection) and artist.get_visible() and len(artist.get_offsets()):
        return artist.get_offset_transform().transform(artist.get_offsets())
    return None


def _named_lines_under(ax, box) -> list:
    """The labelled lines of an axes (the data its legend names) that pass through a box on the canvas."""
    return [line for line in ax.lines if line.get_visible() and not line.get_label().startswith("_")
            and line.get_transform().transform_path(line.get_path()).intersects_bbox(box, filled=False)]


def _hidden_under_legends(fig, renderer) -> list[str]:
    """Data points that a legend covers (a curve passing behind a legend is left alone: :func:`covered_lines`)."""
    hidden = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None or not legend.get_visible():
            continue
        box = legend.get_window_extent(renderer)
        for artist in ax.get_children():
            points = _marked_points(artist)
            if points is None:
                continue
            under = [k for k, (x, y) in enumerate(points) if box.x0 < x < box.x1 and box.y0 < y < box.y1]
            if under:
                what = "a point" if len(under) == 1 else f"{len(under)} points"
                hidden.append(f"the legend over {what} of {_named(artist, under[0])}")
    return hidden


def covered_lines(fig, margin: tuple[float, float] = (1.0, 0.0)) -> list[str]:
    """The labels of the lines a legend is drawn over, each axes' own (call after a draw): a stretch of a curve
    hidden behind the legend that names it. Not a page error (the page check reports texts and points only, and a
    grid line or a contour behind a legend is fine); the tests hold the course's figures to it. ``margin``: the
    legend's box taken that many times wider, and that many points higher each side."""
    renderer = fig.canvas.get_renderer()
    wider, higher = margin
    return [line.get_label() for ax in fig.axes if (legend := ax.get_legend()) is not None and legend.get_visible()
            for line in _named_lines_under(ax, legend.get_window_extent(renderer).expanded(wider, 1)
                                           .padded(0, higher * fig.dpi / 72))]


def _named(artist, first: int) -> str:
    """An artist as the snippet's author finds it: its label, or (matplotlib names an unlabelled one ``_child3``)
    its kind and colour, and where its first hidden point is, in data coordinates."""
    from matplotlib.colors import to_hex
    from matplotlib.lines import Line2D

    label = artist.get_label()
    if label and not label.startswith("_"):
        return repr(label)
    if isinstance(artist, Line2D):
        kind, colour, (x, y) = "line", artist.get_color(), artist.get_xydata()[first]
    else:
        kind, colour, (x, y) = "scatter", artist.get_facecolor()[0], artist.get_offsets()[first]
    return f"an unlabelled {kind} ({to_hex(colour)}) first at ({x:.3g}, {y:.3g})"


def figure_texts(fig) -> tuple[list[str], list[str]]:
    """Every visible, non-empty text a figure draws (tick labels only once drawn, so draw first), and what the
    draw put over what it hides: each pair of drawn texts whose boxes overlap, and each legend over data points."""
    from matplotlib.text import Text

    with _drawn_texts() as drawn:
        fig.canvas.draw()
    seen: list[str] = []
    for artist in fig.findobj(Text):
        text = artist.get_text().strip()
        if text and artist.get_visible() and text not in seen:
            seen.append(text)
    overlaps = []
    for (a, box_a), (b, box_b) in itertools.combinations(drawn.values(), 2):
        across = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        down = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if across > OVERLAP_PX and down > OVERLAP_PX:
            overlaps.append(f"{a!r} over {b!r}")
    return seen, overlaps + _hidden_under_legends(fig, fig.canvas.get_renderer())


#: How a text an animation's frame cuts off is reported (after the text itself).
CUT_OFF = " cut off at the figure's edge"


def texts_cut_off(fig) -> list[str]:
    """The texts an animation's frame cuts off at the canvas' edge (a figure saved as an SVG is cropped to all it
    draws, but a GIF's frames are the canvas: the race's 4.4-inch frames lost the end of their titles)."""
    with _drawn_texts() as drawn:
        fig.canvas.draw()
    width, height = fig.bbox.width, fig.bbox.height
    return [f"{text!r}{CUT_OFF}" for text, box in drawn.values()
            if min(box.x0, box.y0) < -OVERLAP_PX or box.x1 > width + OVERLAP_PX or box.y1 > height + OVERLAP_PX]


def smallest_text_pt(fig) -> float:
    """The size (points) of the smallest visible text a figure holds (0 for a figure without text). How high that
    text is on a screen follows from how wide the figure is shown: for an SVG the test reads it from the glyphs,
    for an animation's GIF (pixels) it needs this."""
    from matplotlib.text import Text

    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return float(min(sizes, default=0.0))


#: A figure at least this wide (inches) whose axes sit side by side in one row also gets a narrow twin for phone
#: screens: the same panels stacked, each at its own width. In a 345 px column an 11-inch figure of three panels
#: showed its text about 4 px high; stacked, its panels are drawn at nearly their own size.
NARROW_FROM = 8.0


def _axes_in_a_row(fig) -> list | None:
    """The axes of a figure that holds only a row of subplots, left to right (``None`` for any other figure, and for
    one with a legend or a text of its own besides the title, placed for the row)."""
    own_texts = [text for text in fig.texts if text is not getattr(fig, "_suptitle", None)]
    if len(fig.axes) < 2 or fig.get_size_inches()[0] < NARROW_FROM or fig.legends or own_texts:
        return None
    specs = [ax.get_subplotspec() for ax in fig.axes]
    if any(spec is None for spec in specs):
        return None  # an inset, a colour bar: laid out by hand
    grid = specs[0].get_gridspec()
    columns = [spec.colspan for spec in specs]
    if grid.nrows != 1 or any(spec.get_gridspec() is not grid for spec in specs) or any(
            len(c) != 1 for c in columns) or len({c.start for c in columns}) != len(columns):
        return None
    return sorted(fig.axes, key=lambda ax: ax.get_subplotspec().colspan.start)


def narrow_svg(fig) -> str:
    """The figure's panels stacked in one column, each as wide as it was (call after the figure was saved: this
    changes it); "" where the figure is not a row of panels, or where stacking makes a text or a legend hide
    something (the figure as drawn is the one its author checked)."""
    axes = _axes_in_a_row(fig)
    if axes is None:
        return ""
    try:
        width, height = fig.get_size_inches()
        column = fig.add_gridspec(len(axes), 1)
        for i, ax in enumerate(axes):
            ax.set_subplotspec(column[i])
            if len(ax.get_shared_y_axes().get_siblings(ax)) > 1:
                ax.tick_params(labelleft=True)  # shared along the row, a panel showed no scale of its own
        fig.set_size_inches(width / len(axes), height * len(axes))
        _lay_out(fig)
        return "" if figure_texts(fig)[1] else _to_svg(fig)
    except Exception:  # noqa: BLE001 - a twin that cannot be drawn is not the snippet's error: the row is shown
        return ""


#: On a phone a figure is drawn as wide as the column (about 343 px in a 375 px screen): a 6.3-inch figure's 8 pt
#: legend came out 6 px high. A figure drawn wider than this (inches, as saved) also gets a twin redrawn this wide,
#: its texts at their own size (8 pt: 8.7 px high in that column), for phones.
PHONE_WIDTH = 4.4


#: A line break after a punctuation mark reads better than one after a space ("…on 100 samples," / "learning
#: rate 0.05", not "…on 100" / "samples, …"): a break after a space is taken only if it leaves the longer line
#: this many columns shorter.
PUNCTUATION_BONUS = 8


def _two_lines(text: str) -> str:
    """A title on two lines: broken after a space or a punctuation mark outside brackets, where the longer line is
    shortest (a Chinese character counts two columns), after punctuation unless a space does much better."""
    import unicodedata

    def columns(part: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in part.strip())

    best, depth = None, 0
    for i, c in enumerate(text[:-1]):
        depth += (c in "([{（【") - (c in ")]}）】")
        if depth or not (c.isspace() or c in ",;:，；：、"):
            continue
        score = max(columns(text[:i + 1]), columns(text[i + 1:])) + (0 if c in ",;:，；：、" else PUNCTUATION_BONUS)
        if best is None or score < best[0]:
            best = (score, i + 1)
    return text if best is None else text[:best[1]].rstrip() + "\n" + text[best[1]:].lstrip()


def _lay_out(fig) -> None:
    """Lay a resized figure out anew (a constrained layout does so as it draws)."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    if not isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):  # that one lays out as it draws
        fig.tight_layout()


def _fit_to_width(fig) -> bool:
    """Make the texts a narrower figure cannot hold fit: a title wider than its axes (a figure's title wider than
    the figure) goes on two lines (:func:`_two_lines`), and a legend of several columns wider than its axes (a
    figure's legend wider than the figure) becomes one column. Whether it changed anything."""
    renderer = fig.canvas.get_renderer()
    width = fig.bbox.width
    changed = False
    titled = [(t, ax.get_window_extent(renderer).width) for ax in fig.axes
              for t in (ax.title, ax._left_title, ax._right_title)]
    for title, room in titled + [(fig._suptitle, width)] * (fig._suptitle is not None):
        text = title.get_text()
        if "\n" not in text and title.get_window_extent(renderer).width > room:
            title.set_text(_two_lines(text))
            changed = True
    legends = [(ax.get_legend(), ax.get_window_extent(renderer).width) for ax in fig.axes]
    for legend, room in legends + [(legend, width) for legend in fig.legends]:
        if legend is not None and legend.get_window_extent(renderer).width > room:
            changed = _one_column(legend) or changed
    return changed


def _one_column(legend) -> bool:
    """A legend's entries in one column, in their order. ``set_ncols`` only takes effect when a legend is made, so
    the entries are moved from the later columns into the first (matplotlib packs a legend as a row of columns);
    a legend packed otherwise is left as it is. Whether it changed."""
    columns = legend._legend_handle_box.get_children()
    if len(columns) < 2 or not all(hasattr(column, "_children") for column in columns):
        return False
    columns[0]._children = [entry for column in columns for entry in column.get_children()]
    legend._legend_handle_box._children = columns[:1]
    legend.set_ncols(1)
    return True


def _legends_under_axes(fig) -> None:
    """Each axes' legend moved under its axes, below the x axis' labels, in one column where several are too wide,
    and the figure made as much higher: where a narrower figure left a legend no place inside the axes that hides
    nothing."""
    from matplotlib.transforms import ScaledTranslation

    renderer = fig.canvas.get_renderer()
    legends = [(ax, ax.get_legend()) for ax in fig.axes if ax.get_legend() is not None]
    for ax, legend in legends:
        depth = (ax.get_window_extent(renderer).y0 - ax.xaxis.get_tightbbox(renderer).y0) / fig.dpi + 0.05
        legend.set_loc("upper center")
        legend.set_bbox_to_anchor((0.5, 0), ax.transAxes + ScaledTranslation(0, -depth, fig.dpi_scale_trans))
    _fit_to_width(fig)
    added = sum(legend.get_window_extent(renderer).height for _, legend in legends) / fig.dpi
    fig.set_size_inches(fig.get_size_inches() + (0, added))


#: A legend's box taken this much wider (a factor) and higher (points each side) when a phone's twin looks for the
#: lines it is drawn over (it may come no nearer to them than the author's figure): the checks draw on Agg, whose
#: hinted text is a few per cent smaller than the SVG's (a Chinese legend's box reached in the SVG over a line 1 px
#: above it on Agg).
LEGEND_MARGIN = (1.08, 4.0)


def _pin_best_legends(fig) -> None:
    """Each legend placed "best" is fixed where the last draw put it. The checks draw on Agg at the figure's dpi and
    the SVG is drawn at 72 dpi, where "best" may choose another place: at a phone's width the multistep figure's
    legend went from an empty corner of the axes over the line."""
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None and legend._loc == 0:
            corner = ax.transAxes.inverted().transform(legend.get_window_extent(renderer).p0)
            legend.set_loc("lower left")
            legend.set_bbox_to_anchor(tuple(corner), ax.transAxes)
            legend.borderaxespad = 0


def small_svg(fig, drawn: str) -> str:
    """The figure redrawn :data:`PHONE_WIDTH` inches wide, as high as it was, laid out anew (call after the figure
    was saved: this changes it; a wide row of panels is stacked instead, :func:`narrow_svg`). Titles too wide go on
    two lines, and where a legend then hides something (or is drawn over more of its lines than before), the
    legends move under their axes. "" where the figure was not drawn wider, and where the narrower layout still
    hides something or is no narrower (a text outside the axes as wide as it was). ``drawn``: the figure's SVG as
    saved, whose size says how wide it was drawn (saved with a 0.1-inch margin each side)."""
    import warnings

    if _width_inches(drawn) <= PHONE_WIDTH + 0.2:
        return ""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tight_layout's "not applied" is answered by the checks below
            crossed = len(covered_lines(fig, LEGEND_MARGIN))  # as its author saw it

            def hides() -> bool:
                overlaps = figure_texts(fig)[1]
                _pin_best_legends(fig)
                return bool(overlaps) or len(covered_lines(fig, LEGEND_MARGIN)) > crossed

            fig.set_size_inches(PHONE_WIDTH, fig.get_size_inches()[1])
            _lay_out(fig)
            if _fit_to_width(fig):
                _lay_out(fig)
            if hides():
                _legends_under_axes(fig)
                _lay_out(fig)
                if hides():
                    return ""
            small = _to_svg(fig)
    except Exception:  # noqa: BLE001 - a twin that cannot be drawn is not the snippet's error: the figure is shown
        return ""
    return small if _width_inches(small) <= PHONE_WIDTH + 0.25 else ""


def _width_inches(svg: str) -> float:
    return svg_size_pt(svg)[0] / 72


class FigureCapture:
    """Replaces ``plt.show`` while a snippet runs: each shown figure becomes an SVG (or GIF) string."""

    def __init__(self) -> None:
        self.svgs: list[str] = []
        self.narrow: list[str] = []  # per figure: its panels stacked for narrow screens, or "" (narrow_svg)
        self.small: list[str] = []  # per figure: redrawn at a phone's width, or "" (small_svg)
        self.stills: list[str] = []  # per figure: an animation's last frame, "" for a figure that does not move
        self.texts: list[list[str]] = []  # per figure: titles, labels, ticks, legend entries, annotations
        self.overlaps: list[list[str]] = []  # per figure: texts drawn over texts, legends over data points
        self.covered: list[list[str]] = []  # per figure: the lines its legends are drawn over (covered_lines)
        self.text_pt: list[float] = []  # per figure: the size of its smallest text, in points (smallest_text_pt)

    def _keep_texts(self, fig) -> None:
        texts, overlaps = figure_texts(fig)
        self.texts.append(texts)
        self.overlaps.append(overlaps)
        self.covered.append(covered_lines(fig))
        self.text_pt.append(smallest_text_pt(fig))

    def show(self, *args, **kwargs) -> None:
        """Stand-in for ``plt.show``; a plain function, as pyplot copies signatures onto it."""
        import matplotlib.pyplot as plt

        for num in plt.get_fignums():
            fig = plt.figure(num)
            animation = animation_of(fig)  # before any draw: the first draw starts the animation
            if animation is not None:
                gif, still = animation_gif(animation)
                self.svgs.append(gif)
                self.stills.append(still)
                self.narrow.append("")
                self.small.append("")
                self._keep_texts(fig)
                self.overlaps[-1] += texts_cut_off(fig)  # its last frame's texts, as the GIF shows them
                continue
            self.stills.append("")
            self._keep_texts(fig)
            self.svgs.append(_to_svg(fig))
            row = _axes_in_a_row(fig) is not None  # stacked on a phone; any other figure is redrawn narrower
            self.narrow.append(narrow_svg(fig) if row else "")
            self.small.append("" if row else small_svg(fig, self.svgs[-1]))
        plt.close("all")


# --- the dark variant ---------------------------------------------------------------------------------------

#: Material's slate palette: its page background and a light foreground with 12:1 contrast on it.
DARK_BG = (0x1E, 0x21, 0x29)
DARK_FG = (0xE2, 0xE4, 0xE9)
HEX_RE = re.compile(r"#([0-9a-fA-F]{6})\b")
TEXT_GROUP_RE = re.compile(r'<g id="(text_\d+)">')


def _dark_grey(value: int) -> tuple[int, int, int]:
    """A grey of the light figure (white paper, black ink) as the same shade between slate and light ink."""
    t = 1 - value / 255
    return tuple(round(b + (f - b) * t) for b, f in zip(DARK_BG, DARK_FG))


def _dark_hex(m: re.Match) -> str:
    r, g, b = (int(m[1][i:i + 2], 16) for i in (0, 2, 4))
    if not (r == g == b):
        return m[0]  # a data colour: kept
    return "#{:02x}{:02x}{:02x}".format(*_dark_grey(r))


def dark_svg(svg: str) -> str:
    """The figure for Material's dark palette: paper and ink swapped (every grey), data colours kept.

    Text drawn as paths carries no colour when it is black (SVG's default fill), so each text group gets the
    light ink explicitly; coloured text keeps its own fill, set deeper in the group.
    """
    fg = "#{:02x}{:02x}{:02x}".format(*DARK_FG)
    svg = HEX_RE.sub(_dark_hex, svg)
    return TEXT_GROUP_RE.sub(rf'<g id="\1" style="fill: {fg}">', svg)


def gif_colour_tables(gif: bytes) -> list[tuple[int, int]]:
    """Where each colour table of a GIF lies, as (offset, length in bytes): the global one and each frame's own.

    The walk follows the GIF89a layout: a 13-byte header whose last flags byte announces the global table, then
    blocks until the trailer (``;``): an extension (``!``, its label, data sub-blocks) or an image (``,``, a 10-byte
    descriptor whose last byte announces its local table, the LZW code size, data sub-blocks).
    """
    tables: list[tuple[int, int]] = []

    def table(flags: int, at: int) -> int:
        if not flags & 0x80:
            return at
        length = 3 << ((flags & 0x07) + 1)
        tables.append((at, length))
        return at + length

    pos = table(gif[10], 13)
    while gif[pos] != 0x3B:
        if gif[pos] == 0x21:
            pos += 2
        elif gif[pos] == 0x2C:
            pos = table(gif[pos + 9], pos + 10) + 1
        else:
            raise ValueError(f"not a GIF block at byte {pos}: {gif[pos]:#04x}")
        while gif[pos]:  # data sub-blocks, each led by its length, up to an empty one
            pos += gif[pos] + 1
        pos += 1
    return tables


#: How far apart the shares of paper read off a colour's channels may be for it to count as a mix of another colour
#: of the animation with white (a GIF's colours are rounded to bytes, and a channel near 255 says little).
MIX_SPREAD = 0.06


def _paper_share(colour: tuple[int, int, int], line: tuple[int, int, int]) -> float | None:
    """The share of white paper in ``colour`` if it is ``line`` mixed with white (every channel the same share,
    within :data:`MIX_SPREAD`), else None."""
    shares = [(c - own) / (255 - own) for c, own in zip(colour, line) if 255 - own >= 24]
    if not shares or min(shares) < 0.05 or max(shares) > 0.97 or max(shares) - min(shares) > MIX_SPREAD:
        return None
    return sum(shares) / len(shares)


def _dark_mixes(colours: list[tuple[int, int, int]]) -> dict[tuple[int, int, int], tuple[int, int, int]]:
    """Of a GIF's colours, those that are another of its colours mixed with white (a line's anti-aliased edge: kept
    as it was, the dark twin showed a pale fringe around every line of the race), each as that colour mixed with
    the slate in the same share. The line's colour is the most saturated one that fits. (An earlier rule took
    every colour lighter than 150 in each channel for a tint and guessed its line colour: it made pale tints too
    dark, and left an edge such as half red, half paper, (234, 147, 147), as it was.)"""
    lines = sorted({c for c in colours if not _is_grey(*c)}, key=lambda c: min(c) - max(c))
    mixes = {}
    for colour in set(colours):
        if _is_grey(*colour):
            continue
        for line in lines:
            share = _paper_share(colour, line) if line != colour else None
            if share is not None:
                mixes[colour] = tuple(round(own + share * (bg - own)) for own, bg in zip(line, DARK_BG))
                break
    return mixes


def dark_gif(gif: str) -> str:
    """An animation's frames with the same swap, done on the GIF's colour tables (a few hundred entries, not
    pixels): every frame keeps its pixels, its place and its timing byte for byte, only its colours change. A
    tint of a colour (a line's anti-aliased edge on white paper) becomes that colour's edge on the slate.

    Decoding the frames and encoding them again would not: Pillow hands the frames after the first over as RGB,
    and making them a palette image again dithers them into the 216-colour web palette."""
    data = bytearray(figure_bytes(gif))
    for start, length in gif_colour_tables(data):
        colours = [tuple(data[i:i + 3]) for i in range(start, start + length, 3)]
        mixes = _dark_mixes(colours)
        for i, (r, g, b) in zip(range(start, start + length, 3), colours):
            if _is_grey(r, g, b):
                data[i:i + 3] = bytes(_dark_grey((r + g + b) // 3))
            elif (r, g, b) in mixes:
                data[i:i + 3] = bytes(mixes[(r, g, b)])
    return GIF_PREFIX + base64.b64encode(bytes(data)).decode("ascii")


@functools.lru_cache(maxsize=256)
def dark_variant(figure: str) -> str:
    """The dark-palette figure. The warm interpreter makes it next to each figure (``Result.dark``); remembered
    here for results that came without it."""
    return dark_gif(figure) if figure_format(figure) == "gif" else dark_svg(figure)
