"""``mkdocs serve --dirty``, the author's fast loop: what an edit touched is rendered again, the edited page first.

MkDocs re-renders only the pages whose source file is newer than their HTML. A course page's HTML also depends
on what its snippets are, print and draw, on whether its translation lags, and on ``mkdocs.yml``; this module
finds the pages whose inputs of that kind changed since the previous build of this ``serve`` session and
removes their HTML, so MkDocs renders them again too.

Two passes. MkDocs serves nothing while it rebuilds, so a rebuild that follows an author's edit (a file under
``docs/`` or ``snippets/`` newer than the previous build) renders only what the edit itself changed: the edited
pages and the pages that embed an edited snippet. What merely derives from them waits for a follow-up rebuild
that starts as soon as this one is served: the other language's translation notice, the lesson's companion
notebook (nbconvert takes ≈ 0.8 s for one) and the book; so does the whole build of a language none of whose
pages or snippets was edited (mkdocs-static-i18n builds each language after the first, ≈ 0.15 s). The
follow-up is MkDocs' own: a file in a folder ``serve`` watches (:meth:`DirtyPages.folder`) is touched, and the
watcher rebuilds.

The search index is kept here too (:class:`SessionSearch`): the rebuild that serves an edit does not index the
edited page; the follow-up renders it again and indexes it, and after every rebuild the served index is every
page's entries as last indexed. (Indexing the optimizers page took 0.2-0.3 s when this was written; since the
search plugin reads code without its highlighting and segments each text once, search_text.py, it takes
≈ 0.02 s, so the skip now saves little.)

Everything else a dirty build skips (navigation of pages added or renamed) is MkDocs' own documented limit of
``--dirty``; a plain ``mkdocs serve`` rebuilds everything.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from pathlib import Path

from ..pages.check import PageCheck, digest_examples
from ..pages.parse import page_language


def page_inputs(state: PageCheck | None, config: bytes) -> str:
    """A digest of what a page's HTML depends on besides its own source file and its translation notice
    (``config``: the bytes of ``mkdocs.yml``)."""
    digest = hashlib.sha256(config)
    if state is not None:
        digest.update("\n".join(map(str, state.errors)).encode())
        digest.update(repr(state.values).encode())
        digest_examples(digest, state)
    return digest.hexdigest()


def edited_since(folders: list[Path], since: float) -> list[Path]:
    """The files under ``folders`` modified at or after ``since``."""
    edited = []
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(root, name)
                try:
                    if os.stat(path).st_mtime >= since:
                        edited.append(Path(path))
                except FileNotFoundError:
                    continue
    return edited


def language_of(path: Path) -> str | None:
    """The one language whose pages an edit of ``path`` changes directly: a page's (``x.en.md`` English, ``x.md``
    the default) or a snippet's (``x.en.py``, ``x.zh.py``); None for anything else (data, styles, a shared file:
    every language)."""
    name = path.name
    if name.endswith(".md"):
        return page_language(name)
    if name.endswith(".py") and name.count(".") >= 2:
        return name.rsplit(".", 2)[1]
    return None


class DirtyPages:
    """The inputs each page was last rendered from, kept by the plugin across the rebuilds of one session, and
    whether the current rebuild renders an author's edit first (:attr:`deferring`)."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}  # the page's HTML path -> page_inputs() when it was rendered
        self._digests: dict[str, tuple] = {}  # the page's HTML path -> (its check, config bytes, page_inputs())
        self.notices: dict[str, object] = {}  # the page's HTML path -> its translation notice when rendered
        self.started: float | None = None  # when the previous build began
        self.deferring = False  # this rebuild follows an edit: derived pages wait for the follow-up
        self.pending = False  # something waits for the follow-up rebuild
        self.edited: list[Path] = []  # the files this rebuild follows (when deferring)
        self.unindexed: set[str] = set()  # HTML paths of pages rendered without their search entries
        self.for_search: list[str] = []  # of the last mark_stale(), the pages stale for their search entries only
        self._folder: tempfile.TemporaryDirectory | None = None

    def folder(self) -> str:
        """The folder ``serve`` watches for the follow-up rebuild (created on first use, removed at exit)."""
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="coursebuild-followup-")
        return self._folder.name

    def begin(self, sources: list[Path]) -> None:
        """At the start of each build (every language): does it follow an author's edit?"""
        now = time.time()
        self.edited = edited_since(sources, self.started) if self.started is not None else []
        self.deferring = bool(self.edited)
        self.started, self.pending = now, False

    def languages_to_defer(self, others: list[str]) -> list[str]:
        """Of the languages built after the first one (``others``), those whose pages the edit does not change
        directly: their build waits for the follow-up (which renders their translation notices anyway)."""
        if not self.deferring:
            return []
        shown = {language_of(path) for path in self.edited}
        if None in shown:
            return []
        deferred = [locale for locale in others if locale not in shown]
        if deferred:
            self.hold()
        return deferred

    def hold(self) -> None:
        """Something derived was left for the follow-up rebuild."""
        self.pending = True

    def follow_up(self) -> bool:
        """After the last language: start the follow-up rebuild if anything waits for it."""
        if not (self.deferring and self.pending):
            return False
        Path(self.folder(), "follow-up").write_text(str(time.time_ns()), encoding="utf-8")
        return True

    def _inputs(self, dest: str, state: PageCheck | None, config: bytes) -> str:
        """page_inputs(), digested again only when the page's check is a new one or the config changed."""
        hit = self._digests.get(dest)
        if hit is None or hit[0] is not state or hit[1] != config:
            hit = self._digests[dest] = (state, config, page_inputs(state, config))
        return hit[2]

    def mark_stale(self, files, pages: dict[str, PageCheck], notices: dict[str, str],
                   config_file: str | None) -> list[str]:
        """Delete the HTML of every page whose inputs changed (MkDocs then renders it); their source paths.

        ``notices``: resolved page path -> its translation notice (none when it does not lag). A page whose only
        change is its notice waits for the follow-up while :attr:`deferring`."""
        stale, self.for_search = [], []
        config = Path(config_file).read_bytes() if config_file and os.path.isfile(config_file) else b""
        for file in files.documentation_pages():
            if not file.abs_src_path:
                continue
            dest = file.abs_dest_path
            now = self._inputs(dest, pages.get(file.abs_src_path), config)
            note = notices.get(str(Path(file.abs_src_path).resolve()))
            before, before_note = self.seen.get(dest), self.notices.get(dest, note)
            rendered = before is None or not os.path.isfile(dest) or file.is_modified()
            if not rendered and now == before and note != before_note and self.deferring:
                self.hold()
                continue
            self.seen[dest], self.notices[dest] = now, note
            unindexed = dest in self.unindexed and not self.deferring  # rendered again, for the search
            if not rendered and (now != before or note != before_note or unindexed):
                os.remove(dest)
                stale.append(file.src_uri)
                if now == before and note == before_note:
                    self.for_search.append(file.src_uri)
        return stale


