"""Companion notebooks: generated from the pages (coursebuild/notebooks.py), run in a plain Jupyter kernel,
rendered and downloadable on the built site (coursebuild/notebook_hook.py)."""

from __future__ import annotations

import asyncio
import difflib
import functools
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from html import escape

import nbformat
import pytest
from mkdocs.utils.yaml import yaml_load
from nbclient import NotebookClient

from coursebuild import DOCS_DIR, ROOT
from coursebuild.engine import default_engine
from coursebuild.errors import CourseError
from coursebuild.pages import FIGURE_RE, course_pages, parse_page
from coursebuild.pages.refs import filled_in
from coursebuild.plugin.convert import (
    build_notebook,
    download_uri,
    has_notebook,
    notebook_json,
    notebook_uri,
    page_language,
    page_name,
)
from coursebuild.settings import usable_cores
from tests.support import SUITE_CACHE

CELL_TIMEOUT = 120  # seconds per cell
EMPTY_QUOTE = re.compile(r">(?: ?>)*")  # a line of a block quote with nothing in it


def _notebook_pages() -> list:
    pages = []
    for path in course_pages(DOCS_DIR):
        try:
            if has_notebook(parse_page(path)):
                pages.append(path)
        except CourseError:  # a broken page must fail here, not vanish from the tests
            pages.append(path)
    return pages


NOTEBOOK_PAGES = _notebook_pages()
IDS = [str(p.relative_to(DOCS_DIR)) for p in NOTEBOOK_PAGES]
with open(ROOT / "mkdocs.yml", encoding="utf-8") as fh:
    SITE_URL = yaml_load(fh).get("site_url")


def test_lessons_have_notebooks():
    assert NOTEBOOK_PAGES, "no page with examples: no notebook is generated"
    languages = {page_language(p) for p in NOTEBOOK_PAGES}
    assert languages == {"zh", "en"}, f"notebooks only for {languages}"


def _stdout(cell) -> str:
    return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def _images(cell) -> int:
    return sum(1 for o in cell.outputs if o.output_type == "display_data"
               and {"image/png", "image/svg+xml"} & set(o.data))


#: Kernels run at the same time: each is its own process (importing torch, running the page's examples), so on a
#: machine with several cores they overlap instead of queueing.
AT_ONCE = max(1, min(4, usable_cores()))


