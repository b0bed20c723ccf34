"""Translation freshness: which pages may lag behind their counterpart in the other language, from git history.

    python -m coursebuild.freshness [--root DIR]   lists the lagging pages; exits 0 (informs, never fails CI)

Counterparts: ``docs/x.md`` <-> ``docs/x.en.md`` and ``snippets/d/n.zh.py`` <-> ``snippets/d/n.en.py``. A page
also counts as changed when a snippet it embeds (``--8<-- "d/n.zh.py"``) changed: each page pair is judged
on its own file pair and on the pairs of the snippets either page embeds.

Rule, per file pair, over the commits that touched either file (``git log --date-order``, oldest first),
followed by the uncommitted changes (modified, staged or untracked files: they changed "now"):

* a commit that touches both files leaves them in sync;
* a commit that touches one file only makes it *ahead*, unless the other file was ahead: then it is the
  translation catching up, and the pair is in sync again.

Comparing only the last commit times (``git log -1 --format=%ct``) would flag the wrong page after every
translation: the page translated last is the newest, so its source would look stale in turn.

Works in any clone: in a shallow clone the oldest fetched commit lists every file (as if it added them), so
the history before it reads as "in sync" (deploy with full history: ``fetch-depth: 0``). Outside a git work
tree, or without git, nothing is known and nothing is reported.

Why exit 0: a translation lagging behind for a while is a normal state of a bilingual course (a fix lands in
one language first); the site says so on the page, and CI need not block the fix.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import ROOT
from .pages import INCLUDE_RE, counterpart, course_pages

LANGUAGES = ("zh", "en")


@dataclass
class Lag:
    page: str  # the page that may lag, relative to the root (docs/x.en.md)
    language: str  # its language
    ahead: list[str]  # files of the other language changed since, relative to the root


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-C", str(root), "-c", "core.quotepath=false", *args],
                              capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout if proc.returncode == 0 else None


def history(root: Path, paths: list[str]) -> list[set[str]] | None:
    """For each commit touching ``paths`` (oldest first), the ones it touched; the last set holds the
    uncommitted ones. None when ``root`` is not in a git work tree (or git is missing)."""
    if _git(root, "rev-parse", "--is-inside-work-tree") is None:
        return None
    commits: list[set[str]] = []
    has_head = _git(root, "rev-parse", "--verify", "--quiet", "HEAD") is not None
    if has_head:
        log = _git(root, "log", "--date-order", "--no-renames", "--relative", "--format=%x00", "--name-only",
                   "--", *paths)
        if log is None:
            return None
        commits = [{p for p in chunk.splitlines() if p} for chunk in log.split("\0")[1:]]
        commits.reverse()
    changed = _git(root, "diff", "--name-only", "--no-renames", "--relative", "HEAD", "--", *paths) if has_head else ""
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "--", *paths)
    now = set((changed or "").splitlines()) | set((untracked or "").splitlines())
    if now:
        commits.append(now)
    return commits


def ahead_side(commits: list[set[str]], a: str, b: str) -> str | None:
    """Which of the two files is ahead of the other after these commits (None: in sync)."""
    state = None
    for touched in commits:
        in_a, in_b = a in touched, b in touched
        if in_a and in_b:
            state = None
        elif in_a:
            state = None if state == b else a
        elif in_b:
            state = None if state == a else b
    return state


def language(path: str) -> str:
    return "en" if path.endswith((".en.md", ".en.py")) else "zh"


def snippet_counterpart(snippet: str) -> str | None:
    """d/n.zh.py <-> d/n.en.py; None for a snippet without a language suffix (shared by both pages)."""
    for mine, other in (("zh", "en"), ("en", "zh")):
        if snippet.endswith(f".{mine}.py"):
            return snippet[: -len(f".{mine}.py")] + f".{other}.py"
    return None


def embedded(page: Path) -> list[str]:
    """The snippets a page includes, as pymdownx.snippets sees them (every include line)."""
    text = page.read_text(encoding="utf-8")
    return [m["path"] for line in text.splitlines() if (m := INCLUDE_RE.match(line))]


def page_pairs(root: Path, docs_dir: Path, snippets_dir: Path) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(zh page, en page, [file pairs that decide it]) for each page that exists in both languages."""
    def rel(path: Path) -> str:
        return path.resolve().relative_to(root.resolve()).as_posix()

    pairs = []
    for zh in course_pages(docs_dir):
        en = counterpart(zh)
        if zh.name.endswith(".en.md") or not en.is_file():
            continue
        files = [(rel(zh), rel(en))]
        for snippet in sorted(set(embedded(zh)) | set(embedded(en))):
            other = snippet_counterpart(snippet)
            if other and (snippets_dir / snippet).is_file() and (snippets_dir / other).is_file():
                pair = tuple(sorted((rel(snippets_dir / snippet), rel(snippets_dir / other)), key=language))
                if pair not in files:
                    files.append(pair)
        pairs.append((rel(zh), rel(en), files))
    return pairs


def lagging_pages(root: Path = ROOT, docs_dir: Path | None = None,
                  snippets_dir: Path | None = None) -> list[Lag] | None:
    """Pages that may lag behind their counterpart; None when git knows nothing about ``root``."""
    root = Path(root)
    pairs = page_pairs(root, Path(docs_dir or root / "docs"), Path(snippets_dir or root / "snippets"))
    paths = sorted({f for _, _, files in pairs for pair in files for f in pair})
    commits = history(root, paths) if paths else []
    if commits is None:
        return None
    lags = []
    for zh, en, files in pairs:
        ahead = {"zh": [], "en": []}
        for a, b in files:
            side = ahead_side(commits, a, b)
            if side:
                ahead[language(side)].append(side)
        for page, lang, other in ((zh, "zh", "en"), (en, "en", "zh")):
            if ahead[other]:
                lags.append(Lag(page, lang, ahead[other]))
    return lags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this checkout)")
    args = parser.parse_args(argv)
    lags = lagging_pages(args.root)
    if lags is None:
        print("no git history here: translation freshness unknown")
        return 0
    for lag in lags:
        print(f"{lag.page} may lag behind its translation: changed since: {', '.join(lag.ahead)}")
    print(f"{len(lags)} page(s) may lag behind their translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
