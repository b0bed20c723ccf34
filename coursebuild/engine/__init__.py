"""The engine answers "what does this snippet print, draw and compute?": cache first, warm interpreters second.

The plugin and the tests share :func:`default_engine`. :meth:`Engine.submit` queues every snippet a build needs
for a pool of warm interpreters (one thread per interpreter drains the queue in the background), and
:meth:`Engine.result` answers a page's snippet once it has run (it waits for one that is queued or running, and
runs one that is not, ahead of the queue). Results are keyed by the snippet's bytes, so the order in which the
pool finishes never shows: a build renders one language's pages while the other language's snippets still run.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SnippetError
from ..settings import Settings, from_environment, usable_cores
from .cache import ResultCache, snippet_key
from .result import Result
from .runner import WarmInterpreter

__all__ = ["Engine", "Result", "Stats", "default_engine", "configure"]

log = logging.getLogger("mkdocs.plugins.coursebuild")


@dataclass
class Stats:
    executed: list[str] = field(default_factory=list)
    cache_hits: int = 0
    skipped: int = 0
    run_seconds: float = 0.0  # what the executed snippets themselves took, added up


def threads_per_snippet(workers: int) -> int:
    """The threads torch and numpy may use in each snippet of a pool of ``workers`` interpreters: the cores shared
    out, so the snippets that run at once never start more threads than there are cores (loky's rule against
    oversubscription). 0 for a single interpreter: the libraries' defaults, as ``python snippets/x.py`` has.

    The course's snippets are too small for a second thread to help (``lab/race``, the longest, is no faster with
    two): on 2 cores, the 119 snippets ran on 2 interpreters in 0.34-0.51 s less wall time and 0.7-1.0 CPU-s less
    with one thread each than with the defaults (two threads each; three alternating runs). No printed number depends
    on it: builds with 1 and 2 workers are byte-identical (test_determinism)."""
    return 0 if workers <= 1 else max(1, usable_cores() // workers)


class Engine:
    def __init__(self, cache_dir: Path, timeout: float = 60.0, execute: bool = True,
                 use_cache: bool = True, workers: int = 1, preload: bool = False) -> None:
        self.cache = ResultCache(cache_dir)
        self.timeout = timeout
        threads = threads_per_snippet(workers)
        first = WarmInterpreter(timeout, preload, threads=threads)
        self.pool = [first] + [WarmInterpreter(timeout, preload, origin=first, threads=threads)
                               for _ in range(max(1, workers) - 1)]
        self.execute = execute
        self.use_cache = use_cache
        self.stats = Stats()
        self._memo: dict[str, Result] = {}
        self._failed: dict[str, SnippetError] = {}
        self._lock = threading.Lock()
        self._queue: deque[list] = deque()  # [snippet, key, names] waiting for an interpreter
        self._pending: dict[str, threading.Event] = {}  # key -> set when its run (queued or running) ended
        self._drainers: dict[int, threading.Thread] = {}  # pool index -> the thread feeding that interpreter
        self._draining: set[int] = set()  # the pool indexes whose thread has not yet found the queue empty
        self._running: dict[str, tuple] = {}  # key -> the names it is running for
        self._unclaimed: list[str] = []  # the key of every execution no build has counted yet (claim_executed)

    @classmethod
    def from_settings(cls, settings: Settings) -> Engine:
        """The engine of a build (and of the commands and tests that stand for one): its interpreters preload what
        the course's snippets import (worker.PRELOAD)."""
        return cls(settings.cache_dir, settings.timeout, settings.execute, settings.use_cache, settings.pool_size,
                   preload=True)

    @property
    def interpreter(self) -> WarmInterpreter:
        """The first warm interpreter (the only one when the pool has one)."""
        return self.pool[0]

    def start(self) -> None:
        """Start every warm interpreter of the pool now (their torch imports overlap), before any snippet needs
        one: ``mkdocs serve`` does, so that an edited snippet costs its own run time and no torch import."""
        for interpreter in self.pool:
            interpreter.start()

    def _lookup(self, key: str, names) -> Result | None:
        event = self._pending.get(key)
        if event is not None:  # queued or running: its result is on the way
            event.wait()
        memo = self._memo.get(key)
        if memo is not None and memo.provides(names):
            return memo
        if key in self._failed:  # a failing snippet runs once per process, not once per caller
            raise self._failed[key]
        cached = self.cache.get(key) if self.use_cache else None
        if cached is not None and cached.provides(names):
            with self._lock:
                self.stats.cache_hits += 1
                self._memo[key] = cached
            return cached
        return None

    def _execute(self, interpreter: WarmInterpreter, snippet: Path, key: str, names) -> Result:
        previous = self._memo.get(key) or (self.cache.get(key) if self.use_cache else None)
        wanted = sorted(set(names) | set(previous.values if previous else ()))
        try:
            result = interpreter.run(snippet, wanted)
        except SnippetError as exc:
            with self._lock:
                self._failed[key] = exc
            raise
        with self._lock:
            self.stats.executed.append(str(snippet))
            self.stats.run_seconds += result.seconds
            self._memo[key] = result
            self._unclaimed.append(key)
        self.cache.put(key, result)
        return result

    def result(self, snippet: Path, names=()) -> Result | None:
        """The snippet's result (with the values of ``names``), or None when execution is off and nothing is
        cached."""
        key = snippet_key(snippet)
        found = self._lookup(key, names)
        if found is not None:
            return found
        if not self.execute:
            self.stats.skipped += 1
            return None
        self._enqueue([(Path(snippet), key, tuple(names))], first=True)
        return self._lookup(key, names)

    def submit(self, jobs: list[tuple[Path, tuple]]) -> list[str]:
        """Queue every snippet of ``jobs`` (path, names) whose result is neither cached nor memoized (a snippet
        listed twice runs once, for the union of its names) and return at once, with the keys of all ``jobs``
        for :meth:`wait`. Errors are kept for :meth:`result` to raise in page order."""
        keys, todo = [], {}
        for snippet, names in jobs:
            key = snippet_key(snippet)
            keys.append(key)
            if key in todo:
                todo[key] = (todo[key][0], todo[key][1] | set(names))
                continue
            if not self._in_flight(key):
                try:
                    if self._lookup(key, names) is not None:
                        continue
                except SnippetError:
                    continue
            todo[key] = (Path(snippet), set(names))
        if todo and self.execute:
            self._enqueue([(snippet, key, tuple(sorted(names))) for key, (snippet, names) in todo.items()])
        return keys

    def _in_flight(self, key: str) -> bool:
        event = self._pending.get(key)
        return event is not None and not event.is_set()

    def _enqueue(self, jobs: list[tuple[Path, str, tuple]], first: bool = False) -> None:
        with self._lock:
            for snippet, key, names in reversed(jobs) if first else jobs:
                queued = next((job for job in self._queue if job[1] == key), None)
                if queued is not None:  # not started yet: it runs once, for every name asked of it
                    queued[2] = tuple(sorted(set(queued[2]) | set(names)))
                    continue
                if key in self._running and set(names) <= set(self._running[key]):
                    continue  # running now, for these names too
                memo = self._memo.get(key)
                if key in self._failed or (memo is not None and memo.provides(names)):
                    continue  # it ended since the caller looked (submit saw it in flight): it runs once
                event = self._pending.get(key)
                if event is None or event.is_set():
                    self._pending[key] = threading.Event()
                job = [snippet, key, tuple(names)]
                self._queue.appendleft(job) if first else self._queue.append(job)
            idle = [i for i in range(len(self.pool)) if i not in self._draining][:len(self._queue)]
            for i in idle:
                self._draining.add(i)
                thread = threading.Thread(target=self._drain, args=(i,), daemon=True,
                                          name=f"coursebuild-interpreter-{i}")
                self._drainers[i] = thread
                thread.start()

    def _drain(self, index: int) -> None:
        """One interpreter's thread: run queued snippets until the queue is empty (its import of torch overlaps
        the other interpreters')."""
        interpreter = self.pool[index]
        while True:
            with self._lock:
                if not self._queue:
                    self._draining.discard(index)
                    return
                snippet, key, names = self._queue.popleft()
                self._running[key] = names
            try:
                self._execute(interpreter, snippet, key, names)
            except SnippetError:
                pass
            except Exception as exc:  # noqa: BLE001 - the engine's own failure: reported, and the queue goes on
                error = SnippetError(snippet, f"the engine failed while running it: {exc!r}")
                log.error("coursebuild: %s", error)  # also when the result got through (a cache write failed)
                with self._lock:
                    self._failed[key] = error
            finally:
                with self._lock:
                    del self._running[key]
                    if not any(job[1] == key for job in self._queue):
                        self._pending[key].set()

    def running(self, keys) -> bool:
        """Whether any snippet of ``keys`` is queued or running (a :meth:`wait` for them will take a while)."""
        return any(self._in_flight(key) for key in keys)

    def wait(self, keys) -> None:
        """Wait until the snippets of ``keys`` (from :meth:`submit`) have run."""
        for key in keys:
            event = self._pending.get(key)
            if event is not None:
                event.wait()

    def claim_executed(self, keys) -> int:
        """How many executions of snippets of ``keys`` ended since they were last claimed: each build counts the
        runs of its own snippets once, whichever build queued them."""
        wanted = set(keys)
        with self._lock:
            claimed = sum(key in wanted for key in self._unclaimed)
            self._unclaimed = [key for key in self._unclaimed if key not in wanted]
        return claimed

    def close(self) -> None:
        """Drop what is still queued, let each interpreter finish its current snippet, stop them."""
        with self._lock:
            dropped = [job[1] for job in self._queue]
            self._queue.clear()
        for thread in list(self._drainers.values()):
            thread.join()
        self._drainers.clear()
        for key in dropped:
            self._pending[key].set()
        for interpreter in self.pool:
            interpreter.close()


_default: Engine | None = None
_default_settings: Settings | None = None


def configure(settings: Settings) -> Engine:
    """Make the process-wide engine follow ``settings`` (kept, warm, when they did not change)."""
    global _default, _default_settings
    if _default is None or settings != _default_settings:
        if _default is not None:
            _default.close()
        _default, _default_settings = Engine.from_settings(settings), settings
    return _default


def default_engine() -> Engine:
    """The process-wide engine: one pool of warm interpreters for a whole build or test session."""
    return _default if _default is not None else configure(from_environment())