def _kernel_runs(paths: list) -> dict:
    """{page path: (page, its notebook run top to bottom in a fresh kernel) or the exception that stopped it},
    AT_ONCE kernels at a time. In a thread of its own: asyncio.run needs one without a running event loop."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # the kernel's own inline backend
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"

    async def run_all():
        gate = asyncio.Semaphore(AT_ONCE)

        async def one(path):
            async with gate:
                try:
                    page = parse_page(path)
                    nb = build_notebook(path, site_url=SITE_URL, page=page)
                    for cell in nb.cells:
                        if cell.cell_type == "code":
                            cell.outputs, cell.execution_count = [], None
                    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", allow_errors=False,
                                            resources={"metadata": {"path": str(ROOT)}})
                    await client.async_execute(env=env)
                    return page, nb
                except Exception as exc:  # noqa: BLE001 - raised again by the page's own test
                    return exc

        return dict(zip(paths, await asyncio.gather(*(one(path) for path in paths))))

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, run_all()).result()


@pytest.fixture(scope="module")
def kernel_runs(request) -> dict:
    """The notebooks of the pages this run selected (``-k`` and friends), each run once."""
    paths = [item.callspec.params["path"] for item in request.session.items
             if getattr(item, "originalname", None) == "test_notebook_runs_top_to_bottom"
             and item.module.__name__ == __name__]
    return _kernel_runs(paths)


@pytest.mark.slow  # a Jupyter kernel runs every example of the page: the suite's notebook tier, not the author's loop
@pytest.mark.parametrize("path", NOTEBOOK_PAGES, ids=IDS)
def test_notebook_runs_top_to_bottom(path, kernel_runs):
    """Every code cell, run in order in a fresh kernel from the repository root, prints the page's output."""
    run = kernel_runs[path]
    if isinstance(run, Exception):
        raise run
    page, nb = run
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code_cells) == len(page.examples)
    problems = []
    for example, cell in zip(page.examples, code_cells):
        expected, printed = example.expected_output or "", _stdout(cell)
        if printed != expected:
            diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), printed.splitlines(keepends=True),
                                                f"expected ({path.name}:{example.output_line})",
                                                f"printed in the kernel by {example.snippet}"))
            problems.append(diff)
        if _images(cell) != len(example.figures):
            problems.append(f"{example.snippet}: {_images(cell)} figure(s) shown in the kernel, "
                            f"{len(example.figures)} captioned on {path.name}:{example.line}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOK_PAGES, ids=IDS)
def test_notebook_is_deterministic_and_mirrors_the_page(path):
    page = parse_page(path)
    text = notebook_json(path, site_url=SITE_URL, page=page)
    assert text == notebook_json(path, site_url=SITE_URL), "two generations differ"
    nb = nbformat.reads(text, as_version=4)
    nbformat.validate(nb)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    ids = [c.id for c in nb.cells]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[a-zA-Z0-9_-]{1,64}", i) for i in ids)
    assert all("execution" not in c.metadata for c in nb.cells), "execution timestamps in the notebook"
    assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == list(range(1, len(page.examples) + 1))

    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.source for c in code] == [ex.snippet_path.read_text(encoding="utf-8").rstrip("\n")
                                        for ex in page.examples]
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for leftover in ("pytest-codeblocks", "<!--figure", "--8<--", "{ #", "\nchapter:"):
        assert leftover not in markdown, f"{leftover!r} left in the notebook's Markdown"
    assert markdown.startswith("# "), "the notebook opens with the page's title"
    assert "<!--" not in markdown, "an HTML comment (a note to authors) left in the notebook's Markdown"
    assert 'class="course-playground"' not in markdown, "an empty widget <div>: Jupyter cannot run it"
    for line in filled_in(page, default_engine()).lines:  # each figure's caption, in italics, under its figure
        figure = FIGURE_RE.match(line)
        if figure:
            caption = figure["body"].partition("|")[0].strip()
            assert f"*{caption}*" in markdown, f"the caption {caption!r} is missing from the notebook"
    opened = [line for line in markdown.split("\n") if re.match(r">[ >]*\$\$", line) and not line.endswith("$$")]
    assert not opened, f"display math over several quoted lines (Jupyter draws each > into it): {opened[:2]}"
    folded, block = 0, False  # the examples inside the page's folded blocks (??? success "Solution")
    for line in page.lines:
        if line.strip() and not line[0].isspace():
            block = line.startswith("??? ")
        folded += block and "--8<--" in line
    hidden = [c for c in code if c.metadata.get("jupyter") == {"source_hidden": True, "outputs_hidden": True}]
    assert len(hidden) == folded and all(c.metadata.get("tags") == ["solution"] for c in hidden), (
        f"{len(hidden)} code cells folded, the page folds {folded} examples")
    home = (DOCS_DIR / "index.en.md").read_text(encoding="utf-8")
    install = next(line for line in home.splitlines() if line.startswith("pip install ") and " -r " not in line)
    assert f"`{install}`" in markdown, f"the notebook does not say how to install what it needs ({install})"
    for cell in (c for c in nb.cells if c.cell_type == "markdown"):  # what was left where code and output were
        lines = cell.source.split("\n")
        padding = [line for i, line in enumerate(lines) if EMPTY_QUOTE.fullmatch(line) and (
            i in (0, len(lines) - 1) or lines[i - 1] == line or not lines[i - 1].strip())]
        assert not padding, f"a block quote padded with empty lines: {cell.source[:120]!r}"
    dollars = page.text.count("$") - sum((ex.expected_output or "").count("$") for ex in page.examples) - sum(
        ln.count("$") for ln in page.lines if FIGURE_RE.match(ln))
    assert markdown.count("$") == dollars, "LaTeX lost or added on the way from the page"


