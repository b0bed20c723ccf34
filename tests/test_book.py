"""The course as a book: a print page per language with every lesson in order, and its PDF (printed by Chromium).

The lessons are the nav of ``mkdocs.yml`` (the home page is the book's cover); each must be a chapter of the PDF's
outline, in order, starting on a page of its own, with its figures printed (their numbered captions are in the
English PDF's text), and printing must ask no host but the site's own.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from coursebuild import ROOT
from coursebuild.plugin.book import BOOK_DIR, PDF_NAME, text_of
from tests.conftest import CHROMIUM

LANGUAGES = {"zh": "", "en": "en/"}
FIGURE_NUMBER_RE = re.compile(r"<figcaption>(Figure \d+-\d+)")
TOC_RE = re.compile(r'<nav class="course-book__toc".*?</nav>', re.S)
#: a chapter's entry in the table of contents: (its id, its name); a section's id has "--" in it
CHAPTER_RE = re.compile(r'<li><a href="#([^"-]+(?:-[^"-]+)*)">(.*?)</a>')
TITLE_RE = re.compile(r"<title>(.*?)</title>", re.S)


def nav_lessons() -> list[str]:
    """The lessons' folders in the nav's order: gradient-descent, backprop, ..."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1]
    pages = re.findall(r"^  - [^:]+: (\S+\.md)$", nav.split("\n\n", 1)[0], re.M)
    return [page.removesuffix(".md") for page in pages if page != "index.md"]


def lesson_title(site: Path, root: str, lesson: str) -> str:
    page = (site / root / lesson / "index.html").read_text(encoding="utf-8")
    return text_of(re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)[1])


def pdf_of(site: Path, root: str):
    path = site / root / BOOK_DIR / PDF_NAME
    if not path.is_file():
        if CHROMIUM is None and not os.environ.get("CI"):
            pytest.skip("no chromium: the site was built without the book's PDF")
        pytest.fail(f"{path.relative_to(site)} was not built (the plugin's book_pdf, Chromium)")
    from pypdf import PdfReader

    return path, PdfReader(path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_print_page_has_every_lesson_in_order(built_site, lang):
    root = LANGUAGES[lang]
    book = (built_site / root / BOOK_DIR / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="course-book__lesson" id="([^"]+)">', book)
    assert sections == nav_lessons()
    toc = TOC_RE.search(book)[0]
    assert re.findall(r'<li><a href="#([^"-]+(?:-[^"-]+)*)">', toc) == nav_lessons()
    # every lesson's ids are prefixed, so no two elements share one
    ids = re.findall(r'\sid="([^"]+)"', book)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})[:10]
    # every in-book link lands on an element of the book
    for anchor in re.findall(r'\shref="#([^"]+)"', book):
        assert anchor in ids, f"{root}{BOOK_DIR}/: link to #{anchor}, which is not in the book"
    # the light palette, whatever the reader's: no script picks the saved palette
    assert '__md_get("__palette")' not in book
    assert 'data-md-color-scheme="slate"' not in book


def copy_targets(page: str) -> list[str]:
    """The id Material's copy button gives each code block: that of the nearest element with an id, the <pre>
    itself included (its bundle: ``a = e.closest("pre"), c = a.closest("[id]"), a.id = `__code_${c ? c.id : n++}```),
    None where there is none (Material then numbers the block)."""
    import html5lib

    root = html5lib.parse(page, namespaceHTMLElements=False)
    parents = {child: parent for parent in root.iter() for child in parent}
    targets = []
    for pre in root.iter("pre"):
        element = pre
        while element is not None and not element.get("id"):
            element = parents.get(element)
        targets.append(element.get("id") if element is not None else None)
    return targets


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_code_block_of_the_book_copies_itself(built_site, lang):
    """Every code block of the book has a copy target of its own. Each lesson is a <section> with an id, and a block
    without an id of its own was named after it: all 46 blocks of the optimizers lesson shared one target, and their
    copy buttons copied the lesson's first block (a reader's test: 9 of 13 buttons copied the wrong code)."""
    book = (built_site / LANGUAGES[lang] / BOOK_DIR / "index.html").read_text(encoding="utf-8")
    targets = copy_targets(book)
    assert len(targets) > 100, f"only {len(targets)} code blocks in the book"
    shared = sorted({t for t in targets if t is not None and targets.count(t) > 1})
    assert not shared, f"code blocks sharing a copy target: {shared[:5]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_contents_name_each_lesson_as_its_nav_does(built_site, lang):
    """The book's table of contents names a lesson as the nav (and the page's <title>) of its language does."""
    root = LANGUAGES[lang]
    book = (built_site / root / BOOK_DIR / "index.html").read_text(encoding="utf-8")
    chapters = CHAPTER_RE.findall(TOC_RE.search(book)[0])
    assert len(chapters) >= 6, chapters
    site_name = html.unescape(TITLE_RE.search(book)[1]).strip()
    for slug, name in chapters:
        page = (built_site / root / slug / "index.html").read_text(encoding="utf-8")
        title = html.unescape(TITLE_RE.search(page)[1]).strip()
        assert title == f"{html.unescape(name)} - {site_name}", f"{root}{BOOK_DIR}/: chapter {slug!r} named {name!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_offers_the_book(built_site, lang):
    root = LANGUAGES[lang]
    home = (built_site / root / "index.html").read_text(encoding="utf-8")
    assert f'href="{BOOK_DIR}/"' in home
    if (built_site / root / BOOK_DIR / PDF_NAME).is_file():
        assert f'href="{BOOK_DIR}/{PDF_NAME}" download=' in home


