"""Every code block of every page, both languages, checked through pytest-codeblocks' own parser.

The page is expanded first (snippet includes replaced by the snippets, as the site shows them), then
``pytest_codeblocks.extract_from_buffer`` reads it. Each block must be counted, and each example must
print exactly its expected-output block.
"""

from __future__ import annotations

import ast
import importlib.metadata
import io
import re
import sys
import tomllib
import unicodedata

import pytest
from pytest_codeblocks import extract_from_buffer

from coursebuild import DOCS_DIR, ROOT, SNIPPETS_DIR
from coursebuild.engine import default_engine
from coursebuild.errors import OutputDrift
from coursebuild.pages import COLLECTED_INFO, expand, parse_page
from coursebuild.pages.check import check_output
from tests.support import PAGES, page_id

EXAMPLES = [(page, i) for page in PAGES for i in range(len(parse_page(page).examples))]

#: The content column holds 80 columns of code at 1280 px (13.6 px type, 656 px inside the box): snippets/ruff.toml
#: holds the programs to it, and a longer output line would hide its end behind a sideways scroll.
COLUMNS = tomllib.loads((SNIPPETS_DIR / "ruff.toml").read_text(encoding="utf-8"))["line-length"]


def display_width(line: str) -> int:
    """Columns a line takes in a monospaced block: a wide (CJK) character takes two, as in a terminal and in ruff."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def collected_blocks(text: str):
    return extract_from_buffer(io.StringIO(text))


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_no_block_is_skipped(page):
    """pytest-codeblocks sees every fence on the page, and runs exactly the page's examples."""
    parsed = parse_page(page)
    outputs = sum(ex.expected_output is not None for ex in parsed.examples)
    blocks = collected_blocks(expand(parsed))
    assert len(blocks) == len(parsed.fences) - outputs, "a fence on this page is invisible to pytest-codeblocks"
    runnable = [b for b in blocks if b.syntax in COLLECTED_INFO]
    assert len(runnable) == len(parsed.examples)
    for block, example in zip(runnable, parsed.examples, strict=True):
        assert block.syntax == "python"
        assert block.code == example.snippet_path.read_text(encoding="utf-8")
        assert block.expected_output == example.expected_output


@pytest.mark.parametrize(("page", "index"), EXAMPLES,
                         ids=[f"{page_id(p)}#{i + 1}" for p, i in EXAMPLES])
def test_example_prints_the_page_output(page, index):
    parsed = parse_page(page)
    example = parsed.examples[index]
    block = [b for b in collected_blocks(expand(parsed)) if b.syntax == "python"][index]
    result = default_engine().result(example.snippet_path)
    check_output(example, result)  # raises OutputDrift with a unified diff, page and snippet named
    # What pytest-codeblocks itself would compare: no block means the example must print nothing.
    assert result.stdout == (block.expected_output or "")


def test_a_changed_digit_fails():
    """The check bites: a copy of a page with one digit changed in an expected output must fail."""
    page = next(p for p in PAGES if any(ex.expected_output and any(c.isdigit() for c in ex.expected_output)
                                        for ex in parse_page(p).examples))
    parsed = parse_page(page)
    example = next(ex for ex in parsed.examples if ex.expected_output and any(c.isdigit() for c in ex.expected_output))
    lines = parsed.lines
    row = next(i for i in range(example.output_line - 1, len(lines)) if any(c.isdigit() for c in lines[i]))
    col = next(i for i, c in enumerate(lines[row]) if c.isdigit())
    lines[row] = lines[row][:col] + str((int(lines[row][col]) + 1) % 10) + lines[row][col + 1:]
    mutated = parse_page(page, "\n".join(lines) + "\n")
    mutant = next(ex for ex in mutated.examples if ex.line == example.line)
    with pytest.raises(OutputDrift) as caught:
        check_output(mutant, default_engine().result(mutant.snippet_path))
    message = str(caught.value)
    assert f"{page_id(page)}:{example.output_line}" in message and mutant.snippet in message
    assert "\n-" in message and "\n+" in message  # a unified diff
    block = [b for b in collected_blocks(expand(mutated)) if b.syntax == "python"]
    assert any(b.expected_output == mutant.expected_output for b in block)  # pytest-codeblocks sees the digit too


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_outputs_fit_the_content_column(page):
    """Every line of every expected output, and of every other block on the page, fits the snippets' 80 columns."""
    parsed = parse_page(page)
    lines = [(i + 1, parsed.lines[i].removeprefix(fence.indent).rstrip())
             for fence in parsed.fences for i in range(fence.start + 1, fence.end)]
    wide = [f"{page_id(page)}:{n}: {display_width(line)} columns: {line}"
            for n, line in lines if display_width(line) > COLUMNS]
    assert not wide, ("lines wider than the content column; print shorter lines in the snippet (or break them), "
                      "then run python -m coursebuild refresh:\n" + "\n".join(wide))


def test_display_width_counts_a_wide_character_twice():
    assert display_width("lr = 0.1") == 8
    assert display_width("学习率 = 0.1") == 12
    assert display_width("η₀ → ★ −") == 8


def _distribution(name: str) -> str:
    """A distribution's name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize("home", ["index.md", "index.en.md"])
def test_the_home_page_installs_what_the_examples_import(home):
    """The home page's install line names every third-party library a snippet imports, at the version
    requirements.txt pins, and nothing more: a reader who runs it can run every example and gets the outputs the
    pages show."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name, _, version = line.split("#")[0].strip().partition("==")
        if version:
            pins[_distribution(name)] = version.strip()
    modules = {node.module if isinstance(node, ast.ImportFrom) else alias.name
               for path in SNIPPETS_DIR.rglob("*.py")
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Import | ast.ImportFrom) and not getattr(node, "level", 0)
               for alias in node.names}
    third_party = {name.split(".")[0] for name in modules} - set(sys.stdlib_module_names)
    providers = importlib.metadata.packages_distributions()
    needed = {_distribution(providers[module][0]) for module in third_party}
    lines = [line for line in (DOCS_DIR / home).read_text(encoding="utf-8").splitlines()
             if line.startswith("pip install ") and " -r " not in f" {line} "]
    assert len(lines) == 1, f"docs/{home}: {len(lines)} install line(s) without -r, expected 1"
    named = dict(part.split("==") for part in lines[0].split()[2:])
    assert set(map(_distribution, named)) == needed, (
        f"docs/{home}: installs {sorted(named)}, the snippets import {sorted(needed)}")
    for name, version in named.items():
        assert pins[_distribution(name)] == version, (
            f"docs/{home}: {name}=={version}, but requirements.txt pins {pins[_distribution(name)]}")
