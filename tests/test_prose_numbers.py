"""No number in the prose that no snippet prints (or that the page's own formulas do not derive).

A prose number passes when it equals, or is a rounding of, a number in one of the page's expected
outputs, snippet sources (hyper-parameters) or formulas. Version numbers ("PyTorch 2.13") and
one-digit counts are not data and are left alone.
"""

from __future__ import annotations

import re

import pytest

from coursebuild.pages import parse_page
from coursebuild.pages.numbers import allowlist
from tests.support import PAGES, page_id

NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]*\d)")
VERSION = re.compile(r"(?:PyTorch|Python|torch|Node\.js|KaTeX)\s+[\d.]+", re.IGNORECASE)
MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S)


def numbers(text: str) -> list[str]:
    return NUMBER.findall(text)


def prose_and_sources(page):
    parsed = parse_page(page)
    inside = {i for f in parsed.fences for i in range(f.start, f.end + 1)}
    text = "\n".join(line for i, line in enumerate(parsed.lines) if i not in inside)
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    math = " ".join(MATH.findall(text))
    prose = MATH.sub(" ", text)
    for pattern in (r"`[^`]+`", r"<!--.*?-->", r"\{\s*#[^}]+\}", r"\]\([^)]*\)", r"<[^>]+>", VERSION.pattern):
        prose = re.sub(pattern, " ", prose, flags=re.S | re.IGNORECASE)
    sources = math
    for ex in parsed.examples:
        sources += "\n" + (ex.expected_output or "") + "\n" + ex.snippet_path.read_text(encoding="utf-8")
    return prose, sources


def backed(number: str, known: set[str]) -> bool:
    decimals = len(number.split(".")[1]) if "." in number else 0
    value = float(number)
    return any(k == number or round(float(k), decimals) == value for k in known)


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_prose_numbers_come_from_the_code(page):
    prose, sources = prose_and_sources(page)
    known = set(numbers(sources))
    allowed = set(allowlist(parse_page(page)))  # literal on purpose, each with its reason (front matter)
    orphans = sorted({n for n in numbers(prose) if len(n.replace(".", "").lstrip("0")) >= 2
                      and not backed(n, known) and n not in allowed})
    assert not orphans, f"{page_id(page)}: numbers in the prose that no snippet prints: {orphans}"


def test_the_audit_can_fail(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("# t { #t }\n\nThe loss falls to 0.2984 after 196 iterations.\n")
    prose, sources = prose_and_sources(page)
    assert sorted(n for n in numbers(prose) if not backed(n, set(numbers(sources)))) == ["0.2984", "196"]
