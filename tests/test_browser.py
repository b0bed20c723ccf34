"""The built site as a reader gets it: a real browser (Debian's chromium, driven by Playwright) on a local server.

Every page of both languages: no script or console error, no request to any host but the site's own, every
image and formula shown, a full-page screenshot in tests/artifacts/screenshots/, and its first-load weight
(every transfer: HTML, CSS, JS, fonts, figures, search index) within the budget. Also the language switcher
and the search in both languages. The static checks at the top need no browser.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from coursebuild import DOCS_DIR, ROOT
from coursebuild.plugin.offline import offline_html, rebase
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402,F401 - shared with the playground tests

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
BUDGET = 600 * 1000  # bytes, a page's first load with an empty cache, every transfer included
VIEWPORT = {"width": 1280, "height": 800}

# Search: (start page, query, acceptable first results); the pages of the finished course.
SEARCHES = [
    ("", "反向传播", {"backprop/"}),
    ("", "动量", {"optimizers/"}),
    ("", "学习率", {"lr-decay/", "gradient-descent/"}),
    ("en/", "backpropagation", {"en/backprop/"}),
    ("en/", "momentum", {"en/optimizers/"}),
    ("en/", "learning rate", {"en/lr-decay/", "en/gradient-descent/"}),
]


def course_pages() -> list[tuple[str, str]]:
    """(id, site path) of every page in both languages: ("zh/optimizers", "optimizers/")."""
    names = sorted(p.name[:-3] for p in DOCS_DIR.glob("*.md") if not p.name.endswith(".en.md"))
    pages = []
    for lang, prefix in (("zh", ""), ("en", "en/")):
        for name in names:
            pages.append((f"{lang}/{name}", prefix + ("" if name == "index" else f"{name}/")))
    return pages


PAGES = course_pages()


# -- static checks of the built site (no browser) ---------------------------------------------------------


def test_navigation_instant_stays_off():
    """Instant navigation swaps pages by XHR and breaks the per-page language switcher of mkdocs-static-i18n."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^\s*-\s*navigation\.instant\b", config, re.M)


FETCHED_ATTR_RE = re.compile(r"<(script|img|iframe|source|video|audio|embed|link)\b[^>]*?\s(?:src|href|srcset|data)"
                             r"=\"([^\"]+)\"[^>]*>", re.I)
CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)")


def site_hosts() -> set[str]:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return {urlparse(m).hostname for m in re.findall(r"^(?:site_url|repo_url):\s*(\S+)", config, re.M)}


def test_built_site_fetches_nothing_from_other_hosts(built_site):
    """No src/href a browser loads by itself, and no CSS url(), points to another host; no Mermaid (which
    Material loads from unpkg)."""
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix not in {".html", ".css"}:
            continue
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(built_site)
        if path.suffix == ".html":
            for tag, url in FETCHED_ATTR_RE.findall(text):
                if tag.lower() == "link" and not re.search(
                        rf'<link\b[^>]*rel="(stylesheet|icon|preload|modulepreload|manifest|prefetch|'
                        rf'apple-touch-icon)"[^>]*{re.escape(url)}', text):
                    continue  # canonical, prev/next: not fetched
                if re.match(r"(https?:)?//", url):
                    offenders.append(f"{rel}: <{tag} ...{url}>")
            if re.search(r'class="[^"]*\bmermaid\b', text):
                offenders.append(f"{rel}: a Mermaid diagram (Material loads mermaid.js from a third-party CDN)")
        else:
            for url, imported in CSS_URL_RE.findall(text):
                target = url or imported
                if re.match(r"(https?:)?//", target):
                    offenders.append(f"{rel}: url({target})")
    assert not offenders, "\n".join(offenders)


