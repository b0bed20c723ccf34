"""Math is rendered at build time by the vendored KaTeX; a malformed formula fails the strict build."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

from coursebuild import ROOT
from coursebuild.plugin.math import KATEX_JS, KATEX_VERSION, KatexRenderer, MathError, find_formulas, render_page

ASSETS = ROOT / "docs" / "assets" / "katex"


@pytest.fixture(scope="module")
def renderer():
    r = KatexRenderer()
    yield r
    r.close()


# -- vendored assets -----------------------------------------------------------------------------------


def test_vendored_katex_is_the_pinned_version():
    assert f'version:"{KATEX_VERSION}"' in KATEX_JS.read_text(encoding="utf-8")
    assert (KATEX_JS.parent / "LICENSE").is_file() and (ASSETS / "LICENSE").is_file()


def test_katex_css_only_references_vendored_woff2():
    css = (ASSETS / "katex.min.css").read_text(encoding="utf-8")
    urls = re.findall(r"url\(([^)]*)\)", css)
    assert urls, "katex.min.css references no font"
    for url in urls:
        assert url.startswith("fonts/") and url.endswith(".woff2"), url
        assert (ASSETS / url).is_file(), f"docs/assets/katex/{url} is missing"
    assert not re.search(r"https?://|//[a-z]", css)


def test_mkdocs_yml_loads_no_math_from_a_cdn():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "assets/katex/katex.min.css" in config
    # formulas are rendered at build time by the coursebuild plugin (first edition: coursebuild/math_hook.py)
    assert re.search(r"^  - coursebuild:$", config, re.M)
    assert not re.search(r"(?i)mathjax|jsdelivr|unpkg|cdnjs|googleapis", config)


# -- the renderer ----------------------------------------------------------------------------------------


def test_inline_and_display(renderer):
    inline = renderer.render(r"\beta\, S_{t-1} + (1-\beta)\, Y_t")
    assert inline.startswith('<span class="katex">') and "katex-display" not in inline
    assert "<math" in inline  # MathML for screen readers
    display = renderer.render(r"\begin{aligned} a &= b \\ c &= d \end{aligned}", display=True)
    assert 'class="katex-display"' in display


def test_malformed_formula_is_an_error_naming_it(renderer):
    with pytest.raises(MathError, match=r"KaTeX parse error.*in formula: \\frac\{1\}\{"):
        renderer.render(r"\frac{1}{")
    with pytest.raises(MathError, match="Undefined control sequence"):
        renderer.render(r"\notacommand x")


def test_chinese_outside_text_is_an_error(renderer):
    with pytest.raises(MathError, match="unicodeTextInMathMode"):
        renderer.render("学习率 = 0.1")
    assert "katex" in renderer.render(r"\text{学习率} = 0.1")


def test_renderer_survives_an_error(renderer):
    with pytest.raises(MathError):
        renderer.render(r"\left(")
    assert "katex" in renderer.render("x^2")


def test_find_formulas_decodes_arithmatex_output():
    html = ('<p><span class="arithmatex">\\(a&lt;b \\&amp; c\\)</span></p>\n'
            '<div class="arithmatex">\\[\nS_t = \\begin{cases} Y_1, &amp; t=1 \\end{cases}\n\\]</div>')
    inline, block = find_formulas(html)
    assert (inline.tex, inline.display) == (r"a<b \& c", False)
    assert (block.tex, block.display) == (r"S_t = \begin{cases} Y_1, & t=1 \end{cases}", True)


def test_render_page_replaces_every_formula(renderer):
    html = ('<h2>x</h2><p>Let <span class="arithmatex">\\(x^2\\)</span> and <span class="arithmatex">\\(y\\)'
            '</span>.</p><div class="arithmatex">\\[\\frac{a}{b}\\]</div><pre><code>\\(not math\\)</code></pre>')
    result = render_page(html, renderer)
    assert result.count == 3 and result.errors == []
    assert "arithmatex" not in result.html
    assert result.html.count('class="katex"') == 3
    assert '<div class="course-math"><span class="katex-display">' in result.html
    assert result.html.startswith("<h2>x</h2><p>Let ")
    assert result.html.endswith("<pre><code>\\(not math\\)</code></pre>")


def test_render_page_reports_each_bad_formula_and_keeps_its_tex(renderer):
    html = '<p><span class="arithmatex">\\(\\frac{1}{\\)</span> <span class="arithmatex">\\(ok\\)</span></p>'
    result = render_page(html, renderer)
    assert len(result.errors) == 1 and r"in formula: $\frac{1}{$" in result.errors[0]
    assert '<span class="arithmatex">\\(\\frac{1}{\\)</span>' in result.html and 'class="katex"' in result.html


def test_missing_node_is_a_clear_error():
    r = KatexRenderer(node="/nonexistent/node")
    with pytest.raises(MathError, match="cannot run /nonexistent/node"):
        r.render("x")


def test_what_katex_rendered_is_kept_for_the_next_build(tmp_path, monkeypatch):
    """A renderer with a store keeps each batch of formulas it rendered; a later one (another build) takes the same
    batch from it without starting node, and any other batch, or another KaTeX, goes to node."""
    from coursebuild.engine.cache import ResultCache
    from coursebuild.plugin import math

    store = ResultCache(tmp_path)
    items = [(r"\frac{1}{1-\beta}", True), (r"\hat m_t", False), (r"\frac{", False)]
    first = KatexRenderer(store=store)
    try:
        rendered = first.render_many(items)
    finally:
        first.close()
    assert rendered[0][0] and rendered[2][1]  # a formula, and KaTeX's error for a broken one: both kept
    later = KatexRenderer(node="/nonexistent/node", store=store)  # it cannot start node
    assert later.render_many(items) == rendered and later._proc is None
    with pytest.raises(MathError, match="cannot run /nonexistent/node"):
        later.render_many([(r"\sqrt{v_t}", False)])
    monkeypatch.setattr(math, "renderer_digest", lambda: "another KaTeX")
    with pytest.raises(MathError, match="cannot run /nonexistent/node"):
        KatexRenderer(node="/nonexistent/node", store=store).render_many(items)


# -- a real MkDocs build -------------------------------------------------------------------------------


def mini_project(tmp_path, body: str):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nNo math here.\n", encoding="utf-8")
    allow = '---\nliteral_numbers: {"1": "test formulas", "2": "test formulas"}\n---\n'  # numbers are not the point
    (tmp_path / "docs" / "calc.md").write_text(allow + body, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: math test
        theme:
          name: material
          font: false
        plugins:
          - search
          - coursebuild:
              notebooks: false
        markdown_extensions:
          - pymdownx.arithmatex:
              generic: true
        """), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def test_build_renders_math_and_keeps_tex_out_of_katex_markup_in_search(tmp_path):
    proc = mini_project(tmp_path, "# Calc\n\nInline $w_t = w_{t-1} - \\eta g_t$.\n\n$$\n\\frac{1}{1-\\beta}\n$$\n")
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "site" / "calc" / "index.html").read_text(encoding="utf-8")
    assert "arithmatex" not in page
    assert page.count('class="katex"') == 2 and 'class="katex-display"' in page
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "katex" not in text and "\\eta" in text


