"""MkDocs hook: every lesson page's companion notebook (``coursebuild/notebooks.py``), rendered by mkdocs-jupyter.

on_config         mkdocs-jupyter's cache gets one folder per language: each language's build evicts the
                  entries it did not use, which with one shared folder deleted the other language's
on_files          after mkdocs-static-i18n (-100) chose this language's pages and ``mkdocs_hook`` (-200)
                  obtained their results: generate each lesson's notebook and register it with MkDocs
                  (never in docs/) twice: as a page that mkdocs-jupyter renders (``notebooks/x.ipynb``,
                  ``en/notebooks/x.ipynb``) and as the raw file to download (``notebooks/x/x.ipynb``)
on_page_markdown  under the lesson's title, a link to both, in the page's language
on_page_content   the rendered notebook: nothing loaded from a CDN (MathJax and mermaid loaders removed),
                  math handed to the site's KaTeX (``math_hook``) as arithmatex markup, the page anchors of
                  the lesson as heading ids (and in the table of contents), figures served from the files
                  ``mkdocs_hook`` registered instead of base64 copies, JupyterLab's ~590 KB of CSS moved
                  from every notebook page into one shared stylesheet, links to other lessons relative,
                  links to the lesson and the download on top

The notebooks carry the engine's outputs, so mkdocs-jupyter must not execute them (``execute: false``).
mkdocs-jupyter only renders files it can read from disk: the page variant is written to a temporary
folder, removed when the process ends.
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import posixpath
import re
import sys
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from coursebuild.errors import CourseError  # noqa: E402
from coursebuild.figures import figure_format  # noqa: E402
from coursebuild.notebooks import (  # noqa: E402
    DEFAULT_LANGUAGE,
    build_notebook,
    download_uri,
    has_notebook,
    notebook_uri,
    page_name,
    write_notebook,
)
from coursebuild.pages import counterpart, page_language, parse_page  # noqa: E402
from coursebuild.render import figure_uri, insert_after_title  # noqa: E402

log = logging.getLogger("mkdocs.plugins.coursebuild.notebooks")

JUPYTER = "mkdocs-jupyter"
CSS_URI = "assets/notebooks/jupyter.css"
LESSON_NOTE = {
    "zh": ('!!! tip "Jupyter 笔记本"\n\n'
           "    本课的文字和全部示例（连同输出）也整理成了一个 Jupyter 笔记本："
           "[在网页上查看]({page})，或[下载 {name}]({raw}){{ download }}在自己的环境中运行。\n"),
    "en": ('!!! tip "Jupyter notebook"\n\n'
           "    This lesson's text and all its examples, with their outputs, also come as a Jupyter notebook: "
           "[view it here]({page}) or [download {name}]({raw}){{ download }} to run it yourself.\n"),
}
NOTEBOOK_BAR = {
    "zh": '<p class="course-notebook-links"><a href="{lesson}">← 返回课程页面</a> · '
          '<a href="{raw}" download>下载 {name}</a></p>\n',
    "en": '<p class="course-notebook-links"><a href="{lesson}">← Back to the lesson</a> · '
          '<a href="{raw}" download>Download {name}</a></p>\n',
}
NOTEBOOK_TITLE = {"zh": "{title}（Jupyter 笔记本）", "en": "{title} (Jupyter notebook)"}


@dataclass
class Notebook:
    lesson: File  # the lesson page
    page: File  # the rendered notebook page
    raw: File  # the .ipynb to download
    lang: str


class NotebookPage(File):
    """A generated ``.ipynb`` that MkDocs treats as a page (mkdocs-jupyter's ``on_pre_page`` renders it).

    It is added after mkdocs-static-i18n has rebuilt the language's files, so i18n never turns it into a
    plain copied file (its issue #198) and ``.ipynb`` need not be a Markdown extension: the raw download
    stays an ordinary static file.
    """

    def is_documentation_page(self) -> bool:
        return True


_tmp = tempfile.TemporaryDirectory(prefix="coursebuild-notebooks-")
_cache_roots: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # plugin -> its configured cache_dir
_by_lesson: dict[str, Notebook] = {}  # lesson src_uri -> its notebook
_by_page: dict[str, Notebook] = {}  # notebook page src_uri -> its notebook
_figures: dict[str, tuple[File, str]] = {}  # sha256 of a figure's SVG -> (its file, alt text)
_css: list[File] = []  # the shared stylesheet of this build, filled by the first notebook page rendered


def _current_language(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or DEFAULT_LANGUAGE


@event_priority(-110)  # after mkdocs-static-i18n (-100) has set this build's language
def on_config(config):
    jupyter = config.plugins.get(JUPYTER)
    if jupyter is None:
        log.error("notebooks: the %s plugin is not configured in mkdocs.yml", JUPYTER)
        return config
    if jupyter.config["execute"]:
        log.error("notebooks: set execute: false for %s (the notebooks already carry the engine's outputs)",
                  JUPYTER)
    root = _cache_roots.setdefault(jupyter, jupyter.config["cache_dir"])
    base = Path(config.config_file_path).parent / root
    jupyter.config["cache_dir"] = str(base / _current_language(config))
    return config


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _shown_figure(data: dict) -> str:
    """A notebook display output back as the engine's figure string (SVG text or GIF data URI)."""
    if "image/svg+xml" in data:
        return data["image/svg+xml"]
    m = GIF_IMG_RE.search(data.get("text/html", ""))
    return m.group("uri") if m else ""


def _sha(svg: str) -> str:
    return hashlib.sha256(svg.encode("utf-8")).hexdigest()


def _alternates(file: NotebookPage, lang: str, lesson: Path, config) -> None:
    """What mkdocs-static-i18n's language switcher reads from a page's file: without it, a page keeps the
    switcher links of the page rendered before it."""
    if config.plugins.get("i18n") is None:
        return
    file.locale = file.locale_alternate_of = lang
    file.alternates = {lang: file}
    other = counterpart(lesson)
    if other.is_file():
        file.alternates[page_language(other)] = NotebookPage(notebook_uri(other), None, config.site_dir,
                                                             config.use_directory_urls)


@event_priority(-250)  # after i18n (-100) and after mkdocs_hook (-200) got every snippet's result
def on_files(files: Files, config) -> Files:
    _by_lesson.clear()
    _by_page.clear()
    _figures.clear()
    _css.clear()
    for lesson in list(files.documentation_pages()):
        if not lesson.abs_src_path or not lesson.src_uri.endswith(".md"):
            continue
        path = Path(lesson.abs_src_path)
        try:
            page = parse_page(path)
        except CourseError:  # mkdocs_hook reports it
            continue
        if not has_notebook(page):
            continue
        nb = build_notebook(path, site_url=config.site_url, page=page)
        text = write_notebook(nb)
        lang = page_language(path)
        source = Path(_tmp.name) / lang / f"{page_name(path)}.ipynb"
        _write(source, text)
        nb_page = NotebookPage.generated(config, notebook_uri(path), abs_src_path=str(source),
                                         inclusion=InclusionLevel.NOT_IN_NAV)
        raw = File.generated(config, download_uri(path), content=text.encode("utf-8"))
        _alternates(nb_page, lang, path, config)
        files.append(nb_page)
        files.append(raw)
        _by_lesson[lesson.src_uri] = _by_page[nb_page.src_uri] = Notebook(lesson, nb_page, raw, lang)
        code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
        for example, cell in zip(page.examples, code_cells):
            shown = [_shown_figure(o.data) for o in cell.outputs if o.output_type == "display_data"]
            for i, shown_figure in enumerate(shown):
                figure = files.get_file_from_path(figure_uri(example, i, figure_format(shown_figure)))
                if figure is not None:
                    alt = example.figures[i].alt if i < len(example.figures) else ""
                    _figures[_sha(shown_figure)] = (figure, alt)
    if _by_page:
        _css.append(File.generated(config, CSS_URI, content=b""))
        files.append(_css[0])
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    nb = _by_lesson.get(page.file.src_uri)
    if nb is not None:
        base = posixpath.dirname(page.file.src_uri) or "."
        note = LESSON_NOTE[nb.lang].format(page=posixpath.relpath(nb.page.src_uri, base),
                                           raw=posixpath.relpath(nb.raw.src_uri, base),
                                           name=posixpath.basename(nb.raw.src_uri))
        return insert_after_title(markdown, note)
    if page.file.src_uri in _by_page:  # its "Markdown" is the notebook's JSON: nothing to change, but
        page.meta["search"] = {"exclude": True}  # keep it out of search: the lesson page has the same text
    return markdown


# --- the rendered notebook page ---------------------------------------------------------------------------

MATHJAX_RE = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL)
MODULE_SCRIPT_RE = re.compile(r'<script type="module">.*?</script>', re.DOTALL)
STYLE_RE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)
MARKDOWN_CELL_RE = re.compile(r'<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>')
CELL_START = '<div class="jp-Cell '
WRAPPER_START, WRAPPER_END = '<div class="jupyter-wrapper">', "<!-- jupyter-wrapper -->"
TAG_OR_TEXT_RE = re.compile(r"(<[^>]*>)")
DISPLAY_RE = re.compile(r"<p>\$\$(.+?)\$\$</p>", re.DOTALL)
# $...$ as pandoc reads it: no space right inside the dollars, no digit right after the closing one.
INLINE_RE = re.compile(r"(?<![\\$])\$(?![\s$])(?P<tex>[^$]*?[^\s\\$])\$(?!\d)")
# nbconvert's slug of a heading (empty for Chinese) and the lesson's anchor kept in the notebook
HEADING_RE = re.compile(r'<h(?P<n>[1-6]) id="[^"]*"><a id="(?P<id>[^"]+)"></a>(?P<text>.*?)'
                        r'<a class="anchor-link" href="#[^"]*">', re.DOTALL)