def test_third_party_hosts_in_the_built_site_are_not_requests(built_site):
    """Report every http(s) host named anywhere in the site's HTML/CSS/JS/JSON/SVG; one named in a page's HTML
    outside links, comments, XML namespaces and the canonical URL fails."""
    hosts: dict[str, int] = {}
    ours = site_hosts()
    bad = []
    for path in built_site.rglob("*"):
        if path.suffix not in {".html", ".css", ".js", ".json", ".svg", ".xml"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for host in re.findall(r"https?://([A-Za-z0-9.-]+)", text):
            hosts[host] = hosts.get(host, 0) + 1
        if path.suffix == ".html":
            stripped = re.sub(r'<!--.*?-->|<a\b[^>]*>|xmlns(:\w+)?="[^"]*"|<link rel="canonical"[^>]*>', "", text,
                              flags=re.S)
            for host in re.findall(r"https?://([A-Za-z0-9.-]+)", stripped):
                if host not in ours:
                    bad.append(f"{path.relative_to(built_site)}: {host}")
    print("\nhttp(s) hosts named in the built site (file contents, not requests):")
    for host, count in sorted(hosts.items(), key=lambda kv: -kv[1]):
        print(f"  {count:5d}  {host}{'  (site_url/repo_url)' if host in ours else ''}")
    assert not bad, "\n".join(bad)


def test_reader_hook_drops_what_calls_other_hosts():
    html = ('<head>\n          <link rel="alternate" href="./" hreflang="zh">\n'
            '          <link rel="alternate" href="../en/optimizers/" hreflang="en">\n'
            '<link rel="alternate" type="application/rss+xml" title="feed" href="feed.xml">\n</head>'
            '<a href="https://github.com/x/y" title="repo" class="md-source" data-md-component="source">')
    out = offline_html(html)
    assert "hreflang" not in out and 'data-md-component="source"' not in out
    assert 'type="application/rss+xml"' in out and 'class="md-source"' in out


@pytest.mark.parametrize("base, expected", [(".", "en/"), ("..", "../en/"), ("../..", "../../en/"),
                                            ("/course/", "/course/en/")])
def test_rebase_to_a_language_root(base, expected):
    assert rebase(base, "en/") == expected


def test_search_index_per_language(built_site):
    """Each language has its own index (half the bytes each, no results from the other language), in UTF-8;
    the English pages' Material config points its search there."""
    zh_raw = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    en_raw = (built_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u4e" not in zh_raw and "梯度" in zh_raw  # UTF-8, not \uXXXX escapes
    zh, en = json.loads(zh_raw), json.loads(en_raw)
    assert zh["docs"] and en["docs"]
    assert not any(d["location"].startswith("en/") for d in zh["docs"])
    assert not any(re.search(r"[\u4e00-\u9fff]", d["title"]) for d in en["docs"])
    assert en["config"]["lang"] == ["en"]
    assert {d["location"].split("#")[0] for d in en["docs"]} >= {"", "optimizers/"}
    page = (built_site / "en" / "optimizers" / "index.html").read_text(encoding="utf-8")
    assert '"base": "../../en/"' in page


# -- the browser -------------------------------------------------------------------------------------------


# `browser`: the session's one Debian chromium under Playwright (tests/conftest.py).


@dataclass
class Visit:
    page: object
    context: object
    transfers: list[tuple[str, str]] = field(default_factory=list)  # (url, resource type)
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def __enter__(self) -> Visit:
        return self

    def __exit__(self, *exc_info) -> None:
        """The context goes with the test's ``with`` block, whatever happened in it."""
        self.context.close()


def open_page(browser, url: str, wait_until: str = "networkidle", **context_options) -> Visit:
    """A fresh context (empty cache) that lets only local requests through and records everything;
    ``context_options`` go to Playwright's ``new_context`` (``reduced_motion="reduce"``, a phone's ``viewport``)."""
    context = browser.new_context(**{"viewport": VIEWPORT, "service_workers": "block", **context_options})
    page = context.new_page()
    visit = Visit(page, context)

    def route(r):
        if urlparse(r.request.url).hostname in LOCAL_HOSTS:
            r.continue_()
        else:
            visit.foreign.append(r.request.url)
            r.abort()

    def on_request(request):
        if urlparse(request.url).scheme in ("http", "https", "ws", "wss") and \
                urlparse(request.url).hostname not in LOCAL_HOSTS and request.url not in visit.foreign:
            visit.foreign.append(request.url)

    context.route("**/*", route)
    context.on("request", on_request)
    page.on("pageerror", lambda exc: visit.errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: msg.type == "error" and visit.errors.append(f"console: {msg.text}"))
    page.on("requestfinished", lambda r: visit.transfers.append((r.url, r.resource_type)))
    page.on("requestfailed", lambda r: visit.failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and visit.failed.append(f"{r.url} (HTTP {r.status})"))
    page.goto(url, wait_until=wait_until)
    if wait_until == "networkidle":  # everything the page loads by itself: fonts, the search worker and index
        page.wait_for_function(SETTLED, timeout=20000)
        page.wait_for_load_state("networkidle")
    return visit


# Material's search shows its placeholder once the worker has loaded the index (and lunr's languages).
# A page still being parsed may have the header's search box but not yet the config at the end of <body>.
SETTLED = """() => {
  if (document.fonts.status !== "loaded" || document.readyState === "loading") return false;
  const meta = document.querySelector(".md-search-result__meta");
  if (!meta) return true;
  const config = document.getElementById("__config");
  if (!config) return false;
  const text = JSON.parse(config.textContent).translations["search.result.placeholder"];
  return meta.textContent.trim() === text;
}"""


KIND_BY_SUFFIX = {".html": "html", ".css": "css", ".js": "js", ".woff2": "font", ".woff": "font", ".ttf": "font",
                  ".svg": "image", ".png": "image", ".jpg": "image", ".webp": "image", ".json": "json"}
KINDS = ["html", "css", "js", "font", "image", "json", "other"]
WEIGHTS: dict[str, dict] = {}


def weigh(transfers) -> dict:
    """Body bytes of every response of one page load, by kind, as decoded (the files themselves) and as sent
    (gzip for text, as GitHub Pages serves them)."""
    row = {"requests": 0, "decoded": 0, "sent": 0, **{k: 0 for k in KINDS}}
    for t in transfers:
        name = t.path.rsplit("/", 1)[-1]
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ".html"
        row[KIND_BY_SUFFIX.get(suffix, "other")] += t.size
        row["decoded"] += t.size
        row["sent"] += t.sent
        row["requests"] += 1
    return row


def pages_with_math(site: Path) -> set[str]:
    """Pages whose source has a formula: the search index keeps the TeX (math is rendered after indexing)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {doc["location"].split("#")[0] for doc in index["docs"] if re.search(r"\\\(|\\\[", doc["text"])}


LOAD_ALL_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener("load", done); img.addEventListener("error", done);
  })));
  return images.filter(img => !(img.naturalWidth > 0)).map(img => img.getAttribute("src"));
}"""

MATH_STATE = """() => ({
  katex: document.querySelectorAll(".katex").length,
  raw: document.querySelectorAll(".arithmatex").length,
  errors: document.querySelectorAll(".katex-error").length,
  text: [...document.querySelectorAll(".md-content p, .md-content li, .md-content td")]
          .map(e => e.innerText).filter(t => /\\\\\\(|\\\\\\[|\\$\\$/.test(t)),
  fonts: [...document.fonts].filter(f => f.family.replace(/"/g, "").startsWith("KaTeX") && f.status === "loaded")
          .map(f => f.family),
})"""


def check_page(browser, site: Path, server, page_id: str, path: str) -> tuple[list[str], dict]:
    """Load one page as a first-time reader: every problem found, and the weight of the load."""
    first = len(server.transfers)
    with open_page(browser, server.url + path) as visit:
        problems = []
        page = visit.page
        row = weigh(server.transfers[first:])
        row["load_ms"] = page.evaluate("Math.round(performance.getEntriesByType('navigation')[0].loadEventEnd)")
        WEIGHTS[page_id] = row

        missing = page.evaluate(LOAD_ALL_IMAGES)
        if missing:
            problems.append(f"images that did not load: {missing}")

        math = page.evaluate(MATH_STATE)
        if math["raw"] or math["errors"] or math["text"]:
            problems.append(f"formulas not rendered: {math}")
        if path in pages_with_math(site):
            if not math["katex"]:
                problems.append("the page has formulas but no .katex element")
            elif not math["fonts"]:
                problems.append("no KaTeX font was loaded")

        loaded = len(visit.failed)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        # a notebook page is a tall one: its full-page screenshot took more than Playwright's default 30 s when the
        # suite ran on two workers (pytest -n 2 --dist loadfile, CONTRIBUTING's command for everything)
        page.screenshot(path=str(SCREENSHOTS / f"{page_id.replace('/', '-')}.png"), full_page=True, timeout=120_000)
        # after everything (lazy images, screenshot) has loaded. During a full-page screenshot Chromium sizes the
        # window 1 x 1 px for a moment: the phone's media query matches, the page asks for the figures' phone
        # twins and abandons them (net::ERR_ABORTED) as the window is 1280 px wide again; no reader sees that.
        failed = visit.failed[:loaded] + [f for f in visit.failed[loaded:]
                                          if not ("/figures/" in f and "/narrow/" in f and "ERR_ABORTED" in f)]
        if visit.foreign:
            problems.append(f"requests to other hosts: {visit.foreign}")
        problems += visit.errors
        if failed:
            problems.append(f"failed requests: {failed}")
    return [f"{page_id}: {p}" for p in problems], row


@pytest.mark.browser
@pytest.mark.parametrize("page_id, path", PAGES, ids=[p for p, _ in PAGES])
def test_page(browser, built_site, site_server, page_id, path):
    problems, row = check_page(browser, built_site, site_server, page_id, path)
    assert not problems, "\n".join(problems)
    assert row["sent"] <= BUDGET, f"{page_id}: first load sent {row['sent']:,} bytes > {BUDGET:,}: {row}"


@pytest.mark.browser
def test_generated_pages(browser, built_site, site_server):
    """Pages that have no Markdown source of their own (the companion notebooks, the site-wide 404 page): the
    same checks; their weight is reported, not held to the lesson budget."""
    known = {path for _, path in PAGES}
    others = sorted(str(p.parent.relative_to(built_site)) + "/" for p in built_site.rglob("index.html"))
    others = [p for p in others if p != "./" and p not in known] + ["404.html"]
    problems = []
    for path in others:
        lang = "en" if path.startswith("en/") else "zh"
        found, _ = check_page(browser, built_site, site_server, f"{lang}/{path.removeprefix('en/').rstrip('/')}", path)
        problems += found
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("start, target", [("optimizers/#momentum", "en/optimizers/#momentum"),
                                           ("en/optimizers/#momentum", "optimizers/#momentum")])
def test_language_switcher_keeps_page_and_section(browser, site_server, start, target):
    with open_page(browser, site_server.url + start, wait_until="load") as visit:
        page = visit.page
        lang = "en" if target.startswith("en/") else "zh"
        page.hover(".md-header .md-select")
        page.click(f'.md-header a.md-select__link[hreflang="{lang}"]')
        page.wait_for_url(site_server.url + target)
        assert page.evaluate("location.hash") == "#momentum"
        assert page.locator("#momentum").count() == 1
        assert not visit.foreign and not visit.errors, (visit.foreign, visit.errors)


@pytest.mark.browser
@pytest.mark.parametrize("start, query, expected", SEARCHES, ids=[q for _, q, _ in SEARCHES])
def test_search(browser, site_server, start, query, expected):
    with open_page(browser, site_server.url + start, wait_until="load") as visit:
        page = visit.page
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(query)
        box.press("End")  # Material searches on keyup
        first = page.locator(".md-search-result__list > .md-search-result__item a").first
        first.wait_for(timeout=15000)
        hrefs = page.eval_on_selector_all(".md-search-result__list > .md-search-result__item > a",
                                          "links => links.map(a => a.href)")
        pages = [urlparse(h).path.removeprefix("/") for h in hrefs]
        assert pages and pages[0] in expected, f"{query!r} from /{start}: results {pages}"
        assert not visit.foreign and not visit.errors, (visit.foreign, visit.errors)


@pytest.mark.browser
def test_weight_table(capsys):
    """Print the first-load weights measured by test_page (run it with the page tests)."""
    if not WEIGHTS:
        pytest.skip("no page was loaded in this session")
    header = f"{'page':<30}{'req':>4}" + "".join(f"{k:>9}" for k in KINDS) + f"{'decoded':>10}{'sent':>9}{'load ms':>8}"
    lines = ["", f"First load, empty cache, viewport {VIEWPORT['width']}x{VIEWPORT['height']}: response body bytes "
             f"by kind (decoded), and sent (gzip for text, as GitHub Pages serves); budget: sent <= {BUDGET:,}; "
             f"load ms: the load event, local server, no throttling",
             header]
    for page_id, row in sorted(WEIGHTS.items()):
        lines.append(f"{page_id:<30}{row['requests']:>4}" + "".join(f"{row[k]:>9,}" for k in KINDS)
                     + f"{row['decoded']:>10,}{row['sent']:>9,}{row['load_ms']:>8}")
    table = "\n".join(lines)
    SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "weights.txt").write_text(table + "\n", encoding="utf-8")
    with capsys.disabled():
        print(table)


# -- figures, code and phones, as a reader sees them -------------------------------------------------------

LESSONS = ["gradient-descent/", "backprop/", "optimizers/", "lr-decay/", "lab/"]
FIGURE_PAGE = "optimizers/"


def _luminance_stats(png: bytes) -> tuple[float, float]:
    """(mean luminance, share of bright pixels) of a screenshot."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    pixels = image.tobytes()  # one byte per pixel in mode "L"
    return sum(pixels) / len(pixels), sum(p > 170 for p in pixels) / len(pixels)


def _scheme(page, scheme: str) -> None:
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)


def _displayed(figure):
    """The images of a figure that the palette's CSS displays (not :visible: a lazy image not yet loaded has no
    box, so it would count as hidden)."""
    return figure.locator("img").evaluate_all(
        "images => images.map((img, i) => getComputedStyle(img).display !== 'none' ? i : -1).filter(i => i >= 0)")


@pytest.mark.browser
@pytest.mark.parametrize("page_path", [FIGURE_PAGE, "en/" + FIGURE_PAGE])
def test_figures_follow_the_palette(browser, site_server, page_path):
    """In the dark palette no figure is a white card and its text is light; in the light one it is on white."""
    with open_page(browser, site_server.url + page_path) as visit:
        page = visit.page
        figures = page.locator("figure.course-figure")
        assert figures.count() >= 3
        for scheme, light_shown in (("default", True), ("slate", False)):
            _scheme(page, scheme)
            for i in range(min(figures.count(), 4)):
                figure = figures.nth(i)
                figure.scroll_into_view_if_needed()
                displayed = _displayed(figure)
                assert len(displayed) == 1, f"{page_path} figure {i}: {len(displayed)} images shown in {scheme}"
                shown = figure.locator("img").nth(displayed[0])
                assert ("course-light" in shown.get_attribute("class")) == light_shown
                shown.scroll_into_view_if_needed()
                page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=shown.element_handle())
                mean, bright = _luminance_stats(shown.screenshot())
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                if i == 0:
                    shown.screenshot(path=str(SCREENSHOTS / f"figure-{scheme}-{page_path.replace('/', '_')}.png"))
                if light_shown:
                    assert mean > 200, f"{page_path} figure {i}: light figure too dark ({mean:.0f})"
                else:
                    assert mean < 90, f"{page_path} figure {i}: a white card in the dark palette (mean {mean:.0f})"
                    assert bright > 0.002, f"{page_path} figure {i}: no light text on the dark figure"
        assert not visit.errors and not visit.foreign


# Statements for an async page function. Every widget drawn: each scrolled to (the EWA widget mounts when it
# nears the screen), then the EWA widgets' data loaded.
DRAW_EVERY_WIDGET = """
  for (const root of document.querySelectorAll('.course-playground')) {
    root.scrollIntoView();
    await new Promise(done => setTimeout(done, 100));
  }
  const ready = window.coursePlayground && window.coursePlayground.ewaReady;
  if (ready) await Promise.all(ready);"""
# The palette's styles flushed, then its colour transitions ended (a colour read mid-transition is in between).
PALETTE_SETTLED = """
  getComputedStyle(document.body).color;
  await Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished));"""


# Each declaration of the course's own stylesheets, on every element its rule selects, against the same
# declaration made !important: where the computed value changes, another rule (Material's, more specific) wins
# and the declaration does nothing. Declarations that hold a var() are left out (their longhands have no value
# of their own until computed), as are properties an element sets in its style attribute.
DEAD_DECLARATIONS_JS = """async () => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });""" + PALETTE_SETTLED + DRAW_EVERY_WIDGET + """
  const rules = [];
  const walk = list => {
    for (const rule of list) {
      if (rule.selectorText) rules.push(rule);
      else if (rule.cssRules && (!rule.media || matchMedia(rule.media.mediaText).matches)) walk(rule.cssRules);
    }
  };
  [...document.styleSheets].filter(s => s.href && /\\/(course|playground)\\.css$/.test(s.href))
    .forEach(sheet => walk(sheet.cssRules));
  const declared = rule => [...rule.style].filter(p => rule.style.getPropertyValue(p) !== '');
  const seen = [];
  for (const rule of rules) {
    const props = declared(rule);
    for (const el of [...document.querySelectorAll(rule.selectorText)].slice(0, 50)) {
      const style = getComputedStyle(el);
      seen.push([rule, el, props, props.map(p => style.getPropertyValue(p))]);
    }
  }
  for (const rule of rules)
    for (const p of declared(rule)) rule.style.setProperty(p, rule.style.getPropertyValue(p), 'important');
  const dead = new Set();
  for (const [rule, el, props, before] of seen) {
    const style = getComputedStyle(el);
    props.forEach((p, i) => {
      if (style.getPropertyValue(p) !== before[i] && !el.style.getPropertyValue(p))
        dead.add(`${rule.selectorText} { ${p}: ${rule.style.getPropertyValue(p)} } is ${before[i]} on ` +
                 `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}">`);
    });
  }
  return [...dead];
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_course_stylesheets_take_effect(browser, site_server, scheme):
    """Every declaration in course.css and playground.css holds where its selector matches, in both palettes:
    none is outranked by a more specific rule of Material's (the dark palette's link colour, the book's
    contents markers and a notebook prompt's float were)."""
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    page = context.new_page()
    dead = []
    for path in ["", FIGURE_PAGE, "en/lab/", "book/", "en/notebooks/lab/", "404.html"]:
        page.goto(site_server.url + path, wait_until="load")
        _scheme(page, scheme)
        dead += [f"{path or 'home'}: {d}" for d in page.evaluate(DEAD_DECLARATIONS_JS)]
    context.close()
    assert not dead, f"{len(dead)} declarations have no effect, e.g.\n" + "\n".join(dead[:8])


