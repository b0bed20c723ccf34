"""Companion notebooks: each lesson page, in each language, as a Jupyter notebook generated from the page.

The notebook is derived, never kept by hand: :func:`build_notebook` reads the page with
:func:`coursebuild.pages.parse_page` and turns

* the prose between examples into Markdown cells (front matter, expected-output markers and blocks and notes to
  authors dropped; a ``<!--figure-->`` line becomes its caption in italics, under the figure; LaTeX kept, display
  math inside a block quote on one line; admonitions and content tabs become block quotes, explicit heading
  anchors ``{ #id }`` become ``<a id>`` anchors, links to other pages become site URLs, an interactive widget a
  link to it on the site); the text of a block the page shows folded (an exercise's solution) in cells of its own,
  folded as the block's code cells are;
* each example into a code cell holding the snippet's source, with the outputs the engine recorded
  (``stdout`` as a stream, each ``plt.show()`` as an ``image/svg+xml`` display, an animation as a GIF).

The JSON is deterministic: cell ids derive from the page and the cell's index, execution counts are
1, 2, 3..., there are no timestamps, and :func:`notebook_json` writes keys sorted, as nbformat does.
The MkDocs hook (``notebook_hook.py``) and the tests call the same functions.
"""

from __future__ import annotations

import copy
import functools
import html
import posixpath
import re
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from ..engine import Engine, default_engine
from ..engine.figures import figure_format
from ..errors import CourseError
from ..pages.parse import DEFAULT_LANGUAGE, FENCE_RE, MARKER_RE, Example, Page, page_language, parse_page
from ..pages.refs import filled_in

INTRO = {
    "zh": ("> 本笔记本由课程页面{link}自动生成：文字和代码与页面相同，输出来自构建网站时的真实运行。"
           "运行它需要 Python {python} 和这三个库（版本与生成输出时相同）：`{install}`"),
    "en": ("> This notebook is generated from the lesson page{link}: the same text and code, with the outputs "
           "of the run made when the site was built. Running it needs Python {python} and three libraries, in "
           "the versions that produced the outputs: `{install}`"),
}
#: The distributions the snippets import (tests/test_codeblocks.py checks the home page's list against them).
RUNTIME = ("torch", "matplotlib", "noto-cjk-sans-otc")
#: What a lesson page shows in place of an interactive widget, which a notebook cannot run.
WIDGET = {"zh": "> *交互式演示只在网站上：[在课程页面上试一试]({url})。*",
          "en": "> *The interactive widget runs on the site only: [try it on the lesson page]({url}).*"}
WIDGET_RE = re.compile(r'^[ \t]*<div class="course-playground"[^>]*></div>[ \t]*$')
COMMENT_LINE_RE = re.compile(r"^[ \t]*<!--.*-->[ \t]*$")  # a note to authors (translation-checked: ...)
LINK = {"zh": "《[{title}]({url})》", "en": " [{title}]({url})"}
PLAIN_TITLE = {"zh": "《{title}》", "en": " “{title}”"}

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
LANGUAGE_INFO = {"name": "python", "pygments_lexer": "ipython3",
                 "codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
                 "mimetype": "text/x-python", "nbconvert_exporter": "python"}

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
TITLE_RE = re.compile(r"^#[ \t]+(?P<title>.*?)[ \t]*(?:\{[^}]*\})?[ \t]*$")
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*\{(?P<attrs>[^}]*)\}[ \t]*$")
ANCHOR_RE = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")
CONTAINER_RE = re.compile(r'^(?P<indent>[ \t]*)(?P<kind>!!!|\?\?\?\+?|===\+?)[ \t]*'
                          r'(?P<type>[\w-]+(?:[ \t]+[\w-]+)*)?[ \t]*(?:"(?P<title>[^"]*)")?[ \t]*$')
LINK_RE = re.compile(r"(?P<pre>\]\(|^\[[^\]]+\]:[ \t]*)(?P<target>[^)\s#]+\.md)(?P<frag>#[^)\s]*)?")
PLACEHOLDER = "\x00example:{}\x00"
PLACEHOLDER_RE = re.compile(r"\x00example:(\d+)\x00")
#: Where the text of a block the page shows folded (an exercise's solution) starts and ends: it gets cells of its own
FOLD_OPEN, FOLD_CLOSE = "\x00fold:open\x00", "\x00fold:close\x00"
#: A folded cell's metadata, as JupyterLab writes it for a cell whose input is collapsed (a code cell's also hides
#: its outputs): the student opens it with a click, as the solution on the page.
FOLDED = {"jupyter": {"source_hidden": True}, "tags": ["solution"]}


def page_name(path: str | Path) -> str:
    """``docs/optimizers.en.md`` -> ``optimizers``."""
    name = Path(path).name
    return name.removesuffix(".md").removesuffix(".en")


