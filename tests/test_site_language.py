"""Each language's pages speak it around the lesson too: the theme's labels and tooltips, the heading links' tooltip.

The lesson text itself is checked by test_parity.py, the book's table of contents by test_book.py; these are the
words MkDocs, the theme and the plugin add.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coursebuild.plugin.book import H1_RE, text_of
from coursebuild.plugin.mkdocs_plugin import PERMALINK_TITLE
from tests.test_book import LANGUAGES

CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ARTICLE_RE = re.compile(r"<article\b.*?</article>", re.S)
#: the language switcher names each language in itself ("简体中文" on every English page, "English" on the Chinese)
SWITCHER_LINK_RE = re.compile(r'<a [^>]*hreflang="[^"]+" class="md-select__link"[^>]*>.*?</a>', re.S)
HEADERLINK_TITLE_RE = re.compile(r'<a class="headerlink" href="[^"]*" title="([^"]*)"')
PALETTE_TITLE_RE = re.compile(r'title="([^"]*)" for="__palette_\d+"')
CREDIT_RE = re.compile(r'<div class="md-copyright">(.*?)</div>', re.S)
TITLE_RE = re.compile(r"<title>(.*?)</title>", re.S)
DESCRIPTION_RE = re.compile(r'<meta name="description" content="([^"]*)"')
#: the most of a description that a search result shows (Google's snippet ~160 characters, Baidu's ~80 Chinese)
DESCRIPTION_LIMIT = {"zh": 90, "en": 160}


def pages_of(site: Path, lang: str) -> list[Path]:
    """The language's built HTML pages: everything under en/ is English, everything else Chinese."""
    english = site / "en"
    pages = [p for p in site.rglob("*.html") if (english in p.parents) == (lang == "en")]
    assert len(pages) > 10, f"{lang}: only {len(pages)} pages in {site}"
    return sorted(pages)


def frame_of(page: Path) -> str:
    """What a page shows around its lesson: the page without its <article> and the language switcher's names."""
    return SWITCHER_LINK_RE.sub("", ARTICLE_RE.sub("", page.read_text(encoding="utf-8")))