SLATE_LINK_RE = re.compile(r'\[data-md-color-scheme="slate"\][^{]*\{[^}]*--md-typeset-a-color:\s*#([0-9a-f]{6})')


@pytest.mark.browser
def test_dark_palette_links_take_the_course_colour(browser, site_server):
    """course.css's link colour for the dark palette is the one links have (Material's palette rule for the
    primary colour, [data-md-color-scheme=slate][data-md-color-primary=indigo], outranked it: links, buttons
    and the setup and replay toggles stayed #5488e8)."""
    declared = SLATE_LINK_RE.search((DOCS_DIR / "assets" / "stylesheets" / "course.css").read_text(encoding="utf-8"))
    assert declared, "course.css sets no link colour for the dark palette"
    expected = "rgb({}, {}, {})".format(*(int(declared[1][i:i + 2], 16) for i in (0, 2, 4)))
    with open_page(browser, site_server.url + FIGURE_PAGE, wait_until="load") as visit:
        page = visit.page
        page.locator("label[for='__palette_1']").first.click()  # Material's own toggle, as a reader switches
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        page.evaluate("async () => {" + PALETTE_SETTLED + "}")
        colours = page.evaluate("""() => [...document.querySelectorAll(
            'article p a:not(.headerlink), .course-setup-toggle')].slice(0, 12).map(a => getComputedStyle(a).color)""")
    assert len(colours) >= 3 and set(colours) == {expected}, f"links are {sorted(set(colours))}, not {expected}"


