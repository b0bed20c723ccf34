"""The engine answers "what does this snippet print, draw and compute?": cache first, warm interpreters second.

The plugin and the tests share :func:`default_engine`. :meth:`Engine.prefetch` runs every snippet a build needs
on a pool of warm interpreters at once (results are keyed by path, so the order in which the pool finishes
never shows); :meth:`Engine.result` then answers from memory.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SnippetError
from ..settings import Settings, from_environment
from .cache import ResultCache, cache_key
from .result import Result
from .runner import WarmInterpreter

__all__ = ["Engine", "Result", "Stats", "default_engine", "configure"]


@dataclass
class Stats:
    executed: list[str] = field(default_factory=list)
    cache_hits: int = 0
    skipped: int = 0
    run_seconds: float = 0.0  # what the executed snippets themselves took, added up


class Engine:
    def __init__(self, cache_dir: Path, timeout: float = 60.0, execute: bool = True,
                 use_cache: bool = True, workers: int = 1, preload: bool = False) -> None:
        self.cache = ResultCache(cache_dir)
        self.timeout = timeout
        self.pool = [WarmInterpreter(timeout, preload) for _ in range(max(1, workers))]
        self.execute = execute
        self.use_cache = use_cache
        self.stats = Stats()
        self._memo: dict[str, Result] = {}
        self._failed: dict[str, SnippetError] = {}
        self._lock = threading.Lock()

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
        self.cache.put(key, result)
        return result

    def result(self, snippet: Path, names=()) -> Result | None:
        """The snippet's result (with the values of ``names``), or None when execution is off and nothing is
        cached."""
        key = cache_key(Path(snippet).read_bytes())
        found = self._lookup(key, names)
        if found is not None:
            return found
        if not self.execute:
            self.stats.skipped += 1
            return None
        return self._execute(self.interpreter, Path(snippet), key, names)

    def prefetch(self, jobs: list[tuple[Path, tuple]]) -> None:
        """Run every snippet of ``jobs`` (path, names) whose result is neither cached nor memoized, in parallel
        on the pool; errors are kept for :meth:`result` to raise in page order."""
        todo, seen = [], set()
        for snippet, names in jobs:
            key = cache_key(Path(snippet).read_bytes())
            try:
                if key in seen or self._lookup(key, names) is not None:
                    continue
            except SnippetError:
                continue
            seen.add(key)
            todo.append((Path(snippet), key, names))
        if not todo or not self.execute:
            return
        pool = self.pool[:len(todo)]
        for interpreter in pool:  # their torch imports overlap
            interpreter.start()
        if len(pool) == 1:
            for snippet, key, names in todo:
                try:
                    self._execute(pool[0], snippet, key, names)
                except SnippetError:
                    pass
            return
        queue = list(reversed(todo))
        lock = threading.Lock()

        def drain(interpreter: WarmInterpreter) -> None:
            while True:
                with lock:
                    if not queue:
                        return
                    snippet, key, names = queue.pop()
                try:
                    self._execute(interpreter, snippet, key, names)
                except SnippetError:
                    pass

        with ThreadPoolExecutor(len(pool)) as executor:
            list(executor.map(drain, pool))

    def close(self) -> None:
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