def test_english_pages_frame_their_lessons_in_english(built_site):
    chinese = {}
    for page in pages_of(built_site, "en"):
        words = sorted(set(re.findall(rf"[^<>\"\n]{{0,30}}{CJK_RE.pattern}+[^<>\"\n]{{0,10}}", frame_of(page))))
        if words:
            chinese[str(page.relative_to(built_site))] = words[:3]
    assert not chinese, f"Chinese around English lessons (theme labels? nav titles?): {chinese}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_palette_toggle_is_named_in_the_page_language(built_site, lang):
    page = (built_site / LANGUAGES[lang] / "index.html").read_text(encoding="utf-8")
    names = PALETTE_TITLE_RE.findall(page)
    assert len(names) == 2, names  # light -> dark, dark -> light
    assert all(bool(CJK_RE.search(name)) == (lang == "zh") for name in names), f"{lang}: {names}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heading_links_have_the_page_language_tooltip(built_site, lang):
    assert bool(CJK_RE.search(PERMALINK_TITLE[lang])) == (lang == "zh")
    titles: dict[str, set[str]] = {}
    for page in pages_of(built_site, lang):
        found = set(HEADERLINK_TITLE_RE.findall(page.read_text(encoding="utf-8")))
        if found:
            titles[str(page.relative_to(built_site))] = found
    assert len(titles) >= 6, f"{lang}: heading links on {sorted(titles)} only"  # every lesson has headings
    wrong = {page: found for page, found in titles.items() if found != {PERMALINK_TITLE[lang]}}
    assert not wrong, f"{lang}: heading links with another tooltip than {PERMALINK_TITLE[lang]!r}: {wrong}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_footer_credit_is_in_the_page_language(built_site, lang):
    """The theme's "Made with Material for MkDocs" line (coursebuild/theme/partials/copyright.html)."""
    credits = {}
    for page in pages_of(built_site, lang):
        found = CREDIT_RE.search(page.read_text(encoding="utf-8"))
        if found:
            assert '<a href="https://squidfunk.github.io/mkdocs-material/"' in found[1], f"{page}: {found[1]!r}"
            credits[str(page.relative_to(built_site))] = re.sub(r"<[^>]+>|\s+", " ", found[1]).strip()
    assert len(credits) >= 7, f"{lang}: a footer credit on {sorted(credits)} only"
    wrong = {page: text for page, text in credits.items()
             if "Material for MkDocs" not in text or bool(CJK_RE.search(text)) != (lang == "zh")}
    assert not wrong, f"{lang}: footer credits not in the page language: {wrong}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_page_has_its_own_title(built_site, lang):
    """WCAG 2.4.2 (page titled): a tab, a bookmark and a search result name the page. The home page is titled by
    the course's name alone, in each language (Material does this for the site root only: the English home page
    was "Home - Neural-Network Basics · ..."); every other page by its own name, then the course's; the book is
    the whole course (its title is also its PDF's)."""
    home = (built_site / LANGUAGES[lang] / "index.html").read_text(encoding="utf-8")
    course = text_of(H1_RE.search(home)[1])
    assert text_of(TITLE_RE.search(home)[1]) == course
    titles: dict[str, list[str]] = {}
    for page in pages_of(built_site, lang):
        name = str(page.relative_to(built_site))
        if page.name == "404.html" or name.startswith(f"{LANGUAGES[lang]}book/"):
            continue
        title = text_of(TITLE_RE.search(page.read_text(encoding="utf-8"))[1])
        assert title == course or title.endswith(f" - {course}"), f"{name}: {title!r}"
        titles.setdefault(title, []).append(name)
    shared = {title: names for title, names in titles.items() if len(names) > 1}
    assert not shared, f"{lang}: pages sharing a title: {shared}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_page_describes_itself(built_site, lang):
    """A search result shows a page's <meta name="description">: each lesson's says what that lesson teaches (its
    front matter's `description`), each notebook's that it is the lesson's notebook, the book's what the book
    is; all in the page's language and short enough to be shown whole. Before, every page carried the site's."""
    descriptions: dict[str, list[str]] = {}
    for page in pages_of(built_site, lang):
        name = str(page.relative_to(built_site))
        if page.name == "404.html":
            continue
        found = DESCRIPTION_RE.findall(page.read_text(encoding="utf-8"))
        assert len(found) == 1, f"{name}: {len(found)} descriptions"
        text = html.unescape(found[0])
        assert 20 <= len(text) <= DESCRIPTION_LIMIT[lang], f"{name}: {len(text)} characters: {text!r}"
        assert bool(CJK_RE.search(text)) == (lang == "zh"), f"{name}: {text!r}"
        if "/notebooks/" in f"/{name}":
            assert "Jupyter" in text, f"{name}: {text!r}"
        descriptions.setdefault(text, []).append(name)
    shared = {text: names for text, names in descriptions.items() if len(names) > 1}
    assert not shared, f"{lang}: pages sharing a description: {shared}"


class _ChineseOutsideZh(HTMLParser):
    """Text with Chinese characters in a page's body whose nearest lang attribute is not Chinese."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    UNSPOKEN = {"script", "style", "svg", "math", "head", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):  # close up to the matching tag (forgives unclosed <p>)
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not CJK_RE.search(data) or any(tag in self.UNSPOKEN for tag, _ in self.stack):
            return
        lang = next((lang for _, lang in reversed(self.stack) if lang), "")
        if not lang.startswith("zh"):
            self.found.append(data.strip()[:40])


def test_chinese_on_english_pages_is_marked_as_chinese(built_site):
    """WCAG 3.1.2 (language of parts): Chinese words on an English page (the glossary's Chinese column, the
    source's legend quoted in learning-rate decay, the language switcher's 简体中文) carry lang="zh", so that a
    screen reader speaks them in Chinese rather than spelling unknown characters in an English voice."""
    unmarked = {}
    for page in pages_of(built_site, "en"):
        parser = _ChineseOutsideZh()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            unmarked[str(page.relative_to(built_site))] = (len(parser.found), parser.found[:3])
    assert not unmarked, f"Chinese read as English: {unmarked}"


def test_marking_leaves_markup_and_unread_text_alone():
    from coursebuild.plugin.language_of_parts import mark_chinese

    html = ('<p title="损失">the legend "等间隔学习率衰减" (step decay)</p><img alt="梯度">'
            '<span class="arithmatex">\\(\\text{学习率}\\)</span><script>let s = "批量";</script><td>梯度下降</td>')
    assert mark_chinese(html) == (
        '<p title="损失">the legend "<span lang="zh">等间隔学习率衰减</span>" (step decay)</p><img alt="梯度">'
        '<span class="arithmatex">\\(\\text{学习率}\\)</span><script>let s = "批量";</script>'
        '<td><span lang="zh">梯度下降</span></td>')
    assert mark_chinese("<p>plain English</p>") == "<p>plain English</p>"