@pytest.mark.parametrize("path", NOTEBOOK_PAGES, ids=IDS)
def test_a_solution_is_folded_in_the_notebook_text_and_code(path):
    """The page folds each exercise's solution (``??? success``), text and code; so does the notebook: its text
    is in cells of its own, collapsed as its code cells are, and the exercise above it stays open."""
    nb = nbformat.reads(notebook_json(path, site_url=SITE_URL), as_version=4)
    cells = [(c.source, c.metadata.get("jupyter", {}).get("source_hidden", False)) for c in nb.cells
             if c.cell_type == "markdown"]
    solution, block = [], False  # the first words of each line of a solution's text (without markup)
    page = filled_in(parse_page(path), default_engine())
    for i, line in enumerate(page.lines):
        if line.strip() and not line[0].isspace():
            block = line.startswith("??? ")
        words = re.split(r"[][<>`$|*{}\\]", line.strip().removeprefix("- "))[0].strip()  # up to any markup
        if block and line[:1].isspace() and i not in page.fenced_lines and len(words) >= 12:
            solution.append(words[:24])
    assert solution or "??? " not in path.read_text(encoding="utf-8"), "no solution text found to check"
    for words in solution:
        where = [folded for text, folded in cells if words in text]
        assert True in where, f"the solution's text {words!r} is not folded in the notebook"
    for source, folded in cells:
        assert not (folded and re.search(r"^#", source, re.M)), f"a heading folded away: {source[:80]!r}"
        assert not folded or source.startswith(">"), f"a folded cell with text outside the solution: {source[:80]!r}"


@pytest.mark.parametrize("path", NOTEBOOK_PAGES, ids=IDS)
def test_an_animation_in_the_notebook_is_described(path):
    """An animation is an HTML ``<img>`` in the notebook (a GIF); it carries the page's alt text for it, as the
    lesson's figure does, with its numbers filled in."""
    page = filled_in(parse_page(path), default_engine())
    code = [c for c in nbformat.reads(notebook_json(path, site_url=SITE_URL), as_version=4).cells
            if c.cell_type == "code"]
    for example, cell in zip(page.examples, code):
        shown = [o.data for o in cell.outputs if o.output_type == "display_data"]
        for figure, data in zip(example.figures, shown):
            if "text/html" in data:
                alt = re.search(r'<img alt="([^"]*)"', data["text/html"])[1]
                assert alt and alt == escape(figure.alt), f"{example.snippet}: the animation's alt is {alt!r}"

def _site_dir(uri: str) -> str:
    """``notebooks/x.ipynb`` -> ``notebooks/x/index.html`` (use_directory_urls)."""
    return uri.removesuffix(".ipynb") + "/index.html"


def test_site_renders_and_serves_the_notebooks(built_site):
    css = built_site / "assets" / "notebooks" / "jupyter.css"
    assert css.is_file() and css.stat().st_size > 100_000, "the shared JupyterLab stylesheet is missing"
    for path in NOTEBOOK_PAGES:
        lang = page_language(path)
        rendered = built_site / _site_dir(notebook_uri(path))
        assert rendered.is_file(), f"{path.name}: no rendered notebook at {rendered.relative_to(built_site)}"
        html = rendered.read_text(encoding="utf-8")
        assert 'class="jp-Notebook"' in html and "jp-CodeCell" in html, f"{rendered}: not a rendered notebook"
        assert f'<html lang="{lang}"' in html, f"{rendered}: not built in {lang}"
        assert "mathjax" not in html.lower() and "cdnjs" not in html, f"{rendered}: loads from a CDN"
        assert "data:image/svg+xml;base64" not in html, f"{rendered}: a figure inlined instead of its file"
        assert "jupyter.css" in html and "<style" not in html, f"{rendered}: JupyterLab's CSS inline"

        raw = built_site / download_uri(path)
        assert raw.is_file(), f"{path.name}: no raw notebook at {raw.relative_to(built_site)}"
        text = raw.read_text(encoding="utf-8")
        assert text == notebook_json(path, site_url=SITE_URL), f"{raw}: differs from the generated notebook"
        if "$" in "".join(c.source for c in nbformat.reads(text, as_version=4).cells if c.cell_type == "markdown"):
            assert 'class="katex' in html or 'class="arithmatex"' in html, f"{rendered}: its math is left as text"
            assert "$$" not in html, f"{rendered}: display math left as text"

        lesson = built_site / _site_dir(notebook_uri(path).replace("notebooks/", "", 1))
        lesson_html = lesson.read_text(encoding="utf-8")
        name = page_name(path)
        for link in (f"../notebooks/{name}/", f"../notebooks/{name}/{name}.ipynb"):
            assert f'href="{link}"' in lesson_html, f"{lesson}: no link to {link}"


