"""Every link of the built site works, in both languages: pages, heading anchors, figures, language switcher.

The site comes from the session's ``built_site`` fixture (tests/conftest.py: one strict build per session).
"""

from __future__ import annotations

import logging
import re
import shutil

import pytest

from coursebuild import ROOT
from coursebuild.cli.linkcheck import SiteChecker, check_site, main, site_settings
from coursebuild.cli.sandbox import copy_project, mkdocs_build
from tests.test_site_language import CJK_RE


@pytest.fixture(scope="module")
def settings():
    return site_settings()


@pytest.fixture(scope="module")
def checked(built_site, settings):
    checker = SiteChecker(built_site, **settings)
    return checker, checker.run()


def test_built_site_has_no_broken_link(checked):
    assert checked[1] == []


def test_every_page_of_both_languages_is_checked(checked, settings):
    checker = checked[0]
    pages = set(checker._pages)
    docs = sorted(p.name for p in (ROOT / "docs").glob("*.md"))
    for name in docs:
        stem = name.removesuffix(".md").removesuffix(".en")
        lang_dir = "en/" if name.endswith(".en.md") else ""
        page = f"{lang_dir}index.html" if stem == "index" else f"{lang_dir}{stem}/index.html"
        assert page in pages, f"{name} has no checked page {page}"
    switchers = [link for rel in pages for link in checker._pages[rel].links if "md-select__link" in link.classes]
    assert {link.hreflang for link in switchers} == set(settings["languages"])
    figures = [link for rel in pages for link in checker._pages[rel].links
               if link.tag == "img" and "/figures/" in link.url]
    assert figures, "no figure was checked"


def test_broken_links_in_a_copied_site_are_reported(built_site, settings, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    zh, en = site / "optimizers" / "index.html", site / "en" / "optimizers" / "index.html"
    html_zh, html_en = zh.read_text(encoding="utf-8"), en.read_text(encoding="utf-8")
    figure = re.search(r'<img src="([^"]*figures/[^"]+)"', html_zh)[1]
    assert 'href="#momentum"' in html_zh and 'href="../en/optimizers/" hreflang="en"' in html_zh
    html_zh = (html_zh.replace('href="#momentum"', 'href="#no-such-heading"', 1)
               .replace(f'src="{figure}"', 'src="../figures/missing.svg"', 1)
               .replace('href="../en/optimizers/" hreflang="en"', 'href="../en/lab/" hreflang="en"', 1)
               .replace("</article>", '<a href="../no-such-page/">x</a><a href="../index.html#nope">y</a></article>',
                        1))
    zh.write_text(html_zh, encoding="utf-8")
    en.write_text(html_en.replace("</article>", '<a href="../backprop/#not-there">z</a></article>', 1),
                  encoding="utf-8")
    problems = "\n".join(check_site(site, **settings))
    for expected in (
        "no id 'no-such-heading' in optimizers/index.html",
        "figures/missing.svg does not exist",
        "language switcher for 'en' goes to en/lab/index.html, not to this page's translation "
        "en/optimizers/index.html",
        "no-such-page/index.html does not exist",
        "no id 'nope' in index.html",
        "en/optimizers/index.html:", "no id 'not-there' in en/backprop/index.html",
    ):
        assert expected in problems, f"{expected!r} not reported; got:\n{problems}"


def test_command_exit_status(tmp_path, capsys):
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "page" / "index.html").write_text('<h2 id="here">x</h2><a href="../#top">home</a>', encoding="utf-8")
    (site / "index.html").write_text('<p id="top"></p><a href="page/#here">x</a>', encoding="utf-8")
    assert main([str(site)]) == 0
    assert "0 problem(s) in 2 page(s), 2 link(s) checked" in capsys.readouterr().out
    (site / "index.html").write_text('<a href="nowhere/">x</a>', encoding="utf-8")
    assert main([str(site)]) == 1
    out = capsys.readouterr().out
    assert "index.html:1: <a href> 'nowhere/': nowhere/index.html does not exist" in out
    assert "page/index.html:1: <a href> '../#top': no id 'top' in index.html" in out


