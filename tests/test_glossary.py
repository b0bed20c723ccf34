"""The glossary and the pages agree: every glossary term is used, every bold term is in the glossary.

The glossary is the table under `## 术语表 { #glossary }` / `## Glossary { #glossary }` on the summary page:
columns 中文 | English | meaning. A term cell is `term (alias, alias)`; full-width parentheses and `、`
separate Chinese aliases. On a Chinese page a bold term may come from either column (the Chinese pages
bold English terms such as **Epoch**); on an English page it must come from the English column.
Reads Markdown only; no snippet runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import PAGES, page_id

GLOSSARY_HEADING = re.compile(r"^##\s.*\{\s*#glossary\s*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
BOLD = re.compile(r"\*\*(.+?)\*\*")
ALIASES = re.compile(r"[(（](.*)[)）]\s*$")


@dataclass(frozen=True)
class Term:
    zh: tuple[str, ...]  # the Chinese name first, then its aliases
    en: tuple[str, ...]  # the English name first, then its aliases


def language(page: Path) -> str:
    return "en" if page.name.endswith(".en.md") else "zh"


def glossary_page(lang: str) -> Path:
    name = "summary.en.md" if lang == "en" else "summary.md"
    return next(p for p in PAGES if p.name == name)


def normalize(text: str) -> str:
    """Lower case, no Markdown emphasis or code marks, hyphens as spaces, single spaces."""
    text = text.replace("`", "").replace("*", "").lower()
    text = re.sub(r"[-‐‑–]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def names(cell: str) -> tuple[str, ...]:
    """`learning-rate scheduler (scheduler)` -> ('learning rate scheduler', 'scheduler')."""
    cell = cell.strip()
    m = ALIASES.search(cell)
    main = cell[: m.start()] if m else cell
    aliases = re.split(r"[,，、;；]", m[1]) if m else []
    return tuple(n for n in (normalize(x) for x in [main, *aliases]) if n)


def split_glossary(text: str) -> tuple[list[Term], str]:
    """The glossary's terms, and the page without the glossary section."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if GLOSSARY_HEADING.match(line)), None)
    if start is None:
        return [], text
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^#{1,2}\s", lines[i])), len(lines))
    terms = []
    for line in lines[start + 1 : end]:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if len(cells) < 2 or set(cells[0]) <= set("-: ") or cells[0] == "中文":
            continue
        terms.append(Term(names(cells[0]), names(cells[1])))
    return terms, "\n".join(lines[:start] + lines[end:])