def site_prefix(lang: str) -> str:
    """Where a language lives on the site (mkdocs-static-i18n, suffix structure): zh at the root, en under en/."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def notebook_uri(path: str | Path) -> str:
    """Site path of a page's rendered notebook: ``notebooks/optimizers.ipynb``, ``en/notebooks/optimizers.ipynb``."""
    return f"{site_prefix(page_language(path))}notebooks/{page_name(path)}.ipynb"


def download_uri(path: str | Path) -> str:
    """Site path of the raw notebook, next to the rendered one: ``notebooks/optimizers/optimizers.ipynb``.

    Not ``notebooks/optimizers.en.ipynb``: mkdocs-static-i18n resolves a link to ``notebooks/optimizers.ipynb``
    by trying ``notebooks/optimizers.<lang>.ipynb`` first, which would send the page link to the raw file.
    """
    name = page_name(path)
    return f"{site_prefix(page_language(path))}notebooks/{name}/{name}.ipynb"


def has_notebook(page: Page) -> bool:
    """Lesson pages get a notebook; the home page and pages without examples do not."""
    return bool(page.examples) and page_name(page.path) != "index"


def page_url(site_url: str | None, lang: str, target: str) -> str | None:
    """Absolute URL of a docs-relative Markdown file (``optimizers.md`` -> ``{site_url}en/optimizers/``)."""
    if not site_url:
        return None
    stem = target.removesuffix(".md").removesuffix(f".{lang}")
    path = "" if stem == "index" else (stem.removesuffix("/index") + "/")
    return site_url.rstrip("/") + "/" + site_prefix(lang) + path


# --- prose -> Markdown cells ------------------------------------------------------------------------------


def _example_lines(page: Page) -> tuple[dict[int, int], set[int]]:
    """Line indices (0-based) that make up the examples: fence start -> example index, and all their lines."""
    fences = {f.start: f for f in page.fences}
    starts: dict[int, int] = {}
    skip: set[int] = set()
    for k, ex in enumerate(page.examples):
        code = fences[ex.line - 2]
        starts[code.start] = k
        skip.update(range(code.start, code.end + 1))
        if ex.output_line is not None:
            out = fences[ex.output_line - 2]
            skip.update(range(out.start, out.end + 1))
    inside, figures = page.fenced_lines, _captions(page)
    for i, line in enumerate(page.lines):  # expected-output markers and notes to authors (a figure's is kept)
        if i not in inside and i not in figures and (MARKER_RE.match(line) or COMMENT_LINE_RE.match(line)):
            skip.add(i)
    return starts, skip


def _captions(page: Page) -> dict[int, str]:
    """Line index -> caption of each ``<!--figure-->`` line, as the page's parser read it."""
    return {figure.line - 1: figure.caption for example in page.examples for figure in example.figures}


def _shown(line: str, lang: str, section_url: str | None, caption: str | None) -> str:
    """A line of prose as the notebook shows it: a figure's marker as its caption in italics (the figure is the
    output above it), an interactive widget as a link to it on the site."""
    indent = line[:len(line) - len(line.lstrip())]
    if caption is not None:
        return f"{indent}*{caption}*"
    if WIDGET_RE.match(line):  # without the site's address, nothing to link to: left out
        return indent + WIDGET[lang].format(url=section_url) if section_url else ""
    return line


def _one_line_display_math(lines: list[str]) -> list[str]:
    """Display math (``$$`` … ``$$`` over several lines) on one line: inside a block quote, JupyterLab takes the
    ``>`` of each line into the equation (jupyterlab#16755). LaTeX reads a line break as a space."""
    out: list[str] = []
    math: list[str] | None = None
    for line in lines:
        if math is not None:
            math.append(line.strip())
            if line.strip().endswith("$$"):
                out.append(" ".join(part for part in math if part))
                math = None
        elif line.strip().startswith("$$") and not (len(line.strip()) > 2 and line.strip().endswith("$$")):
            math = [line.rstrip()]
        else:
            out.append(line)
    return out + (math or [])


