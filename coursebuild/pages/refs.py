"""Values from the snippets in the text: ``\\val{stem.name[i]:spec}`` anywhere in a page's Markdown.

``stem`` names a snippet the page embeds above the reference (``momentum`` for ``optimizers/momentum.zh.py``),
``name`` one of its top-level variables after it ran, ``[i]`` indexes a list, tensor or array, and ``spec`` is
Python's format mini-language (``.4f``, ``g``, ``,``, ``.1%``). The form reads as a LaTeX macro, so it sits
naturally inside ``$...$``; Markdown, KaTeX and Jinja give ``\\val{`` no meaning, and the reference is replaced
before any of them sees the page.

Every problem is a :class:`~coursebuild.errors.PageError` naming the page's line and what exists instead.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from ..engine.result import Result
from ..engine.values import UNFORMATTABLE, from_json
from ..errors import PageError
from .parse import Page, scan_fences

REF_RE = re.compile(r"\\val\{(?P<body>[^{}]*)\}")
BODY_RE = re.compile(r"^(?P<stem>[A-Za-z_]\w*)\.(?P<name>[A-Za-z_]\w*)(?P<index>(?:\[-?\d+\])*)(?::(?P<spec>.*))?$")
INDEX_RE = re.compile(r"\[(-?\d+)\]")
OPEN_RE = re.compile(r"\\val\{")


def stem_of(snippet: str) -> str:
    """``optimizers/momentum.zh.py`` -> ``momentum``."""
    name = snippet.rsplit("/", 1)[-1]
    return re.sub(r"(\.(zh|en))?\.py$", "", name)


@dataclass
class Ref:
    line: int  # 1-based line in the page
    text: str  # the whole reference as written
    stem: str
    name: str
    index: tuple[int, ...]
    spec: str | None
    example: int | None = None  # index in page.examples of the snippet it reads

    @property
    def where(self) -> str:
        return f"{self.stem}.{self.name}"


def find_refs(page: Page) -> list[Ref]:
    """Every reference outside code fences, each bound to the nearest example of its stem above it."""
    inside = page.fenced_lines
    stems = [stem_of(ex.snippet) for ex in page.examples]  # once per page, not once per reference
    refs: list[Ref] = []
    for i, line in enumerate(page.lines):
        if i in inside or "\\val" not in line:
            continue
        found = list(REF_RE.finditer(line))
        if len(found) != len(OPEN_RE.findall(line)):
            raise PageError(page.path, i + 1, "a \\val{ reference is not closed on its line",
                            "write \\val{stem.name:spec} on one line")
        for m in found:
            body = BODY_RE.match(m["body"].strip())
            if not body:
                raise PageError(page.path, i + 1, f"malformed reference {m[0]!r}",
                                "write \\val{stem.name}, \\val{stem.name:.4f} or \\val{stem.name[0]:g}")
            index = tuple(int(x) for x in INDEX_RE.findall(body["index"]))
            ref = Ref(i + 1, m[0], body["stem"], body["name"], index, body["spec"])
            above = [k for k, ex in enumerate(page.examples) if ex.line < ref.line and stems[k] == ref.stem]
            if not above:
                embedded = sorted({stems[k] for k, ex in enumerate(page.examples) if ex.line < ref.line})
                later = ref.stem in stems
                problem = (f"{ref.text} reads snippet {ref.stem!r}, which the page embeds only further down"
                           if later else f"{ref.text} reads snippet {ref.stem!r}, which the page does not embed")
                hint = f"snippets embedded above this line: {', '.join(embedded)}" if embedded else \
                    "embed the snippet above the reference"
                raise PageError(page.path, ref.line, problem, hint)
            ref.example = above[-1]
            refs.append(ref)
    return refs


def wanted_names(page: Page, refs: list[Ref]) -> dict[int, tuple[str, ...]]:
    """Example index -> the variable names the page reads from it."""
    names: dict[int, set[str]] = {}
    for ref in refs:
        names.setdefault(ref.example, set()).add(ref.name)
    return {k: tuple(sorted(v)) for k, v in names.items()}


def format_ref(page_path: Path, ref: Ref, result: Result) -> str:
    """The reference's text on the page, or a :class:`PageError` that says what is wrong and what exists."""
    if ref.name not in result.values:
        near = difflib.get_close_matches(ref.name, result.names, n=3)
        shown = near or result.names[:12]
        raise PageError(page_path, ref.line, f"{ref.text}: snippet {ref.stem!r} has no top-level variable "
                        f"{ref.name!r}", f"variables it has: {', '.join(shown) or 'none'}")
    value = result.values[ref.name]
    if isinstance(value, dict) and UNFORMATTABLE in value:
        raise PageError(page_path, ref.line, f"{ref.text}: {ref.name} is a {value[UNFORMATTABLE]}, which a page "
                        "cannot show", "reference a number, a string, a list or a small tensor/array")
    value = from_json(value)
    for depth, i in enumerate(ref.index):
        if not isinstance(value, list):
            raise PageError(page_path, ref.line, f"{ref.text}: index {depth + 1} applies to a "
                            f"{type(value).__name__}, not a list", "remove the index")
        if not -len(value) <= i < len(value):
            raise PageError(page_path, ref.line, f"{ref.text}: index {i} is out of range",
                            f"{ref.name} has {len(value)} element(s) at that level")
        value = value[i]
    if isinstance(value, list):
        raise PageError(page_path, ref.line, f"{ref.text}: {ref.name} is a list of {len(value)} element(s)",
                        f"index it, e.g. \\val{{{ref.stem}.{ref.name}[0]{':' + ref.spec if ref.spec else ''}}}")
    try:
        return format(value, ref.spec) if ref.spec is not None else str(value)
    except (ValueError, TypeError) as exc:
        raise PageError(page_path, ref.line, f"{ref.text}: format spec {ref.spec!r} does not apply to "
                        f"{value!r} ({type(value).__name__}): {exc}",
                        "use Python's format mini-language, e.g. .4f, g, d or ,") from None


