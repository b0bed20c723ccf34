"""The search plugin reads each page's code without its highlighting, and indexes exactly what it indexed before."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

from material.plugins.search.plugin import Parser

from coursebuild.plugin.search_text import SearchText, without_highlighting
from tests.support import one_page_build

SPAN_IN_PRE_RE = re.compile(r"<pre\b[^>]*>(?:(?!</pre>).)*<span", re.S)

#: What pygments and Material write for code, with the cases where the plugin's parse could tell the difference:
#: a whitespace-only span after a newline (kept verbatim inside <pre>, dropped outside), entities, an empty span,
#: line-number anchors, a <pre> with attributes, spans and code outside any <pre>.
HIGHLIGHTED = """<h2 id="a">A <code>x</code></h2>
<p>Text with <span class="s">a span</span> and <code>code</code> &amp; more.</p>
<div class="highlight"><pre><span></span><code><a id="l1" name="l1" href="#l1"></a><span class="k">def</span>\
<span class="w"> </span><span class="nf">f</span><span class="p">():</span>
<span class="w">    </span><span class="k">return</span> <span class="mi">1</span> <span class="o">&lt;</span>\
 2 &amp;&amp; x
<span class="w">    </span>
<span class="c1"># 注释：梯度</span>
</code></pre></div>
<h3 id="b">B</h3>
<pre class="out" data-x="1"><code><span class="go">loss 0.5</span>

<span class="go">  done</span></code></pre>
<p>after</p>
"""


def sections(html: str) -> list[tuple]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data]


def test_code_without_its_highlighting_gives_the_search_plugin_the_same_sections():
    light = without_highlighting(HIGHLIGHTED)
    assert not SPAN_IN_PRE_RE.search(light) and "<a id=" not in light
    assert '<span class="s">a span</span>' in light and light.count("<code>") == HIGHLIGHTED.count("<code>")
    assert sections(light) == sections(HIGHLIGHTED)
    assert "\n    return 1 &lt; 2 &amp;&amp; x\n" in sections(light)[1][2]  # the indentation and entities kept


def test_the_search_plugin_reads_the_light_page_and_the_page_keeps_its_own():
    def config(name="material/search", enabled=True):
        return SimpleNamespace(plugins={name: SimpleNamespace(config=SimpleNamespace(enabled=enabled))})

    text = SearchText()
    page = SimpleNamespace(content=HIGHLIGHTED, meta={})
    text.before(config(), page)
    assert page.content == without_highlighting(HIGHLIGHTED)
    text.after(page)
    assert page.content == HIGHLIGHTED
    tagged = HIGHLIGHTED.replace("<p>after", '<p data-search-exclude="">after')  # the plugin edits this page
    for site, content, meta in ((config(enabled=False), HIGHLIGHTED, {}), (config("search"), HIGHLIGHTED, {}),
                                (config(), tagged, {}), (config(), HIGHLIGHTED, {"search": {"exclude": True}})):
        page = SimpleNamespace(content=content, meta=meta)
        text.before(site, page)
        # left as it is: search off, MkDocs' own plugin, a data-search-* attribute, a page the search leaves out
        assert page.content == content
        text.after(page)
        assert page.content == content


#: A hook between the course plugin (100) and the search plugin (0): it sees what the search plugin reads; and
#: after the build, whether jieba loaded its dictionary.
HOOK = """\
from pathlib import Path

import jieba
from mkdocs.plugins import event_priority


@event_priority(50)
def on_page_context(context, page, config, nav):
    Path(config.config_file_path).with_name("seen.html").write_text(page.content, encoding="utf-8")


def on_post_build(config):
    Path(config.config_file_path).with_name("jieba.txt").write_text(str(jieba.dt.initialized), encoding="utf-8")
"""


def test_a_build_hands_the_search_plugin_the_light_page(tmp_path):
    proc = one_page_build(tmp_path, "# Home\n\n```js\nfunction f(x) {\n    return x + 1;\n}\n```\n", HOOK,
                          tmp_path / "cache")
    assert proc.returncode == 0, proc.stderr
    seen = (tmp_path / "seen.html").read_text(encoding="utf-8")
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "return x + 1" in seen and not SPAN_IN_PRE_RE.search(seen), seen
    assert SPAN_IN_PRE_RE.search(page), "the page itself lost its highlighting"
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("return x + 1" in doc["text"] for doc in index["docs"]), index


def test_a_build_whose_texts_were_segmented_before_loads_no_dictionary(tmp_path):
    """The second build of the same Chinese page, on the same cache, indexes the same words without jieba."""
    page = "# 梯度下降\n\n梯度下降沿负梯度方向更新参数。\n\n## 学习率\n\n学习率决定每一步走多远。\n"
    indexes = []
    for build in ("first", "second"):
        proc = one_page_build(tmp_path, page, HOOK, tmp_path / "cache")
        assert proc.returncode == 0, proc.stderr
        indexes.append((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
        loaded = (tmp_path / "jieba.txt").read_text(encoding="utf-8")
        assert loaded == ("True" if build == "first" else "False"), f"{build} build: jieba loaded: {loaded}"
    assert indexes[0] == indexes[1] and "\u200b" in json.loads(indexes[0])["docs"][1]["text"]


def test_the_cached_segmentation_is_the_plugin_s_own_and_segments_a_text_once(tmp_path, monkeypatch):
    from material.plugins.search.plugin import SearchIndex

    from coursebuild.engine.cache import ResultCache
    from coursebuild.plugin import search_text

    own = SearchIndex()._segment_chinese
    calls = []

    def counted(data: str) -> str:
        calls.append(data)
        return own(data)

    cache = ResultCache(tmp_path)
    text = "Adam 结合了动量法和 RMSProp：指数加权平均"
    assert search_text.CachedSegmentation(counted, cache)(text) == own(text) != text
    assert search_text.CachedSegmentation(counted, cache)(text) == own(text) and calls == [text]  # kept
    assert search_text.CachedSegmentation(counted, cache)("no Chinese") == "no Chinese" and len(calls) == 2
    assert len(list(tmp_path.rglob("*.txt"))) == 1  # text without Chinese is not kept
    monkeypatch.setattr(search_text, "segmenter_version", lambda: "another jieba\0")
    search_text.CachedSegmentation(counted, cache)(text)
    assert calls[-1] == text and len(calls) == 3  # another version of Material or jieba: segmented anew
    words = tmp_path / "words.txt"
    words.write_text("动量法 5 n\n", encoding="utf-8")
    salt = search_text.dictionaries({"jieba_dict": None, "jieba_dict_user": str(words)})
    assert salt and search_text.dictionaries({"jieba_dict": None, "jieba_dict_user": None}) == ""
    search_text.CachedSegmentation(counted, cache, salt)(text)
    assert len(calls) == 4  # another dictionary: segmented anew
    words.write_text("动量 5 n\n", encoding="utf-8")
    assert search_text.dictionaries({"jieba_dict": None, "jieba_dict_user": str(words)}) != salt


def test_every_course_page_gives_the_search_plugin_the_same_sections_without_its_highlighting(built_site):
    pages = [p for p in sorted(built_site.rglob("index.html")) if "notebooks" not in p.parts]
    assert len(pages) >= 14
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert sections(without_highlighting(html)) == sections(html), path.relative_to(built_site)