@pytest.mark.browser
def test_figure_zoom_by_mouse_and_keyboard(browser, site_server):
    with open_page(browser, site_server.url + FIGURE_PAGE) as visit:
        page = visit.page
        figure = page.locator("figure.course-figure").first
        figure.scroll_into_view_if_needed()
        image = figure.locator("img").nth(_displayed(figure)[0])
        image.scroll_into_view_if_needed()
        image.click()
        dialog = page.locator("dialog.course-zoom")
        assert dialog.evaluate("d => d.open")
        caption = page.locator("figure.course-figure figcaption").first.inner_text()
        assert dialog.locator(".course-zoom__caption").inner_text() == caption
        assert dialog.locator("img").evaluate("i => i.naturalWidth > 0 || i.src.length > 0")
        page.keyboard.press("Escape")
        assert not dialog.evaluate("d => d.open")
        image.focus()
        page.keyboard.press("Enter")
        assert dialog.evaluate("d => d.open")
        page.keyboard.press("Escape")
        assert not dialog.evaluate("d => d.open")
        assert not visit.errors


@pytest.mark.browser
@pytest.mark.parametrize("page_path", LESSONS + ["en/" + p for p in LESSONS])
def test_phone_width_and_code_that_fits(browser, site_server, page_path):
    """At 375 px the page never scrolls sideways (wide tables and outputs scroll in their own box); at 1280 px
    no line of an example's code is cut off (a snippet line is at most 80 columns), nor of any other block: an
    output, a text block (test_codeblocks.test_outputs_fit_the_content_column holds outputs to 80 columns),
    exercise solutions opened."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, service_workers="block")
    page = context.new_page()
    page.goto(site_server.url + page_path, wait_until="load")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{page_path} scrolls sideways by {overflow} px at 375 px"
    context.close()
    with open_page(browser, site_server.url + page_path, wait_until="load") as visit:
        visit.page.evaluate("() => document.querySelectorAll('article details').forEach(d => { d.open = true; })")
        examples = visit.page.evaluate("""() => [...document.querySelectorAll('div.highlight')]
            .filter(d => d.nextElementSibling && d.nextElementSibling.classList.contains('course-download')).length""")
        assert examples >= 1, f"{page_path}: no example found"
        wide = visit.page.evaluate("""() => [...document.querySelectorAll('div.highlight')]
            .filter(d => d.nextElementSibling && d.nextElementSibling.classList.contains('course-download'))
            .map(d => d.querySelector('pre > code'))
            .filter(c => c.scrollWidth > c.clientWidth + 1)
            .map(c => c.textContent.split('\\n').reduce((a, b) => b.length > a.length ? b : a, ''))""")
        assert not wide, f"{page_path}: code wider than its box at 1280 px, e.g. {wide[0]!r}"
        blocks = visit.page.evaluate("""() => [...document.querySelectorAll('article pre > code')]
            .filter(c => c.clientWidth > 0)
            .map(c => [c.scrollWidth - c.clientWidth,
                       c.textContent.split('\\n').reduce((a, b) => b.length > a.length ? b : a, '')])""")
        assert len(blocks) > examples, f"{page_path}: the outputs were not measured"
        cut = [line for over, line in blocks if over > 1]
        assert not cut, f"{page_path}: a block wider than its box at 1280 px, e.g. {cut[0]!r}"
        formulas = visit.page.evaluate("""() => [...document.querySelectorAll('article .katex-display')]
            .filter(d => d.clientWidth > 0 && d.scrollWidth > d.clientWidth + 1)
            .map(d => d.querySelector('annotation').textContent.trim().slice(0, 80))""")
        assert not formulas, f"{page_path}: a display formula wider than the column at 1280 px: {formulas[0]!r}"


# Every widget drawn (the EWA widget mounts when it nears the screen), then what sticks out: of the page, and
# of each widget's box (its controls would be cut off or push the page sideways).
WIDGETS_DRAWN_AND_OVERFLOW_JS = """async () => {""" + DRAW_EVERY_WIDGET + """
  const out = [];
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth + 1) out.push(`the page scrolls sideways to ${page.scrollWidth} px`);
  for (const root of document.querySelectorAll(".course-playground")) {
    const box = root.getBoundingClientRect();
    for (const e of root.querySelectorAll("*")) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > box.right + 0.5)
        out.push(`${e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 40)}" ends at ` +
                 `${Math.round(r.right)} px, its widget at ${Math.round(box.right)} px`);
    }
  }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("page_id, path", PAGES, ids=[p for p, _ in PAGES])
def test_reflow_at_320_px(browser, site_server, page_id, path):
    """WCAG 2.1's reflow width (SC 1.4.10): at 320 CSS px nothing makes the page scroll sideways, and each
    interactive widget, drawn, keeps its controls inside its box (wide tables, code and formulas scroll in
    their own boxes; test_phone_width_and_code_that_fits holds the same at 375 px)."""
    context = browser.new_context(viewport={"width": 320, "height": 800}, service_workers="block")
    page = context.new_page()
    page.goto(site_server.url + path, wait_until="load")
    problems = page.evaluate(WIDGETS_DRAWN_AND_OVERFLOW_JS)
    context.close()
    assert not problems, f"{path} at 320 px: " + "; ".join(problems[:5])


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
def test_title_has_no_empty_line(browser, site_server, width):
    """The title takes the lines of its words: no line that only its (invisible) permalink wrapped onto, an empty
    band under the title (English Optimization methods at 1280 px before course.css hid it)."""
    context = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block")
    page = context.new_page()
    for _, path in PAGES:
        page.goto(site_server.url + path, wait_until="load")
        title, words, line = page.evaluate("""() => { const h = document.querySelector('article h1');
            const range = document.createRange(); range.selectNodeContents(h.firstChild);
            return [h.getBoundingClientRect().height, range.getBoundingClientRect().height,
                    parseFloat(getComputedStyle(h).lineHeight)]; }""")
        assert title < words + line / 2, (
            f"{path} at {width} px: the title is {title:.0f} px tall, its words {words:.0f}")
    context.close()