HEADING_ID_RE = re.compile(r'<h[1-6] id="([^"]*)"')
SVG_IMG_RE = re.compile(r'<img alt="[^"]*" src="data:image/svg\+xml;base64,(?P<data>[A-Za-z0-9+/=]+)"')
GIF_IMG_RE = re.compile(r'<img alt="[^"]*" src="(?P<uri>data:image/gif;base64,[A-Za-z0-9+/=]+)"')


def _display(m: re.Match) -> str:
    return f'<div class="arithmatex">\\[{m.group(1)}\\]</div>'


def _inline_math(text: str) -> str:
    return INLINE_RE.sub(lambda m: f'<span class="arithmatex">\\({m["tex"]}\\)</span>', text)


def _markdown_math(cell_html: str) -> str:
    """nbconvert leaves a Markdown cell's TeX as text between dollars (HTML-escaped, never split by a tag):
    wrap it the way pymdownx.arithmatex does, outside <code> and <pre>."""
    cell_html = DISPLAY_RE.sub(_display, cell_html)
    parts = TAG_OR_TEXT_RE.split(cell_html)
    depth = 0
    for i, part in enumerate(parts):
        if part.startswith("<"):
            name = re.match(r"</?\s*(\w+)", part)
            if name and name.group(1).lower() in ("code", "pre"):
                depth += -1 if part.startswith("</") else 1
        elif depth == 0 and "$" in part:
            parts[i] = _inline_math(part)
    return "".join(parts)


