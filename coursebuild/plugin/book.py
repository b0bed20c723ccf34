"""The course as a book: one print page per language with every lesson in order, and a PDF printed from it.

After a language is built, its lessons' built pages (the nav order; the home page is the book's cover, not a
chapter) are joined into ``book/index.html``: a table of contents, then one section per lesson, each starting
on a new printed page. Ids are prefixed with the lesson (``optimizers--momentum``) so that the lessons'
shared anchors stay apart, links between lessons become links inside the book, and every other link points
at the published site (a PDF has no "next to this file"). Sources stay relative: the book sits at the same
depth as a lesson, so its figures, formulas' fonts and stylesheets are the site's own files and printing asks
no other host. The light palette is forced: a book is printed on paper. The exercises' solutions are open: a
printed page cannot unfold them.

Debian's Chromium prints the page to ``book/course.pdf`` (``--print-to-pdf`` with the document outline made
from the headings). The PDF is cached by the bytes it is printed from, so a warm build does not print again,
and its two dates are fixed, so two builds write the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import logging
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..engine.cache import BOOK_PDF_DIR

log = logging.getLogger("mkdocs.plugins.coursebuild")

BOOK_DIR = "book"
PDF_NAME = "course.pdf"
# how the build (and the browser tests, tests/conftest.py) start Chromium on a machine with a closed network
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Paper does not move: printed with reduced motion, an animation is its still (the frame it stops on, the
# <picture>'s source under prefers-reduced-motion), not the first frame Chromium would print, before it plays.
PRINT_ARGS = ["--no-pdf-header-footer", "--generate-pdf-document-outline", "--force-prefers-reduced-motion"]
PRINT_TIMEOUT = 180

LABELS = {
    "zh": {"toc": "目录", "book": "整本课程", "print": "打印版（一页）", "pdf": "PDF",
           "download": "神经网络基础·网络优化方法.pdf",
           "intro": "本页按顺序收录全部课程，供打印或离线阅读；PDF 由本页在构建时打印生成。"},
    "en": {"toc": "Contents", "book": "The whole course", "print": "print edition (one page)", "pdf": "PDF",
           "download": "neural-network-optimization-methods.pdf",
           "intro": "Every lesson in order on one page, to print or to read offline; the PDF is printed "
                    "from this page when the site is built."},
}

ARTICLE_OPEN = '<article class="md-content__inner md-typeset">'
DETAILS_RE = re.compile(r"<details\b([^>]*)>")
EDIT_BUTTON_RE = re.compile(r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon"[^>]*>.*?</a>', re.S)
ID_ATTR_RE = re.compile(r'(\s(?:id|for|aria-labelledby|aria-controls|aria-describedby)=")([^"#][^"]*)(")')
HASH_REF_RE = re.compile(r'(\s(?:href|data-clipboard-target)=")#([^"]*)(")')
HREF_RE = re.compile(r'(\shref=")([^"#][^"]*)(")')
PRE_WITHOUT_ID_RE = re.compile(r"<pre(?![^>]*\sid=)(?=[\s>])")
H1_RE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
H2_RE = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
TAG_RE = re.compile(r"<[^>]+>")
HEADERLINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
PALETTE_SCRIPT_RE = re.compile(r'<script>var palette=__md_get\("__palette"\).*?</script>', re.S)
SWITCHER_RE = re.compile(r'(<a href=")([^"]*)(" hreflang="[^"]+" class="md-select__link"[^>]*>)')
BODY_RE = re.compile(r"<body([^>]*)>")
PDF_DATE_RE = re.compile(rb"\(D:(\d{14})")
FIXED_DATE = b"20000101000000"


@dataclass(frozen=True)
class Lesson:
    title: str | None  # None where the nav names no title: the page's first heading then
    url: str  # the page's URL in the site: "en/optimizers/"
    path: str  # its built file in the site: "en/optimizers/index.html"
    slug: str  # its name in the book: "optimizers"


def lessons_of(nav) -> tuple[str, list[Lesson]]:
    """The language's root URL ("" or "en/") and its nav's pages in order, but the home page (the nav's first:
    the book's own first page stands in for it)."""
    home, *pages = nav.pages
    root = home.url if home.url.endswith("/") else ""
    return root, [Lesson(page.title, page.url, page.file.dest_uri,
                         page.url.removeprefix(root).strip("/").replace("/", "-")) for page in pages]


def text_of(fragment: str) -> str:
    return html.unescape(TAG_RE.sub("", HEADERLINK_RE.sub("", fragment))).strip()


def article_of(page_html: str, where: str) -> str:
    start = page_html.find(ARTICLE_OPEN)
    end = page_html.rfind("</article>")
    if start < 0 or end < start:
        raise ValueError(f"{where}: no <article> in the built page")
    return page_html[start + len(ARTICLE_OPEN):end]


def chapter(lesson: Lesson, article: str, lessons: dict[str, Lesson], page_base: str) -> str:
    """One lesson's article with ids prefixed and links pointed inside the book or at the site."""
    slug = lesson.slug
    article = EDIT_BUTTON_RE.sub("", article)
    article = ID_ATTR_RE.sub(lambda m: f"{m[1]}{slug}--{m[2]}{m[3]}", article)
    article = HASH_REF_RE.sub(lambda m: f"{m[1]}#{slug}--{m[2]}{m[3]}" if m[2] else f"{m[1]}#{slug}{m[3]}",
                              article)

    def link(match: re.Match) -> str:
        href = html.unescape(match[2])
        if urlsplit(href).scheme:
            return match[0]  # another site, or mailto:
        target = urljoin(page_base, href)
        parts = urlsplit(target)
        other = lessons.get(parts.path)
        if other is not None and not parts.query:
            anchor = f"{other.slug}--{parts.fragment}" if parts.fragment else other.slug
            return f"{match[1]}#{html.escape(anchor)}{match[3]}"
        return f"{match[1]}{html.escape(target)}{match[3]}"

    article = HREF_RE.sub(link, article)
    # Material names a code block's copy target after the nearest element with an id, the block itself included:
    # without one of its own, every block of a lesson would be named after the lesson's <section>, and each copy
    # button would copy the lesson's first block
    code = itertools.count(1)
    article = PRE_WITHOUT_ID_RE.sub(lambda m: f'<pre id="{slug}--code-{next(code)}"', article)
    return f'<section class="course-book__lesson" id="{slug}">\n{article}\n</section>\n'


def table_of_contents(lessons: list[Lesson], articles: list[str], lang: str) -> str:
    items = []
    for lesson, article in zip(lessons, articles):
        sections = "".join(f'<li><a href="#{lesson.slug}--{anchor}">{html.escape(text_of(title))}</a></li>'
                           for anchor, title in H2_RE.findall(article))
        items.append(f'<li><a href="#{lesson.slug}">{html.escape(lesson.title)}</a>'
                     + (f"<ol>{sections}</ol>" if sections else "") + "</li>")
    return (f'<nav class="course-book__toc" aria-labelledby="book-toc"><h2 id="book-toc">{LABELS[lang]["toc"]}</h2>'
            f'<ol>{"".join(items)}</ol></nav>\n')


def book_html(site_dir: Path, root: str, lessons: list[Lesson], site_url: str, site_name: str, lang: str) -> str:
    """The print page: the first lesson's built page as the frame, every lesson's article inside it."""
    frame = (site_dir / lessons[0].path).read_text(encoding="utf-8")
    by_url = {}
    for lesson in lessons:
        by_url[urlsplit(urljoin(site_url, lesson.url)).path] = lesson
    articles = [article_of((site_dir / lesson.path).read_text(encoding="utf-8"), lesson.path) for lesson in lessons]
    # a page the nav does not title is titled by its first heading, known only once it is built
    lessons = [lesson if lesson.title else replace(lesson, title=text_of(H1_RE.search(article)[1]))
               if H1_RE.search(article) else replace(lesson, title=lesson.slug)
               for lesson, article in zip(lessons, articles)]
    chapters = "".join(chapter(lesson, article, by_url, urljoin(site_url, lesson.url))
                       for lesson, article in zip(lessons, articles))
    labels = LABELS[lang]
    cover = (f'<header class="course-book__cover"><h1 id="book">{html.escape(site_name)}</h1>'
             f'<p>{labels["intro"]}</p></header>\n')
    body = f"{ARTICLE_OPEN}\n{cover}{table_of_contents(lessons, articles, lang)}{chapters}"
    start = frame.find(ARTICLE_OPEN)
    end = frame.rfind("</article>")
    before, after = frame[:start], frame[end:]
    # the frame's own links into its lesson (the skip link, the hidden table of contents) follow its ids
    own = set(re.findall(r'\sid="([^"]+)"', before + after))
    first = lessons[0].slug
    before = HASH_REF_RE.sub(lambda m: m[0] if m[2] in own else f"{m[1]}#{first}--{m[2]}{m[3]}" if m[2]
                             else f"{m[1]}#{first}{m[3]}", before)
    # the language menu leads to the other language's book, not to its first lesson
    before = SWITCHER_RE.sub(lambda m: f'{m[1]}{m[2].removesuffix(first + "/")}{BOOK_DIR}/{m[3]}'
                             if m[2].endswith(f"/{first}/") else m[0], before)
    page = before + body + after
    page = re.sub(r"<title>.*?</title>", f"<title>{html.escape(site_name)}</title>", page, count=1, flags=re.S)
    # the frame's description is its lesson's; the book's says what the book is
    page = re.sub(r'<meta name="description" content="[^"]*">',
                  f'<meta name="description" content="{html.escape(labels["intro"])}">', page, count=1)
    canonical = html.escape(urljoin(site_url, root + BOOK_DIR + "/"))
    page = re.sub(r'<link rel="canonical" href="[^"]*">', f'<link rel="canonical" href="{canonical}">', page, count=1)
    page = PALETTE_SCRIPT_RE.sub("", page)
    page = re.sub(r'data-md-color-scheme="[^"]*"', 'data-md-color-scheme="default"', page)
    page = BODY_RE.sub(lambda m: f'<body{m[1]} data-course-book>', page, count=1)
    # a printed page (and a PDF reader) cannot open a folded block: the exercises' solutions are shown open
    page = DETAILS_RE.sub(lambda m: m[0] if re.search(r"\sopen\b", m[1]) else f"<details{m[1]} open>", page)
    return page.replace(' loading="lazy"', "")


def local_inputs(page: str, page_path: Path, site_dir: Path) -> list[Path]:
    """The site's files the page loads (stylesheets, scripts, figures and stills), which the printed PDF depends
    on."""
    found = set()
    for ref in re.findall(r'\s(?:src|href|srcset)="([^"#?]+)', page):
        if "://" in ref or ref.startswith(("mailto:", "data:")):
            continue
        target = (page_path.parent / ref).resolve()
        if target.is_file() and site_dir.resolve() in target.parents:
            found.add(target)
    return sorted(found)


def fixed_dates(pdf: bytes) -> bytes:
    """Chromium writes the time of printing as the creation and modification date: fixed, same length."""
    return PDF_DATE_RE.sub(lambda m: b"(D:" + FIXED_DATE, pdf)


def chromium() -> str | None:
    return os.environ.get("COURSEBUILD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def fontconfig(workdir: Path) -> dict[str, str]:
    """The pinned CJK font of the figures (noto-cjk-sans-otc) made visible to Chromium through fontconfig: the
    page's Chinese text falls back to a system font, and a build machine may have none (tofu in the PDF)."""
    try:
        from noto_cjk_sans_otc import FONT_PATH
    except ImportError:
        return {}
    conf = workdir / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                    f"  <dir>{html.escape(str(Path(FONT_PATH).parent))}</dir>\n"
                    f"  <cachedir>{html.escape(str(workdir / 'fontcache'))}</cachedir>\n</fontconfig>\n",
                    encoding="utf-8")
    return {"FONTCONFIG_FILE": str(conf)}


def fontconfig_key() -> str:
    try:
        from noto_cjk_sans_otc import FONT_PATH
    except ImportError:
        return ""
    return f"{FONT_PATH}:{Path(FONT_PATH).stat().st_size}"


def print_pdf(page_path: Path, out: Path, browser: str) -> None:
    with tempfile.TemporaryDirectory(prefix="coursebuild-print-") as workdir:
        env = {**os.environ, "TZ": "UTC", **fontconfig(Path(workdir))}
        proc = subprocess.run(
            [browser, *CHROMIUM_ARGS, *PRINT_ARGS, f"--user-data-dir={workdir}/profile", f"--print-to-pdf={out}",
             page_path.as_uri()],
            capture_output=True, text=True, timeout=PRINT_TIMEOUT, env=env)
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"chromium --print-to-pdf failed ({proc.returncode}): {proc.stderr[-2000:]}")
    out.write_bytes(fixed_dates(out.read_bytes()))


