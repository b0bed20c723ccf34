"""What the plugin writes around an example on the page (coursebuild.plugin.rendering), checked on its own."""

from __future__ import annotations

import re

import pytest

from coursebuild.plugin.rendering import (
    NARROW_SCREEN,
    figure_html,
    fold_setup_lines,
    keep_heading_link_with_last_word,
)

SETUP_CLASS = '<span class="course-setup">'


def code_block(*lines: str) -> str:
    """A code block as pymdownx.highlight writes it with line anchors (tags inside a line left out)."""
    body = "".join(f'<a id="__codelineno-0-{n}" name="__codelineno-0-{n}" href="#__codelineno-0-{n}"></a>{line}\n'
                   for n, line in enumerate(lines, 1))
    return f'<div class="highlight"><pre><span></span><code>{body}</code></pre></div>'


def folded_lines(page_html: str) -> list[int]:
    """The line numbers inside a setup span."""
    return [int(n) for n in re.findall(rf'{re.escape(SETUP_CLASS)}<a id="__codelineno-0-(\d+)"', page_html)]


def test_setup_lines_fold_with_the_blank_line_between_them():
    html = fold_setup_lines(code_block(
        "import torch",
        "from matplotlib import font_manager",
        "from noto_cjk_sans_otc import FONT_PATH",
        "",
        "font_manager.fontManager.addfont(str(FONT_PATH))",
        'plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]',
        "",
        "",
        "def f(x):",
    ))
    # Line 4 sits between two setup lines: folded too, or the reader sees three blank lines above ``def``.
    assert folded_lines(html) == [2, 3, 4, 5, 6]
    assert 'data-setup-lines="4"' in html  # the note counts the lines of code only
    assert html.count(SETUP_CLASS) == html.count("\n</span>")  # each span closes after its line's newline


def test_a_blank_line_next_to_one_setup_line_stays():
    html = fold_setup_lines(code_block("import torch", "", "from matplotlib import font_manager", "", "x = 1"))
    assert folded_lines(html) == [3]


def test_a_block_without_setup_lines_is_untouched():
    block = code_block("import torch", "", "print(torch.ones(2))")
    assert fold_setup_lines(block) == block


def test_figure_size_is_what_the_browser_lays_out():
    """matplotlib writes an SVG's size in points (96 CSS px to 72 pt), a GIF its size in pixels."""
    import base64
    import io

    from PIL import Image

    from coursebuild.engine.figures import GIF_PREFIX
    from coursebuild.plugin.rendering import figure_html, figure_size

    svg = ('<?xml version="1.0"?>\n<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="460.8pt" '
           'height="345.6pt" viewBox="0 0 460.8 345.6" xmlns="http://www.w3.org/2000/svg"></svg>')
    assert figure_size(svg) == (614, 461)
    out = io.BytesIO()
    Image.new("RGB", (512, 352)).save(out, format="GIF")
    assert figure_size(GIF_PREFIX + base64.b64encode(out.getvalue()).decode("ascii")) == (512, 352)
    assert figure_size("<svg></svg>") is None
    html = figure_html("a.svg", "Figure 1. ", "c", "alt", "fig-1", "dark/a.svg", (614, 461))
    assert html.count('width="614" height="461"') == 2  # the light image and its dark twin
    assert "width=" not in figure_html("a.svg", "Figure 1. ", "c", "alt", "fig-1")


LINK = '<a class="headerlink" href="#x" title="Permanent link">&para;</a>'


@pytest.mark.parametrize("inner, glued", [
    ("Comparison and summary", "summary"),
    ("练习 4：AdaGrad 与 RMSProp 的有效学习率", "习率"),
    ("Using <code>torch.optim.SGD</code>", "<code>torch.optim.SGD</code>"),
    ("The <code>lr</code> and momentum", "momentum"),
    ("练习 1：两步 Adam", "Adam"),
    ("单", "单"),
])
def test_a_heading_link_wraps_with_the_last_word(inner, glued):
    """A heading's ¶ is glued to its last word (two characters of Chinese), so a narrow screen never puts it on an
    empty line of its own; the heading's text and the link are otherwise as they were."""
    out = keep_heading_link_with_last_word(f'<h2 id="x">{inner}{LINK}</h2><p>{inner}</p>')
    assert out.endswith(f'<span class="course-nowrap">{glued}{LINK}</span></h2><p>{inner}</p>'), out
    assert re.sub(r"</?span[^>]*>", "", out) == f'<h2 id="x">{inner}{LINK}</h2><p>{inner}</p>'


def test_a_figure_with_a_narrow_twin_shows_it_on_a_phone_only():
    """Each of the figure's images (light, dark) is a ``<picture>`` whose source, on a phone's screen and not in
    print, is the stacked twin with its own size; the ``<img>`` keeps the figure as drawn for the zoom view."""
    shown = figure_html("a.svg", "Figure 1. ", "Cap", "Alt", "fig-1", "d.svg", (1000, 300), None,
                        ("n.svg", "dn.svg", (340, 900)))
    sources = re.findall(r'<source media="([^"]+)" srcset="([^"]+)" width="340" height="900">', shown)
    assert sources == [(NARROW_SCREEN, "n.svg"), (NARROW_SCREEN, "dn.svg")]
    assert NARROW_SCREEN.startswith("screen and ")
    assert re.search(r'<img src="a.svg" class="course-light" [^>]* data-full="a.svg">', shown)
    assert re.search(r'<img src="d.svg" class="course-dark" [^>]* data-full="d.svg">', shown)
    assert "<picture>" not in figure_html("a.svg", "Figure 1. ", "Cap", "Alt", "fig-1", "d.svg", (1000, 300))


def test_code_in_a_table_cell_may_wrap_only_between_names():
    """A ``<wbr>`` after ``_``, ``(`` and ``,`` and before a ``.`` that starts a name, in a table cell's code only
    (not in prose, nor in code outside tables, nor inside a tag, nor before a space or a closing parenthesis)."""
    from coursebuild.plugin.rendering import break_code_in_tables_between_names

    page = ('<table><tr><td><code>SGD(lr, dampening)</code> see x_y</td>'
            '<td><code class="a_b">scheduler.get_last_lr()</code></td></tr></table>'
            '<p><code>weight_decay</code></p>')
    out = break_code_in_tables_between_names(page)
    assert out == ('<table><tr><td><code>SGD(<wbr>lr, dampening)</code> see x_y</td>'
                   '<td><code class="a_b">scheduler<wbr>.get_<wbr>last_<wbr>lr()</code></td></tr></table>'
                   '<p><code>weight_decay</code></p>')
    assert re.sub("<wbr>", "", out) == page
