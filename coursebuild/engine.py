"""One object answers "what does this snippet print and draw?": cache first, warm interpreter second.

The MkDocs hook and the tests both use :func:`default_engine`; settings come from the environment:

    COURSEBUILD_EXECUTE=0     do not run snippets (cached results only; others show as not run)
    COURSEBUILD_TIMEOUT=60    seconds one snippet may run
    COURSEBUILD_CACHE_DIR     where results are kept (default .cache/coursebuild)
    COURSEBUILD_NO_CACHE=1    ignore the cache (always execute)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import ROOT
from .cache import ResultCache, cache_key
from .errors import SnippetError
from .runner import Result, WarmInterpreter


@dataclass
class Stats:
    executed: list[str] = field(default_factory=list)
    cache_hits: int = 0
    skipped: int = 0


class Engine:
    def __init__(self, cache_dir: Path, timeout: float = 60.0, execute: bool = True,
                 use_cache: bool = True) -> None:
        self.cache = ResultCache(cache_dir)
        self.interpreter = WarmInterpreter(timeout)
        self.execute = execute
        self.use_cache = use_cache
        self.stats = Stats()
        self._memo: dict[str, Result] = {}
        self._failed: dict[str, SnippetError] = {}

    def result(self, snippet: Path) -> Result | None:
        """The snippet's result, or None when execution is off and nothing is cached."""
        source = Path(snippet).read_bytes()
        key = cache_key(source)
        if key in self._memo:
            return self._memo[key]
        if key in self._failed:  # a failing snippet runs once per process, not once per caller
            raise self._failed[key]
        result = self.cache.get(key) if self.use_cache else None
        if result is not None:
            self.stats.cache_hits += 1
        elif not self.execute:
            self.stats.skipped += 1
            return None
        else:
            try:
                result = self.interpreter.run(snippet)
            except SnippetError as exc:
                self._failed[key] = exc
                raise
            self.stats.executed.append(str(snippet))
            self.cache.put(key, result)
        self._memo[key] = result
        return result

    def close(self) -> None:
        self.interpreter.close()


_default: Engine | None = None


def default_engine() -> Engine:
    """The process-wide engine (one warm interpreter for a whole build or test session)."""
    global _default
    if _default is None:
        cache_dir = Path(os.environ.get("COURSEBUILD_CACHE_DIR", ROOT / ".cache" / "coursebuild"))
        _default = Engine(
            cache_dir,
            timeout=float(os.environ.get("COURSEBUILD_TIMEOUT", "60")),
            execute=os.environ.get("COURSEBUILD_EXECUTE", "1") != "0",
            use_cache=os.environ.get("COURSEBUILD_NO_CACHE", "0") != "1",
        )
    return _default