@pytest.mark.browser
def test_notebook_pages_show_code_and_outputs_whole(browser, built_site, site_server):
    """At 1280 px a companion notebook's code cells, outputs and the code blocks of its text cells hold their
    80 columns, as the lesson's do, and its display formulas fit the column: no line behind a sideways scroll
    (Jupyter's 64 px prompt column beside each cell left 570 px for them, and text cells' code was set at
    16 px)."""
    paths = sorted(str(p.parent.relative_to(built_site)) + "/" for p in built_site.glob("**/notebooks/*/index.html"))
    assert paths, "no notebook page was built"
    wide = []
    for path in paths:
        with open_page(browser, site_server.url + path, wait_until="load") as visit:
            cells = visit.page.evaluate("""() => [...document.querySelectorAll('.jp-Cell pre')]
                .filter(p => p.clientWidth > 0)
                .map(p => [p.scrollWidth - p.clientWidth,
                           p.textContent.split('\\n').reduce((a, b) => b.length > a.length ? b : a, '')])""")
            assert cells, f"{path}: no cell was measured"
            wide += [f"{path}: {line.strip()!r} ({over} px too wide)" for over, line in cells if over > 1]
            formulas = visit.page.evaluate("""() => [...document.querySelectorAll('.jupyter-wrapper .katex-display')]
                .filter(d => d.clientWidth > 0 && d.scrollWidth > d.clientWidth + 1)
                .map(d => [d.scrollWidth - d.clientWidth,
                           d.querySelector('annotation').textContent.trim().slice(0, 80)])""")
            wide += [f"{path}: formula {tex!r} ({over} px too wide)" for over, tex in formulas]
    assert not wide, f"{len(wide)} blocks wider than their box at 1280 px, e.g.\n" + "\n".join(wide[:5])


# The image shows a new address (a replay), and that image has loaded.
@pytest.mark.browser
def test_on_a_touch_screen_the_replay_button_is_a_finger_high(browser, site_server):
    """On a phone (pointer: coarse) each animation's replay button is at least 44 px high; it was the height of
    its 16 px text."""
    with open_page(browser, site_server.url + "en/lab/", wait_until="load", has_touch=True, is_mobile=True) as visit:
        page = visit.page
        assert page.evaluate("matchMedia('(pointer: coarse)').matches")
        heights = page.eval_on_selector_all("button.course-replay",
                                            "bs => bs.map(b => b.getBoundingClientRect().height)")
        assert len(heights) == 3 and min(heights) >= 44, heights


PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.mark.browser
@pytest.mark.parametrize("width", [768, 1280])
def test_the_zoom_view_is_larger_than_the_page_and_its_close_button_covers_nothing(browser, site_server, width):
    """On a 768 px tablet the zoom view drew the optimizers page's first figure (1070 px) at 706 px, smaller than
    on the page (736 px), scrolled sideways by 10 px, and put its close button over the figure's corner. At 768 px
    it now fills the screen at the figure's own size; at 1280 px it shows the figure larger than the page, with
    nothing to scroll; at both, the close button is above the figure."""
    with open_page(browser, site_server.url + "en/optimizers/", wait_until="load",
                      viewport={"width": width, "height": 1024}) as visit:
        page = visit.page
        figure = page.locator("figure.course-figure img.course-light").first
        on_page = figure.bounding_box()["width"]
        figure.click()
        page.wait_for_selector("dialog.course-zoom[open]")
        zoom = page.evaluate("""() => { const d = document.querySelector('dialog.course-zoom'),
            img = d.querySelector('img').getBoundingClientRect(),
            close = d.querySelector('button').getBoundingClientRect();
            return {img: img.width, natural: d.querySelector('img').naturalWidth, top: img.top, right: img.right,
                    close: [close.left, close.bottom], overflow: d.scrollWidth - d.clientWidth}; }""")
        assert zoom["img"] > on_page, (on_page, zoom)
        if width < zoom["natural"]:
            assert zoom["img"] >= zoom["natural"] - 1, zoom  # its own size, scrolling sideways
        else:
            assert zoom["overflow"] <= 0, zoom
        assert zoom["close"][1] <= zoom["top"] or zoom["close"][0] >= zoom["right"], zoom


@pytest.mark.browser
@pytest.mark.parametrize("path", ["en/gradient-descent/", "lab/"])
def test_on_a_touch_screen_the_setup_toggle_is_a_finger_wide_and_high(browser, site_server, path):
    """The button that shows folded setup lines was its word, 36 x 16 px ("show"; 17 x 16 px for 展开): on a
    touch screen it is now at least 44 px each way, and it still unfolds the lines."""
    with open_page(browser, site_server.url + path, wait_until="load", **PHONE) as visit:
        page = visit.page
        assert page.evaluate("matchMedia('(pointer: coarse)').matches")
        sizes = page.eval_on_selector_all("button.course-setup-toggle", "bs => bs.map(b => { "
                                          "const r = b.getBoundingClientRect(); return [r.width, r.height]; })")
        assert sizes and min(min(size) for size in sizes) >= 44, sizes
        toggle = page.locator("button.course-setup-toggle").first
        toggle.tap()
        assert toggle.get_attribute("aria-expanded") == "true"


@pytest.mark.browser
def test_on_a_phone_the_zoom_view_shows_a_figure_at_its_own_size(browser, site_server):
    """At 375 px a figure of 1070 px (now 855 px) was shrunk to the column, its text about 4 px high, and the zoom
    view showed it no larger; it now opens full screen at the figure's own size and scrolls sideways, with a
    finger-sized close button."""
    with open_page(browser, site_server.url + "en/optimizers/", wait_until="load", **PHONE) as visit:
        page = visit.page
        page.locator("figure.course-figure img.course-light").first.click()
        page.wait_for_selector("dialog.course-zoom[open]")
        page.wait_for_function("() => { const i = document.querySelector('dialog.course-zoom img');"
                               " return i.complete && i.naturalWidth > 0; }")  # the full figure, loaded now
        zoom = page.evaluate("""() => { const d = document.querySelector('dialog.course-zoom'),
            img = d.querySelector('img'), close = d.querySelector('button').getBoundingClientRect();
            return {img: img.getBoundingClientRect().width, natural: img.naturalWidth,
                    scrolls: d.scrollWidth > d.clientWidth, close: [close.width, close.height]}; }""")
        # the figure is more than twice as wide as the phone (855 px since it was drawn for a 686 px column)
        assert zoom["natural"] > 2 * PHONE["viewport"]["width"], zoom
        assert zoom["img"] >= zoom["natural"] - 1 and zoom["scrolls"], zoom
        assert min(zoom["close"]) >= 44, zoom
        page.keyboard.press("Escape")
        assert page.locator("dialog.course-zoom[open]").count() == 0


