"""Figures: the matplotlib state every snippet starts from, and ``plt.show()`` captured as files.

A figure shown with ``plt.show()`` becomes an SVG; a figure driven by a ``matplotlib.animation``
becomes a GIF (what ``plt.show()`` would play in a window). Determinism: text is drawn as paths
(readers need no font), ``svg.hashsalt`` is fixed and the SVG carries no date; GIF frames are Agg
renderings, so two builds give byte-identical files. A white face keeps figures readable on
Material's dark palette too.

A captured figure is a string: SVG text, or ``GIF_PREFIX`` + base64 for an animation (the results are
cached as JSON); :func:`figure_format` and :func:`figure_bytes` read it back.
"""

from __future__ import annotations

import base64
import io

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
#: Resolution of animation frames: a 6.4 x 4.4 inch figure becomes 512 x 352 pixels.
ANIMATION_DPI = 80


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


def animation_gif(animation) -> str:
    """Render every frame of an animation once and store them as a GIF at the animation's frame rate.

    ``Animation.save`` would draw each frame twice (once on the canvas, once more to grab it); drawing the
    canvas and reading its pixels halves the cost. ``_fig``, ``_draw_frame`` and ``_interval`` are
    matplotlib's own (private, stable since 3.x) ways to reach the figure, a frame and the frame delay.
    """
    from PIL import Image

    fig = animation._fig
    fig.set_dpi(ANIMATION_DPI)
    frames = []
    for frame in animation.new_saved_frame_seq():
        animation._draw_frame(frame)
        fig.canvas.draw()
        width, height = fig.canvas.get_width_height(physical=True)
        frames.append(Image.frombuffer("RGBA", (width, height), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
                      .convert("RGB"))
    animation._draw_was_started = True  # rendered: no "deleted without rendering" warning
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], loop=0,
                   duration=int(getattr(animation, "_interval", 100)))
    return GIF_PREFIX + base64.b64encode(out.getvalue()).decode("ascii")


def figure_texts(fig) -> list[str]:
    """Every visible, non-empty text a figure draws (tick labels only once drawn, so draw first)."""
    from matplotlib.text import Text

    fig.canvas.draw()
    seen: list[str] = []
    for artist in fig.findobj(Text):
        text = artist.get_text().strip()
        if text and artist.get_visible() and text not in seen:
            seen.append(text)
    return seen


class FigureCapture:
    """Replaces ``plt.show`` while a snippet runs: each shown figure becomes an SVG (or GIF) string."""

    def __init__(self) -> None:
        self.svgs: list[str] = []
        self.texts: list[list[str]] = []  # per figure: titles, labels, ticks, legend entries, annotations

    def show(self, *args, **kwargs) -> None:
        """Stand-in for ``plt.show``; a plain function, as pyplot copies signatures onto it."""
        import matplotlib.pyplot as plt

        for num in plt.get_fignums():
            fig = plt.figure(num)
            animation = animation_of(fig)  # before any draw: the first draw starts the animation
            if animation is not None:
                self.svgs.append(animation_gif(animation))
                self.texts.append(figure_texts(fig))
                continue
            self.texts.append(figure_texts(fig))
            buf = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
            self.svgs.append(buf.getvalue())
        plt.close("all")
