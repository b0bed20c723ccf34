"""The author's one command: after a code change, refresh rewrites exactly the affected blocks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from coursebuild.cli.sandbox import build_env, copy_project


def run(project, *args):
    return subprocess.run([sys.executable, "-m", "coursebuild", "refresh", *args], cwd=project,
                          env=build_env(), capture_output=True, text=True, timeout=600)


def check_pages(project) -> str:
    """The same check the tests and the build make (page vs snippet), run inside the project copy."""
    code = ("from coursebuild import DOCS_DIR\n"
            "from coursebuild.pages import course_pages, parse_page\n"
            "from coursebuild.pages.check import check_example\n"
            "from coursebuild.engine import default_engine\n"
            "for page in course_pages(DOCS_DIR):\n"
            "    for ex in parse_page(page).examples:\n"
            "        check_example(ex, default_engine().result(ex.snippet_path))\n"
            "default_engine().close()\n"
            "print('all pages match')\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=project, env=build_env(), capture_output=True,
                          text=True, timeout=600)
    return done.stdout + done.stderr


@pytest.mark.slow
def test_refresh_rewrites_exactly_the_changed_blocks(tmp_path):
    project = copy_project(tmp_path / "project")
    assert run(project).stdout.endswith("0 expected-output block(s) rewritten in 14 page(s)\n")
    before = {p: p.read_text() for p in (project / "docs").glob("*.md")}

    snippet = project / "snippets" / "optimizers" / "momentum.zh.py"
    snippet.write_text(snippet.read_text().replace("lr=0.01", "lr=0.02"))
    assert "differs from the page's expected output" in check_pages(project)

    done = run(project)
    assert done.returncode == 0, done.stderr
    rewritten = [line for line in done.stdout.splitlines() if line.startswith("rewritten ")]
    assert len(rewritten) == 1 and rewritten[0].startswith("rewritten docs/optimizers.md:")
    changed = [p.name for p, text in before.items() if p.read_text() != text]
    assert changed == ["optimizers.md"]
    page = (project / "docs" / "optimizers.md").read_text()
    assert "更新后的权重：0.980000" in page  # w = 1 - 0.02 * 1
    assert "all pages match" in check_pages(project)
    assert run(project).stdout.endswith("0 expected-output block(s) rewritten in 14 page(s)\n")