@pytest.mark.browser
@pytest.mark.parametrize("path", ["en/backprop/", "backprop/", "en/lab/"])
def test_on_a_phone_a_cut_formula_shows_that_it_scrolls(browser, site_server, path):
    """Phones draw no scrollbar: a formula wider than the column looked complete where it was cut ("= 0.751365 −
    0"). Each wide formula scrolls in one box (KaTeX's own display box no longer scrolls inside it), which shows a
    shadow at an edge with more to see."""
    with open_page(browser, site_server.url + path, wait_until="load", **PHONE) as visit:
        boxes = visit.page.evaluate("""() => [...document.querySelectorAll('.course-math')].map(b => {
            const inner = b.querySelector('.katex-display');
            return {wide: Math.max(b.scrollWidth, inner.scrollWidth) > b.clientWidth + 1,
                    innerScrolls: getComputedStyle(inner).overflowX !== 'visible',
                    shadow: getComputedStyle(b).backgroundImage.includes('gradient')}; })""")
        wide = [b for b in boxes if b["wide"]]
        assert wide, "no formula wider than a phone's column: the test would prove nothing"
        assert not any(b["innerScrolls"] for b in boxes), "a formula scrolls inside its scrolling box"
        assert all(b["shadow"] for b in wide), "a wide formula without its scroll shadow"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["en/summary/", "summary/", "en/optimizers/", "optimizers/", "en/gradient-descent/"])
def test_on_a_phone_every_table_fits_the_column(browser, site_server, path):
    """At 375 px the glossary's meaning column started at x ≈ 357 (only 中文 | English showed) and the optimizers'
    comparison table hid its PyTorch column; with less padding and the glossary as one block per term, every
    table fits."""
    with open_page(browser, site_server.url + path, wait_until="load", **PHONE) as visit:
        tables = visit.page.evaluate("""() => [...document.querySelectorAll('.md-content table')].map(t => {
            const r = t.getBoundingClientRect();
            return {right: r.right, wide: t.scrollWidth > t.clientWidth + 1, head: t.innerText.slice(0, 30)}; })""")
        assert tables, "no table"
        over = [t for t in tables if t["right"] > 375.5 or t["wide"]]
        assert not over, over


@pytest.mark.browser
@pytest.mark.parametrize("path", ["en/lab/", "lab/"])
def test_on_a_phone_the_lab_s_wide_figures_are_drawn_near_their_size(browser, site_server, path):
    """The race's and the sensitivity plot's legends sat right of the axes (stills 698 px wide, GIFs 512 px) and
    the bias figure's two panels side by side (664 px), so a phone drew them at 0.47-0.67 of their size (legend
    text about 5 px). With the legends under the axes and the panels stacked, each is drawn at 0.7 of its size
    or more."""
    with open_page(browser, site_server.url + path, wait_until="load", **PHONE) as visit:
        scales = visit.page.evaluate("""async () => {
            const images = [...document.querySelectorAll('.md-content figure img.course-light')]
                .filter(img => /figures.lab.(race|sensitivity|bias)[.]/.test(img.getAttribute('src')));
            for (const img of images) { img.loading = 'eager'; await img.decode().catch(() => {}); }
            return images.map(img => [img.getAttribute('src'),
                                      img.getBoundingClientRect().width / img.naturalWidth]);
        }""")
        assert len(scales) == 8, scales  # three stills, three animations, the sensitivity and bias plots
        small = [(src, round(scale, 2)) for src, scale in scales if scale < 0.7]
        assert not small, small


@pytest.mark.browser
@pytest.mark.parametrize("path", ["en/optimizers/", "en/summary/"])
def test_on_a_phone_code_in_a_table_wraps_between_names(browser, site_server, path):
    """At 375 px the optimizers' comparison and the summary's notation table split code inside names
    ("dampenin" / "g", "get_last_l" / "r()"): code in a cell now wraps only after ``_``, ``(``, ``,`` or a space,
    or before a ``.``, and the tables still fit the screen."""
    with open_page(browser, site_server.url + path, wait_until="load", **PHONE) as visit:
        splits = visit.page.evaluate("""() => {
            const out = [], range = document.createRange();
            for (const code of document.querySelectorAll('.md-content td code')) {
                const chars = [];
                const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const text = walker.currentNode;
                    for (let i = 0; i < text.length; i++) {
                        range.setStart(text, i); range.setEnd(text, i + 1);
                        const r = range.getClientRects()[0];
                        if (r) chars.push([text.data[i], r.top]);
                    }
                }
                for (let i = 1; i < chars.length; i++) {
                    if (chars[i][1] > chars[i - 1][1] + 2 && !/[_(, ]/.test(chars[i - 1][0]) && chars[i][0] !== '.')
                        out.push(code.textContent.slice(0, 40) + ' at ' + chars.slice(0, i).map(c => c[0]).join(''));
                }
            }
            return {splits: out, cells: document.querySelectorAll('.md-content td code').length,
                    wrapped: [...document.querySelectorAll('.md-content td code')].filter(
                        c => c.getClientRects().length > 1).length,
                    right: Math.max(...[...document.querySelectorAll('.md-content table')].map(
                        t => t.getBoundingClientRect().right))}; }""")
        assert splits["cells"] and splits["wrapped"], splits  # the check saw code that wraps
        assert not splits["splits"], splits
        assert splits["right"] <= 375.5, splits


@pytest.mark.browser
@pytest.mark.parametrize("path", ["en/gradient-descent/", "en/optimizers/", "optimizers/", "en/lr-decay/"])
def test_on_a_phone_no_heading_link_sits_on_a_line_of_its_own(browser, site_server, path):
    """At 375 px the ¶ after 8 headings that filled their lines wrapped onto an empty line of its own (it is
    invisible until hovered, which a finger cannot do): glued to the heading's last word, it never does."""
    with open_page(browser, site_server.url + path, wait_until="load", **PHONE) as visit:
        alone = visit.page.evaluate("""() => [...document.querySelectorAll('.md-content :is(h2, h3, h4)')]
            .filter(h => h.querySelector('.headerlink')).map(h => {
                const link = h.querySelector('.headerlink'), range = document.createRange();
                range.selectNodeContents(h);
                range.setEndBefore(link);
                const lines = [...range.getClientRects()].filter(r => r.width > 0);
                return {text: h.textContent, alone: link.getBoundingClientRect().top >= lines.at(-1).bottom - 1};
            }).filter(h => h.alone).map(h => h.text)""")
        assert not alone, f"a heading's ¶ on a line of its own at 375 px: {alone}"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["en/optimizers/", "optimizers/"])
def test_on_a_phone_solutions_are_as_large_as_the_lesson(browser, site_server, path):
    """Material sets admonitions and folded blocks at 0.64rem: on a phone, a solution's text was 12.8 px and its
    code 10.9 px, against the lesson's 16 px. A solution, opened, now reads at the lesson's size."""
    with open_page(browser, site_server.url + path, wait_until="load", **PHONE) as visit:
        sizes = visit.page.evaluate("""() => {
            const size = el => parseFloat(getComputedStyle(el).fontSize);
            const solution = document.querySelector('.md-content details');
            solution.open = true;
            return {lesson: size(document.querySelector('.md-content article > p')),
                    text: size(solution.querySelector('p')), code: size(solution.querySelector('pre code'))}; }""")
        assert sizes["text"] == sizes["lesson"] and sizes["code"] >= 13, sizes


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_on_a_phone_a_wide_row_of_panels_is_shown_stacked(browser, site_server, scheme):
    """At 375 px the three panels of the optimizers page's first figure (1070 px wide, now 855) were shrunk to a
    third or so: the phone now shows their stacked twin, drawn at nearly its own size (so its text is as large as
    the author set it), in the palette's colours; a wide screen shows the figure as drawn."""
    def shown(**context) -> dict:
        with open_page(browser, site_server.url + "en/optimizers/", wait_until="load", **context) as visit:
            if scheme == "slate":
                visit.page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
            image = visit.page.locator("figure.course-figure").first.locator("img:visible")
            image.scroll_into_view_if_needed()
            visit.page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
            return image.evaluate("img => ({src: img.currentSrc, scale: img.getBoundingClientRect().width / "
                                  "img.naturalWidth, natural: img.naturalWidth})")

    phone, wide = shown(**PHONE), shown()
    dark = "/dark/" if scheme == "slate" else ""
    assert "/narrow/" in phone["src"] and dark in phone["src"] and phone["scale"] >= 0.9, phone
    assert "/narrow/" not in wide["src"] and wide["natural"] > 2 * PHONE["viewport"]["width"], wide


