"""Helpers shared by the test modules: the course's pages, and the engine's project sandboxes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from coursebuild import DOCS_DIR
from coursebuild.cli.sandbox import copy_project, mkdocs_build
from coursebuild.pages import counterpart, course_pages
from coursebuild.settings import from_environment

__all__ = ["GLYPH_SCALE_RE", "PAGES", "SUITE_CACHE", "ZH_PAGES", "copy_project", "counterpart", "mkdocs_build",
           "one_page_build", "page_id"]

PAGES = course_pages(DOCS_DIR)
#: The result cache the suite shares: its engine's, and its builds' unless a test gives one (sandbox.build_env).
SUITE_CACHE = from_environment().cache_dir
ZH_PAGES = [p for p in PAGES if not p.name.endswith(".en.md")]
#: A run of text in a figure's SVG, drawn as glyph paths: ``scale(s -s)``, where s is the font size in points / 100.
GLYPH_SCALE_RE = re.compile(r"scale\(([\d.]+) -\1\)")


def page_id(path: Path) -> str:
    return str(path.relative_to(DOCS_DIR))


def one_page_build(project: Path, page: str, hook: str, cache: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of a site of one page (``page``, its Markdown) with the search, the course plugin
    (no notebooks), highlighted code, ``hook`` (a MkDocs hook module's source) and ``cache`` as the course's cache,
    into ``project/site``."""
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs" / "index.md").write_text(page, encoding="utf-8")
    (project / "hook.py").write_text(hook, encoding="utf-8")
    (project / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: one page
        theme:
          name: material
          font: false
        hooks:
          - hook.py
        plugins:
          - search
          - coursebuild:
              notebooks: false
        markdown_extensions:
          - pymdownx.highlight
          - pymdownx.superfences
        """), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site")],
                          cwd=project, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1", COURSEBUILD_CACHE_DIR=str(cache)))
