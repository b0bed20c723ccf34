"""Helpers shared by the test modules: the course's pages, and the engine's project sandboxes."""

from __future__ import annotations

from pathlib import Path

from coursebuild import DOCS_DIR
from coursebuild.cli.sandbox import copy_project, mkdocs_build
from coursebuild.pages import counterpart, course_pages
from coursebuild.settings import from_environment

__all__ = ["PAGES", "SUITE_CACHE", "ZH_PAGES", "copy_project", "counterpart", "mkdocs_build", "page_id"]

PAGES = course_pages(DOCS_DIR)
#: The result cache the suite shares: its engine's, and its builds' unless a test gives one (sandbox.build_env).
SUITE_CACHE = from_environment().cache_dir
ZH_PAGES = [p for p in PAGES if not p.name.endswith(".en.md")]


def page_id(path: Path) -> str:
    return str(path.relative_to(DOCS_DIR))