_printed: dict[tuple[str, int], str] = {}


def printed_text(path: Path, reader) -> str:
    """A PDF's text, spaces collapsed; read once per file (pypdf takes ≈ 10 s for the English book)."""
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _printed:
        _printed[key] = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    return _printed[key]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_has_every_lesson_as_a_chapter(built_site, lang):
    root = LANGUAGES[lang]
    _, reader = pdf_of(built_site, root)
    chapters = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in chapters]
    expected = [lesson_title(built_site, root, lesson) for lesson in nav_lessons()]
    assert titles[1:] == expected, f"{root}{BOOK_DIR}/{PDF_NAME}: outline {titles}"
    first_pages = [reader.get_destination_page_number(item) for item in chapters]
    assert first_pages == sorted(set(first_pages)), f"lessons share a printed page: {first_pages}"
    assert len(reader.pages) > first_pages[-1]


def test_english_pdf_prints_every_figure(built_site):
    path, reader = pdf_of(built_site, "en/")
    book = (built_site / "en" / BOOK_DIR / "index.html").read_text(encoding="utf-8")
    numbers = FIGURE_NUMBER_RE.findall(book)
    assert len(numbers) > 10
    text = printed_text(path, reader)
    missing = [n for n in numbers if n not in text]
    assert not missing, f"figures not in the printed text: {missing}"


def test_english_pdf_prints_each_animation_as_the_frame_it_stops_on(built_site):
    """Paper does not move. Chromium printed an animation's first frame, before it plays: each of the race's three
    was an empty plot at step 0, under a caption about seven paths. The book is printed with reduced motion, so
    an animation prints as its still (the last frame), pixel for pixel."""
    from PIL import Image, ImageChops

    _, reader = pdf_of(built_site, "en/")
    stills = sorted((built_site / "figures" / "still" / "lab").glob("race.en-*.gif"))
    assert len(stills) == 3, stills
    wanted = []
    for still in stills:
        with Image.open(still) as image:
            wanted.append(image.convert("RGB"))
    printed = []
    for page in reader.pages:  # the images of an animation's size, found without decoding every image
        objects = page.get("/Resources", {}).get("/XObject", {})
        names = {name.lstrip("/") for name, ref in objects.items()
                 if (ref.get_object().get("/Width"), ref.get_object().get("/Height")) == wanted[0].size}
        printed += [image.image.convert("RGB") for image in page.images if image.name.split(".")[0] in names]
    assert len(printed) >= 3, f"{len(printed)} images of an animation's size in the PDF"
    for still, want in zip(stills, wanted):
        assert any(ImageChops.difference(want, got).getbbox() is None for got in printed), \
            f"{still.name}: the animation is not printed as its last frame"


SOLUTION_RE = re.compile(r'<details class="success"[^>]*>\s*<summary>[^<]*</summary>\s*<p>(.*?)</p>', re.S)


