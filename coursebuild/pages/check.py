"""Compare what a snippet printed with what its page promises (exact match, like pytest-codeblocks)."""

from __future__ import annotations

import difflib

from ..engine.runner import Result
from ..errors import OutputDrift, PageError
from .parse import Example


def check_output(example: Example, result: Result) -> None:
    if example.expected_output is None:
        if result.stdout:
            raise PageError(example.page, example.line, f"{example.snippet} prints output but the page "
                            "has no expected-output block under it",
                            "add <!--pytest-codeblocks:expected-output--> and run `python -m coursebuild refresh`")
        return
    if result.stdout != example.expected_output:
        diff = "".join(difflib.unified_diff(
            example.expected_output.splitlines(keepends=True), result.stdout.splitlines(keepends=True),
            fromfile=f"expected ({example.page.name}:{example.output_line})",
            tofile=f"printed by {example.snippet}"))
        raise OutputDrift(example.page, example.output_line, example.snippet_path, diff.rstrip("\n"))


def check_figures(example: Example, result: Result) -> None:
    if len(result.figures) != len(example.figures):
        raise PageError(example.page, example.line, f"{example.snippet} shows {len(result.figures)} "
                        f"figure(s) but the page captions {len(example.figures)}",
                        "write one <!--figure: caption | alt--> line per plt.show() figure")


def check_example(example: Example, result: Result) -> None:
    check_output(example, result)
    check_figures(example, result)
