"""Snippet results on disk, keyed by the snippet's source and the runtime that produced them.

A key changes when the snippet, Python, torch, numpy, matplotlib, the CJK font or the code that
runs snippets (worker, reset, figures) changes; nothing else can change what a seeded snippet
prints. Entries are written atomically (temp file + rename), so a build killed mid-way leaves
either the old entry or the new one; an unreadable entry is deleted and recomputed.

Beside the results it keeps what a build derives from them, or from the pages, and would otherwise derive again on
every build (a lesson's notebook, a code block's highlighting, a page's formulas, the search index's segmentation):
:meth:`ResultCache.get_derived` / :meth:`ResultCache.put_derived` (or :meth:`ResultCache.derived`, both in one),
keyed by the caller's digest of every input, under ``derived/``.

Other parts of the build keep their entries in the same folder, each in a subfolder of its own (the rendered
notebook pages of mkdocs-jupyter, the book's PDF), and refresh an entry's modification time when a build uses it.

The cache prunes itself: every hit refreshes an entry's modification time, and after each build
:meth:`ResultCache.prune` deletes the entries (of every kind in :data:`ENTRY_PATTERNS`) no build used for
:data:`MAX_AGE_DAYS` days, then the least recently used ones until the folder holds at most :data:`MAX_BYTES` (a
torch bump leaves a whole generation of entries that no key reaches any more).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from stat import S_ISREG

from .result import Result

log = logging.getLogger("mkdocs.plugins.coursebuild")

MAX_AGE_DAYS = 30
MAX_BYTES = 256 * 2**20
#: The folder's layout, in one place. Results: ``ab/abc….json``; derived texts (a lesson's notebook):
#: ``derived/ab/abc….txt``; mkdocs-jupyter's rendered notebook pages, one folder per language (plugin/notebooks.py);
#: the book's PDF (plugin/book.py).
RESULTS = "??/*.json"
DERIVED_DIR = "derived"
NOTEBOOK_PAGES_DIR = "mkdocs-jupyter"
BOOK_PDF_DIR = "book"
#: Every kind of entry, relative to the folder. These are the only files prune() deletes: a cache_dir pointed at a
#: folder of other files never loses them.
ENTRY_PATTERNS = (RESULTS, f"{DERIVED_DIR}/??/*.txt", f"{NOTEBOOK_PAGES_DIR}/*/*.json", f"{BOOK_PDF_DIR}/*.pdf")

RUNTIME_PACKAGES = ("torch", "numpy", "matplotlib", "noto-cjk-sans-otc")
#: Modules whose code runs inside the warm interpreter: they can change what a snippet prints.
WORKER_MODULES = ("worker.py", "reset.py", "figures.py", "values.py")


@lru_cache(maxsize=1)
def runtime_fingerprint() -> str:
    """Versions that shape a snippet's output, read without importing torch."""
    parts = [f"python={platform.python_version()}", f"machine={platform.machine()}"]
    for name in RUNTIME_PACKAGES:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=missing")
    here = Path(__file__).parent
    for module in WORKER_MODULES:
        parts.append(f"{module}={hashlib.sha256((here / module).read_bytes()).hexdigest()}")
    return "\n".join(parts)


def snippet_key(snippet: Path) -> str:
    """The key of a snippet's result: its bytes and the runtime that runs it."""
    return hashlib.sha256(runtime_fingerprint().encode() + b"\0" + Path(snippet).read_bytes()).hexdigest()


@lru_cache(maxsize=16)
def code_digest(*modules: str) -> str:
    """A digest of the course package's own source files (paths relative to ``coursebuild/``): a derived entry
    keyed by it is not reused once the code that derives it changes."""
    root = Path(__file__).parent.parent
    digest = hashlib.sha256()
    for module in modules:
        digest.update(module.encode() + b"\0" + (root / module).read_bytes())
    return digest.hexdigest()


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ResultCache:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def holds_every(self, snippets: Iterable[Path]) -> bool:
        """Whether the result of every one of these snippets is stored for this runtime (a file per key, looked up
        without importing torch or reading an entry): if not, a build of them runs at least one snippet. A
        clean build, a torch bump (a cache full of another runtime's results) and an edited or a new snippet all
        run one; a warm build runs none."""
        return all(self._path(snippet_key(snippet)).is_file() for snippet in snippets)

    def get(self, key: str) -> Result | None:
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("key") != key:
                raise ValueError("entry written for another key")
            result = Result.from_json(data["result"])
            os.utime(path)  # used now: kept by prune()
            return result
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            log.warning("coursebuild: corrupt cache entry %s (%s): deleted, the snippet runs again", path, exc)
            path.unlink(missing_ok=True)
            return None

    def put(self, key: str, result: Result) -> None:
        _write_atomic(self._path(key), json.dumps({"key": key, "result": result.to_json()}))

    def _derived_path(self, key: str) -> Path:
        return self.directory / DERIVED_DIR / key[:2] / f"{key}.txt"

    def get_derived(self, key: str) -> str | None:
        """Text a build derived earlier from inputs whose digest is ``key``, or None."""
        path = self._derived_path(key)
        try:
            text = path.read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            return None
        os.utime(path)  # used now: kept by prune()
        return text

    def put_derived(self, key: str, text: str) -> None:
        _write_atomic(self._derived_path(key), text)

    def derived(self, key: str, make: Callable[[], str]) -> str:
        """The text kept under ``key``, or ``make()``'s, kept under it."""
        text = self.get_derived(key)
        if text is None:
            text = make()
            self.put_derived(key, text)
        return text

    def prune(self, max_age_days: float = MAX_AGE_DAYS, max_bytes: int = MAX_BYTES, now: float | None = None) -> int:
        """Delete entries unused for ``max_age_days``, then the least recently used beyond ``max_bytes``;
        returns how many were deleted. A file whose name starts with a dot is being written (``.tmp-*``, renamed
        into place when whole): never an entry."""
        import time

        now = time.time() if now is None else now
        entries = []
        for path in (path for pattern in ENTRY_PATTERNS for path in self.directory.glob(pattern)):
            if path.name.startswith("."):
                continue
            try:
                stat = path.lstat()
            except FileNotFoundError:
                continue
            if S_ISREG(stat.st_mode):
                entries.append((stat.st_mtime, stat.st_size, path))
        entries.sort(key=lambda e: e[0], reverse=True)  # most recently used first
        kept, deleted = 0, 0
        for mtime, size, path in entries:
            if now - mtime > max_age_days * 86400 or kept + size > max_bytes:
                path.unlink(missing_ok=True)
                deleted += 1
            else:
                kept += size
        return deleted
