"""Every ``\\val{}`` reference of a page with the value it shows, and the literal numbers no snippet backs.

    python -m coursebuild values docs/optimizers.md      one page (several may be given)
    python -m coursebuild values                         every page; exits 1 on an error or an orphan number
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import DOCS_DIR, SNIPPETS_DIR
from ..engine import default_engine
from ..errors import CourseError, PageError, rel
from ..pages.check import check_page
from ..pages.numbers import allowlist
from ..pages.parse import course_pages
from ..pages.refs import find_refs


def page_report(path: Path, engine) -> tuple[list[str], list[str]]:
    """(lines describing each reference and allowlist entry, problems) of one page: the build's own checks."""
    state = check_page(path, engine, SNIPPETS_DIR)
    if state.page is None:
        return [], [str(e) for e in state.errors]
    refs = find_refs(state.page) if not any(isinstance(e, PageError) and "reference" in str(e) for e in
                                            state.errors) else []
    lines = [f"{rel(path)}:{ref.line}: {ref.text} = {value!r}" for ref, value in zip(refs, state.values)]
    lines += [f"{rel(path)}: literal {number}: {why}" for number, why in allowlist(state.page).items()]
    return lines, [str(e) for e in state.errors]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursebuild values", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", type=Path)
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the problems")
    args = parser.parse_args(argv)
    engine = default_engine()
    failed = 0
    for path in args.pages or course_pages(DOCS_DIR):
        try:
            lines, problems = page_report(path.resolve(), engine)
        except CourseError as exc:
            lines, problems = [], [str(exc)]
        if not args.quiet:
            print("\n".join(lines))
        for problem in problems:
            print(problem)
        failed += len(problems)
    engine.close()
    print(f"{failed} problem(s)")
    return 1 if failed else 0