LESSON_FIGURE_ALT_RE = re.compile(r'<img src="[^"]*" class="course-light" alt="([^"]*)"')
NOTEBOOK_FIGURE_ALT_RE = re.compile(r'<img alt="([^"]*)" src="[^"]*figures/(?!dark/)[^"]*"')


def test_notebook_figures_say_what_the_lessons_say(built_site):
    """A rendered notebook's figures carry the lesson's alt texts, values filled in: they were taken from the
    page as written, so a screen reader heard "Animation, \\val{race.FRAMES} frames" (38 figures)."""
    for path in NOTEBOOK_PAGES:
        html = (built_site / _site_dir(notebook_uri(path))).read_text(encoding="utf-8")
        lesson = (built_site / _site_dir(notebook_uri(path).replace("notebooks/", "", 1))).read_text(encoding="utf-8")
        ours, theirs = NOTEBOOK_FIGURE_ALT_RE.findall(html), LESSON_FIGURE_ALT_RE.findall(lesson)
        assert theirs and ours == theirs, f"{path.name}: the notebook's figures say {ours}, the lesson's {theirs}"
        assert "\\val{" not in html, f"{path.name}: its notebook page shows a reference not filled in"


def test_the_shared_css_is_cut_out_exactly_where_a_lazy_match_would_cut_it():
    """``STYLE_RE`` is unrolled for speed (≈ 600 KB of CSS per notebook page); it must split a page where the
    plain ``<style[^>]*>(.*?)</style>`` does: up to the first ``</style>``, across lines, not past an unclosed
    tag."""
    from coursebuild.plugin.notebooks import STYLE_RE

    lazy = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)
    samples = [
        "<head><style>a { b: c }</style>x<style type=\"text/css\">\nd > e\n</style></head>",
        "<style>a</style></style><style>b<c</style>",
        "<style>a</styl></style>tail<style>unclosed <b>",
        "<style></style><style media=\"print\">x</style >y</style>",
        "<p>no style</p>",
    ]
    for html in samples:
        assert STYLE_RE.split(html) == lazy.split(html), html


@pytest.fixture
def optimizers_copy(tmp_path, monkeypatch):
    """A copy of the optimizers lesson, checked against the suite's warm results; derived entries go to a cache of
    the test's own, no notebook is remembered, and every conversion is counted: (page, engine, state, calls)."""
    from coursebuild.engine import Engine
    from coursebuild.engine.cache import ResultCache
    from coursebuild.pages.check import check_page
    from coursebuild.plugin import notebooks

    engine = Engine(SUITE_CACHE)  # the suite's warm results
    page = tmp_path / "docs" / "optimizers.md"
    page.parent.mkdir()
    page.write_text((DOCS_DIR / "optimizers.md").read_text(encoding="utf-8"), encoding="utf-8")
    try:
        state = check_page(page, engine, ROOT / "snippets")
        engine.cache = ResultCache(tmp_path / "cache")  # results stay in memory; derived entries go here
        calls = []
        real = notebooks.build_notebook
        monkeypatch.setattr(notebooks, "build_notebook", lambda *a, **k: calls.append(a) or real(*a, **k))
        monkeypatch.setattr(notebooks, "_built", {})
        yield page, engine, state, calls
    finally:
        engine.close()


def _edited(page, engine, marker: str):
    """The page with a line of prose added, checked again (its results from the engine's memory)."""
    from coursebuild.pages.check import check_page

    page.write_text(page.read_text(encoding="utf-8").replace("\n## ", f"\n{marker}\n\n## ", 1), encoding="utf-8")
    return check_page(page, engine, ROOT / "snippets")


def test_a_warm_build_reuses_the_notebook_it_derived_before(tmp_path, monkeypatch, optimizers_copy):
    """A notebook is derived once per content: a new process (an empty memo) reads it from the result cache, and
    a changed page derives it anew."""
    from coursebuild.plugin import notebooks

    page, engine, state, calls = optimizers_copy
    first = notebooks._notebook(page, state, engine, SITE_URL)[1]
    assert len(calls) == 1 and list((tmp_path / "cache" / "derived").rglob("*.txt"))
    monkeypatch.setattr(notebooks, "_built", {})  # a new process
    nb, again = notebooks._notebook(page, state, engine, SITE_URL)
    assert len(calls) == 1 and again == first == notebook_json(page, engine, SITE_URL, state.page)
    assert nb == nbformat.reads(first, as_version=4)
    changed = notebooks._notebook(page, _edited(page, engine, "notebookcache42"), engine, SITE_URL)[1]
    assert len(calls) == 2 and "notebookcache42" in changed


