"""MkDocs hook: render every formula with KaTeX at build time (see ``coursebuild/math.py``).

on_post_page  replace arithmatex's TeX by KaTeX HTML, after the search plugin has read the page, so the
              search index holds the TeX source rather than KaTeX's markup
on_shutdown   stop the node process

A formula KaTeX rejects is logged as an error naming the page and the formula: ``mkdocs build --strict``
fails, ``mkdocs serve`` keeps serving the page with the TeX left as it was written.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coursebuild.math import MathError, default_renderer, render_page  # noqa: E402

log = logging.getLogger("mkdocs.plugins.coursebuild.math")


def on_post_page(output: str, page, config) -> str:
    if "arithmatex" not in output:
        return output
    try:
        result = render_page(output, default_renderer())
    except MathError as exc:
        log.error("math: docs/%s: %s", page.file.src_uri, exc)
        return output
    for error in result.errors:
        log.error("math: docs/%s: %s", page.file.src_uri, error)
    return result.html


def on_shutdown() -> None:
    default_renderer().close()
