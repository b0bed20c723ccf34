"""The numbers a page states in its text, and whether each one comes from code.

Every number outside code fences counts: prose, inline and display math, admonitions, tables, figure
captions and alt text; a number glued to a CJK character (``还有0.4315``) too, and numbers of one digit.
A literal number passes when it equals a value the page references (``\\val{}``), a number printed in one of
the page's expected-output blocks, or an entry of the page's allowlist in its front matter::

    literal_numbers:
      "2": "ordinal: the second step"

Left out as not data: ``\\val{}`` references themselves, inline code, link targets, HTML tags, heading anchors,
version numbers ("PyTorch 2.13") and subscripts of symbols (``\\beta_1``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .parse import Page

# Latin and Greek look-behind only: a CJK character right before a number does not hide it (β2 is a symbol).
NUMBER_RE = re.compile(r"(?<![A-Za-z0-9_.\\\u0370-\u03ff])"
                       r"(?:\d{1,3}(?:(?:,|\u202f|\u2009| )\d{3})+(?![\d.])|\d+(?:\.\d+)?)(?![A-Za-z_]*\d)")
VERSION_RE = re.compile(r"(?:PyTorch|Python|torch|Node\.js|KaTeX|Material|MkDocs|pytest)\s+[\d.]+", re.I)
FRONT_RE = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)?---[ \t]*\n", re.S)
STRIP = [re.compile(p, re.S | re.M) for p in (
    r"\\val\{[^{}]*\}",  # references: filled in from the snippets
    r"`[^`\n]+`",  # inline code
    r"\{\s*[#.][^}]*\}",  # attribute lists, heading anchors
    r"\]\([^)]*\)",  # link targets
    r"</?[A-Za-z][^<>]*>|<!--(?!\s*figure:).*?-->",  # HTML tags and comments (not a < b; a figure line stays)
    r"^\s*(?:>\s*)*\d+\.(?=\s)",  # the marker of an ordered list item
)]


@dataclass
class Orphan:
    line: int
    number: str


def allowlist(page: Page) -> dict[str, str]:
    front = FRONT_RE.match(page.text)
    data = yaml.safe_load(front["body"] or "") if front else None
    entries = (data or {}).get("literal_numbers") or {}
    return {str(k): str(v) for k, v in entries.items()}


def normal(number: str) -> str:
    return re.sub(r"[,\u202f\u2009 ]", "", number)


def numbers_in(text: str) -> list[str]:
    return [normal(n) for n in NUMBER_RE.findall(text)]


def text_lines(page: Page) -> list[tuple[int, str]]:
    """(line number, text) of every line a reader reads as text, with what is not data blanked out (so that a
    number's column is its column on the page)."""
    inside = page.fenced_lines
    front = FRONT_RE.match(page.text)
    skip = front.group(0).count("\n") if front else 0
    out = []
    for i, line in enumerate(page.lines):
        if i < skip or i in inside:
            continue
        for pattern in (*STRIP, VERSION_RE):  # blanked, not removed: columns stay those of the page
            line = pattern.sub(lambda m: " " * len(m[0]), line)
        out.append((i + 1, line))
    return out


class Known:
    """The numbers that back a page's literals, indexed so that each lookup is a set membership: an integer
    must be equal to one (``1`` is not backed by ``0.6``); a decimal with d places must be a rounding to d places
    of one that has at least d places (``0.9711`` of ``0.971100``)."""

    def __init__(self, numbers: list[str]) -> None:
        self.values: set[float] = set()
        self.rounded: dict[int, set[float]] = {}
        parsed = []
        for k in numbers:
            try:
                value = abs(float(k))
            except ValueError:
                continue
            self.values.add(value)
            parsed.append((value, len(k.split(".")[1]) if "." in k else 0))
        for d in range(1, max((places for _, places in parsed), default=0) + 1):
            self.rounded[d] = {round(v, d) for v, places in parsed if places >= d}

    def backs(self, number: str) -> bool:
        value = float(number)
        decimals = len(number.split(".")[1]) if "." in number else 0
        if decimals == 0:
            return value in self.values
        return value in self.rounded.get(decimals, ())


def backed(number: str, known: list[str] | Known) -> bool:
    """Whether ``number`` is backed by the ``known`` numbers (see :class:`Known`)."""
    return (known if isinstance(known, Known) else Known(known)).backs(number)


def orphans(page: Page, reference_values: list[str | None]) -> list[Orphan]:
    """Literal numbers in the page's text that no reference, printed output or allowlist entry backs."""
    known = [n for ex in page.examples for n in numbers_in(ex.expected_output or "")]
    known += [n for v in reference_values if v for n in numbers_in(v)]
    allowed = set(allowlist(page))
    index = Known(known)
    found = []
    for line, text in text_lines(page):
        for number in numbers_in(text):
            if number not in allowed and not index.backs(number):
                found.append(Orphan(line, number))
    return found
