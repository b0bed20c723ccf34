"""Read a course page: which snippets it embeds, the output it promises, the figures it captions.

A page embeds an example like this (the only form of ``python`` block a page may hold):

    ```python
    --8<-- "optimizers/momentum.zh.py"
    ```

    <!--pytest-codeblocks:expected-output-->

    ```
    ...exactly what the snippet prints...
    ```

    <!--figure: caption | alt text-->      (one line per figure the snippet shows)

Everything is checked strictly, because pytest-codeblocks skips what it does not recognise
without a word: an unclosed fence, a misspelt marker, a ``py`` fence or a block between an
example and its output are errors with the page's file and line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import SNIPPETS_DIR
from ..errors import PageError

FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
INCLUDE_RE = re.compile(r"^[ \t]*--8<--[ \t]+\"(?P<path>[^\"]+)\"[ \t]*$")
MARKER_RE = re.compile(r"^[ \t]*<!--\s*(?P<body>pytest[^>]*?)\s*-->[ \t]*$")
FIGURE_RE = re.compile(r"^[ \t]*<!--\s*figure:(?P<body>.*?)-->[ \t]*$")

#: pytest-codeblocks' markers; a page may use only ``expected-output`` (the rest would hide a block).
KNOWN_MARKERS = (
    "pytest-codeblocks:expected-output",
    "pytest-codeblocks:expected-output-ignore-whitespace",
    "pytest-codeblocks:skip",
    "pytest-codeblocks:skipfile",
    "pytest-codeblocks:cont",
    "pytest-codeblocks:importorskip",
)
ALLOWED_MARKER = "pytest-codeblocks:expected-output"
#: Fence info strings pytest-codeblocks collects. Anything python-like but not exactly one of
#: these would be skipped silently, so it is an error on a page.
COLLECTED_INFO = ("python", "sh", "bash")
PYTHONISH_RE = re.compile(r"^\{?\s*\.?(py|python\d?|sh|bash)\b", re.IGNORECASE)


@dataclass
class Figure:
    caption: str
    alt: str
    line: int


@dataclass
class Example:
    """One embedded snippet and what the page says it prints and draws."""

    page: Path
    snippet: str  # path relative to snippets/, as written in the include
    line: int  # 1-based line of the include
    indent: str
    snippets_dir: Path = SNIPPETS_DIR
    expected_output: str | None = None
    output_line: int | None = None  # first line of the expected-output block's content
    figures: list[Figure] = field(default_factory=list)

    @property
    def snippet_path(self) -> Path:
        return self.snippets_dir / self.snippet


@dataclass
class Fence:
    info: str
    start: int  # 0-based index of the opening line
    end: int  # 0-based index of the closing line
    indent: str


@dataclass
class Page:
    path: Path
    text: str
    examples: list[Example]
    fences: list[Fence]

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @property
    def fenced_lines(self) -> set[int]:
        """0-based indices of every line of a fenced block, its fences included: code, not prose."""
        return {i for f in self.fences for i in range(f.start, f.end + 1)}


def scan_fences(path: Path, lines: list[str]) -> list[Fence]:
    """All fenced blocks of a page; an unclosed fence is an error at the line that opened it."""
    fences: list[Fence] = []
    i = 0
    while i < len(lines):
        m = FENCE_RE.match(lines[i])
        if not m:
            i += 1
            continue
        char, length = m["fence"][0], len(m["fence"])
        close = re.compile(rf"^[ \t]*{re.escape(char)}{{{length},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        if j == len(lines):
            raise PageError(path, i + 1, f"code fence {m['fence']}{m['info']} is never closed",
                            f"add a closing {m['fence']} line")
        fences.append(Fence(m["info"].strip(), i, j, m["indent"]))
        i = j + 1
    return fences


def _check_marker(path: Path, lineno: int, body: str) -> str:
    name = body.split("(")[0].strip()
    if name.startswith("pytest.mark."):
        raise PageError(path, lineno, f"pytest mark <!--{body}--> on a course page would change "
                        "how a block runs", "remove it; a snippet that must not run is not an example")
    if name not in KNOWN_MARKERS:
        guess = difflib.get_close_matches(name, KNOWN_MARKERS, n=1)
        hint = f"did you mean <!--{guess[0]}-->?" if guess else f"use <!--{ALLOWED_MARKER}-->"
        raise PageError(path, lineno, f"unknown pytest-codeblocks marker <!--{body}--> "
                        "(pytest-codeblocks would ignore it and check nothing)", hint)
    if name != ALLOWED_MARKER:
        raise PageError(path, lineno, f"marker <!--{body}--> would hide a block from the tests",
                        f"pages use only <!--{ALLOWED_MARKER}-->")
    return name


def parse_page(path: Path, text: str | None = None, snippets_dir: Path = SNIPPETS_DIR) -> Page:
    """Parse and validate a page. Raises :class:`PageError` on the first problem found."""
    path = Path(path)
    if text is None:
        text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    fences = scan_fences(path, lines)
    by_start = {f.start: f for f in fences}
    inside = {i for f in fences for i in range(f.start, f.end + 1)}

    examples: list[Example] = []
    pending_marker: int | None = None  # line index of an expected-output marker awaiting its block
    last: Example | None = None  # the example that output / figure lines attach to
    for i, line in enumerate(lines):
        if i in inside and i not in by_start:
            continue
        if i in by_start:
            fence = by_start[i]
            info = fence.info
            if pending_marker is not None:
                if info:
                    raise PageError(path, i + 1, f"the block after the expected-output marker on line "
                                    f"{pending_marker + 1} has info string {info!r}",
                                    "an expected-output block is a bare ``` fence")
                assert last is not None
                # inside an admonition the block is indented: its text is what is under the indent
                ind = fence.indent
                last.expected_output = "".join((ln[len(ind):] if ln.startswith(ind) else ln.lstrip()) + "\n"
                                               for ln in lines[fence.start + 1:fence.end])
                last.output_line = fence.start + 2
                pending_marker = None
                continue
            if info in COLLECTED_INFO:
                last = _example(path, lines, fence, snippets_dir)
                examples.append(last)
                continue
            if PYTHONISH_RE.match(info):
                raise PageError(path, i + 1, f"fence info {info!r} is skipped silently by pytest-codeblocks",
                                "write ```python and embed a snippet")
            last = None  # any other block (text, math, a table) ends the example
            continue
        stripped = line.strip()
        if not stripped:
            continue
        marker = MARKER_RE.match(line)
        if marker:
            _check_marker(path, i + 1, marker["body"])
            if last is None or last.expected_output is not None:
                raise PageError(path, i + 1, "expected-output marker does not follow an example",
                                "put it right under the ```python block it checks")
            pending_marker = i
            continue
        if re.match(r"^\s*<!--\s*pytest", line):
            raise PageError(path, i + 1, f"malformed pytest-codeblocks marker {stripped!r}",
                            f"write it on one line as <!--{ALLOWED_MARKER}-->")
        figure = FIGURE_RE.match(line)
        if figure:
            if last is None:
                raise PageError(path, i + 1, "figure caption does not follow an example",
                                "put <!--figure: caption | alt--> lines right under the example's output")
            caption, _, alt = figure["body"].partition("|")
            if not caption.strip() or not alt.strip():
                raise PageError(path, i + 1, "a figure line needs a caption and alt text",
                                "write <!--figure: caption | alt text-->")
            last.figures.append(Figure(caption.strip(), alt.strip(), i + 1))
            continue
        if pending_marker is not None:
            raise PageError(path, i + 1, f"text between the expected-output marker on line "
                            f"{pending_marker + 1} and its block", "the marker goes right above the block")
        last = None
    if pending_marker is not None:
        raise PageError(path, pending_marker + 1, "expected-output marker with no block after it")
    return Page(path, text, examples, fences)


def _example(path: Path, lines: list[str], fence: Fence, snippets_dir: Path) -> Example:
    body = [ln for ln in lines[fence.start + 1:fence.end] if ln.strip()]
    if fence.info != "python" or len(body) != 1 or not INCLUDE_RE.match(body[0]):
        raise PageError(path, fence.start + 1, f"a ```{fence.info} block on a course page must hold exactly "
                        "one snippet include", 'move the code to snippets/ and write --8<-- "dir/name.py"')
    snippet = INCLUDE_RE.match(body[0])["path"]
    example = Example(path, snippet, fence.start + 2, fence.indent, snippets_dir)
    if not example.snippet_path.is_file():
        near = difflib.get_close_matches(snippet, [str(p.relative_to(snippets_dir))
                                                   for p in snippets_dir.rglob("*.py")], n=1)
        raise PageError(path, example.line, f"snippet {snippet!r} does not exist under snippets/",
                        f"did you mean {near[0]!r}?" if near else "create it or correct the path")
    return example


def expand(page: Page) -> str:
    """The page with every include replaced by the snippet's text, as pymdownx.snippets renders it."""
    lines = page.lines
    for ex in sorted(page.examples, key=lambda e: e.line, reverse=True):
        source = ex.snippet_path.read_text(encoding="utf-8").rstrip("\n").splitlines()
        lines[ex.line - 1:ex.line] = [ex.indent + s if s or ex.indent else s for s in source]
    return "\n".join(lines) + "\n"


DEFAULT_LANGUAGE = "zh"  # the site root; English pages are x.en.md, built under /en/


def page_language(path: str | Path) -> str:
    """``x.en.md`` is English; every other page is Chinese, the site's default language."""
    return "en" if str(path).endswith(".en.md") else DEFAULT_LANGUAGE


def counterpart(page: Path) -> Path:
    """The same page in the other language: docs/x.md <-> docs/x.en.md."""
    name = page.name
    if name.endswith(".en.md"):
        return page.with_name(name[: -len(".en.md")] + ".md")
    return page.with_name(name[: -len(".md")] + ".en.md")


def course_pages(docs_dir: Path) -> list[Path]:
    return sorted(p for p in docs_dir.rglob("*.md"))
