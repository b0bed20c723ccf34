"""Every ``\\val{}`` reference of a page with the value it shows, and the literal numbers no snippet backs.

    python -m coursebuild values docs/optimizers.md      one page (several may be given)
    python -m coursebuild values                         every page; exits 1 on an error or an orphan number
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import DOCS_DIR
from ..engine import default_engine
from ..errors import CourseError, rel
from ..pages.numbers import allowlist, orphans
from ..pages.parse import course_pages, parse_page
from ..pages.refs import find_refs, resolve, wanted_names


def page_report(path: Path, engine) -> tuple[list[str], list[str]]:
    """(lines describing each reference, problems) of one page."""
    page = parse_page(path)
    names = wanted_names(page, find_refs(page))
    results = []
    problems: list[str] = []
    for k, example in enumerate(page.examples):
        try:
            results.append(engine.result(example.snippet_path, names.get(k, ())))
        except CourseError as exc:
            problems.append(str(exc))
            results.append(None)
    refs, values, errors = resolve(page, results)
    problems += errors
    lines = [f"{rel(path)}:{ref.line}: {ref.text} = {value!r}" for ref, value in zip(refs, values)]
    for orphan in orphans(page, values):
        problems.append(f"{rel(path)}:{orphan.line}: the number {orphan.number} equals no \\val{{}} reference, "
                        "no printed output of this page and no literal_numbers entry\n"
                        "  fix: write it as \\val{stem.name:spec} from a snippet embedded above, or add it to "
                        "the page's front-matter literal_numbers with the reason it is literal")
    for number, why in allowlist(page).items():
        lines.append(f"{rel(path)}: literal {number}: {why}")
    return lines, problems


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