NEW_IMAGE_LOADED = "([img, old]) => img.src !== old && img.complete && img.naturalWidth > 0"


@pytest.mark.browser
@pytest.mark.parametrize("page_path, label", [("lab/", "重新播放动画"), ("en/lab/", "Play the animation again")])
def test_animations_play_again_on_request(browser, site_server, page_path, label):
    """An animation plays once (test_accessibility.test_animations_stop_by_themselves); a button in the page's
    language under each one plays it again, as a new image of the same file."""
    with open_page(browser, site_server.url + page_path, wait_until="load") as visit:
        page = visit.page
        figures = page.locator("figure.course-figure", has=page.locator("img[src$='.gif'], img[data-gif]"))
        assert figures.count() == 3
        for k in range(figures.count()):
            figure = figures.nth(k)
            button = figure.locator("button.course-replay")
            assert button.count() == 1 and label in button.inner_text()
            image = figure.locator("img.course-light")
            gif = image.get_attribute("data-gif") or image.get_attribute("src")
            sources = [image.evaluate("img => img.src")]
            for _ in range(2):
                button.click()
                page.wait_for_function(NEW_IMAGE_LOADED, arg=[image.element_handle(), sources[-1]])
                sources.append(image.evaluate("img => img.src"))
            assert all(src.startswith("blob:") for src in sources[1:]), sources
            assert image.get_attribute("data-gif") == gif
            assert figure.locator("img.course-dark").get_attribute("src").endswith(".gif")  # hidden: left alone
        assert not visit.errors and not visit.failed, visit.errors + visit.failed


IMAGE_SHOWN = "img => img.complete && img.naturalWidth > 0"


@pytest.mark.browser
@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
@pytest.mark.parametrize("page_path", ["lab/", "en/lab/", "notebooks/lab/", "en/notebooks/lab/"])
def test_reduced_motion_shows_each_animation_still_until_asked(browser, site_server, page_path, motion):
    """A reader who asked for reduced motion (prefers-reduced-motion, a system setting) sees each animation's
    last frame, and no animation is fetched or played until they press its button; then it plays. Before, it
    played when it loaded and again when it came into view. Everyone else gets the animation and no still. The
    lesson and its notebook page alike (the notebook's animations had no button either)."""
    with open_page(browser, site_server.url + page_path, wait_until="load", reduced_motion=motion) as visit:
        page = visit.page
        animations = page.locator("figure.course-figure, .course-animation",
                                  has=page.locator("img[src$='.gif'], img[data-gif]"))
        assert animations.count() == 3
        for k in range(animations.count()):
            animations.nth(k).scroll_into_view_if_needed()
            image = animations.nth(k).locator("img:not(.course-dark)")
            page.wait_for_function(IMAGE_SHOWN, arg=image.element_handle())
            page.wait_for_timeout(200)  # time for course.js to start it over on first view, where it should
            shown = image.evaluate("img => img.currentSrc")
            assert animations.nth(k).locator("button.course-replay").count() == 1
            if motion == "reduce":
                assert "/figures/still/" in shown, f"animation {k + 1}: {shown}"
            else:
                assert image.evaluate("img => img.currentSrc === img.src || img.currentSrc.startsWith('blob:')"), shown
        fetched = [url for url, _ in visit.transfers if url.endswith(".gif") and "/still/" not in url]
        stills = [url for url, _ in visit.transfers if "/still/" in url]
        if motion == "reduce":
            assert not fetched, f"animations fetched unasked: {fetched}"
            assert len(stills) == 3, stills  # the light palette's three
            image = animations.nth(0).locator("img:not(.course-dark)")
            button = animations.nth(0).locator("button.course-replay")
            assert button.inner_text() == ("▶ Play the animation" if page_path.startswith("en/") else "▶ 播放动画")
            button.click()
            page.wait_for_function(f"img => {IMAGE_SHOWN}(img) && img.currentSrc === img.src",
                                   arg=image.element_handle())
            assert image.get_attribute("src").endswith(".gif") and "/still/" not in image.evaluate("img => img.src")
            before = image.evaluate("img => img.src")
            assert "again" in button.inner_text() or "重新" in button.inner_text()
            button.click()  # and again, as after any play
            page.wait_for_function(NEW_IMAGE_LOADED, arg=[image.element_handle(), before])
            assert image.evaluate("img => img.src").startswith("blob:")
            second = animations.nth(1).locator("img:not(.course-dark)")
            assert "/still/" in second.evaluate("img => img.currentSrc")  # the others stay still
        else:
            assert not stills, f"stills fetched with motion allowed: {stills}"
        assert not visit.errors and not visit.failed, visit.errors + visit.failed


@pytest.mark.browser
@pytest.mark.parametrize("page_path", ["optimizers/", "en/optimizers/"])
def test_a_link_to_the_section_after_a_widget_stays_on_it(browser, site_server, page_path):
    """A reader who follows a link to the section after the EWA widget (#momentum) lands on its heading, and stays
    there while the widget, 800 px away, is drawn above it: before, the heading went ≈ 500 px down the screen (the
    widget's height), and the reader was left in the middle of the section before."""
    with open_page(browser, site_server.url + page_path + "#momentum", wait_until="load") as visit:
        page = visit.page
        top = "h => Math.round(h.getBoundingClientRect().top)"
        landed = page.locator("#momentum").evaluate(top)
        page.evaluate("async () => { await Promise.all(window.coursePlayground.ewaReady); }")
        page.wait_for_timeout(500)  # a redraw for the widget's width, if any
        assert page.locator(".course-playground--live").count() == 1, "the widget was not drawn"
        after = page.locator("#momentum").evaluate(top)
        header = page.locator(".md-header").evaluate("h => h.getBoundingClientRect().bottom")
        assert header <= landed <= header + 40, f"the link landed the heading at {landed} px"
        assert abs(after - landed) <= 1, f"the heading moved from {landed} px to {after} px as the widget was drawn"
        assert not visit.errors and not visit.failed, visit.errors + visit.failed


# The element the keyboard is on, if it is a widget's control: what it is and whether it shows that it has
# the focus (an outline or a ring drawn by box-shadow).
FOCUSED_CONTROL_JS = """() => {
  const e = document.activeElement;
  if (!e || !e.closest('.course-playground')) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
  const name = e.id ? '#' + e.id : ' "' + e.textContent.trim().slice(0, 30) + '"';
  return [`${e.tagName.toLowerCase()}${e.type ? '[' + e.type + ']' : ''}${name}`, outline || s.boxShadow !== 'none'];
}"""