def _math(content: str) -> str:
    out, pos = [], 0
    for m in MARKDOWN_CELL_RE.finditer(content):  # a Markdown cell's HTML runs up to the next cell
        if m.start() < pos:
            continue
        end = content.find(CELL_START, m.end())
        end = len(content) if end < 0 else end
        out += [content[pos:m.end()], _markdown_math(content[m.end():end])]
        pos = end
    return "".join(out) + content[pos:]


def _heading(m: re.Match) -> str:
    n, anchor = m["n"], m["id"]
    return f'<h{n} id="{anchor}">{m["text"]}<a class="anchor-link" href="#{anchor}">'


def notebook_page_html(content: str) -> str:
    """mkdocs-jupyter's HTML for one notebook, made to load nothing from a CDN, to use the site's math and
    to keep the lesson's heading anchors."""
    content = MATHJAX_RE.sub("", content)
    content = MODULE_SCRIPT_RE.sub(lambda m: "" if "mermaid" in m.group(0) else m.group(0), content)
    content = _math(content)
    return HEADING_RE.sub(_heading, content)


def _fix_toc(page, content: str) -> None:
    """mkdocs-jupyter's table of contents slugs headings its own way: use the ids the page now has."""
    items, stack = [], list(reversed(list(page.toc)))
    while stack:
        item = stack.pop()
        items.append(item)
        stack.extend(reversed(item.children))
    ids = HEADING_ID_RE.findall(content)
    if len(ids) == len(items):
        for item, anchor in zip(items, ids):
            item.id = anchor