def test_book_shows_the_exercise_solutions(built_site):
    """A printed page (and a PDF reader) cannot open a collapsed block: the book shows every solution open,
    where a lesson keeps it folded for the reader to try first."""
    book = (built_site / "en" / BOOK_DIR / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r"<details\b[^>]*>", book)
    assert len(blocks) > 10 and all(re.search(r"\sopen\b", b) for b in blocks), "solutions folded in the book"
    lesson = (built_site / "en" / "backprop" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<details\b[^>]*\sopen\b", lesson), "the lesson shows its solutions unasked"


def test_english_pdf_prints_the_exercise_solutions(built_site):
    path, reader = pdf_of(built_site, "en/")
    book = (built_site / "en" / BOOK_DIR / "index.html").read_text(encoding="utf-8")
    text = printed_text(path, reader)
    # a solution's first sentence of prose, as words (formulas and markup left out)
    openings = [re.sub(r"\s+", " ", text_of(m))[:40] for m in SOLUTION_RE.findall(book)]
    openings = [o for o in openings if re.fullmatch(r"[A-Za-z ,.'()-]{20,}", o)]
    assert len(openings) >= 3, openings
    missing = [o for o in openings if o not in text]
    assert not missing, f"solutions not in the printed text: {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_embeds_no_remote_resource(built_site, lang):
    """A PDF can only point elsewhere through actions: links (URI) to web pages are fine; a file: link, a launch,
    a remote go-to, a form or a script is not."""
    path, _ = pdf_of(built_site, LANGUAGES[lang])
    raw = path.read_bytes()
    for action in (b"/Launch", b"/GoToR", b"/SubmitForm", b"/ImportData", b"/JavaScript", b"/EmbeddedFile"):
        assert action not in raw, f"{path.name}: {action.decode()}"
    schemes = {urlsplit(uri.decode("latin-1")).scheme for uri in re.findall(rb"/URI \(([^)]*)\)", raw)}
    assert schemes <= {"http", "https"}, schemes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_text_is_set_in_the_course_font(built_site, lang):
    """The Chinese of the pages is printed in the pinned Noto Sans CJK (fontconfig), not as missing glyphs
    (a machine without a CJK system font)."""
    path, _ = pdf_of(built_site, LANGUAGES[lang])
    assert re.search(rb"/FontName /[A-Z]{6}\+NotoSans(?:Mono)?CJK", path.read_bytes()), f"{path.name}: no Noto Sans CJK"


def test_pdfs_are_reproducible(built_site):
    """The only time Chromium writes into a PDF (its creation and modification dates) is fixed."""
    path, reader = pdf_of(built_site, "")
    assert b"(D:20000101000000" in path.read_bytes()
    assert not re.search(rb"\(D:(?!20000101000000)\d{14}", path.read_bytes())


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_printing_the_book_asks_no_other_host(browser, site_server, lang):
    """Printed, the book asks no host but the site's, shows the light figures, and no control (paper has none)."""
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(site_server.url + LANGUAGES[lang] + BOOK_DIR + "/", wait_until="networkidle")
        page.emulate_media(media="print")
        shown = page.evaluate("""() => [...document.querySelectorAll('.course-figure img')].map(
            img => [img.classList.contains('course-dark'), getComputedStyle(img).display !== 'none'])""")
        controls = page.evaluate("""() => [...document.querySelectorAll(
            'article :is(button, input, select, textarea, canvas)')].filter(e => e.getClientRects().length)
            .map(e => e.tagName.toLowerCase() + '.' + (e.getAttribute('class') || '').split(' ')[0])""")
    finally:
        page.close()
    hosts = {urlsplit(url).netloc for url in requests if urlsplit(url).scheme in ("http", "https")}
    assert hosts == {urlsplit(site_server.url).netloc}, hosts
    assert shown and all(visible != dark for dark, visible in shown), "print shows the light figures only"
    # paper has no buttons: copy buttons, fold toggles, replay buttons and the widgets' controls are left out
    assert not controls, f"controls printed: {sorted(set(controls))} ({len(controls)})"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_contents_list_has_no_stray_markers(browser, site_server, lang):
    """The contents list shows titles only, on screen and in print: Material numbers a nested list a., b., c.,
    which put letters before every section while the lessons above them had no marker."""
    page = browser.new_page()
    try:
        page.goto(site_server.url + LANGUAGES[lang] + BOOK_DIR + "/", wait_until="load")
        markers = {}
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            markers[media] = page.evaluate("""() => [...document.querySelectorAll('.course-book__toc li')]
                .map(li => getComputedStyle(li).listStyleType)""")
        page.emulate_media(media="screen")
        heading, lesson = page.evaluate("""() => [document.querySelector('.course-book__toc h2'),
            document.querySelector('.course-book__toc > ol > li > a')].map(e => e.getBoundingClientRect().left)""")
    finally:
        page.close()
    for media, styles in markers.items():
        assert len(styles) > 10, f"{media}: the contents list has {len(styles)} entries"
        assert set(styles) == {"none"}, f"{media}: list markers {sorted(set(styles))} in the contents"
    assert abs(lesson - heading) < 1, f"the lessons stand {lesson - heading:.0f} px in from the contents' heading"
