"""MkDocs hook: run every embedded snippet, check its output, serve its figures.

on_files          parse each page, get each snippet's result (cache or warm interpreter), check it
                  against the page, and register the figures as generated files (never in docs/)
on_page_markdown  replace each ``<!--figure: ...-->`` line by the numbered, captioned figure, add a
                  download link under each example and the line naming the runtime that verified it
on_shutdown       stop the warm interpreter

Any problem is logged as an error naming file and line, and shown on the page; with the site's
``strict: true`` the build then fails (under ``mkdocs serve`` a failed rebuild keeps the last good site).
"""

from __future__ import annotations

import html
import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from coursebuild.cache import runtime_fingerprint  # noqa: E402
from coursebuild.check import check_example  # noqa: E402
from coursebuild.engine import default_engine  # noqa: E402
from coursebuild.errors import CourseError, rel  # noqa: E402
from coursebuild.figures import figure_bytes, figure_format  # noqa: E402
from coursebuild.pages import FIGURE_RE, INCLUDE_RE, Page, counterpart, page_language, parse_page  # noqa: E402
from coursebuild.render import (  # noqa: E402
    download_link,
    error_admonition,
    figure_html,
    figure_uri,
    relative_url,
    snippet_uri,
)
from coursebuild.runner import Result  # noqa: E402

log = logging.getLogger("mkdocs.plugins.coursebuild")
CLOSING_FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*$")

FIGURE_LABEL = {"zh": "图 {n}：", "en": "Figure {n}. "}
VERIFIED = {
    "zh": "本页所有输出和图均在构建时由 torch {torch}（CPU）、Python {python} 实际运行生成，并由测试逐字核对。",
    "en": "Every output and figure on this page was produced at build time by torch {torch} (CPU) and "
          "Python {python}, and is checked verbatim by the tests.",
}


def verified_line(lang: str) -> str:
    """Which runtime verified the outputs (read from package metadata: torch is not imported)."""
    versions = dict(line.split("=", 1) for line in runtime_fingerprint().splitlines())
    text = VERIFIED[lang].format(torch=versions["torch"].split("+")[0], python=versions["python"])
    return f'\n\n<p class="course-verified">{text}</p>\n'


@dataclass
class PageState:
    page: Page | None
    results: list[Result | None] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


_pages: dict[str, PageState] = {}


def examine(path: Path) -> PageState:
    """Parse one page, obtain and check every example's result; collect errors instead of stopping."""
    engine = default_engine()
    try:
        page = parse_page(path)
    except CourseError as exc:
        return PageState(None, errors=[str(exc)])
    state = PageState(page)
    for example in page.examples:
        result = None
        try:
            result = engine.result(example.snippet_path)
            if result is not None:
                check_example(example, result)
        except CourseError as exc:
            state.errors.append(str(exc))
        state.results.append(result)
    return state


@event_priority(-200)  # after mkdocs-static-i18n (-100) has chosen this language's pages
def on_files(files: Files, config) -> Files:
    engine = default_engine()
    stats = engine.stats
    before = (len(stats.executed), stats.cache_hits, stats.skipped)
    for file in files.documentation_pages():
        if not file.abs_src_path:
            continue
        other = counterpart(Path(file.abs_src_path))
        if not other.is_file():
            log.error("coursebuild: %s has no translation: %s is missing\n  fix: create %s (same headings, "
                      "anchors and examples)", rel(file.abs_src_path), rel(other), rel(other))
        state = examine(Path(file.abs_src_path))
        _pages[file.abs_src_path] = state
        for error in state.errors:
            log.error("coursebuild: %s", error)
        if state.page is None:
            continue
        for example, result in zip(state.page.examples, state.results):
            code_uri = snippet_uri(example.snippet)
            if files.get_file_from_path(code_uri) is None:
                files.append(File.generated(config, code_uri, abs_src_path=str(example.snippet_path)))
            for i, figure in enumerate(result.figures if result else []):
                uri = figure_uri(example, i, figure_format(figure))
                if files.get_file_from_path(uri) is None:
                    files.append(File.generated(config, uri, content=figure_bytes(figure)))
    log.info("coursebuild: %d snippet(s) executed, %d cached result(s) used, %d not run",
             len(stats.executed) - before[0], stats.cache_hits - before[1], stats.skipped - before[2])
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    state = _pages.get(page.file.abs_src_path)
    if state is None:
        return markdown
    errors = "".join(error_admonition(e) for e in state.errors)
    if state.page is None:  # unparseable: show only the error (its includes may not even resolve)
        return f"# {page.file.src_uri}\n{errors}"
    markdown = errors + "\n" + markdown if errors else markdown
    lang = page_language(page.file.src_uri)
    chapter = page.meta.get("chapter")
    figures = [(ex, i, fig, res) for ex, res in zip(state.page.examples, state.results)
               for i, fig in enumerate(ex.figures)]
    counter = iter(range(1, len(figures) + 1))
    queue = iter(figures)
    out = []
    include = None  # the snippet whose fence is open, until its closing line
    for line in markdown.split("\n"):
        if INCLUDE_RE.match(line):
            include = INCLUDE_RE.match(line)["path"]
        elif include and CLOSING_FENCE_RE.match(line):
            out += [line, "", download_link(relative_url(page.url, snippet_uri(include)), include, lang), ""]
            include = None
            continue
        if FIGURE_RE.match(line):
            example, i, fig, result = next(queue)
            n = next(counter)
            number = FIGURE_LABEL[lang].format(n=f"{chapter}-{n}" if chapter is not None else n)
            anchor = f"fig-{chapter}-{n}" if chapter is not None else f"fig-{n}"
            if result is None or i >= len(result.figures):
                out.append(f'<p class="course-figure-missing">{html.escape(number + fig.caption)} (not built)</p>')
                continue
            src = relative_url(page.url, figure_uri(example, i, figure_format(result.figures[i])))
            out.append(figure_html(src, number, fig.caption, fig.alt, anchor))
        else:
            out.append(line)
    if state.page.examples:
        out.append(verified_line(lang))
    return "\n".join(out)


def on_shutdown() -> None:
    default_engine().close()
