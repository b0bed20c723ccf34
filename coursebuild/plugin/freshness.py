"""Translation notices that follow content: a page shows "this translation may lag behind" only when its
counterpart changed since the page was last checked against it.

Each page records, on its last line, what it was checked against::

    <!-- translation-checked: 3f5a9c0e1b2d4f67 -->

a hash of its counterpart page (that line left out) and of the counterpart's embedded snippets. (A comment at
the end rather than front matter: marking a page moves none of its lines, so every page:line stays put.) A notice
appears when the counterpart's hash today differs from the one recorded; either language can be the one
that changed. ``python -m coursebuild freshness --mark docs/x.md`` records the current hash after an author
brought the page up to date; nothing depends on git or on the depth of its history.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..pages.parse import INCLUDE_RE, counterpart, course_pages, page_language

KEY = "translation-checked"
KEY_LINE_RE = re.compile(rf"\n*^<!--[ \t]*{KEY}:[ \t]*(?P<hash>[0-9a-f]*)[ \t]*-->[ \t]*\n?", re.M)

NOTICE = {
    "zh": ("本页译文可能落后于英文版", "英文版在本页上次核对之后又有改动："),
    "en": ("This translation may lag behind the Chinese version",
           "The Chinese version changed after this page was last checked against it: "),
}


@dataclass
class Lag:
    page: Path  # the page that may lag
    source: Path  # its counterpart, which changed
    language: str  # the lagging page's language
    recorded: str | None
    current: str


def recorded_hash(text: str) -> str | None:
    m = KEY_LINE_RE.search(text)
    return m["hash"] if m else None


def without_record(text: str) -> str:
    """The page as if it had never been marked."""
    return KEY_LINE_RE.sub("\n", text).rstrip("\n") + "\n"


def content_hash(page: Path, snippets_dir: Path) -> str:
    """What a translation is checked against: the page (its own record left out) and the snippets it embeds."""
    text = page.read_text(encoding="utf-8")
    digest = hashlib.sha256(without_record(text).encode("utf-8"))
    for line in text.splitlines():
        m = INCLUDE_RE.match(line)
        if m and (snippets_dir / m["path"]).is_file():
            digest.update(b"\0" + m["path"].encode() + b"\0" + (snippets_dir / m["path"]).read_bytes())
    return digest.hexdigest()[:16]


def lag_of(page: Path, snippets_dir: Path) -> Lag | None:
    other = counterpart(page)
    if not other.is_file():
        return None
    recorded, current = recorded_hash(page.read_text(encoding="utf-8")), content_hash(other, snippets_dir)
    if recorded == current:
        return None
    return Lag(page, other, page_language(page), recorded, current)


def lagging_pages(docs_dir: Path, snippets_dir: Path) -> list[Lag]:
    return [lag for page in course_pages(docs_dir) if (lag := lag_of(page, snippets_dir))]


def with_record(text: str, value: str) -> str:
    """The page's text with ``<!-- translation-checked: value -->`` as its last line (replacing an older one)."""
    return without_record(text) + f"\n<!-- {KEY}: {value} -->\n"


def mark_checked(page: Path, snippets_dir: Path) -> bool:
    """Record that ``page`` matches its counterpart as it is now; True when the file changed."""
    text = page.read_text(encoding="utf-8")
    new = with_record(text, content_hash(counterpart(page), snippets_dir))
    if new != text:
        page.write_text(new, encoding="utf-8")
    return new != text


def notice(lag: Lag, docs_dir: Path) -> str:
    title, text = NOTICE[lag.language]
    return f'!!! warning "{title}"\n\n    {text}`{lag.source.relative_to(docs_dir.parent)}`\n'
