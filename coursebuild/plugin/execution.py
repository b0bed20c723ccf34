"""The plugin's execution part: run every embedded snippet, check it against its page, put results on the page.

files     parse each page, get each snippet's result (cache, or the pool of warm interpreters: every page of
          both languages is queued at once, and a language's build waits for its own), check it against the
          page, resolve the page's ``\\val{}`` references, and register the snippets and figures as generated
          files (never in docs/)
markdown  fill in the references, replace each ``<!--figure: ...-->`` line by the numbered, captioned figure,
          add a download link under each example and the line naming the runtime that verified it

Any problem is logged as an error naming file and line, and shown on the page; with the site's
``strict: true`` the build then fails (under ``mkdocs serve`` a failed rebuild keeps the last good site).
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.structure.files import File, Files

from ..engine import Engine
from ..engine.cache import runtime_fingerprint
from ..engine.figures import dark_variant, figure_bytes, figure_format
from ..engine.values import EXPORT, UNFORMATTABLE
from ..errors import CourseError, rel
from ..pages.check import PageCheck, check_page, digest_examples
from ..pages.parse import FIGURE_RE, INCLUDE_RE, Page, counterpart, course_pages, page_language, parse_page
from ..pages.refs import find_refs, substitute, wanted_names
from .rendering import (
    dark_uri,
    download_link,
    error_admonition,
    figure_html,
    figure_size,
    figure_uri,
    narrow_uri,
    relative_url,
    snippet_uri,
    still_uri,
)

log = logging.getLogger("mkdocs.plugins.coursebuild")
CLOSING_FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*$")
NUMERIC_RE = re.compile(r"^[-−+\d.,eE×^$\s]*$")  # tick labels: no words to search for

#: site path of a data file -> (the result it was written from, the variable, its bytes)
_data_bytes: dict[str, tuple] = {}

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


def page_jobs(page: Page) -> list[tuple[Path, tuple[str, ...]]]:
    """(snippet, names the page reads from it) for every example of a page."""
    try:
        names = wanted_names(page, find_refs(page))
    except CourseError:
        names = {}
    return [(ex.snippet_path, names.get(k, ())) for k, ex in enumerate(page.examples)]


class Execution:
    """Results of every page of one build, kept between the files and markdown events."""

    def __init__(self, engine: Engine, docs_dir: Path, snippets_dir: Path, figure_texts: dict,
                 data_files: dict[str, str] | None = None, checked: dict | None = None,
                 while_waiting: Callable[[], None] | None = None,
                 when_checked: Callable[[Path, PageCheck], None] | None = None) -> None:
        self.engine, self.docs_dir, self.snippets_dir = engine, docs_dir, snippets_dir
        self.while_waiting = while_waiting  # called when this build is about to wait for snippets to run
        # called with each page as soon as its own snippets have run and it is checked, while the build may still
        # wait for later pages' snippets: what derives from the page alone (its notebook) can start
        self.when_checked = when_checked
        self.data_files = data_files or {}  # site path -> "snippet.py:variable"
        self.pages: dict[str, PageCheck] = {}
        self.figure_texts = figure_texts  # page URL -> the texts its figures draw (for the search index)
        # page path -> (its inputs, its check, the engine that answered): kept by the plugin across the builds of
        # one process (both languages, every rebuild of `serve`), so an unchanged page is not parsed and checked again
        self.checked = {} if checked is None else checked

    def _inputs(self, path: Path, state: PageCheck | None) -> bytes:
        """What a page's check depends on: its bytes, the bytes of the snippets it embedded when it was last
        checked (a changed embed changes the page's bytes), and whether snippets may run."""
        digest = hashlib.sha256(f"{self.engine.execute}\0{self.snippets_dir}\0".encode())
        digest.update(path.read_bytes() if path.is_file() else b"(missing)")
        digest_examples(digest, state, results=False)
        return digest.digest()

    def remembered(self, path: Path) -> PageCheck | None:
        """The page's check from an earlier build, if nothing it depends on changed since."""
        hit = self.checked.get(str(path))
        return hit[1] if hit and hit[2] is self.engine and hit[0] == self._inputs(path, hit[1]) else None

    def check(self, path: Path) -> PageCheck:
        state = self.remembered(path)
        if state is None:
            state = check_page(path, self.engine, self.snippets_dir)
            self.checked[str(path)] = (self._inputs(path, state), state, self.engine)
        return state

    def data_jobs(self) -> list[tuple[str, Path, str]]:
        out = []
        for uri, source in sorted(self.data_files.items()):
            snippet, _, variable = source.rpartition(":")
            out.append((uri, self.snippets_dir / snippet, variable))
        return out

    def data_file(self, uri: str, snippet: Path, variable: str) -> bytes | None:
        """A snippet's variable as the bytes of a JSON file (sorted keys, compact: deterministic)."""
        try:
            result = self.engine.result(snippet, (EXPORT + variable,))
        except CourseError as exc:
            log.error("coursebuild: %s (for the data file %s)", exc, uri)
            return None
        if result is None:
            return None
        value = result.values.get(EXPORT + variable)
        if value is None or (isinstance(value, dict) and UNFORMATTABLE in value):
            what = value[UNFORMATTABLE] if value else f"no top-level variable {variable!r}"
            log.error("coursebuild: %s: data file %s: %s\n  fix: correct data_files in mkdocs.yml or the snippet",
                      rel(snippet), uri, what)
            return None
        hit = _data_bytes.get(uri)
        if hit is None or hit[0] is not result or hit[1] != variable:  # written once per result, not per build
            data = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
            hit = _data_bytes[uri] = (result, variable, data)
        return hit[2]

    def prefetch(self, here: list[Path]) -> list[str]:
        """Queue every snippet of every page (all languages) on the pool, this build's data files and pages
        (``here``, in order) first: the other language's snippets run while this one's pages are rendered. Returns
        the keys of this build's snippets; checking a page waits for its own (:meth:`Engine.result`)."""
        first = [(snippet, (EXPORT + variable,)) for _, snippet, variable in self.data_jobs()]
        rest = []
        wanted = {str(path) for path in here}
        for path in course_pages(self.docs_dir):
            if self.remembered(path) is not None:
                continue  # its results are in the engine's memory already
            try:
                jobs = page_jobs(parse_page(path, snippets_dir=self.snippets_dir))
            except CourseError:
                continue  # reported when the page is examined
            (first if str(path) in wanted else rest).extend(jobs)
        keys = self.engine.submit(first + rest)
        mine = keys[:len(first)]
        if self.while_waiting is not None and self.engine.running(mine):
            self.while_waiting()
        return mine

    def on_files(self, files: Files, config) -> Files:
        bilingual = config.plugins.get("i18n") is not None  # a site in one language needs no translations
        stats = self.engine.stats
        before = (stats.cache_hits, stats.skipped)
        here = [Path(file.abs_src_path) for file in files.documentation_pages()
                if file.abs_src_path and file.src_uri.endswith(".md")]
        keys = self.prefetch(here)  # every snippet this build may run: a page it remembers runs none
        for file in files.documentation_pages():
            if not file.abs_src_path or not file.src_uri.endswith(".md"):
                continue
            other = counterpart(Path(file.abs_src_path))
            if bilingual and not other.is_file():
                log.error("coursebuild: %s has no translation: %s is missing\n  fix: create %s (same headings, "
                          "anchors and examples)", rel(file.abs_src_path), rel(other), rel(other))
            state = self.check(Path(file.abs_src_path))  # waits for the page's own snippets
            self.pages[file.abs_src_path] = state
            if self.when_checked is not None:
                self.when_checked(Path(file.abs_src_path), state)
            for error in state.errors:
                log.error("coursebuild: %s", error)
            for note in state.language:  # the tests fail on these; a page under construction still builds
                log.info("coursebuild: %s", note)
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
                        files.append(File.generated(config, dark_uri(uri), content=figure_bytes(result.dark_figure(i))))
                        if phone := result.phone_figure(i):  # what a phone shows instead, and its dark twin
                            files.append(File.generated(config, narrow_uri(uri), content=figure_bytes(phone)))
                            files.append(File.generated(config, dark_uri(narrow_uri(uri)),
                                                        content=figure_bytes(dark_variant(phone))))
                        if result.still(i):  # an animation's last frame, and its dark twin
                            still = result.still(i)
                            files.append(File.generated(config, still_uri(uri), content=figure_bytes(still)))
                            files.append(File.generated(config, dark_uri(still_uri(uri)),
                                                        content=figure_bytes(dark_variant(still))))
        for uri, snippet, variable in self.data_jobs():
            data = self.data_file(uri, snippet, variable)
            if data is not None and files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=data))
        # the runs of this build's snippets, wherever they were queued (another language's build may have)
        log.info("coursebuild: %d snippet(s) executed, %d cached result(s) used, %d not run",
                 self.engine.claim_executed(keys), stats.cache_hits - before[0], stats.skipped - before[1])
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        state = self.pages.get(page.file.abs_src_path)
        if state is None:
            return markdown
        errors = "".join(error_admonition(str(e)) for e in state.errors)
        if state.page is None:  # unparseable: show only the error (its includes may not even resolve)
            return f"# {page.file.src_uri}\n{errors}"
        # a reference without a value (its snippet failed or did not run) shows as ?? (the error says why)
        markdown = substitute(markdown, [v if v is not None else "??" for v in state.values])
        self.figure_texts[page.url] = [text for result in state.results if result for texts in result.texts
                                       for text in texts if not NUMERIC_RE.match(text)]
        markdown = errors + "\n" + markdown if errors else markdown
        lang = page_language(page.file.src_uri)
        chapter = page.meta.get("chapter")
        figures = [(ex, i, res) for ex, res in zip(state.page.examples, state.results)
                   for i, _ in enumerate(ex.figures)]
        counter = iter(range(1, len(figures) + 1))
        queue = iter(figures)
        out = []
        include = None  # the snippet whose fence is open, until its closing line
        for line in markdown.split("\n"):
            if INCLUDE_RE.match(line):
                include = INCLUDE_RE.match(line)["path"]
            elif include and CLOSING_FENCE_RE.match(line):
                indent = line[:len(line) - len(line.lstrip())]
                link = download_link(relative_url(page.url, snippet_uri(include)), include, lang)
                out += [line, ""] + [indent + part for part in link.split("\n")] + [""]
                include = None
                continue
            figure_line = FIGURE_RE.match(line)
            if figure_line:
                example, i, result = next(queue)
                caption, _, alt = (part.strip() for part in figure_line["body"].partition("|"))
                n = next(counter)
                number = FIGURE_LABEL[lang].format(n=f"{chapter}-{n}" if chapter is not None else n)
                anchor = f"fig-{chapter}-{n}" if chapter is not None else f"fig-{n}"
                indent = line[:len(line) - len(line.lstrip())]
                if result is None or i >= len(result.figures):
                    out.append(f'{indent}<p class="course-figure-missing">{html.escape(number + caption)} '
                               "(not built)</p>")
                    continue
                uri = figure_uri(example, i, figure_format(result.figures[i]))
                src, dark = relative_url(page.url, uri), relative_url(page.url, dark_uri(uri))
                stills = ((relative_url(page.url, still_uri(uri)), relative_url(page.url, dark_uri(still_uri(uri))))
                          if result.still(i) else None)
                phone = result.phone_figure(i)
                phones = ((relative_url(page.url, narrow_uri(uri)), relative_url(page.url, dark_uri(narrow_uri(uri))),
                           figure_size(phone)) if phone else None)
                shown = figure_html(src, number, caption, alt, anchor, dark, figure_size(result.figures[i]), stills,
                                    phones)
                out.append(indent + shown.replace("\n", "\n" + indent))
            else:
                out.append(line)
        if state.page.examples:
            out.append(verified_line(lang))
        return "\n".join(out)