def _figure_files(content: str, page) -> str:
    """Each figure as the file ``mkdocs_hook`` serves under the lesson (same bytes), with its alt text."""
    def linked(m: re.Match, figure: str) -> str:
        hit = _figures.get(_sha(figure))
        if hit is None:
            return m.group(0)
        file, alt = hit
        return f'<img alt="{html.escape(alt)}" src="{html.escape(file.url_relative_to(page.file))}" loading="lazy"'

    def svg(m: re.Match) -> str:
        try:
            return linked(m, base64.b64decode(m["data"]).decode("utf-8"))
        except ValueError:
            return m.group(0)

    return GIF_IMG_RE.sub(lambda m: linked(m, m["uri"]), SVG_IMG_RE.sub(svg, content))


def _shared_css(content: str, page) -> str:
    """JupyterLab's CSS (the same on every notebook page) from one stylesheet instead of inline."""
    start, end = content.find(WRAPPER_START), content.rfind(WRAPPER_END)
    if not _css or start < 0 or end < 0:
        return content
    head = STYLE_RE.split(content[:start])  # text, css, text, css, ..., text
    tail = STYLE_RE.split(content[end:])
    css = "\n".join(head[1::2] + tail[1::2]).encode("utf-8")
    if not _css[0].content_bytes:
        _css[0].content_bytes = css
    if css != _css[0].content_bytes:
        return content  # not the stylesheet the other pages share: keep it inline
    link = f'<link rel="stylesheet" href="{html.escape(_css[0].url_relative_to(page.file))}">\n'
    return link + "".join(head[0::2]) + content[start:end] + "".join(tail[0::2])


def _site_links(content: str, page, site_url: str | None) -> str:
    """The notebook links other lessons by absolute URL (it is also read offline); on the site, relative."""
    if not site_url:
        return content
    prefix = site_url.rstrip("/") + "/"

    def relative(m: re.Match) -> str:
        path, hash_, fragment = m.group(1).partition("#")
        url = get_relative_url(path or ".", page.url)
        if (path.endswith("/") or not path) and not url.endswith("/"):
            url += "/"
        return f'href="{url}{hash_}{fragment}"'

    return re.sub(r'href="' + re.escape(prefix) + r'([^"]*)"', relative, content)


def on_page_content(content: str, page, config, files) -> str:
    nb = _by_page.get(page.file.src_uri)
    if nb is None:
        return content
    content = _site_links(notebook_page_html(content), page, config.site_url)
    _fix_toc(page, content)
    content = _figure_files(content, page)
    content = _shared_css(content, page)
    if page.title:
        page.title = NOTEBOOK_TITLE[nb.lang].format(title=page.title)
    bar = NOTEBOOK_BAR[nb.lang].format(lesson=html.escape(nb.lesson.url_relative_to(page.file)),
                                       raw=html.escape(nb.raw.url_relative_to(page.file)),
                                       name=html.escape(posixpath.basename(nb.raw.src_uri)))
    return bar + content
