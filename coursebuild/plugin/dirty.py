"""``mkdocs serve --dirty``, the author's fast loop: MkDocs re-renders only the pages whose source file is newer
than their HTML. A course page's HTML also depends on what its snippets are, print and draw, on whether its
translation lags, and on ``mkdocs.yml``; this module finds the pages whose inputs of that kind changed since the
previous build of this ``serve`` session and removes their HTML, so MkDocs renders them again too.

Everything else a dirty build skips (navigation of pages added or renamed, the search index of pages not
rebuilt) is MkDocs' own documented limit of ``--dirty``; a plain ``mkdocs serve`` rebuilds everything.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from ..pages.check import PageCheck


def page_inputs(state: PageCheck | None, lag: object, config_file: str | None) -> str:
    """A digest of what a page's HTML depends on besides its own source file."""
    digest = hashlib.sha256()
    if config_file and os.path.isfile(config_file):
        digest.update(Path(config_file).read_bytes())
    digest.update(repr(lag).encode())
    if state is not None:
        digest.update("\n".join(map(str, state.errors)).encode())
        digest.update(repr(state.values).encode())
        for example in state.page.examples if state.page else ():
            path = Path(example.snippet_path)
            digest.update(path.read_bytes() if path.is_file() else b"(missing)")
        for result in state.results:  # not its run time: the same output, however long it took
            digest.update(repr(result and (result.stdout, result.figures, result.values)).encode())
    return digest.hexdigest()


class DirtyPages:
    """The inputs each page was last rendered from, kept by the plugin across the rebuilds of one session."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}  # the page's HTML path -> page_inputs() when it was rendered

    def mark_stale(self, files, pages: dict[str, PageCheck], lags: dict, config_file: str | None) -> list[str]:
        """Delete the HTML of every page whose inputs changed (MkDocs then renders it); their source paths."""
        stale = []
        for file in files.documentation_pages():
            if not file.abs_src_path:
                continue
            lag = lags.get(str(Path(file.abs_src_path).resolve()))
            now = page_inputs(pages.get(file.abs_src_path), lag, config_file)
            before = self.seen.get(file.abs_dest_path)
            self.seen[file.abs_dest_path] = now
            if before is not None and before != now and os.path.isfile(file.abs_dest_path):
                os.remove(file.abs_dest_path)
                stale.append(file.src_uri)
        return stale


class DirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be inaccurate; with the site's ``strict: true`` that
    warning alone would abort each rebuild of ``serve --dirty``. It is the mode's documented limit (above), so it
    is logged as information; every other warning still fails the rebuild."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build is being performed"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def quiet_dirty_notice() -> None:
    build_log = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, DirtyNotice) for f in build_log.filters):
        build_log.addFilter(DirtyNotice())
