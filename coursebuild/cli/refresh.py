"""Re-run the snippets and rewrite the expected-output blocks of the pages (the author's one command).

    python -m coursebuild refresh              every page of both languages
    python -m coursebuild refresh docs/x.md    only these pages

Only blocks whose output changed are rewritten; an example with output but no block gets one.
Prints each rewritten block as page:line. Exits 1 when a snippet fails (nothing is written then).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import DOCS_DIR
from ..engine import default_engine
from ..errors import CourseError, rel
from ..pages.parse import ALLOWED_MARKER, course_pages, parse_page


def refresh_page(path: Path) -> list[str]:
    """Rewrite one page in place; returns ``page:line`` of each block that changed."""
    page = parse_page(path)
    engine = default_engine()
    lines = page.text.splitlines()
    changed: list[str] = []
    # Bottom-up, so earlier line numbers stay valid while later blocks are replaced.
    for example in reversed(page.examples):
        stdout = engine.result(example.snippet_path).stdout
        if stdout == (example.expected_output or ""):
            continue
        ind = example.indent
        body = [ind + s if s else s for s in stdout.splitlines()]
        if example.expected_output is not None:
            start = example.output_line - 1
            lines[start:start + example.expected_output.count("\n")] = body
            changed.append(f"{rel(path)}:{example.output_line}")
        else:
            close = example.line  # the fence's closing line is right after the include
            block = ["", f"{ind}<!--{ALLOWED_MARKER}-->", "", f"{ind}```", *body, f"{ind}```"]
            lines[close + 1:close + 1] = block
            changed.append(f"{rel(path)}:{close + 5}")
    if changed:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sorted(changed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", type=Path)
    args = parser.parse_args(argv)
    pages = args.pages or course_pages(DOCS_DIR)
    changed: list[str] = []
    try:
        for path in pages:
            changed += refresh_page(Path(path).resolve())
    except CourseError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        default_engine().close()
    for where in changed:
        print(f"rewritten {where}")
    print(f"{len(changed)} expected-output block(s) rewritten in {len(pages)} page(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
