"""axe-core finds no serious or critical accessibility violation on any page, in either language or palette.

axe-core is the npm package pinned in ``tests/a11y/package.json`` (``npm ci --prefix tests/a11y``; ``.ci/run``
installs it). Each page is loaded from the local server, switched to the palette under test the way Material's
toggle does (``data-md-color-scheme`` on the body), given a moment for the colour transition, and checked whole.
The book (one page with every lesson) prints in the light palette only, so it is checked in that one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.test_browser import PAGES

AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
PALETTES = ("default", "slate")
SEVERE = ("serious", "critical")
NOTEBOOKS = [(f"{lang}/notebooks/{name}", f"{prefix}notebooks/{name}/")
             for lang, prefix in (("zh", ""), ("en", "en/"))
             for name in ("gradient-descent", "backprop", "optimizers", "lr-decay", "lab")]
CASES = ([(page_id, path, palette) for page_id, path in PAGES + NOTEBOOKS for palette in PALETTES]
         + [("zh/book", "book/", "default"), ("en/book", "en/book/", "default")])


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        message = "axe-core is not installed (npm ci --prefix tests/a11y)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI must run the accessibility check", pytrace=False)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def test_axe_is_the_pinned_version():
    pinned = json.loads((AXE.parent.parent.parent / "package.json").read_text())["dependencies"]["axe-core"]
    lock = json.loads((AXE.parent.parent.parent / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/axe-core"]["version"] == pinned
    if AXE.is_file():
        assert json.loads((AXE.parent / "package.json").read_text())["version"] == pinned


@pytest.mark.browser
@pytest.mark.parametrize("page_id, path, palette", CASES, ids=[f"{p}-{s}" for p, _, s in CASES])
def test_no_serious_violation(browser, built_site, site_server, axe_source, page_id, path, palette):
    if not (built_site / path / "index.html").is_file():
        pytest.fail(f"{path} was not built")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_server.url + path, wait_until="load")
        page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", palette)
        page.wait_for_timeout(800)  # Material's colour transition
        page.add_script_tag(content=axe_source)
        violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n')[1])}))""")
    finally:
        page.close()
    severe = [v for v in violations if v["impact"] in SEVERE]
    report = "\n".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])} node(s)): {v['help']}\n    "
                       + "\n    ".join(v["nodes"][:5]) for v in severe)
    assert not severe, f"{path} ({palette}):\n{report}"
