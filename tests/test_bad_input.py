"""Bad input gives a clear error naming file and line, a nonzero exit, and leaves the cache intact."""

from __future__ import annotations

import json
import re

import pytest

from coursebuild.engine.cache import RESULTS, ResultCache
from coursebuild.errors import PageError
from coursebuild.pages import parse_page
from tests.support import SUITE_CACHE, copy_project, mkdocs_build

OK_SNIPPET = "print('hi')\n"


def page_error(tmp_path, text) -> str:
    (tmp_path / "s").mkdir(exist_ok=True)
    (tmp_path / "s" / "ok.zh.py").write_text(OK_SNIPPET)
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    with pytest.raises(PageError) as caught:
        parse_page(page, snippets_dir=tmp_path / "s")
    return str(caught.value)


EXAMPLE = '```python\n--8<-- "ok.zh.py"\n```\n'
OUTPUT = "\n<!--pytest-codeblocks:expected-output-->\n\n```\nhi\n```\n"


def test_missing_snippet(tmp_path):
    message = page_error(tmp_path, "# t\n\n" + EXAMPLE.replace("ok.zh.py", "ok.zh.pi"))
    assert "page.md:4: snippet 'ok.zh.pi' does not exist" in message and "did you mean 'ok.zh.py'" in message


def test_unclosed_fence(tmp_path):
    message = page_error(tmp_path, "# t\n\n```text\nnever closed\n")
    assert "page.md:3: code fence ```text is never closed" in message


@pytest.mark.parametrize("marker", ["<!--pytest-codeblocks:expected-ouput-->",
                                    "<!--pytest-codeblocks:expectedoutput-->"])
def test_misspelt_marker(tmp_path, marker):
    message = page_error(tmp_path, EXAMPLE + OUTPUT.replace("<!--pytest-codeblocks:expected-output-->", marker))
    assert "page.md:5: unknown pytest-codeblocks marker" in message
    assert "did you mean <!--pytest-codeblocks:expected-output-->" in message


@pytest.mark.parametrize("text, problem", [
    ("```py\nprint(1)\n```\n", "skipped silently"),
    ("```python title=\"x.py\"\nprint(1)\n```\n", "skipped silently"),
    ("```python\nprint(1)\n```\n", "exactly one snippet include"),
    (EXAMPLE + "\n<!--pytest-codeblocks:skip-->\n", "would hide a block"),
    (EXAMPLE + "\n<!--pytest-codeblocks:expected-output-->\n\n```text\nhi\n```\n", "info string 'text'"),
    (EXAMPLE + "\n<!--pytest-codeblocks:expected-output-->\n\nhi\n", "text between the expected-output marker"),
    ("<!--figure: a | b-->\n", "does not follow an example"),
    (EXAMPLE + OUTPUT + "<!--figure: caption only-->\n", "caption and alt text"),
])
def test_malformed_page(tmp_path, text, problem):
    assert problem in page_error(tmp_path, text)


def cache_entries_valid() -> int:
    cache = ResultCache(SUITE_CACHE)
    entries = [p for p in cache.directory.glob(RESULTS) if not p.name.startswith(".tmp-")]
    for entry in entries:
        assert cache.get(entry.stem) is not None, f"cache entry {entry} damaged"
        assert json.loads(entry.read_text())["key"] == entry.stem
    return len(entries)


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.mark.slow
def test_strict_build_fails_on_every_kind_of_bad_input(tmp_path):
    project = copy_project(tmp_path / "project")
    docs, snippets = project / "docs", project / "snippets" / "optimizers"
    edit(docs / "index.md", "# ", '```python\n--8<-- "optimizers/nonexistent.zh.py"\n```\n\n# ')
    edit(docs / "index.en.md", "# ", "<!--pytest-codeblocks:expected-ouput-->\n\n# ")
    (docs / "gradient-descent.md").write_text((docs / "gradient-descent.md").read_text() + "\n```text\nopen\n")
    edit(docs / "optimizers.md", "0.971100", "0.971101")  # one changed digit: drift
    edit(snippets / "momentum.en.py", "optimizer.step()  #", "raise RuntimeError('broken on purpose')  #")
    edit(snippets / "ewa_data.en.py", "DAYS = 30\n", "DAYS = 30\nwhile True:\n    pass\n")
    edit(snippets / "ewa_beta.zh.py", "DAYS = 30\n", "DAYS = 30 +\n")
    before = cache_entries_valid()
    done = mkdocs_build(project, tmp_path / "site", COURSEBUILD_TIMEOUT="3")
    log = done.stdout + done.stderr
    assert done.returncode != 0
    for expected in [
        r"docs/index\.md:2: snippet 'optimizers/nonexistent\.zh\.py' does not exist",
        r"docs/index\.en\.md:1: unknown pytest-codeblocks marker",
        r"docs/gradient-descent\.md:\d+: code fence ```text is never closed",
        r"docs/optimizers\.md:\d+: the output of snippets/optimizers/momentum\.zh\.py differs",
        r"-第二次.*0\.971101",
        r"snippets/optimizers/momentum\.en\.py:\d+: raised RuntimeError: broken on purpose",
        r"snippets/optimizers/ewa_data\.en\.py: still running after 3 s",
        r"snippets/optimizers/ewa_beta\.zh\.py:\d+: raised SyntaxError",
        r"Aborted with \d+ (errors|warnings) in strict mode",
    ]:
        assert re.search(expected, log), f"missing {expected!r} in build log:\n{log}"
    assert cache_entries_valid() >= before


@pytest.mark.slow
def test_strict_build_fails_on_a_page_without_translation(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "summary.en.md").unlink()
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0
    assert "docs/summary.md has no translation: docs/summary.en.md is missing" in done.stdout + done.stderr
