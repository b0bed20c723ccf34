"""On a phone every figure's text is large enough to read.

A phone draws a figure as wide as the content column (343 px on a 375 px screen), so a figure drawn wider comes
out smaller, its text with it: a 6.3-inch figure's 8 pt legend was 6 px high. The engine gives such a figure a
twin for phones (its panels stacked, or the figure redrawn narrower: ``coursebuild/engine/figures.py``), and the
page shows it under the phone media query. This test reads, for every figure on every page, the image a phone is
given, and the smallest text in it (matplotlib draws text as glyph paths scaled by the font size in points), and
works out how high that text is in the column. Animations are pictures of pixels and are left out; the race's
are 416 px wide.
"""

from __future__ import annotations

import html
import re

import pytest

from coursebuild.plugin.rendering import NARROW_SCREEN, SVG_SIZE_RE
from tests.test_browser import PHONE, open_page

#: The content column of a 375 px phone screen (Material's margins); the browser test below measures it.
PHONE_COLUMN_PX = 343
#: The smallest text a phone may show in a figure, in CSS pixels (the lesson's text is 16 px, its code 13 px).
SMALLEST_TEXT_PX = 8.5

FIGURE_RE = re.compile(r'<figure class="course-figure".*?</figure>', re.S)
IMG_RE = re.compile(r'<img src="([^"]+)"')
PHONE_SOURCE_RE = re.compile(rf'<source media="{re.escape(NARROW_SCREEN)}" srcset="([^"]+)"')
#: A glyph run drawn as paths: ``scale(s -s)``, where s is the font size in points over 100
GLYPH_SCALE_RE = re.compile(r"scale\(([\d.]+) -\1\)")


def shown_on_a_phone(site) -> list[tuple[str, str, float]]:
    """(page, figure file, height in px of its smallest text in the phone's column) for every SVG figure a
    lesson page shows a phone."""
    shown = []
    for page in sorted(site.rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        for figure in FIGURE_RE.findall(text):
            source = PHONE_SOURCE_RE.search(figure) or IMG_RE.search(figure)
            image = (page.parent / html.unescape(source[1])).resolve()
            if image.suffix != ".svg":
                continue
            svg = image.read_text(encoding="utf-8")
            width_px = float(SVG_SIZE_RE.search(svg[:2000])[1]) * 4 / 3
            smallest_pt = min(float(s) * 100 for s in GLYPH_SCALE_RE.findall(svg))
            px = smallest_pt * 4 / 3 * min(1.0, PHONE_COLUMN_PX / width_px)
            shown.append((str(page.relative_to(site)), str(image.relative_to(site.resolve())), px))
    return shown


def test_on_a_phone_every_figure_s_text_is_at_least_8_5_px(built_site):
    shown = shown_on_a_phone(built_site)
    assert len({figure for _, figure, _ in shown}) >= 40, "the lessons' figures were not found"
    small = sorted({(px, page, figure) for page, figure, px in shown if px < SMALLEST_TEXT_PX})
    assert not small, (f"on a {PHONE['viewport']['width']} px phone these figures' smallest text is under "
                       f"{SMALLEST_TEXT_PX} px:\n" + "\n".join(f"  {px:.1f} px  {figure}  (on {page})"
                                                             for px, page, figure in small))


@pytest.mark.browser
def test_the_phone_column_is_as_wide_as_the_figure_check_assumes(browser, site_server):
    """The check above takes the column's width as PHONE_COLUMN_PX; measured here, a figure on a phone is no wider,
    and a figure drawn wider than the column is shown at the column's width."""
    visit = open_page(browser, site_server.url + "en/optimizers/", wait_until="load", **PHONE)
    try:
        widths = visit.page.evaluate("""() => Array.from(document.querySelectorAll('figure.course-figure'),
            f => f.getBoundingClientRect().width)""")
        assert widths and max(widths) <= PHONE_COLUMN_PX, widths
    finally:
        visit.context.close()