@pytest.mark.browser
@pytest.mark.parametrize("page_path", [FIGURE_PAGE, "lab/", "en/lab/"])
def test_widget_controls_show_the_keyboard_focus(browser, site_server, page_path):
    """WCAG 2.4.7: tabbing through the page, every control of a widget (sliders, radio buttons, check boxes,
    menus, buttons) shows that it has the focus. Material's reset takes the outline off every input."""
    with open_page(browser, site_server.url + page_path, wait_until="load") as visit:
        page = visit.page
        page.evaluate("async () => {" + DRAW_EVERY_WIDGET + "}")
        seen: dict[str, bool] = {}
        for _ in range(600):
            page.keyboard.press("Tab")
            control = page.evaluate(FOCUSED_CONTROL_JS)
            if control:
                seen[control[0]] = seen.get(control[0], True) and control[1]
    assert len(seen) >= 3, f"the keyboard reached only {sorted(seen)}"
    unseen = sorted(name for name, shown in seen.items() if not shown)
    assert not unseen, f"{page_path}: no visible focus on {unseen}"


# Every figure image the palette shows: its box (what the page reserves for it) and, once loaded, its own size.
FIGURE_BOXES_JS = """() => [...document.querySelectorAll('figure.course-figure img')]
  .filter(img => getComputedStyle(img).display !== 'none')
  .map(img => { const r = img.getBoundingClientRect();
    return [img.getAttribute('src'), r.width, r.height, img.naturalWidth, img.naturalHeight,
            img.parentElement.getBoundingClientRect().width]; })"""


@pytest.mark.browser
@pytest.mark.parametrize("page_path", ["optimizers/", "en/lab/", "en/backprop/"])
def test_figures_hold_their_place_before_they_load(browser, site_server, page_path):
    """A figure's box has its height before the (lazy) image arrives, so the text below it does not move when
    it does (Safari has no scroll anchoring: a reader who followed a #section link was carried away from it);
    once loaded, it is shown at its own size, or narrowed to the column with its proportions."""
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    held = []
    context.route("**/figures/**", lambda route: held.append(route))  # never answered: still loading
    page = context.new_page()
    page.goto(site_server.url + page_path, wait_until="domcontentloaded")
    waiting = page.evaluate(FIGURE_BOXES_JS)
    context.close()
    assert waiting, f"{page_path}: no figure"
    flat = [src for src, width, height, *_ in waiting if height < 0.2 * width or height < 50]
    assert not flat, f"{page_path}: figures with no height before they load: {flat[:3]}"

    with open_page(browser, site_server.url + page_path) as visit:
        visit.page.evaluate(LOAD_ALL_IMAGES)
        loaded = visit.page.evaluate(FIGURE_BOXES_JS)
    for (src, width, height, natural_w, natural_h, column), before in zip(loaded, waiting):
        assert abs(width - min(natural_w, column)) <= 1.5, f"{src}: shown {width:.1f} px wide, drawn {natural_w}"
        assert abs(height - width * natural_h / natural_w) <= 1.5, f"{src}: shown out of proportion"
        assert abs(height - before[2]) <= 1.5, f"{src}: {before[2]:.0f} px reserved, {height:.0f} px shown"


# Columns of a canvas (device pixels) at its right edge that hold any drawn pixel: the plot's frame and tick
# labels end before them, so only text cut off at the edge (a legend wider than the canvas) paints there.
RIGHT_EDGE_INK_JS = """([selector, columns]) => {
  const c = document.querySelector(selector);
  const d = c.getContext("2d").getImageData(c.width - columns, 0, columns, c.height).data;
  const rows = [];
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) rows.push(Math.floor((i - 3) / 4 / columns));
  return [...new Set(rows)];
}"""


@pytest.mark.browser
@pytest.mark.parametrize("page_path", [FIGURE_PAGE, "en/" + FIGURE_PAGE])
@pytest.mark.parametrize("width", [320, 375])
def test_ewa_widget_legend_fits_a_phone(browser, site_server, page_path, width):
    """The EWA widget's legend, drawn on its canvas, is not cut off at the canvas's right edge on a phone
    (English "weighted average (β = 0.9)" lost its end at 375 px)."""
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=2,
                                  service_workers="block")
    page = context.new_page()
    page.goto(site_server.url + page_path, wait_until="load")
    page.locator('.course-playground[data-widget="ewa"]').scroll_into_view_if_needed()
    page.wait_for_function("Promise.all(window.coursePlayground.ewaReady).then(() => true)")
    page.evaluate("document.fonts.ready")
    slider = page.locator("input[id$='-beta']")
    for value in ("90", "86", "99"):  # one digit after the point, and two: the legend's shortest and longest
        slider.fill(value)
        rows = page.evaluate(RIGHT_EDGE_INK_JS, [".cp-ewa", 2 * 4])
        assert not rows, (f"{page_path} at {width} px, β = 0.{value}: the legend runs past the canvas's right "
                          f"edge (ink in its last 4 px, device rows {rows[0]}–{rows[-1]})")
    context.close()


@pytest.mark.browser
def test_setup_lines_are_folded_and_copied_whole(browser, site_server, built_site):
    with open_page(browser, site_server.url + FIGURE_PAGE) as visit:
        page = visit.page
        block = page.locator("div.highlight[data-setup-lines]").first
        assert block.count() == 1 and "course-setup-folded" in block.get_attribute("class")
        code = block.locator("code")
        shown = code.evaluate("c => c.innerText")
        assert "addfont" not in shown and "font_manager" not in shown
        assert "\n\n\n\n" not in shown, "the folded lines leave a gap of three blank lines"
        note = page.locator(".course-setup-note").first
        assert "4" in note.inner_text()
        copied = code.evaluate("c => { c.setAttribute('data-md-copying', ''); const t = c.innerText; "
                               "c.removeAttribute('data-md-copying'); return t; }")
        snippet = (ROOT / "snippets" / "optimizers" / "why_optimize.zh.py").read_text(encoding="utf-8")
        assert copied.strip() == snippet.strip(), "Material's copy button would not copy the whole program"
        note.locator("button").click()
        assert "addfont" in code.evaluate("c => c.innerText")
        assert not visit.errors


# Visible characters of a code block that lie under Material's copy button (its nav in the block's corner).
CODE_UNDER_BUTTON = r"""() => {
  const hits = [];
  for (const pre of document.querySelectorAll('.md-content pre')) {
    const nav = pre.querySelector('.md-code__nav'), code = pre.querySelector('code');
    if (!nav || !code || !pre.offsetParent) continue;
    const b = nav.getBoundingClientRect(), box = code.getBoundingClientRect(), range = document.createRange();
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode;
      for (let i = 0; i < text.length; i++) {
        if (/\s/.test(text.data[i])) continue;
        range.setStart(text, i); range.setEnd(text, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width && r.top < b.bottom && r.bottom > b.top && r.right > b.left && r.left < box.right)
          hits.push(`${pre.id}: ${text.data.slice(Math.max(0, i - 20), i + 5).trim()}`);
        if (r.top > b.bottom) break;
      }
    }
  }
  return hits; }"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_no_code_lies_under_the_copy_button(browser, site_server, width):
    """Material's copy button sits over a code block's top right corner and hid the end of the first line or two
    wherever they reached that far: 185 blocks at 375 px, 8 at 1280 px (solutions opened). Such a block's first
    line now starts below the button; also in a solution opened after the page loaded."""
    with open_page(browser, site_server.url, wait_until="load",
                      **(PHONE if width == 375 else {"viewport": {"width": width, "height": 800}})) as visit:
        page, hidden = visit.page, {}
        for _, path in PAGES:
            page.goto(site_server.url + path, wait_until="load")
            page.evaluate("document.querySelectorAll('.md-content details').forEach(d => d.open = true)")
            page.wait_for_function("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            if found := page.evaluate(CODE_UNDER_BUTTON):
                hidden[path] = found[:3]
        assert not hidden, f"code under the copy button at {width} px: {hidden}"
        assert not visit.errors, visit.errors
