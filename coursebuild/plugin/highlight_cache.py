"""Code blocks highlighted once: the pygments call of pymdownx.highlight, kept in the course's cache.

Every build highlighted every code block of both languages again with pygments: 274 blocks, 0.51 s of a warm
build of 3.4 s. A block's HTML is a function of its code, its lexer and the formatter's options (pymdownx.highlight
makes them from the fence and ``mkdocs.yml``) and of the versions of pygments and pymdown-extensions, so
:func:`install` wraps the ``highlight`` that pymdownx.highlight calls: the HTML is kept in the course's cache (a
derived entry, keyed by a digest of all of those, pruned like the others) and pygments runs only for a block it has
not highlighted before. A lexer with filters, whose options are not plain values, is highlighted as before.
"""

from __future__ import annotations

import functools
import hashlib
from importlib.metadata import version

import pymdownx.highlight as pymdownx_highlight


@functools.cache
def highlighter_version() -> str:
    """What a block's HTML depends on besides its code, lexer and formatter."""
    return f"highlight\0pygments {version('pygments')}\0pymdown-extensions {version('pymdown-extensions')}\0"


def _kind(obj) -> str:
    return f"{type(obj).__module__}.{type(obj).__qualname__}"


class CachedHighlight:
    """``pygments.highlight`` as pymdownx.highlight calls it, with each block's HTML kept in ``cache`` (a
    ResultCache)."""

    def __init__(self, highlight, cache) -> None:
        self.highlight, self.cache = highlight, cache

    def __call__(self, code, lexer, formatter, outfile=None):
        if outfile is not None or lexer.filters:
            return self.highlight(code, lexer, formatter, outfile)
        described = (f"{highlighter_version()}{_kind(lexer)}\0{sorted(lexer.options.items())!r}\0"
                     f"{_kind(formatter)}\0{sorted(formatter.options.items())!r}\0{code}")
        key = hashlib.sha256(described.encode()).hexdigest()
        return self.cache.derived(key, lambda: self.highlight(code, lexer, formatter))


def install(cache) -> None:
    """This process's pymdownx.highlight highlights through ``cache`` from now on (None: through pygments alone)."""
    current = pymdownx_highlight.highlight
    original = current.highlight if isinstance(current, CachedHighlight) else current
    pymdownx_highlight.highlight = CachedHighlight(original, cache) if cache is not None else original
