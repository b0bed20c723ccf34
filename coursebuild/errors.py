"""Errors a person can act on: where, what was expected, what came, and the command that fixes it."""

from __future__ import annotations

from pathlib import Path

from . import ROOT

REFRESH_COMMAND = "python -m coursebuild refresh"


def rel(path: str | Path) -> str:
    """Path relative to the repository root when it lies inside it (shorter, clickable)."""
    p = Path(path).resolve()
    try:
        return str(p.relative_to(ROOT))
    except ValueError:
        return str(p)


class CourseError(Exception):
    """Base class: ``str(error)`` is the whole message shown by the build and the tests."""


class PageError(CourseError):
    """The Markdown of a page is malformed (unclosed fence, bad marker, missing snippet...)."""

    def __init__(self, page: str | Path, line: int, problem: str, fix: str = ""):
        self.page, self.line, self.problem = rel(page), line, problem
        text = f"{self.page}:{line}: {problem}"
        if fix:
            text += f"\n  fix: {fix}"
        super().__init__(text)


class SnippetError(CourseError):
    """A snippet raised, crashed its interpreter, or ran past its time limit."""

    def __init__(self, snippet: str | Path, message: str, line: int | None = None):
        self.snippet, self.line = rel(snippet), line
        where = f"{self.snippet}:{line}" if line else self.snippet
        super().__init__(f"{where}: {message}\n  fix: run `python {self.snippet}` and correct the snippet")


class SnippetTimeout(SnippetError):
    def __init__(self, snippet: str | Path, seconds: float):
        super().__init__(
            snippet,
            f"still running after {seconds:g} s (per-snippet limit; COURSEBUILD_TIMEOUT raises it)",
        )


class OutputDrift(CourseError):
    """A snippet printed something other than the page's expected-output block."""

    def __init__(self, page: str | Path, line: int, snippet: str | Path, diff: str):
        self.page, self.line, self.snippet = rel(page), line, rel(snippet)
        super().__init__(
            f"{self.page}:{line}: the output of {self.snippet} differs from the page's expected output\n"
            f"{diff}\n"
            f"  fix: if the new output is right, run `{REFRESH_COMMAND} {self.page}`; "
            f"otherwise correct {self.snippet}"
        )