class SessionSearch:
    """Under ``serve --dirty``, the search entries of every page as it was last indexed, which become the served
    index after each rebuild. The search plugin indexes only the pages a dirty build renders and merges them with
    the previous build's entries, and mkdocs-static-i18n stacks each language's entries on that: after one edit
    the served index held 326 entries in Chinese and 188 in English for the 94 and 94 of a clean build.

    The rebuild that serves an edit leaves an edited page's entries as they were (its search plugin is off while
    the page is rendered; the course's pages carry no ``data-search-*`` attribute that the plugin would strip):
    the follow-up renders the page again (:attr:`DirtyPages.unindexed`) and indexes it."""

    def __init__(self) -> None:
        self.pages: dict[str, list[dict]] = {}  # page URL -> its entries, in the order pages were first indexed
        self._start = 0
        self._skipping = False

    def before(self, search, skip: bool) -> None:
        """Before the search plugin indexes a page; ``skip``: it does not (the page's last entries stay)."""
        self._skipping = skip and search.config.enabled
        if self._skipping:
            search.config.enabled = False
        self._start = len(search.search_index.entries)

    def after(self, search, url: str) -> bool:
        """After the search plugin's turn for the page at ``url``: keep what it added. Whether it indexed it (not
        where it was skipped, nor where the site's configuration turned the search off)."""
        if self._skipping:
            search.config.enabled, self._skipping = True, False
            return False
        if not search.config.enabled:
            return False
        self.pages[url] = [dict(entry) for entry in search.search_index.entries[self._start:]]
        return True

    def write(self, site_dir: Path) -> None:
        """The merged index (every language's entries, as mkdocs-static-i18n writes it) made of the kept ones."""
        path = site_dir / "search" / "search_index.json"
        if not path.is_file() or not self.pages:
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        data["docs"] = [entry for entries in self.pages.values() for entry in entries]
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


#: How often ``serve --dirty`` looks for changed files (MkDocs polls every 0.5 s: on average a quarter of a
#: second between saving a file and the rebuild starting, a third of the author's one-second budget).
POLL_SECONDS = 0.1

#: How long MkDocs waits after a file event for the next one before it rebuilds (its ``build_delay``, 0.1 s), so
#: that a burst of events makes one rebuild. A poll reports every change it found at once, a burst of a few
#: milliseconds; the next poll's events come :data:`POLL_SECONDS` and a walk of the files later, about when a 0.1 s
#: wait ends. A longer wait merges next to nothing that this one does not; it delays every rebuild. Measured with the
#: benchmark's serve scenario, six alternating pairs, 0.01 s against 0.1 s: a snippet edit was served in 0.75-0.97 s
#: (median 0.82) against 0.89-1.02 s (median 0.94), a prose edit in 0.71-0.82 s (median 0.77) against 0.70-0.88 s
#: (median 0.84).
BUILD_DELAY = 0.01


def watch_often(server, config) -> None:
    """Give MkDocs' live-reload server a file watcher that polls every :data:`POLL_SECONDS` (≈ 250 files: a few
    milliseconds of stat calls each time), and that rebuilds :data:`BUILD_DELAY` after the poll that saw a change.
    Called from ``on_serve``, before the watcher starts: the paths MkDocs watched until then move to the new
    watcher; everything watched later is added to it."""
    from watchdog.observers.polling import PollingObserver

    moved = []
    for path in [config.docs_dir, config.config_file_path, *config.theme.dirs]:
        try:
            server.unwatch(path)  # only what MkDocs watches (the theme's folders with --watch-theme)
        except KeyError:
            continue
        moved.append(path)
    server.observer = PollingObserver(timeout=POLL_SECONDS)
    server.build_delay = BUILD_DELAY
    for path in moved:
        server.watch(path)


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