def test_malformed_formula_fails_the_strict_build(tmp_path):
    proc = mini_project(tmp_path, "# Calc\n\nFine $x$, broken $\\frac{1}{1-\\beta$ here.\n")
    assert proc.returncode != 0
    assert "docs/calc.md" in proc.stderr and r"\frac{1}{1-\beta" in proc.stderr, proc.stderr
    assert "KaTeX parse error" in proc.stderr


def test_built_course_has_no_raw_tex(built_site):
    pages = sorted(built_site.rglob("index.html"))
    assert pages
    with_math = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        rel = page.relative_to(built_site)
        assert 'class="arithmatex"' not in html, f"{rel}: a formula was not rendered"
        assert "\\(" not in re.sub(r"<(pre|code)\b.*?</\1>", "", html, flags=re.S), f"{rel}: raw \\( left"
        with_math += 'class="katex"' in html
    assert with_math >= 2, "no page of the course shows math"


def tex_left_in_text(html: str) -> list[str]:
    """TeX commands (``\\,``, ``\\eta``) in a page's running text: outside formulas (KaTeX keeps the TeX only in
    its annotation), code and scripts, a backslash is something a formula's ``$`` failed to enclose."""
    text = re.sub(r"<(pre|code|script|style|annotation)\b.*?</\1>", "", html, flags=re.S)
    text = re.sub(r'<div class="clipboard-copy-txt".*?</div>', "", text, flags=re.S)  # a notebook cell's source
    text = re.sub(r"<[^>]+>", "", text)
    return [m.group() for m in re.finditer(r".{0,20}\\(?:[,;:!]|[A-Za-z]+).{0,10}", text)]


def test_tex_left_in_text_finds_a_spacing_command_outside_a_formula():
    page = ('<p>grows to 6.569\\,<span class="katex">η<annotation encoding="application/x-tex">\\eta'
            '</annotation></span></p><pre><code>print("a\\n")</code></pre><script>{"x": "\\u5df2"}</script>')
    assert tex_left_in_text(page) == ["grows to 6.569\\,η"]
    assert tex_left_in_text(page.replace("6.569\\,", "6.569")) == []


def test_built_course_has_no_tex_outside_formulas(built_site):
    """Lab exercise 6 showed "6.569\\,η": a ``\\,`` written outside the ``$`` of the formula after it."""
    found = {str(page.relative_to(built_site)): tex_left_in_text(page.read_text(encoding="utf-8"))
             for page in sorted(built_site.rglob("index.html"))}
    assert not {page: tex for page, tex in found.items() if tex}


def test_a_build_on_a_warm_cache_starts_no_node_and_writes_the_same_page(tmp_path, monkeypatch):
    """The first build renders the formulas with node; the next takes them from the cache; with the cache gone,
    node renders them again (the hook sees node)."""
    body = "# Calc\n\nInline $w_t = w_{t-1} - \\eta g_t$.\n\n$$\n\\frac{1}{1-\\beta}\n$$\n"
    monkeypatch.setenv("COURSEBUILD_CACHE_DIR", str(tmp_path / "cache"))
    assert mini_project(tmp_path, body).returncode == 0
    first = (tmp_path / "site" / "calc" / "index.html").read_text(encoding="utf-8")
    (tmp_path / "hook.py").write_text(
        "from pathlib import Path\n\nfrom coursebuild.plugin import math\n\n\n"
        "def on_post_build(config):\n"
        "    started = math._default is not None and math._default._proc is not None\n"
        "    Path(config.config_file_path).with_name('node.txt').write_text(str(started), encoding='utf-8')\n",
        encoding="utf-8")
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config + "hooks:\n  - hook.py\n", encoding="utf-8")
    for cache in ("warm", "gone"):
        if cache == "gone":
            shutil.rmtree(tmp_path / "cache")
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d",
                               str(tmp_path / "site")], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        assert proc.returncode == 0, proc.stderr
        started = (tmp_path / "node.txt").read_text(encoding="utf-8")
        assert started == str(cache == "gone"), f"cache {cache}: node started: {started}"
        assert (tmp_path / "site" / "calc" / "index.html").read_text(encoding="utf-8") == first
    assert first.count('class="katex"') == 2
