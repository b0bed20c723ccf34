"""Figures: the matplotlib state every snippet starts from, and ``plt.show()`` captured as SVG.

Determinism: text is drawn as paths (readers need no font), ``svg.hashsalt`` is fixed and the SVG
carries no date, so two builds give byte-identical files. A white face keeps figures readable on
Material's dark palette too.
"""

from __future__ import annotations

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


class FigureCapture:
    """Replaces ``plt.show`` while a snippet runs: each shown figure becomes an SVG string."""

    def __init__(self) -> None:
        self.svgs: list[str] = []

    def show(self, *args, **kwargs) -> None:
        """Stand-in for ``plt.show``; a plain function, as pyplot copies signatures onto it."""
        import matplotlib.pyplot as plt

        for num in plt.get_fignums():
            fig = plt.figure(num)
            buf = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
            self.svgs.append(buf.getvalue())
        plt.close("all")