def substitute(text: str, values: list[str | None]) -> str:
    """``text`` (a page's Markdown, with or without its front matter) with its k-th reference outside code
    fences replaced by ``values[k]``; a reference whose value is None stays as written."""
    lines = text.split("\n")
    inside = {i for f in scan_fences(Path("page"), lines) for i in range(f.start, f.end + 1)}
    counter = iter(range(len(values) + len(lines) * 8))

    def one(m: re.Match) -> str:
        k = next(counter)
        value = values[k] if k < len(values) else None
        return m[0] if value is None else value

    return "\n".join(line if i in inside or "\\val" not in line else REF_RE.sub(one, line)
                     for i, line in enumerate(lines))


def resolve(page: Page, results: list[Result | None]) -> tuple[list[Ref], list[str | None], list[PageError]]:
    """Every reference of ``page`` with its text (None where its snippet has no result), and the errors."""
    try:
        refs = find_refs(page)
    except PageError as exc:
        return [], [], [exc]
    values: list[str | None] = []
    errors: list[PageError] = []
    for ref in refs:
        result = results[ref.example]
        value = None
        if result is not None:
            try:
                value = format_ref(page.path, ref, result)
            except PageError as exc:
                errors.append(exc)
        values.append(value)
    return refs, values, errors


def filled_in(page: Page, engine) -> Page:
    """The page as a reader sees it: every reference replaced by its value (lines and structure unchanged)."""
    from .parse import parse_page

    try:
        names = wanted_names(page, find_refs(page))
    except PageError:
        return page
    results = []
    for k, example in enumerate(page.examples):
        try:
            results.append(engine.result(example.snippet_path, names.get(k, ())))
        except Exception:  # noqa: BLE001 - the build and the tests report a failing snippet
            results.append(None)
    _, values, _ = resolve(page, results)
    if not values:
        return page
    return parse_page(page.path, text=substitute(page.text, values), snippets_dir=page.examples[0].snippets_dir)
