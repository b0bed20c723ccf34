"""Helpers shared by the test modules: the course's pages and a throw-away copy of the project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from coursebuild import DOCS_DIR, ROOT
from coursebuild.pages import counterpart, course_pages  # noqa: F401 - re-exported for the tests

PAGES = course_pages(DOCS_DIR)
ZH_PAGES = [p for p in PAGES if not p.name.endswith(".en.md")]


def page_id(path: Path) -> str:
    return str(path.relative_to(DOCS_DIR))


def copy_project(dest: Path) -> Path:
    """A copy of what a build needs (config, pages, snippets, engine), to break on purpose."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "snippets", "coursebuild"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def mkdocs_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of a project directory, sharing the repository's result cache."""
    environ = dict(os.environ, NO_MKDOCS_2_WARNING="1",
                   COURSEBUILD_CACHE_DIR=str(ROOT / ".cache" / "coursebuild"), **env)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                          cwd=project, env=environ, capture_output=True, text=True, timeout=600)