def test_the_rebuild_that_serves_an_edit_leaves_the_notebook_to_the_follow_up(optimizers_copy):
    """Under ``serve --dirty`` the rebuild that serves an author's edit converts no notebook (≈ 0.1 s of the one
    second an edit may take to show): the lesson's last notebook stays, the follow-up rebuild is asked for, and it
    converts the edited page's notebook."""
    from coursebuild.plugin import notebooks

    page, engine, state, calls = optimizers_copy
    held = []
    first = notebooks._notebook(page, state, engine, SITE_URL, hold=lambda: held.append(1))[1]
    assert len(calls) == 1 and not held  # nothing to keep yet: the first build converts it
    state = _edited(page, engine, "heldedit42")
    kept = notebooks._notebook(page, state, engine, SITE_URL, hold=lambda: held.append(1))[1]
    assert kept == first and len(calls) == 1 and held == [1]
    followed = notebooks._notebook(page, state, engine, SITE_URL)[1]  # the follow-up holds nothing back
    assert len(calls) == 2 and "heldedit42" in followed


def test_a_notebook_is_derived_anew_when_a_result_changes_what_it_prints_draws_or_computes(optimizers_copy):
    """The digest a notebook is kept under reads each result's output, figures and values (as text, not as a
    repr of megabytes of SVG): changing any one of them, or a result going missing, gives another digest."""
    import dataclasses

    from coursebuild.plugin import notebooks

    page, _, state, _ = optimizers_copy
    key = notebooks._inputs(page, state, SITE_URL)
    first = state.results[0]
    changes = [dataclasses.replace(first, stdout=first.stdout + "x"),
               dataclasses.replace(first, figures=[*first.figures, "<svg/>"]),
               dataclasses.replace(first, values={**first.values, "extra": 1}), None]
    keys = {notebooks._inputs(page, dataclasses.replace(state, results=[changed, *state.results[1:]]), SITE_URL)
            for changed in changes}
    assert key == notebooks._inputs(page, dataclasses.replace(state), SITE_URL) and key not in keys and len(keys) == 4


def test_a_notebook_rendered_ahead_is_what_mkdocs_jupyter_renders(tmp_path):
    """prerender.py fills mkdocs-jupyter's cache from a process pool: the entry is the one mkdocs-jupyter writes
    on a miss (same key, same HTML, same table of contents, same title), with every option its own rendering
    passes to nbconvert; an entry already there is not rendered again."""
    import ast
    import inspect

    from mkdocs.config import load_config
    from mkdocs_jupyter import convert
    from mkdocs_jupyter import plugin as jupyter_plugin

    from coursebuild.plugin.prerender import NICE, OPTIONS, Prerender

    calls = [node for node in ast.walk(ast.parse(inspect.getsource(jupyter_plugin)))
             if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "nb2html"]
    assert calls and {k.arg for k in calls[0].keywords} == {"execute", *OPTIONS}, "mkdocs-jupyter's options changed"

    source = tmp_path / "lesson.ipynb"
    source.write_text(notebook_json(NOTEBOOK_PAGES[0], site_url=SITE_URL), encoding="utf-8")
    jupyter = load_config(str(ROOT / "mkdocs.yml")).plugins["mkdocs-jupyter"]
    jupyter.config["cache_dir"] = str(tmp_path / "cache")
    ahead = Prerender()
    ahead.submit(jupyter, [str(source)], workers=1)
    assert list(ahead.pending) == [str(source)]
    rendering = ahead.pending[str(source)]
    ahead.submit(jupyter, [str(source)], workers=1)  # asked again (its page was checked first): the same render
    assert ahead.pending[str(source)] is rendering
    assert ahead.pool.submit(os.nice, 0).result() >= NICE  # the pool yields to the build and its interpreters
    ahead.close()
    key = jupyter_plugin._compute_cache_key(str(source), jupyter.config, False)
    entry = json.loads(jupyter_plugin._get_cache_path(jupyter.config["cache_dir"], key).read_text(encoding="utf-8"))
    body = convert.nb2html(str(source), execute=False, **{k: jupyter.config[k] for k in OPTIONS})
    toc_tokens, title = jupyter_plugin._get_nb_toc_tokens(str(source), jupyter.config["toc_depth"])
    assert entry == {"content": body, "toc_tokens": toc_tokens, "title": title}
    again = Prerender()
    again.submit(jupyter, [str(source)], workers=1)
    assert not again.pending and again.pool is None


