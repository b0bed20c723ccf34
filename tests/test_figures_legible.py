"""On every screen, every figure's text is large enough to read, and no legend hides the curves it names.

A page draws a figure at most as wide as its content column, so a figure drawn wider comes out smaller, its text
with it: on a 375 px phone a 6.3-inch figure's 8 pt legend was 6 px high, and on a desktop the optimizers page's
11-inch rows of three panels showed their 7 pt legends 6 px high. On a phone the page shows a figure's twin where
the engine made one (its panels stacked, or the figure redrawn narrower: ``coursebuild/engine/figures.py``); wider
screens show the figure as drawn, so a figure must be drawn for the column (about 9 inches at most).

This test reads, for every figure on every page, the image each kind of screen is given, and the smallest text in
it (matplotlib draws text as glyph paths scaled by the font size in points), and works out how high that text is in
the narrowest column of that kind of screen. An animation is a GIF of pixels: its smallest text is the size the
engine recorded (``Result.text_pt``) at the animation's resolution, the GIF shown at most its own width (the race's
were 416 px wide, so a phone showed their 8 pt legends 7.3 px high).
"""

from __future__ import annotations

import html
import re

import pytest

from coursebuild.engine import default_engine
from coursebuild.engine.figures import ANIMATION_DPI, figure_bytes, figure_format, svg_size_pt
from coursebuild.pages import parse_page
from coursebuild.plugin.rendering import NARROW_SCREEN, figure_size, figure_uri
from tests.support import GLYPH_SCALE_RE, PAGES, page_id
from tests.test_browser import PHONE, open_page

#: The narrowest content column (CSS px) of a phone (a 375 px screen, Material's margins) and of any wider screen
#: (at 960 px, where the table of contents takes its place beside the column); the browser test measures them.
COLUMNS = {"phone": 343, "wider": 686}
#: Screen widths the browser test measures, and the column each one is taken to have.
SCREENS = {375: "phone", 720: "wider", 768: "wider", 960: "wider", 1024: "wider", 1280: "wider", 1440: "wider"}
#: The smallest text a figure may show, in CSS pixels (the lesson's text is 16 px, its code 13 px).
SMALLEST_TEXT_PX = 8.5

FIGURE_RE = re.compile(r'<figure class="course-figure".*?</figure>', re.S)
IMG_RE = re.compile(r'<img src="([^"]+)"')
PHONE_SOURCE_RE = re.compile(rf'<source media="{re.escape(NARROW_SCREEN)}" srcset="([^"]+)"')


def animations() -> dict[str, tuple]:
    """Each animation by its GIF's site path, named as the build names it (``rendering.figure_uri``): (its
    snippet's result, the figure's index)."""
    found = {}
    for path in PAGES:
        for example in parse_page(path).examples:
            result = default_engine().result(example.snippet_path)
            for i, figure in enumerate(result.figures):
                if figure_format(figure) == "gif":
                    found[figure_uri(example, i, "gif")] = (result, i)
    return found


def smallest_text(site, screen: str) -> list[tuple[str, str, float]]:
    """(page, figure file, height in px of its smallest text in the column) for every figure a page shows this
    kind of screen."""
    shown, gifs = [], animations()
    for page in sorted(site.rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        for figure in FIGURE_RE.findall(text):
            source = (screen == "phone" and PHONE_SOURCE_RE.search(figure)) or IMG_RE.search(figure)
            image = (page.parent / html.unescape(source[1])).resolve()
            if image.suffix == ".gif":  # an animation: its pixels, its texts' sizes as the engine recorded them
                result, i = gifs[image.relative_to(site.resolve()).as_posix()]
                assert image.read_bytes() == figure_bytes(result.figures[i]), image
                width_px = figure_size(result.figures[i])[0]
                px = result.text_pt[i] * ANIMATION_DPI / 72 * min(1.0, COLUMNS[screen] / width_px)
                shown.append((str(page.relative_to(site)), str(image.relative_to(site.resolve())), px))
                continue
            svg = image.read_text(encoding="utf-8")
            width_px = svg_size_pt(svg)[0] * 4 / 3
            smallest_pt = min(float(s) * 100 for s in GLYPH_SCALE_RE.findall(svg))
            px = smallest_pt * 4 / 3 * min(1.0, COLUMNS[screen] / width_px)
            shown.append((str(page.relative_to(site)), str(image.relative_to(site.resolve())), px))
    return shown


@pytest.mark.parametrize("screen", COLUMNS)
def test_every_figure_s_text_is_at_least_8_5_px(built_site, screen):
    shown = smallest_text(built_site, screen)
    assert len({figure for _, figure, _ in shown}) >= 40, "the lessons' figures were not found"
    assert sum(figure.endswith(".gif") for _, figure, _ in shown) >= 6, "the race's animations were not read"
    small = sorted({(px, page, figure) for page, figure, px in shown if px < SMALLEST_TEXT_PX})
    assert not small, (f"in a {COLUMNS[screen]} px column ({screen}) these figures' smallest text is under "
                       f"{SMALLEST_TEXT_PX} px (draw the figure narrower, or its text larger):\n"
                       + "\n".join(f"  {px:.1f} px  {figure}  (on {page})" for px, page, figure in small))


@pytest.mark.browser
def test_the_columns_are_as_wide_as_the_figure_check_takes_them(browser, site_server):
    """The check above takes the narrowest column of each kind of screen from COLUMNS: measured here at each
    width, a figure may be as wide as that (a narrower column would draw the figures' text smaller)."""
    with open_page(browser, site_server.url + "en/optimizers/", wait_until="load", **PHONE) as visit:
        measured = {}
        for width, screen in SCREENS.items():
            visit.page.set_viewport_size({"width": width, "height": 900})
            measured[width] = visit.page.evaluate(
                "() => document.querySelector('figure.course-figure').getBoundingClientRect().width")
            assert measured[width] >= COLUMNS[screen], (width, screen, measured)
        assert measured[375] == COLUMNS["phone"] and min(measured[w] for w in SCREENS if w > 375) == COLUMNS["wider"]


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_no_legend_hides_a_stretch_of_a_curve_it_names(page):
    """The page check reports a legend over data points; a curve without markers passing behind its legend is
    not a page error (a grid line or a contour behind a legend is fine, and so is a curve on a figure still being
    drawn), but on the course's figures it is refused: a reviewer found the optimizers page's flat-region legend
    over the bottom of the well and the lab's schedules legend over two rising curves."""
    covered = [f"{example.snippet}, figure {i + 1}: the legend over {', '.join(map(repr, lines))}"
               for example in parse_page(page).examples
               for i, lines in enumerate(default_engine().result(example.snippet_path).covered) if lines]
    assert not covered, "\n".join(covered)