def _convert_containers(lines: list[str], outermost: bool = True) -> list[str]:
    """Admonitions (``!!! note "Title"``), details (``???``) and tabs (``=== "Tab"``) as block quotes:
    Jupyter has none of them and would show their indented bodies as code. An outermost folded block (``???``, not
    ``???+``) is put between ``FOLD_OPEN`` and ``FOLD_CLOSE`` lines."""
    out: list[str] = []
    fence = None  # the fence of the code block we are in
    i = 0
    while i < len(lines):
        opening = FENCE_RE.match(lines[i])
        if opening and (fence is None or opening["fence"].startswith(fence) and not opening["info"].strip()):
            fence = opening["fence"] if fence is None else None
        m = CONTAINER_RE.match(lines[i]) if fence is None else None
        if not m or m["indent"]:
            out.append(lines[i])
            i += 1
            continue
        body: list[str] = []
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or lines[j].startswith("    ") or lines[j].startswith("\t")):
            body.append(lines[j][4:] if lines[j].startswith("    ") else lines[j][1:] if lines[j].strip() else "")
            j += 1
        while body and not body[-1].strip():  # trailing blank lines belong to the text after the block
            body.pop()
            j -= 1
        title = m["title"]
        if title is None:
            title = (m["type"] or "").split()[0].replace("-", " ").capitalize() if m["type"] else ""
        quoted = ([f"**{title}**", ""] if title else []) + _convert_containers(_one_line_display_math(body), False)
        folded = outermost and m["kind"] == "???"
        out.extend([FOLD_OPEN] * folded + [f"> {ln}".rstrip() for ln in quoted] + [FOLD_CLOSE] * folded)
        i = j
    return out


def _convert_line(line: str, lang: str, site_url: str | None) -> str:
    heading = HEADING_RE.match(line)
    if heading:
        anchor = ANCHOR_RE.search(" " + heading["attrs"])
        tag = f'<a id="{anchor["id"]}"></a>' if anchor else ""
        line = f"{heading['hashes']} {tag}{heading['text']}"

    def link(m: re.Match) -> str:
        url = page_url(site_url, lang, posixpath.normpath(m["target"]))
        if url is None or "://" in m["target"]:
            return m.group(0)
        return m["pre"] + url + (m["frag"] or "")

    return LINK_RE.sub(link, line)


#: A line of a block quote with nothing in it (``>``, ``> >``): what is left where an example's code or output was
EMPTY_QUOTE_RE = re.compile(r"^>(?: ?>)*$")


def _without_empty_quote_runs(lines: list[str]) -> list[str]:
    """One empty quote line where several follow each other, none where a cell starts or ends: a solution's text
    after its code cell would otherwise open with the empty lines that stood for the code and its output. (One
    before a line of text outside the quote stays: without it, that line would continue the quote.)"""
    out: list[str] = []
    for line in lines:
        if EMPTY_QUOTE_RE.match(line) and (not out or out[-1] == line or not out[-1].strip()):
            continue
        out.append(line)
    while out and EMPTY_QUOTE_RE.match(out[-1]):
        out.pop()
    return out


def _markdown(lines: list[str], lang: str, site_url: str | None) -> str:
    text = "\n".join(_convert_line(ln, lang, site_url) for ln in _without_empty_quote_runs(lines))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _title_line(page: Page) -> int | None:
    """Index of the page's ``# Title`` line (outside code blocks), if it has one."""
    inside = page.fenced_lines
    for i, line in enumerate(page.lines):
        if i not in inside and TITLE_RE.match(line):
            return i
    return None


@functools.cache
def install_line() -> str:
    """``pip install`` of the snippets' libraries at the versions of this environment, which produced the outputs
    (read from package metadata: nothing is imported; once per process, as every notebook's digest asks for it:
    ≈ 3 ms a call, 0.03-0.05 s of each warm build)."""
    from importlib.metadata import version

    return "pip install " + " ".join(f"{name}=={version(name).split('+')[0]}" for name in RUNTIME)


def _intro(page: Page, lang: str, site_url: str | None, title_line: int | None) -> str:
    title = TITLE_RE.match(page.lines[title_line])["title"] if title_line is not None else page_name(page.path)
    url = page_url(site_url, lang, page_name(page.path) + ".md")
    link = LINK[lang].format(title=title, url=url) if url else PLAIN_TITLE[lang].format(title=title)
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return INTRO[lang].format(link=link, python=python, install=install_line())