def test_the_notebook_pool_forks_its_processes_with_nbconvert_imported():
    """The forkserver imports nbconvert and mkdocs-jupyter once (≈ 0.6 CPU-s), at the pool's priority, and forks
    every pool process with them: a process has used almost no CPU when it takes its first notebook."""
    import resource

    from coursebuild.plugin.prerender import NICE, Prerender

    priority = os.nice(0)
    ahead = Prerender()
    pool = ahead._pool(1)
    try:
        usage = pool.submit(resource.getrusage, resource.RUSAGE_SELF).result()
        assert usage.ru_utime + usage.ru_stime < 0.2, "the pool process imported nbconvert itself"
        forkserver = pool.submit(os.getppid).result()
        assert os.getpriority(os.PRIO_PROCESS, forkserver) >= NICE  # its imports yield to the build's
        assert os.nice(0) == priority  # started from a thread of its own: this one keeps its priority
    finally:
        ahead.close()


# --- nbconvert_speedups.py: the same HTML, cheaper ---------------------------------------------------------


def _nbconvert(monkeypatch, fast: bool) -> None:
    """This process's nbconvert as it comes (``fast=False``) or as the build runs it (undone after the test)."""
    import nbconvert.exporters.html as nbconvert_html
    from nbconvert.exporters.templateexporter import TemplateExporter

    from coursebuild.plugin import nbconvert_speedups as speedups

    monkeypatch.setattr(nbconvert_html, "BeautifulSoup", speedups.LightSoup if fast else speedups.STOCK_SOUP)
    monkeypatch.setattr(TemplateExporter, "_create_environment",
                        speedups.environment_sharing_code if fast else speedups.STOCK_ENVIRONMENT)


@functools.cache
def _nb2html_options() -> dict:
    """The options mkdocs-jupyter passes to ``nb2html`` for this site (prerender.py passes the same)."""
    from mkdocs.config import load_config

    from coursebuild.plugin.prerender import OPTIONS

    options = load_config(str(ROOT / "mkdocs.yml")).plugins["mkdocs-jupyter"].config
    return {k: options[k] for k in OPTIONS}


def _nb2html(source) -> str:
    """A notebook file rendered as mkdocs-jupyter renders it for this site."""
    from mkdocs_jupyter import convert

    return convert.nb2html(str(source), execute=False, **_nb2html_options())


def _render_both_ways(monkeypatch, tmp_path, pages) -> dict:
    """Each page's notebook rendered with nbconvert as it comes and as the build runs it."""
    sources = []
    for page in pages:
        source = tmp_path / page_language(page) / f"{page_name(page)}.ipynb"
        source.parent.mkdir(exist_ok=True)
        source.write_text(notebook_json(page, site_url=SITE_URL), encoding="utf-8")
        sources.append(source)
    rendered = {}
    for fast in (False, True):
        _nbconvert(monkeypatch, fast)
        for source in sources:
            rendered.setdefault(f"{source.parent.name}/{source.name}", []).append(_nb2html(source))
    return rendered


