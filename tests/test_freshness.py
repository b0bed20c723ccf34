"""Translation freshness: lagging pages found from git history, in temporary repositories."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import markdown
import pytest

from coursebuild import ROOT
from coursebuild.freshness import ahead_side, lagging_pages, main
from coursebuild.freshness_hook import NOTICE, insert_notice, on_page_markdown, on_pre_build
from coursebuild.pages import course_pages

pytestmark = pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
                                reason="git is not installed")


class Repo:
    """A small course in a temporary git repository, with commits one minute apart."""

    def __init__(self, path):
        self.path = path
        self.clock = 1_700_000_000
        path.mkdir(parents=True)
        self.git("init", "-q")
        files = {
            "docs/x.md": '# 标题 { #x }\n\n```python\n--8<-- "l/a.zh.py"\n```\n',
            "docs/x.en.md": '# Title { #x }\n\n```python\n--8<-- "l/a.en.py"\n```\n',
            "docs/y.md": "# 另一页 { #y }\n",
            "docs/y.en.md": "# Another page { #y }\n",
            "snippets/l/a.zh.py": "print(1)  # 中文注释\n",
            "snippets/l/a.en.py": "print(1)  # English comment\n",
        }
        for name, text in files.items():
            self.write(name, text)
        self.commit("both languages")

    def git(self, *args):
        self.clock += 60
        stamp = f"@{self.clock} +0000"
        env = dict(os.environ, GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp, GIT_AUTHOR_NAME="t",
                   GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t",
                   GIT_COMMITTER_EMAIL="t@example.invalid")
        return subprocess.run(["git", "-C", str(self.path), *args], check=True, env=env, capture_output=True,
                              text=True).stdout

    def write(self, name, text):
        path = self.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def change(self, *names):
        for name in names:
            self.write(name, (self.path / name).read_text(encoding="utf-8") + "\n")

    def commit(self, message, *names):
        if names:
            self.change(*names)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def lags(self, root=None):
        found = lagging_pages(root or self.path)
        return None if found is None else {(lag.page, tuple(lag.ahead)) for lag in found}


@pytest.fixture
def repo(tmp_path):
    return Repo(tmp_path / "course")


def test_pages_committed_together_are_fresh(repo):
    assert repo.lags() == set()


def test_page_changed_later_makes_its_translation_lag(repo):
    repo.commit("fix the Chinese page", "docs/x.md")
    assert repo.lags() == {("docs/x.en.md", ("docs/x.md",))}


def test_catching_up_in_a_later_commit_clears_the_notice_on_both_sides(repo):
    repo.commit("fix the Chinese page", "docs/x.md")
    repo.commit("translate the fix", "docs/x.en.md")
    assert repo.lags() == set()  # not: the Chinese page now lags behind the newer English one
    repo.commit("another English change", "docs/x.en.md")
    assert repo.lags() == {("docs/x.md", ("docs/x.en.md",))}


def test_changed_snippet_counts_for_the_page_that_embeds_it(repo):
    repo.commit("reword a comment", "snippets/l/a.en.py")
    assert repo.lags() == {("docs/x.md", ("snippets/l/a.en.py",))}


def test_both_sides_can_lag_at_once(repo):
    repo.commit("Chinese text", "docs/x.md")
    repo.commit("English snippet", "snippets/l/a.en.py")
    assert repo.lags() == {("docs/x.en.md", ("docs/x.md",)), ("docs/x.md", ("snippets/l/a.en.py",))}


def test_uncommitted_and_untracked_files_count_as_changed_now(repo):
    repo.change("docs/y.en.md")
    assert repo.lags() == {("docs/y.md", ("docs/y.en.md",))}
    repo.git("add", "docs/y.en.md")  # staged, not committed: still "now"
    assert repo.lags() == {("docs/y.md", ("docs/y.en.md",))}
    repo.write("docs/z.md", "# 新页 { #z }\n")
    repo.write("docs/z.en.md", "# New { #z }\n")
    assert repo.lags() == {("docs/y.md", ("docs/y.en.md",))}  # a new pair, both untracked: in sync
    repo.commit("English y, new page z")
    repo.write("docs/z.md", "# 新页（改） { #z }\n")
    assert repo.lags() == {("docs/y.md", ("docs/y.en.md",)), ("docs/z.en.md", ("docs/z.md",))}


def test_shallow_clone_reads_missing_history_as_in_sync(repo, tmp_path):
    repo.commit("Chinese change", "docs/x.md")
    assert repo.lags() == {("docs/x.en.md", ("docs/x.md",))}
    url = f"file://{repo.path}"
    for depth, expected in ((1, set()), (2, {("docs/x.en.md", ("docs/x.md",))})):
        clone = tmp_path / f"depth{depth}"
        subprocess.run(["git", "clone", "-q", "--depth", str(depth), url, str(clone)], check=True)
        assert repo.lags(clone) == expected, f"--depth {depth}"


def test_fresh_repository_without_commits_and_no_repository(tmp_path):
    course = tmp_path / "new"
    (course / "docs").mkdir(parents=True)
    (course / "docs" / "x.md").write_text("# x\n", encoding="utf-8")
    (course / "docs" / "x.en.md").write_text("# x\n", encoding="utf-8")
    assert lagging_pages(course) is None  # not a git work tree: unknown, no notice
    subprocess.run(["git", "-C", str(course), "init", "-q"], check=True)
    assert lagging_pages(course) == []  # no commit yet: every file is new, so in sync


def test_pair_rule():
    a, b = "a", "b"
    assert ahead_side([{a, b}], a, b) is None
    assert ahead_side([{a, b}, {a}], a, b) == a
    assert ahead_side([{a, b}, {a}, {a}], a, b) == a
    assert ahead_side([{a, b}, {a}, {b}], a, b) is None
    assert ahead_side([{a, b}, {a}, {b}, {b}], a, b) == b
    assert ahead_side([{a}, {"other"}], a, b) == a


def test_hook_puts_the_notice_under_the_title(repo):
    repo.commit("Chinese change", "docs/x.md")
    repo.commit("English snippet", "snippets/l/a.en.py")
    config = {"config_file_path": str(repo.path / "mkdocs.yml"), "docs_dir": str(repo.path / "docs")}
    on_pre_build(config)

    def page(name):
        return SimpleNamespace(file=SimpleNamespace(abs_src_path=str(repo.path / "docs" / name)))

    en = on_page_markdown("# Title { #x }\n\nBody.\n", page("x.en.md"), config, None)
    zh = on_page_markdown("# 标题 { #x }\n\n正文。\n", page("x.md"), config, None)
    assert on_page_markdown("# Another\n", page("y.en.md"), config, None) == "# Another\n"
    html_en = markdown.markdown(en, extensions=["admonition", "attr_list"])
    assert html_en.index('<h1 id="x">') < html_en.index('<div class="admonition warning">')
    assert "This translation may lag behind the Chinese version" in html_en
    assert "<code>docs/x.md</code>" in html_en
    html_zh = markdown.markdown(zh, extensions=["admonition", "attr_list"])
    assert "本页译文可能落后于英文版" in html_zh and "<code>snippets/l/a.en.py</code>" in html_zh


def test_notice_without_a_title_goes_on_top():
    assert insert_notice("Text.\n", "!!! warning\n").startswith("!!! warning\n")


def test_command_lists_lagging_pages_and_exits_0(repo, capsys):
    repo.commit("Chinese change", "docs/x.md")
    assert main(["--root", str(repo.path)]) == 0
    out = capsys.readouterr().out
    assert "docs/x.en.md may lag behind its translation: changed since: docs/x.md" in out
    assert "1 page(s) may lag behind their translation" in out


def test_command_runs_on_this_checkout():
    proc = subprocess.run([sys.executable, "-m", "coursebuild.freshness"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "may lag behind their translation" in proc.stdout or "freshness unknown" in proc.stdout


def test_built_site_shows_the_notice_on_lagging_pages_only(built_site):
    """The real build (session fixture) against what the command reports for this checkout."""
    lagging = {lag.page for lag in lagging_pages(ROOT) or []}
    for page in course_pages(ROOT / "docs"):
        stem = page.name.removesuffix(".md").removesuffix(".en")
        built = built_site / ("en" if page.name.endswith(".en.md") else "") / (
            "index.html" if stem == "index" else f"{stem}/index.html")
        html = built.read_text(encoding="utf-8")
        shown = any(title in html for title, _ in NOTICE.values())
        rel = page.relative_to(ROOT).as_posix()
        assert shown == (rel in lagging), f"{rel}: notice shown={shown}, lagging={rel in lagging}"
