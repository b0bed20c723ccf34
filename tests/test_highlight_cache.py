"""Each code block is highlighted by pygments once: later builds take its HTML from the cache, byte for byte."""

from __future__ import annotations

import pygments
import pymdownx.highlight
from pygments.filters import KeywordCaseFilter
from pygments.lexers import get_lexer_by_name

from coursebuild.engine.cache import ResultCache
from coursebuild.plugin import highlight_cache
from tests.support import one_page_build

CODE = "def f(x):\n    return x + 1  # 梯度\n"


def test_a_block_s_html_is_pygments_own_and_kept_for_the_next_build(tmp_path, monkeypatch):
    calls = []

    def counted(code, lexer, formatter, outfile=None):
        calls.append(code)
        return pygments.highlight(code, lexer, formatter, outfile)

    def formatter(**options):
        return pymdownx.highlight.BlockHtmlFormatter(cssclass="highlight", wrapcode=True, **options)

    cache = ResultCache(tmp_path)
    lexer = get_lexer_by_name("python", stripnl=True)
    own = pygments.highlight(CODE, lexer, formatter())
    assert highlight_cache.CachedHighlight(counted, cache)(CODE, lexer, formatter()) == own and len(calls) == 1
    assert highlight_cache.CachedHighlight(counted, cache)(CODE, lexer, formatter()) == own and len(calls) == 1
    # another option of the formatter, another lexer, or other code: highlighted anew
    anchored = highlight_cache.CachedHighlight(counted, cache)(CODE, lexer, formatter(lineanchors="l-1"))
    assert anchored == pygments.highlight(CODE, lexer, formatter(lineanchors="l-1")) != own and len(calls) == 2
    js = get_lexer_by_name("js", stripnl=True)
    assert highlight_cache.CachedHighlight(counted, cache)(CODE, js, formatter()) == pygments.highlight(
        CODE, js, formatter()) and len(calls) == 3
    monkeypatch.setattr(highlight_cache, "highlighter_version", lambda: "another pygments\0")
    assert highlight_cache.CachedHighlight(counted, cache)(CODE, lexer, formatter()) == own and len(calls) == 4
    filtered = get_lexer_by_name("python", stripnl=True)
    filtered.add_filter(KeywordCaseFilter(case="upper"))  # a filter is an object: not kept, highlighted each time
    for _ in range(2):
        assert highlight_cache.CachedHighlight(counted, cache)(CODE, filtered, formatter()) == pygments.highlight(
            CODE, filtered, formatter())
    assert len(calls) == 6


def test_install_wraps_pymdownx_highlight_once_and_undoes_it():
    original = pymdownx.highlight.highlight
    try:
        highlight_cache.install("cache one")
        highlight_cache.install("cache two")
        wrapped = pymdownx.highlight.highlight
        assert isinstance(wrapped, highlight_cache.CachedHighlight) and wrapped.cache == "cache two"
        assert wrapped.highlight is (original.highlight if isinstance(original, highlight_cache.CachedHighlight)
                                     else original)
        highlight_cache.install(None)
        assert pymdownx.highlight.highlight is wrapped.highlight
    finally:
        pymdownx.highlight.highlight = original


#: Counts what pygments lexes in a build (every lexer of the course is a RegexLexer).
HOOK = """\
from pathlib import Path

from pygments.lexer import RegexLexer

lexed = []
tokens = RegexLexer.get_tokens_unprocessed


def counted(self, text, *args):
    lexed.append(text)
    return tokens(self, text, *args)


RegexLexer.get_tokens_unprocessed = counted


def on_post_build(config):
    Path(config.config_file_path).with_name("lexed.txt").write_text(str(len(lexed)), encoding="utf-8")
"""


def test_a_second_build_highlights_nothing_and_writes_the_same_page(tmp_path):
    pages = []
    for build in ("first", "second"):
        proc = one_page_build(tmp_path, "# Home\n\n```js\nfunction f(x) {\n    return x + 1;\n}\n```\n", HOOK,
                              tmp_path / "cache")
        assert proc.returncode == 0, proc.stderr
        lexed = int((tmp_path / "lexed.txt").read_text(encoding="utf-8"))
        assert (lexed > 0) == (build == "first"), f"{build} build: pygments lexed {lexed} block(s)"
        pages.append((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    assert pages[0] == pages[1] and '<span class="kd">function</span>' in pages[0]
