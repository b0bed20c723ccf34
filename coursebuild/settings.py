"""The engine's settings: the plugin's options in ``mkdocs.yml``, overridden by environment variables.

The plugin (``plugins: - coursebuild: {...}``) validates the options; the command-line tools and the tests,
which run without MkDocs, start from the same defaults. An environment variable wins over both, so that CI
and the tests can change one setting without editing ``mkdocs.yml``:

    COURSEBUILD_EXECUTE=0     run no snippet (cached results only; the others show as not run)
    COURSEBUILD_TIMEOUT=60    seconds one snippet may run
    COURSEBUILD_CACHE_DIR     where results are kept (default .cache/coursebuild, relative to the project)
    COURSEBUILD_NO_CACHE=1    ignore the cache (always execute)
    COURSEBUILD_WORKERS=N     warm interpreters that run snippets in parallel (default: the number of cores);
                              with N > 1, each snippet's torch and numpy use cores // N threads
    COURSEBUILD_NOTEBOOKS=0   build no companion notebooks
    COURSEBUILD_MEMORY_MB     address space one snippet may add (default 4096; read by the worker)
    COURSEBUILD_BOOK_PDF=0    print no PDF of the book (default: the plugin's ``book_pdf``, off under ``mkdocs
                              serve``; read by the plugin, since it needs Chromium)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from . import ROOT

#: The result cache's folder, relative to the project (the plugin's ``cache_dir`` option resolves it there).
CACHE_DIR = ".cache/coursebuild"


@dataclass(frozen=True)
class Settings:
    """Each default is also the default of the plugin's option of the same name (CourseBuildConfig)."""

    execute: bool = True
    timeout: float = 60.0
    cache_dir: Path = ROOT / CACHE_DIR
    use_cache: bool = True
    workers: int = 0  # 0: one per core
    notebooks: bool = True

    @property
    def pool_size(self) -> int:
        return self.workers if self.workers > 0 else max(1, os.cpu_count() or 1)

    def with_environment(self, environ=os.environ) -> Settings:
        """These settings with every ``COURSEBUILD_*`` override applied."""
        changes: dict = {}
        if "COURSEBUILD_EXECUTE" in environ:
            changes["execute"] = environ["COURSEBUILD_EXECUTE"] != "0"
        if "COURSEBUILD_TIMEOUT" in environ:
            changes["timeout"] = float(environ["COURSEBUILD_TIMEOUT"])
        if environ.get("COURSEBUILD_CACHE_DIR"):
            changes["cache_dir"] = Path(environ["COURSEBUILD_CACHE_DIR"])
        if "COURSEBUILD_NO_CACHE" in environ:
            changes["use_cache"] = environ["COURSEBUILD_NO_CACHE"] != "1"
        if environ.get("COURSEBUILD_WORKERS"):
            changes["workers"] = int(environ["COURSEBUILD_WORKERS"])
        if "COURSEBUILD_NOTEBOOKS" in environ:
            changes["notebooks"] = environ["COURSEBUILD_NOTEBOOKS"] != "0"
        return replace(self, **changes)


def from_environment() -> Settings:
    return Settings().with_environment()
