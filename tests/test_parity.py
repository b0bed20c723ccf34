"""Chinese and English are the same course: same pages, anchors, examples, programs and numbers."""

from __future__ import annotations

import ast
import re

import pytest

from coursebuild import SNIPPETS_DIR
from coursebuild.engine import default_engine
from coursebuild.pages import parse_page
from tests.support import PAGES, ZH_PAGES, counterpart, page_id

HEADING_RE = re.compile(r"^(#{1,6})\s+.*?\{\s*#(?P<id>[\w-]+)\s*\}\s*$")
NUMBER_RE = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
ZH_SNIPPETS = sorted(SNIPPETS_DIR.rglob("*.zh.py"))


def headings(page):
    """(level, anchor) of every heading outside code fences; a heading without an anchor is an error."""
    parsed = parse_page(page)
    inside = {i for f in parsed.fences for i in range(f.start, f.end + 1)}
    found = []
    for i, line in enumerate(parsed.lines):
        if i in inside or not re.match(r"^#{1,6}\s", line):
            continue
        m = HEADING_RE.match(line)
        assert m, f"{page_id(page)}:{i + 1}: heading without an explicit {{ #anchor }}: {line!r}"
        found.append((len(m[1]), m["id"]))
    return found


def examples(page):
    return [(re.sub(r"\.(zh|en)\.py$", "", ex.snippet), len(ex.figures)) for ex in parse_page(page).examples]


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_page_has_its_translation(page):
    assert counterpart(page).is_file(), f"{page_id(page)} has no translation {counterpart(page).name}"


@pytest.mark.parametrize("page", ZH_PAGES, ids=page_id)
def test_same_anchors_and_examples(page):
    en = counterpart(page)
    assert headings(page) == headings(en)
    assert examples(page) == examples(en)
    for ex in parse_page(page).examples:
        assert ex.snippet.endswith(".zh.py"), f"{page_id(page)}:{ex.line}: the Chinese page embeds {ex.snippet}"
    for ex in parse_page(en).examples:
        assert ex.snippet.endswith(".en.py"), f"{page_id(en)}:{ex.line}: the English page embeds {ex.snippet}"


class _StripText(ast.NodeTransformer):
    """Set string literals aside: constants become "" and f-strings keep only their expressions."""

    def visit_Constant(self, node):
        return ast.Constant("") if isinstance(node.value, str) else node

    def visit_JoinedStr(self, node):
        node.values = [self.visit(v) for v in node.values if isinstance(v, ast.FormattedValue)]
        return node


def program_shape(path) -> str:
    return ast.dump(_StripText().visit(ast.parse(path.read_text(encoding="utf-8"))))


def en_variant(zh):
    return zh.with_name(zh.name.replace(".zh.py", ".en.py"))


def sid(path):
    return str(path.relative_to(SNIPPETS_DIR))


@pytest.mark.parametrize("zh", ZH_SNIPPETS, ids=sid)
def test_snippet_pair_is_one_program(zh):
    en = en_variant(zh)
    assert en.is_file(), f"{sid(zh)} has no English variant {sid(en)}"
    assert program_shape(zh) == program_shape(en), (
        f"{sid(zh)} and {sid(en)} differ in more than comments and strings")


@pytest.mark.parametrize("zh", ZH_SNIPPETS, ids=sid)
def test_snippet_pair_prints_the_same_numbers(zh):
    engine = default_engine()
    zh_out, en_out = engine.result(zh), engine.result(en_variant(zh))
    assert NUMBER_RE.findall(zh_out.stdout) == NUMBER_RE.findall(en_out.stdout)
    assert len(zh_out.figures) == len(en_out.figures)


def data_snippets() -> set:
    """The snippets of mkdocs.yml's data_files (a variable shipped as JSON, no text for readers)."""
    from mkdocs.utils.yaml import yaml_load

    from coursebuild import ROOT

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as fh:
        plugins = yaml_load(fh)["plugins"]
    options = next(p["coursebuild"] for p in plugins if isinstance(p, dict) and "coursebuild" in p)
    return {SNIPPETS_DIR / v.rpartition(":")[0] for v in options.get("data_files", {}).values()}


def test_every_snippet_has_a_pair():
    en = sorted(SNIPPETS_DIR.rglob("*.en.py"))
    assert sorted(en_variant(z) for z in ZH_SNIPPETS) == en
    # A data snippet has one variant.
    data = data_snippets()
    others = [p for p in SNIPPETS_DIR.rglob("*.py") if not p.name.endswith((".zh.py", ".en.py")) and p not in data]
    assert not others, f"snippets without a language suffix: {others}"


def test_every_snippet_runs_in_the_build():
    """A page embeds it or it is a data snippet. A file under snippets/ that no build runs would never have a
    result in the cache, so every warm build would start an interpreter for it (CourseBuildPlugin.load_config)."""
    embedded = {ex.snippet_path for page in PAGES for ex in parse_page(page).examples}
    unused = sorted(str(p.relative_to(SNIPPETS_DIR)) for p in set(SNIPPETS_DIR.rglob("*.py")) - embedded
                    - data_snippets())
    assert not unused, f"snippets no page embeds (delete them, or embed them in a page): {unused}"


def test_shape_ignores_strings_but_not_code(tmp_path):
    """The AST comparison can fail: a changed number or call is a different program."""
    a, b, c = tmp_path / "a.py", tmp_path / "b.py", tmp_path / "c.py"
    a.write_text('x = 1  # eins\nprint(f"x = {x:.2f}")\n')
    b.write_text('x = 1  # one\nprint(f"value {x:.2f}!")\n')
    c.write_text('x = 2\nprint(f"x = {x:.2f}")\n')
    assert program_shape(a) == program_shape(b)
    assert program_shape(a) != program_shape(c)
