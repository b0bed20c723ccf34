"""Translation notices follow content: a page lags only when its counterpart changed since it was checked.

(The first edition read git history; the notices then depended on commit order and clone depth, and the
Chinese optimizers page cried wolf. These tests replace those of the git rule.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import markdown

from coursebuild import DOCS_DIR, ROOT, SNIPPETS_DIR
from coursebuild.cli.freshness import main
from coursebuild.pages import course_pages
from coursebuild.plugin.freshness import (
    NOTICE,
    content_hash,
    lag_of,
    lagging_pages,
    mark_checked,
    notice,
    recorded_hash,
    with_record,
)
from coursebuild.plugin.rendering import insert_after_title


def course(tmp_path: Path) -> tuple[Path, Path]:
    docs, snippets = tmp_path / "docs", tmp_path / "snippets"
    (snippets / "l").mkdir(parents=True)
    docs.mkdir()
    (snippets / "l" / "a.zh.py").write_text("print(1)  # 一\n", encoding="utf-8")
    (snippets / "l" / "a.en.py").write_text("print(1)  # one\n", encoding="utf-8")
    (docs / "x.md").write_text('# 标题 { #x }\n\n```python\n--8<-- "l/a.zh.py"\n```\n', encoding="utf-8")
    (docs / "x.en.md").write_text('# Title { #x }\n\n```python\n--8<-- "l/a.en.py"\n```\n', encoding="utf-8")
    return docs, snippets


def lags(docs: Path, snippets: Path) -> set[tuple[str, str]]:
    return {(lag.page.name, lag.source.name) for lag in lagging_pages(docs, snippets)}


def test_unchecked_pages_lag_until_marked(tmp_path):
    docs, snippets = course(tmp_path)
    assert lags(docs, snippets) == {("x.md", "x.en.md"), ("x.en.md", "x.md")}
    mark_checked(docs / "x.md", snippets)
    mark_checked(docs / "x.en.md", snippets)
    assert lags(docs, snippets) == set()


def test_either_language_can_be_the_source_of_a_change(tmp_path):
    docs, snippets = course(tmp_path)
    for page in docs.glob("*.md"):
        mark_checked(page, snippets)
    (docs / "x.md").write_text((docs / "x.md").read_text(encoding="utf-8") + "\n新的一段。\n", encoding="utf-8")
    assert lags(docs, snippets) == {("x.en.md", "x.md")}
    mark_checked(docs / "x.en.md", snippets)
    assert lags(docs, snippets) == set()  # marking one page never makes the other lag
    (docs / "x.en.md").write_text((docs / "x.en.md").read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert lags(docs, snippets) == {("x.md", "x.en.md")}


def test_a_changed_snippet_counts_for_the_other_language(tmp_path):
    docs, snippets = course(tmp_path)
    for page in docs.glob("*.md"):
        mark_checked(page, snippets)
    (snippets / "l" / "a.en.py").write_text("print(1)  # one, said better\n", encoding="utf-8")
    assert lags(docs, snippets) == {("x.md", "x.en.md")}


def test_the_record_is_left_out_of_the_hash_and_moves_no_line(tmp_path):
    docs, snippets = course(tmp_path)
    before = content_hash(docs / "x.en.md", snippets)
    original = (docs / "x.en.md").read_text(encoding="utf-8")
    mark_checked(docs / "x.en.md", snippets)
    marked = (docs / "x.en.md").read_text(encoding="utf-8")
    assert content_hash(docs / "x.en.md", snippets) == before
    assert marked.startswith(original) and marked.splitlines()[-1].startswith("<!-- translation-checked: ")
    text = with_record("---\nchapter: 3\n---\n\n# T\n", "abc")
    assert text == "---\nchapter: 3\n---\n\n# T\n\n<!-- translation-checked: abc -->\n"
    again = with_record(text, "def")
    assert recorded_hash(again) == "def" and again.count("translation-checked") == 1


def test_no_git_needed(tmp_path):
    docs, snippets = course(tmp_path)
    assert not (tmp_path / ".git").exists()
    assert lag_of(docs / "x.md", snippets) is not None


def test_notice_under_the_title(tmp_path):
    docs, snippets = course(tmp_path)
    lag = lag_of(docs / "x.en.md", snippets)
    html = markdown.markdown(insert_after_title("# Title\n\nText.\n", notice(lag, docs)), extensions=["admonition"])
    assert html.index("<h1>") < html.index('<div class="admonition warning">')
    assert NOTICE["en"][0] in html and "<code>docs/x.md</code>" in html
    assert insert_after_title("Text.\n", "!!! warning\n").startswith("!!! warning\n")


def test_command_marks_and_lists(tmp_path, capsys):
    docs, snippets = course(tmp_path)
    assert main(["--root", str(tmp_path)]) == 0
    assert "2 page(s) may lag behind their translation" in capsys.readouterr().out
    assert main(["--root", str(tmp_path), "--mark", str(docs / "x.md")]) == 0
    out = capsys.readouterr().out
    assert "docs/x.md: marked as checked" in out and "docs/x.en.md may lag behind docs/x.md" in out
    assert "1 page(s) may lag" in out


def test_command_runs_on_this_checkout():
    proc = subprocess.run([sys.executable, "-m", "coursebuild", "freshness"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "may lag behind their translation" in proc.stdout


def test_every_translation_of_the_course_is_checked():
    """The course as committed carries no notice (the zh optimizers page cried wolf in the first edition)."""
    assert lagging_pages(DOCS_DIR, SNIPPETS_DIR) == [], "run `python -m coursebuild freshness --mark PAGE`"


def test_built_site_shows_the_notice_on_lagging_pages_only(built_site):
    lagging = {str(lag.page.relative_to(DOCS_DIR)) for lag in lagging_pages(DOCS_DIR, SNIPPETS_DIR)}
    for page in course_pages(DOCS_DIR):
        rel = str(page.relative_to(DOCS_DIR))
        name = rel.removesuffix(".md").removesuffix(".en")
        html_path = built_site / ("en/" if rel.endswith(".en.md") else "") / ("" if name == "index" else name) / \
            "index.html"
        html = html_path.read_text(encoding="utf-8")
        shown = NOTICE["zh"][0] in html or NOTICE["en"][0] in html
        assert shown == (rel in lagging), f"{rel}: notice shown={shown}, lagging={rel in lagging}"
