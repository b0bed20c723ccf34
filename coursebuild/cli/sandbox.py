"""Throw-away copies of the project and builds of them: for the benchmark and the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .. import ROOT
from ..settings import from_environment

PROJECT_PARTS = ("mkdocs.yml", "docs", "snippets", "coursebuild")


def copy_project(dest: Path) -> Path:
    """A copy of what a build needs (config, pages, snippets, engine), to change or break on purpose."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def build_env(cache_dir: Path | None = None, **extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.setdefault("COURSEBUILD_BOOK_PDF", "0")  # a throw-away build prints no book unless asked to
    env.update(extra)
    # by default the cache this process's own engine uses (a COURSEBUILD_CACHE_DIR the caller set is kept)
    env["COURSEBUILD_CACHE_DIR"] = str(cache_dir or from_environment().cache_dir)
    return env


def mkdocs_build(project: Path, site: Path, cache_dir: Path | None = None, prefix: tuple[str, ...] = (),
                 **extra: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of a project directory (by default sharing the repository's cache).

    Never ``-q``: MkDocs counts warnings for ``--strict`` only when they are logged, so ``--strict -q``
    lets broken links pass. ``prefix`` runs the build under another command (e.g. ``unshare --net``).
    """
    return subprocess.run([*prefix, sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=project, env=build_env(cache_dir, **extra), capture_output=True, text=True,
                          timeout=900)
