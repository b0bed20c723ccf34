"""axe-core finds no serious or critical accessibility violation on any page, in either language or palette.

axe-core is the npm package pinned in ``tests/a11y/package.json`` (``npm ci --prefix tests/a11y``; ``.ci/run``
installs it). Each page is loaded from the local server once, then for each palette under test switched to it the
way Material's toggle does (``data-md-color-scheme`` on the body), left until the colour transitions have ended,
and checked whole. The book (one page with every lesson) prints in the light palette only, so it is checked in
that one.

axe spends seconds on a lesson (tens of thousands of elements, most of them typeset formulas) and the test
process only waits for it, so the selected cases are scanned up front, a few pages at a time (one Chromium
renderer each), and each case's test asserts on its own page and palette.
"""

from __future__ import annotations

import json
import os
from collections import deque
from pathlib import Path

import pytest

from coursebuild.settings import usable_cores
from tests.test_browser import PAGES

AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
PALETTES = ("default", "slate")
SEVERE = ("serious", "critical")
NOTEBOOKS = [(f"{lang}/notebooks/{name}", f"{prefix}notebooks/{name}/")
             for lang, prefix in (("zh", ""), ("en", "en/"))
             for name in ("gradient-descent", "backprop", "optimizers", "lr-decay", "lab")]
CASES = ([(page_id, path, palette) for page_id, path in PAGES + NOTEBOOKS for palette in PALETTES]
         + [("zh/book", "book/", "default"), ("en/book", "en/book/", "default"), ("404", "404.html", "default")])
#: Pages checked at the same time: each has its own renderer process, which axe keeps busy.
AT_ONCE = max(2, min(4, usable_cores()))

# Switch the palette, wait for the colour transitions it starts (styles flushed first, so they exist), then run
# axe; the promise is kept on the page so that other pages are scanned while this one works.
START = """palette => { window.__courseAxe = (async () => {
  document.body.setAttribute('data-md-color-scheme', palette);
  getComputedStyle(document.body).backgroundColor;
  await Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished));
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n')[1])}));
})(); }"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        message = "axe-core is not installed (npm ci --prefix tests/a11y)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI must run the accessibility check", pytrace=False)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def selected_cases(session) -> dict[str, list[str]]:
    """{site path: [palettes]} of the cases this run selected (``-k`` and friends), in collection order."""
    wanted: dict[str, list[str]] = {}
    for item in session.items:
        if getattr(item, "originalname", None) == "test_no_serious_violation" and item.module.__name__ == __name__:
            wanted.setdefault(item.callspec.params["path"], []).append(item.callspec.params["palette"])
    return wanted


def scan(browser, url: str, wanted: dict[str, list[str]], axe_source: str,
         site: Path) -> dict[tuple[str, str], list | str]:
    """{(path, palette): violations, or why the page could not be checked}, AT_ONCE pages in flight; the largest
    pages (axe's time grows with the elements) start first, so that none runs alone at the end."""
    reports: dict[tuple[str, str], list | str] = {}
    size = {path: (site / path / "index.html").stat().st_size if (site / path / "index.html").is_file() else 0
            for path in wanted}
    waiting = deque(sorted(wanted.items(), key=lambda item: -size[item[0]]))
    running: deque = deque()  # [page, path, palettes left]
    while waiting or running:
        while waiting and len(running) < AT_ONCE:
            path, palettes = waiting.popleft()
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            try:
                page.goto(url + path, wait_until="load")
                page.add_script_tag(content=axe_source)
                page.evaluate(START, palettes[0])
            except Exception as exc:  # noqa: BLE001 - reported by the case's test
                page.close()
                reports.update({(path, palette): f"the page could not be checked: {exc}" for palette in palettes})
                continue
            running.append([page, path, list(palettes)])
        page, path, palettes = entry = running.popleft()
        palette = palettes.pop(0)
        try:
            reports[(path, palette)] = page.evaluate("() => window.__courseAxe")
            if palettes:
                page.evaluate(START, palettes[0])
                running.append(entry)
                continue
        except Exception as exc:  # noqa: BLE001 - reported by the case's test
            reports.update({(path, p): f"the page could not be checked: {exc}" for p in [palette, *palettes]})
        page.close()
    return reports


#: WCAG 2.2.2 (Pause, Stop, Hide): moving content that starts by itself and runs beside other content needs a
#: pause control unless it stops within five seconds.
MOTION_LIMIT_MS = 5000


def test_animations_stop_by_themselves(built_site):
    """Every animated figure plays once, within WCAG 2.2.2's five seconds, and stays on its last frame (the
    race's three looped forever beside the text); the page's replay button (course.js) plays it again."""
    from PIL import Image, ImageSequence

    gifs = sorted(built_site.glob("figures/**/*.gif"))
    assert gifs, "the site has no animated figure"
    endless, long = [], []
    for path in gifs:
        with Image.open(path) as image:
            if "loop" in image.info:  # the NETSCAPE block: 0 = forever, n = n more times
                endless.append(f"{path.relative_to(built_site)} (loop {image.info['loop']})")
            total = sum(frame.info.get("duration", 0) for frame in ImageSequence.Iterator(image))
            if total > MOTION_LIMIT_MS:
                long.append(f"{path.relative_to(built_site)} ({total} ms)")
    assert not endless, "animations that repeat: " + ", ".join(endless)
    assert not long, f"animations longer than {MOTION_LIMIT_MS} ms: " + ", ".join(long)


@pytest.fixture(scope="module")
def axe_reports(request, browser, built_site, site_server, axe_source):
    return scan(browser, site_server.url, selected_cases(request.session), axe_source, built_site)


def test_axe_is_the_pinned_version():
    pinned = json.loads((AXE.parent.parent.parent / "package.json").read_text())["dependencies"]["axe-core"]
    lock = json.loads((AXE.parent.parent.parent / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/axe-core"]["version"] == pinned
    if AXE.is_file():
        assert json.loads((AXE.parent / "package.json").read_text())["version"] == pinned


@pytest.mark.browser
@pytest.mark.parametrize("page_id, path, palette", CASES, ids=[f"{p}-{s}" for p, _, s in CASES])
def test_no_serious_violation(built_site, axe_reports, page_id, path, palette):
    if not (built_site / path / ("" if path.endswith(".html") else "index.html")).is_file():
        pytest.fail(f"{path} was not built")
    violations = axe_reports[(path, palette)]
    assert not isinstance(violations, str), f"{path} ({palette}): {violations}"
    severe = [v for v in violations if v["impact"] in SEVERE]
    report = "\n".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])} node(s)): {v['help']}\n    "
                       + "\n    ".join(v["nodes"][:5]) for v in severe)
    assert not severe, f"{path} ({palette}):\n{report}"
