"""Chinese words on an English page marked as Chinese (WCAG 3.1.2, language of parts).

A screen reader speaks a page in the voice of its ``<html lang>``; Chinese characters in an English voice are
spelled out as unknown symbols or skipped. The English lessons quote Chinese on purpose (the glossary's Chinese
column, the source's legend in learning-rate decay), so every run of Chinese characters in an English page's
content is wrapped in ``<span lang="zh">`` (the book's chapters are these pages' articles, so they carry it;
the language switcher names each language in itself, and ``theme/partials/alternate.html`` marks those).
Markup is left as it is: tags, attributes (an alt text is one language), and what is not read as text
(scripts, styles, SVG, MathML, and TeX that KaTeX typesets later).
"""

from __future__ import annotations

import bisect
import re

#: CJK punctuation, ideographs and full-width forms: what a Chinese voice reads.
CJK_RUN_RE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
#: Elements whose content is not read as the page's text, and arithmatex's TeX (KaTeX renders it after this).
UNSPOKEN_RE = re.compile(r"<(head|script|style|svg|math|template|textarea)\b.*?</\1\s*>"
                         r'|<(span|div) class="arithmatex">.*?</\2>', re.S | re.I)


def mark_chinese(html: str, lang: str = "zh") -> str:
    """``html`` with each run of Chinese characters in its text wrapped in ``<span lang="zh">``.

    The runs are found first (an English page holds few) and each is placed: in a tag (an attribute's value),
    or in an element that is not read, it stays as it is."""
    runs = list(CJK_RUN_RE.finditer(html))
    if not runs:
        return html
    unspoken = [m.span() for m in UNSPOKEN_RE.finditer(html)]
    starts = [start for start, _ in unspoken]
    out: list[str] = []
    done = 0
    for run in runs:
        at = run.start()
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0 and at < unspoken[k][1]:
            continue  # in a script, a style, an SVG, MathML, TeX or the head
        if html.rfind("<", 0, at) > html.rfind(">", 0, at):
            continue  # inside a tag: an attribute's value
        out += [html[done:at], f'<span lang="{lang}">', run[0], "</span>"]
        done = run.end()
    out.append(html[done:])
    return "".join(out)
