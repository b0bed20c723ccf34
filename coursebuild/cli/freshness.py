"""Translations that may lag behind their counterpart, and recording that a page was checked.

    python -m coursebuild freshness                       list the lagging pages (exits 0: informs, never fails)
    python -m coursebuild freshness --mark docs/x.en.md   record that x.en.md matches docs/x.md as it is now
    python -m coursebuild freshness --mark-all            record every page as checked
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import DOCS_DIR, ROOT, SNIPPETS_DIR
from ..plugin.freshness import lagging_pages, mark_checked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursebuild freshness", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this checkout)")
    parser.add_argument("--mark", nargs="+", type=Path, default=[], metavar="PAGE",
                        help="record these pages as checked against their counterpart")
    parser.add_argument("--mark-all", action="store_true", help="record every page as checked")
    args = parser.parse_args(argv)
    docs, snippets = (args.root / "docs", args.root / "snippets") if args.root != ROOT else (DOCS_DIR, SNIPPETS_DIR)
    marks = sorted(docs.rglob("*.md")) if args.mark_all else [p.resolve() for p in args.mark]
    for page in marks:
        if mark_checked(page, snippets):
            print(f"{page.relative_to(args.root)}: marked as checked")
    lags = lagging_pages(docs, snippets)
    for lag in lags:
        print(f"{lag.page.relative_to(args.root)} may lag behind {lag.source.relative_to(args.root)} "
              f"(checked against {lag.recorded or 'nothing yet'}, now {lag.current})")
    print(f"{len(lags)} page(s) may lag behind their translation")
    return 0