def browser_version(browser: str) -> str:
    proc = subprocess.run([browser, "--version"], capture_output=True, text=True, timeout=30)
    return proc.stdout.strip()


def build_book(site_dir: Path, root: str, lessons: list[Lesson], site_url: str, site_name: str, lang: str,
               cache_dir: Path, pdf: bool) -> Path | None:
    """Write <root>book/index.html (and its course.pdf when ``pdf``); returns the PDF's path, if one was made."""
    if not lessons:
        return None
    page = book_html(site_dir, root, lessons, site_url, site_name, lang)
    page_path = site_dir / root / BOOK_DIR / "index.html"
    page_path.parent.mkdir(parents=True, exist_ok=True)
    page_path.write_text(page, encoding="utf-8")
    if not pdf:
        return None
    browser = chromium()
    if browser is None:
        return None
    digest = hashlib.sha256(f"{browser_version(browser)}\0{fontconfig_key()}\0{' '.join(PRINT_ARGS)}".encode())
    digest.update(page.encode())
    for path in local_inputs(page, page_path, site_dir):
        digest.update(str(path.relative_to(site_dir.resolve())).encode() + b"\0" + path.read_bytes())
    cached = cache_dir / BOOK_PDF_DIR / f"{digest.hexdigest()[:32]}.pdf"
    out = page_path.parent / PDF_NAME
    if cached.is_file():
        shutil.copyfile(cached, out)
        os.utime(cached)
        return out
    print_pdf(page_path, out, browser)
    cached.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(out, cached)
    log.info("coursebuild: %s printed (%d KB)", posixpath.join(root, BOOK_DIR, PDF_NAME), out.stat().st_size // 1024)
    return out


def with_book_links(page_html: str, lang: str, pdf: bool) -> str:
    """The home page with a pointer to the book after its table of contents (a PDF link where one is printed)."""
    labels = LABELS[lang]
    links = f'<a href="{BOOK_DIR}/">{labels["print"]}</a>'
    if pdf:
        links += f' · <a href="{BOOK_DIR}/{PDF_NAME}" download="{labels["download"]}">{labels["pdf"]}</a>'
    colon = "：" if lang == "zh" else ": "
    paragraph = f'<p class="course-book-links">{labels["book"]}{colon}{links}</p>\n'
    contents = page_html.find('id="contents"')
    end = page_html.find("</ol>", contents) if contents >= 0 else -1
    if end < 0:
        return page_html + paragraph
    end += len("</ol>")
    return page_html[:end] + "\n" + paragraph + page_html[end:]