def prose(text: str) -> str:
    """The page without front matter and fenced code (snippet includes, signatures, outputs)."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    kept, inside = [], False
    for line in text.split("\n"):
        if FENCE.match(line):
            inside = not inside
            continue
        if not inside:
            kept.append(line)
    return "\n".join(kept)


def unused_terms(terms: list[Term], texts: list[str], lang: str) -> list[str]:
    """Terms none of whose names (in `lang`'s column) occurs in any of the texts."""
    corpus = normalize("\n".join(prose(t) for t in texts))
    return [getattr(t, lang)[0] for t in terms if not any(n in corpus for n in getattr(t, lang))]


def bold_terms(text: str) -> list[str]:
    return [m[1] for m in BOLD.finditer(prose(text))]


def unknown_bold(terms: list[Term], text: str, lang: str) -> list[str]:
    """Bold text on a page that is not a glossary term (an English plural of one is fine)."""
    known = {n for t in terms for n in (t.en if lang == "en" else t.zh + t.en)}
    unknown = []
    for bold in bold_terms(text):
        b = normalize(bold)
        singular = {b, b[:-1] if b.endswith("s") else b, b[:-2] if b.endswith("es") else b}
        if not singular & known:
            unknown.append(bold)
    return unknown


def course(lang: str) -> tuple[list[Term], list[str]]:
    """The glossary of `lang`, and the texts of that language's pages outside the glossary."""
    terms, rest = split_glossary(glossary_page(lang).read_text(encoding="utf-8"))
    texts = [rest] + [p.read_text(encoding="utf-8") for p in PAGES
                      if language(p) == lang and p != glossary_page(lang)]
    return terms, texts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_glossary_exists(lang):
    terms, _ = course(lang)
    assert len(terms) >= 20, f"{page_id(glossary_page(lang))}: no glossary table under the {{ #glossary }} heading"


def test_glossaries_pair_up():
    """Both languages list the same terms in the same order (the 中文 and English columns agree)."""
    zh, _ = course("zh")
    en, _ = course("en")
    assert zh == en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_glossary_term_is_used(lang):
    terms, texts = course(lang)
    unused = unused_terms(terms, texts, lang)
    assert not unused, f"{page_id(glossary_page(lang))}: glossary terms that no {lang} page uses: {unused}"


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_bold_terms_are_in_the_glossary(page):
    terms, _ = course(language(page))
    unknown = unknown_bold(terms, page.read_text(encoding="utf-8"), language(page))
    assert not unknown, f"{page_id(page)}: bold text that is not a glossary term: {unknown}"


SYNTHETIC_GLOSSARY = """# Summary { #summary }

## Glossary { #glossary }

| 中文 | English | Meaning |
| --- | --- | --- |
| 学习率 | learning rate | the step size |
| 鞍点 | saddle point | zero gradient, not a minimum |
| 局部最小值 | local minimum (local minima) | lower than its neighbours |
| 学习率调度器（调度器） | learning-rate scheduler (scheduler) | changes the learning rate |
"""


def test_the_checks_can_fail():
    terms, rest = split_glossary(SYNTHETIC_GLOSSARY)
    assert [t.en[0] for t in terms] == ["learning rate", "saddle point", "local minimum", "learning rate scheduler"]
    assert terms[3].zh == ("学习率调度器", "调度器")
    assert "learning rate" not in rest  # the glossary itself does not count as a use
    page = (
        "---\nchapter: 1\n---\n\n# P { #p }\n\n"
        "The **learning rate** sets the step; two **saddle points** and the **Local Minima**.\n"
        "A **momentum** term, a `scheduler`, and a learning-rate decay.\n\n"
        "```python\nprint('**Fenced** bold and a saddle point do not count')\n```\n"
    )
    # (a) "saddle point" only occurs as a plural in bold, which is a use; nothing else is missing
    assert unused_terms(terms, [rest, page], "en") == []
    assert unused_terms(terms, [rest, "# P { #p }\n\nNo terms here.\n"], "en") == [
        "learning rate", "saddle point", "local minimum", "learning rate scheduler"]
    assert unused_terms(terms, [rest, "```\nsaddle point\n```\n"], "en") == [
        "learning rate", "saddle point", "local minimum", "learning rate scheduler"]
    # (b) plurals and stated aliases pass, case-insensitively; a term missing from the glossary fails
    assert unknown_bold(terms, page, "en") == ["momentum"]
    # a Chinese page may bold an English glossary term; an English page may not bold a Chinese one
    assert unknown_bold(terms, "**鞍点**、**Learning rate** 和 **动量**", "zh") == ["动量"]
    assert unknown_bold(terms, "**鞍点** and **learning rate**", "en") == ["鞍点"]


#: One word per notion on the Chinese pages: an epoch is "epoch" (the glossary's 轮次 is its gloss), never 轮 as a
#: unit ("训练 20 轮"), which two pages used and the others did not (a native editor's review).
EPOCH_AS_LUN = re.compile(r"轮(?!次)")


def epoch_as_lun(text: str) -> list[str]:
    return [line.strip()[:60] for line in text.splitlines() if EPOCH_AS_LUN.search(line)]


def test_chinese_pages_and_snippets_say_epoch():
    from coursebuild import ROOT

    texts = {page_id(p): p.read_text(encoding="utf-8") for p in PAGES if language(p) == "zh"}
    texts.update({str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
                  for p in sorted((ROOT / "snippets").rglob("*.zh.py"))})
    found = {name: lines for name, text in texts.items() if (lines := epoch_as_lun(text))}
    assert not found, f"轮 for an epoch (write “epoch”, as the other pages do): {found}"
    assert epoch_as_lun("共 20 轮；第 2 轮之后") and not epoch_as_lun("**Epoch**（轮次）：一个 epoch")
