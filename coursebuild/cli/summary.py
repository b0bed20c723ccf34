"""A pull request's build at a glance, as Markdown for the CI job summary.

    python -m coursebuild summary --log build.log --links links.log --base origin/main

Snippets executed (from the strict build's log line), the expected outputs that changed against the base
(page and block), the translation notices, and the link check's verdict.
"""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

from .. import DOCS_DIR, ROOT, SNIPPETS_DIR
from ..errors import CourseError
from ..pages.parse import course_pages, parse_page
from ..plugin.freshness import lagging_pages

EXECUTED_RE = re.compile(r"coursebuild: (\d+) snippet\(s\) executed, (\d+) cached result\(s\) used")


def changed_outputs(base: str) -> list[str]:
    """``page:line`` of every expected-output block that differs from the base revision's."""
    changed = []
    for path in course_pages(DOCS_DIR):
        rel = path.relative_to(ROOT).as_posix()
        old = subprocess.run(["git", "show", f"{base}:{rel}"], cwd=ROOT, capture_output=True, text=True)
        try:
            new_page = parse_page(path)
            old_page = parse_page(path, text=old.stdout) if old.returncode == 0 else None
        except CourseError:
            continue
        before = {ex.snippet: ex.expected_output for ex in old_page.examples} if old_page else {}
        for ex in new_page.examples:
            if ex.expected_output != before.get(ex.snippet, "\0"):
                changed.append(f"{rel}:{ex.output_line or ex.line} ({ex.snippet})")
    return changed


def summary(log: str, links: str | None, base: str | None) -> str:
    runs = [(int(a), int(b)) for a, b in EXECUTED_RE.findall(log)]
    executed, cached = sum(a for a, _ in runs), sum(b for _, b in runs)
    lines = ["## Course build", "", "| | |", "| --- | --- |",
             f"| snippets executed | **{executed}** ({cached} cached result(s) used) |"]
    errors = [ln for ln in log.splitlines() if ln.startswith("ERROR")]
    lines.append(f"| build errors | {len(errors)} |")
    lags = lagging_pages(DOCS_DIR, SNIPPETS_DIR)
    lines.append(f"| translation notices | {len(lags)} |")
    if links is not None:
        verdict = links.strip().splitlines()[-1] if links.strip() else "no output"
        lines.append(f"| link check | {verdict} |")
    if base:
        outputs = changed_outputs(base)
        lines += ["", f"### Expected outputs changed against `{base}` ({len(outputs)})", ""]
        lines += [f"- `{o}`" for o in outputs] or ["none"]
    if lags:
        lines += ["", "### Pages that may lag behind their translation", ""]
        lines += [f"- `{lag.page.relative_to(ROOT)}` (its counterpart changed)" for lag in lags]
    if errors:
        lines += ["", "### Build errors", "", "```", *errors[:50], "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursebuild summary", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--log", type=Path, required=True, help="the output of `mkdocs build --strict`")
    parser.add_argument("--links", type=Path, help="the output of `python -m coursebuild linkcheck`")
    parser.add_argument("--base", help="git revision to compare the expected outputs with")
    args = parser.parse_args(argv)
    links = args.links.read_text(encoding="utf-8") if args.links and args.links.is_file() else None
    print(summary(args.log.read_text(encoding="utf-8", errors="replace"), links, args.base), end="")
    return 0
