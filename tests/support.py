"""Helpers shared by the test modules: the course's pages, and the engine's project sandboxes."""

from __future__ import annotations

import re
from pathlib import Path

from coursebuild import DOCS_DIR
from coursebuild.cli.sandbox import copy_project, mkdocs_build
from coursebuild.pages import counterpart, course_pages
from coursebuild.settings import from_environment

__all__ = ["GLYPH_SCALE_RE", "PAGES", "SUITE_CACHE", "ZH_PAGES", "copy_project", "counterpart", "mkdocs_build",
           "page_id"]

PAGES = course_pages(DOCS_DIR)
#: The result cache the suite shares: its engine's, and its builds' unless a test gives one (sandbox.build_env).
SUITE_CACHE = from_environment().cache_dir
ZH_PAGES = [p for p in PAGES if not p.name.endswith(".en.md")]
#: A run of text in a figure's SVG, drawn as glyph paths: ``scale(s -s)``, where s is the font size in points / 100.
GLYPH_SCALE_RE = re.compile(r"scale\(([\d.]+) -\1\)")


def page_id(path: Path) -> str:
    return str(path.relative_to(DOCS_DIR))
