"""What the search plugin parses of a page (its code blocks without their highlighting) and its Chinese words,
segmented once.

Material's search plugin reads each page's HTML with Python's pure-Python ``HTMLParser``, a few calls per tag, and
about half the tags of a course page are the pygments ``<span>``s of its code blocks (76,000 start tags in the 14
pages of a build). Inside a ``<pre>`` the plugin keeps the text exactly as it is, whitespace included, and of the
tags only ``<code>``; so a page whose ``<pre>`` blocks hold their text and their ``<code>`` tags alone gives the
same sections, titles and texts. Measured on the course's 14 pages: the plugin's parse took 0.70 s, and 0.11 s
with this (the rewrite included).

:class:`SearchText` hands the plugin that page (an event before the plugin's) and puts the page's own HTML back
(an event after it). A page with a ``data-search-*`` attribute is left to the plugin as it is: the plugin removes
those from the page it renders.

The plugin segments the Chinese of every section's title and text into words with jieba, whose dictionary takes
0.45-0.75 s to load (``jieba.initialize``, holding the interpreter's lock) and its segmentation 0.2 s more, on
every build. :class:`CachedSegmentation` keeps each segmented title or text in the course's cache (a derived entry
keyed by the text, the versions of Material and jieba, and the dictionaries the plugin's ``jieba_dict`` and
``jieba_dict_user`` name, if any), so a build whose pages' texts were all segmented before never loads the
dictionary.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

#: A ``<pre>`` element and its body (``<pre>`` does not nest; pygments and nbconvert escape a ``<`` in the text).
PRE_RE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.S)
#: Any tag but ``<code>`` and ``</code>``.
NOT_CODE_TAG_RE = re.compile(r"<(?!/?code\b)[^>]*>")


def without_highlighting(html: str) -> str:
    """``html`` with every tag inside a ``<pre>`` removed but ``<code>``: its text and everything else as it is."""
    return PRE_RE.sub(lambda m: m[1] + NOT_CODE_TAG_RE.sub("", m[2]) + m[3], html)


#: A character of the CJK ideograph blocks. A title or text without one goes to the plugin's segmentation uncached:
#: it holds nothing for jieba, or only a rare ideograph outside these blocks, which jieba then segments.
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@functools.cache
def segmenter_version() -> str:
    """What the segmentation of a text depends on besides the text."""
    return f"search segmentation\0material {version('mkdocs-material')}\0jieba {version('jieba')}\0"


def dictionaries(search_config) -> str:
    """The bytes of the dictionaries the search plugin's options give jieba, digested ("" with none)."""
    given = [(option, search_config.get(option)) for option in ("jieba_dict", "jieba_dict_user")]
    parts = [f"{option}\0".encode() + Path(path).read_bytes() for option, path in given
             if path and os.path.isfile(path)]
    return hashlib.sha256(b"\0".join(parts)).hexdigest() if parts else ""


class CachedSegmentation:
    """Material's ``SearchIndex._segment_chinese`` of one build, with each result kept in ``cache`` (a ResultCache:
    pruned like every derived entry); ``salt``: what else the segmentation depends on (:func:`dictionaries`)."""

    def __init__(self, segment: Callable[[str], str], cache, salt: str = "") -> None:
        self.segment, self.cache, self.salt = segment, cache, salt

    def __call__(self, data: str) -> str:
        if not HAN_RE.search(data):
            return self.segment(data)
        key = hashlib.sha256(f"{segmenter_version()}{self.salt}\0{data}".encode()).hexdigest()
        return self.cache.derived(key, lambda: self.segment(data))


class SearchText:
    """Each page's own HTML while the search plugin reads the light one, and the plugin's segmentation cached (see
    the module)."""

    def __init__(self) -> None:
        self._own: dict[int, str] = {}  # id of the page -> its HTML

    def before(self, config, page, cache=None) -> None:
        """``config``: the site's; only Material's search plugin is known to read the light page the same.
        ``cache``: the course's (a ResultCache), or None to segment every text anew."""
        search = config.plugins.get("material/search")
        if search is None or not search.config.enabled:
            return
        index = search.search_index if cache is not None else None  # made anew for each build (its on_config)
        if index is not None and not isinstance(index._segment_chinese, CachedSegmentation):
            index._segment_chinese = CachedSegmentation(index._segment_chinese, cache, dictionaries(search.config))
        if (page.meta.get("search") or {}).get("exclude"):
            return  # the plugin reads nothing of it (a notebook page: its lesson has the same text)
        if "data-search-" not in page.content:
            self._own[id(page)] = page.content
            page.content = without_highlighting(page.content)

    def after(self, page) -> None:
        own = self._own.pop(id(page), None)
        if own is not None:
            page.content = own