def prose_segments(page: Page, site_url: str | None = None) -> list[list[tuple[str, bool]]]:
    """The page's prose as Markdown cells: the cells before each example and those after the last (len = examples
    + 1), each as (its Markdown, whether it is folded: the text of a block the page shows folded).

    The intro (where the notebook comes from, what it needs) goes right under the page's title.
    """
    lang = page_language(page.path)
    lines = page.lines
    body_start = 0
    front = FRONT_MATTER_RE.match(page.text)
    if front:
        body_start = front.group(0).count("\n")
    starts, skip = _example_lines(page)
    title_line = _title_line(page)
    intro = ["", _intro(page, lang, site_url, title_line), ""]
    kept: list[str] = [] if title_line is not None else intro[1:]
    inside, captions = page.fenced_lines, _captions(page)
    section = None  # the anchor of the heading above: where a widget is on the site
    url = page_url(site_url, lang, page_name(page.path) + ".md")
    for i in range(body_start, len(lines)):
        if i in starts:
            kept.append(page.examples[starts[i]].indent + PLACEHOLDER.format(starts[i]))  # inside its container
        if i in skip:
            continue
        heading = HEADING_RE.match(lines[i]) if i not in inside else None
        anchor = ANCHOR_RE.search(" " + heading["attrs"]) if heading else None
        section = anchor["id"] if anchor else section
        kept.append(lines[i] if i in inside else
                    _shown(lines[i], lang, url and section and f"{url}#{section}", captions.get(i)))
        if i == title_line:
            kept.extend(intro)
    segments: list[list[tuple[list[str], bool]]] = [[([], False)]]  # per example: its cells' lines, folded?
    folded = False
    for line in _convert_containers(kept):
        if PLACEHOLDER_RE.search(line):
            segments.append([([], folded)])
        elif line in (FOLD_OPEN, FOLD_CLOSE):
            folded = line == FOLD_OPEN
            segments[-1].append(([], folded))
        else:
            segments[-1][-1][0].append(line)
    cells = [[(_markdown(lines, lang, site_url), folded) for lines, folded in segment] for segment in segments]
    return [[(text, folded) for text, folded in segment if text] for segment in cells]


# --- examples -> code cells -------------------------------------------------------------------------------


def in_folded_block(page: Page, example: Example) -> bool:
    """Whether the example is inside a block the page shows folded (``??? success "Solution"``, not ``???+``):
    the nearest line above it that is indented less than it opens its container."""
    depth = len(example.indent.expandtabs(4))
    if depth == 0:
        return False
    fences = {f.start: f for f in page.fences}
    for line in reversed(page.lines[:fences[example.line - 2].start]):
        if line.strip() and len(line) - len(line.lstrip()) < depth:
            opening = CONTAINER_RE.match(line)
            return bool(opening) and opening["kind"] == "???"
    return False


def _outputs(example: Example, engine: Engine) -> list:
    try:
        result = engine.result(example.snippet_path)
    except CourseError:  # the build and the tests report it; the notebook shows no output
        return []
    if result is None:  # execution off and nothing cached
        return []
    outputs = []
    if result.stdout:
        outputs.append(new_output("stream", name="stdout", text=result.stdout))
    alts = [figure.alt for figure in example.figures]  # the page's, its numbers filled in
    for i, figure in enumerate(result.figures):
        if figure_format(figure) == "gif":  # an animation: Jupyter and nbconvert show it as an <img>, described
            alt = html.escape(alts[i] if i < len(alts) else "")
            data = {"text/html": f'<img alt="{alt}" src="{figure}">'}
        else:
            data = {"image/svg+xml": figure}
        outputs.append(new_output("display_data", data=data, metadata={}))
    return outputs


def build_notebook(path: str | Path, engine: Engine | None = None, site_url: str | None = None,
                   page: Page | None = None) -> nbformat.NotebookNode:
    """The notebook of one page (``site_url``: where links to other lessons point; none leaves them as written)."""
    page = page or parse_page(Path(path))
    engine = engine or default_engine()
    page = filled_in(page, engine)  # the numbers the page quotes from its snippets, as on the site
    lang = page_language(page.path)
    stem = f"{page_name(page.path)}-{lang}"
    cells = []

    def cell_id() -> str:
        return f"{stem}-{len(cells):02d}"

    def prose(segment: list[tuple[str, bool]]) -> None:
        for text, folded in segment:
            cells.append(new_markdown_cell(text, id=cell_id(), metadata=copy.deepcopy(FOLDED) if folded else {}))

    segments = prose_segments(page, site_url)
    for k, example in enumerate(page.examples):
        prose(segments[k])
        source = example.snippet_path.read_text(encoding="utf-8").rstrip("\n")
        cell = new_code_cell(source, id=cell_id(), execution_count=k + 1, outputs=_outputs(example, engine))
        if in_folded_block(page, example):  # a solution: folded, as on the page, until the student opens it
            cell.metadata.update(copy.deepcopy(FOLDED))
            cell.metadata["jupyter"]["outputs_hidden"] = True
        cells.append(cell)
    prose(segments[-1])
    return new_notebook(cells=cells, metadata={"kernelspec": dict(KERNELSPEC),
                                               "language_info": dict(LANGUAGE_INFO)})


def write_notebook(nb: nbformat.NotebookNode) -> str:
    """The text of an ``.ipynb`` file, byte for byte what ``nbformat.write`` saves (sorted keys, one-space
    indent, final newline; nbformat validates it and logs what is wrong, the tests fail on it)."""
    return nbformat.writes(nb, version=4) + "\n"


def notebook_json(path: str | Path, engine: Engine | None = None, site_url: str | None = None,
                  page: Page | None = None) -> str:
    """:func:`build_notebook` written as an ``.ipynb`` file's text."""
    return write_notebook(build_notebook(path, engine, site_url, page))