def test_mkdocs_validation_covers_links_and_anchors():
    """MkDocs itself (strict) rejects Markdown links to missing pages or anchors: mkdocs.yml says so."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config.strict
    for setting in ("not_found", "anchors", "absolute_links", "unrecognized_links"):
        assert config.validation.links[setting] >= logging.WARNING, f"validation.links.{setting}"
    for setting in ("not_found", "omitted_files"):
        assert config.validation.nav[setting] >= logging.WARNING, f"validation.nav.{setting}"


@pytest.mark.slow
def test_strict_build_rejects_broken_markdown_links(tmp_path):
    project = copy_project(tmp_path / "project")
    with open(project / "docs" / "index.en.md", "a", encoding="utf-8") as fh:
        fh.write("\n- [bad anchor](optimizers.md#no-such-anchor)\n- [bad page](no-such-page.md)\n")
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode != 0
    assert "contains a link 'no-such-page.md', but the target is not found" in proc.stderr
    assert "does not contain an anchor '#no-such-anchor'" in proc.stderr


def test_site_wide_404_is_in_the_default_language(built_site):
    """GitHub Pages serves the root 404.html for every missing URL: it must not be the last language built."""
    assert '<html lang="zh"' in (built_site / "404.html").read_text(encoding="utf-8")


def test_site_wide_404_speaks_both_languages(built_site):
    """A missing address under /en/ gets the same file: it says so in both languages and links each home page
    (absolute links: the page is served at whatever address was asked for)."""
    html = (built_site / "404.html").read_text(encoding="utf-8")
    base = re.search(r'href="([^"]*)assets/images/favicon\.png"', html)[1]  # the site's path, as Material links it
    assert base.startswith("/")
    zh = re.search(r'<p lang="zh">(.*?)</p>', html, re.S)
    en = re.search(r'<p lang="en">(.*?)</p>', html, re.S)
    assert zh and CJK_RE.search(zh[1]) and f'href="{base}"' in zh[1]
    assert en and not CJK_RE.search(en[1]) and f'href="{base}en/"' in en[1]
    assert "404 - Not found" not in html


def test_animations_are_gifs_under_one_megabyte(built_site):
    """The optimizer race has one animation per landscape, in each language, each at most 1 MB."""
    gifs = sorted((built_site / "figures" / "lab").glob("race.*.gif"))
    assert [g.name for g in gifs] == [f"race.{lang}-{n}.gif" for lang in ("en", "zh") for n in (2, 4, 6)]
    for gif in gifs:
        assert gif.read_bytes().startswith(b"GIF89a")
        assert gif.stat().st_size <= 1_000_000, f"{gif.name}: {gif.stat().st_size} bytes"


def test_every_example_can_be_downloaded(built_site):
    """Under each example a link serves the snippet itself, byte for byte."""
    from coursebuild import DOCS_DIR, SNIPPETS_DIR
    from coursebuild.pages import course_pages, parse_page

    for page in course_pages(DOCS_DIR):
        examples = parse_page(page).examples
        name = page.name.removesuffix(".md").removesuffix(".en")
        lang_dir = built_site / "en" if page.name.endswith(".en.md") else built_site
        html_file = lang_dir / ("index.html" if name == "index" else f"{name}/index.html")
        hrefs = re.findall(r'<p class="course-download"><a href="([^"]+)"', html_file.read_text(encoding="utf-8"))
        assert len(hrefs) == len(examples), f"{html_file}: {len(hrefs)} download links for {len(examples)} examples"
        for href, example in zip(hrefs, examples, strict=True):
            served = (html_file.parent / href).resolve()
            assert served.read_bytes() == (SNIPPETS_DIR / example.snippet).read_bytes()


def test_every_page_parses_without_an_html_error(built_site):
    """Every built page parses by the WHATWG rules (html5lib implements the browsers' algorithm) without a parse
    error: a browser repairs one silently, into something other than what was written. The download link under
    an example inside an exercise's solution was wrapped in a second paragraph (Markdown takes an indented line of
    HTML for text): <p><p class="course-download">...</p></p>, which a browser reads as the link between two
    empty paragraphs, so that the link was not the next element after its example."""
    import html5lib

    errors = {}
    for page in sorted(built_site.rglob("*.html")):
        parser = html5lib.HTMLParser()
        parser.parse(page.read_bytes())
        if parser.errors:
            (line, _), code, data = parser.errors[0]
            errors[str(page.relative_to(built_site))] = f"{len(parser.errors)}, the first on line {line}: {code} {data}"
    assert not errors, f"HTML parse errors: {errors}"


PLACEHOLDER_HOSTS = re.compile(r"example\.(?:github\.io|com|org)|github\.com/example/")


def test_no_placeholder_address_in_the_built_site(built_site):
    """Canonical links, the sitemap and edit buttons point at the real site (the deploy workflow supplies it) or,
    in a local build, at the local server: never at a placeholder host."""
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{path.relative_to(built_site)}: {m[0]}" for m in PLACEHOLDER_HOSTS.finditer(text)][:1]
    assert not offenders, offenders[:10]
    assert "<loc>http://127.0.0.1:8000/" in (built_site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_deploy_workflow_supplies_the_real_addresses():
    import yaml

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    build = next(s for s in flow["jobs"]["build"]["steps"] if s.get("name") == "Strict build")
    assert {"SITE_URL", "REPO_URL", "EDIT_URI"} <= set(build["env"])
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV [SITE_URL" in config and "repo_url: !ENV [REPO_URL" in config
    assert not PLACEHOLDER_HOSTS.search(config)