def test_the_light_soup_prints_what_beautifulsoup_prints():
    """``LightSoup`` keeps plain ``<pre>`` bodies out of the parse: whatever it holds back or not, it prints what
    bs4 prints, with nbconvert's edits made on both."""
    from bs4 import BeautifulSoup

    from coursebuild.plugin.nbconvert_speedups import LightSoup

    samples = [
        '<div class="jp-Cell-inputWrapper"><pre><span></span><span class="s2">&quot;a&quot;</span> &#39;b&#39; '
        "&#x27;c&#x27; &amp; &lt;d&gt; &gt;= é\n</pre></div><img src=x>",
        "<pre>plain \"text\" & more</pre><pre>a <b>bold</b> b</pre><pre class=\"x\"><span>k</span></pre>",
        '<pre><span class="n" id="x">held back? no</span></pre><pre><span class="a  b">x</span></pre>'
        '<pre><span class=" a">x</span><span class="">y</span><span class=\'c\'>z</span></pre>',
        "<p>\ue000 0\ue001</p><pre><span>not held: the page has a marker character</span></pre>",
        "<pre><span class=\"c1\"># unclosed</pre> <pre>&nbsp;&copy; &#182;</pre>",
        '<div class="jp-OutputArea-output"><pre>loss 0.25 &lt; 1</pre></div><a id="t" />',
    ]
    for markup in samples:
        soups = [LightSoup(markup, features="html.parser"), BeautifulSoup(markup, features="html.parser")]
        for soup in soups:
            for elem in soup.select("img:not([alt])"):
                elem.attrs["alt"] = "No description"
            for elem in soup.select("div.jp-Cell-inputWrapper, div.jp-OutputArea-output"):
                elem.attrs["tabindex"] = "0"
        assert str(soups[0]) == str(soups[1]), markup
    assert LightSoup(samples[0], features="html.parser").held_bodies  # it did hold a body back


def test_nbconvert_made_cheaper_renders_a_notebook_byte_for_byte(monkeypatch, tmp_path):
    """One lesson's notebook, as mkdocs-jupyter renders it: the same bytes; and the second render compiles no
    template (the shared bytecode cache), where nbconvert as it comes compiles them all again."""
    import jinja2

    from coursebuild.plugin.nbconvert_speedups import LightSoup

    (stock, fast), = _render_both_ways(monkeypatch, tmp_path, NOTEBOOK_PAGES[:1]).values()
    assert fast == stock
    held = "".join(LightSoup(stock, features="html.parser").held_bodies)  # what the parse is spared: most tags
    assert held.count("<span") > 0.9 * stock.count("<span") > 1000

    compiled = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda *a, **k: compiled.append(a[2]) or real(*a, **k))
    source = next(tmp_path.rglob("*.ipynb"))
    for fast in (False, True):
        _nbconvert(monkeypatch, fast)
        _nb2html(source)  # the templates compiled (and, made cheaper, their code kept)
        compiled.clear()
        assert _nb2html(source) == stock
        assert (len(compiled) > 5) if not fast else compiled == [], (fast, compiled)


@pytest.mark.slow
def test_nbconvert_made_cheaper_renders_every_notebook_byte_for_byte(monkeypatch, tmp_path):
    """Every notebook of the course, both languages: nbconvert_speedups changes no byte of what is rendered."""
    for name, (stock, fast) in _render_both_ways(monkeypatch, tmp_path, NOTEBOOK_PAGES).items():
        assert fast == stock, name


def test_a_page_is_rendered_again_under_serve_when_a_result_changes_what_it_prints_draws_or_computes(
        optimizers_copy):
    """serve --dirty renders a page again when its inputs' digest changes: the same reading of each result as the
    notebook's (pages.check.digest_examples), with the page's errors and values and mkdocs.yml; not its run time."""
    import dataclasses

    from coursebuild.errors import CourseError
    from coursebuild.plugin.dirty import page_inputs

    _, _, state, _ = optimizers_copy
    key = page_inputs(state, b"config")
    first = state.results[0]
    slower = dataclasses.replace(first, seconds=first.seconds + 9)
    assert page_inputs(dataclasses.replace(state, results=[slower, *state.results[1:]]), b"config") == key
    changes = [dataclasses.replace(first, stdout=first.stdout + "x"),
               dataclasses.replace(first, figures=[*first.figures, "<svg/>"]),
               dataclasses.replace(first, values={**first.values, "extra": 1}), None]
    keys = {page_inputs(dataclasses.replace(state, results=[changed, *state.results[1:]]), b"config")
            for changed in changes}
    keys |= {page_inputs(dataclasses.replace(state, errors=[CourseError("x")]), b"config"),
             page_inputs(dataclasses.replace(state, values=[*state.values, "1.5"]), b"config"),
             page_inputs(state, b"config 2"), page_inputs(None, b"config")}
    assert key not in keys and len(keys) == 8
