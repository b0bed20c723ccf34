"""Helpers shared by the test modules: the course's pages, and the engine's project sandboxes."""

from __future__ import annotations

from pathlib import Path

from coursebuild import DOCS_DIR
from coursebuild.cli.sandbox import copy_project, mkdocs_build
from coursebuild.pages import counterpart, course_pages

__all__ = ["PAGES", "ZH_PAGES", "copy_project", "counterpart", "mkdocs_build", "page_id"]

PAGES = course_pages(DOCS_DIR)
ZH_PAGES = [p for p in PAGES if not p.name.endswith(".en.md")]


def page_id(path: Path) -> str:
    return str(path.relative_to(DOCS_DIR))
