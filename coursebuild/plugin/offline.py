"""MkDocs hook: a page asks no host but the site's own, and the language switcher keeps the reader's place.

Material's JavaScript makes two kinds of requests that a reader does not need, one of them to a third
party that is slow or unreachable from some countries:

* ``data-md-component="source"`` makes it fetch the repository's stars, forks and latest release from
  ``api.github.com`` on every visit. The attribute is dropped: the repository link stays, without counts.
* every ``<link rel="alternate" hreflang>`` in the head makes it fetch ``sitemap.xml`` next to the linked
  URL. With mkdocs-static-i18n those links are per page (``/optimizers/``), so the requests get 404s.
  They are dropped from the head: the same hreflang pairs are in ``sitemap.xml`` (mkdocs-static-i18n's
  alternate-aware sitemap), which search engines read, and the header's language menu still links each
  page to its translation. ``assets/javascripts/course.js`` carries the ``#section`` along on a switch.

Every page also downloads the search index as it loads. mkdocs-static-i18n merges both languages into
one index at the site root, so a reader got the other language's text too (and its pages among the
results). Once the merged index is written, it is split: ``search/search_index.json`` keeps the default
language, ``en/search/search_index.json`` the English pages (locations relative to ``en/``), and each
English page's ``__config.base`` points at ``en/`` so that Material's worker loads that one and resolves its
results there. (``base`` serves only the search, the version selector and instant navigation, which is
off; the storage scope ``__md_scope`` stays the site root.) Both are written as UTF-8 rather than with
``\\uXXXX`` escapes (6 bytes for a Chinese character instead of 3).
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

HREFLANG_LINK_RE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
SOURCE_ATTR = ' data-md-component="source"'


CONFIG_BASE_RE = re.compile(r'(<script id="__config" type="application/json">\{.*?"base": ")([^"]*)(")', re.S)


def offline_html(output: str) -> str:
    """A page's HTML without the markup that makes Material call other hosts or missing sitemaps."""
    output = HREFLANG_LINK_RE.sub("", output)
    return output.replace(SOURCE_ATTR, "")


def language_prefixes(config) -> dict[str, str]:
    """{"en/": "en"} for every language built in its own folder (mkdocs-static-i18n's non-default ones)."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return {}
    return {f"{lang.locale}/": lang.locale for lang in plugin.config.languages
            if not lang.default and lang.build and lang.locale != "null"}


def rebase(base: str, prefix: str) -> str:
    """Material's ``base`` (the site root, relative to the page or absolute) moved to a language's root."""
    if base.startswith("/") or "://" in base:
        return base.rstrip("/") + "/" + prefix
    return posixpath.normpath(posixpath.join(base, prefix)) + "/"


def on_post_page(output: str, page, config) -> str:
    output = offline_html(output)
    prefix = next((p for p in language_prefixes(config) if page.url.startswith(p)), None)
    if prefix is not None:
        output = CONFIG_BASE_RE.sub(lambda m: m.group(1) + rebase(m.group(2), prefix) + m.group(3), output, count=1)
    return output


def split_search_index(site_dir: Path, prefixes: dict[str, str]) -> None:
    """One UTF-8 search index per language: the default one at the root, the others under their folders."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = data["docs"]
    outputs = {"": (data["config"], [d for d in docs if not d["location"].startswith(tuple(prefixes))])}
    for prefix, locale in prefixes.items():
        config = dict(data["config"])
        if locale in config.get("lang", []):
            config["lang"] = [locale]
        outputs[prefix] = (config, [dict(d, location=d["location"][len(prefix):]) for d in docs
                                    if d["location"].startswith(prefix)])
    for prefix, (config, entries) in outputs.items():
        target = site_dir / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**data, "config": config, "docs": entries}, ensure_ascii=False,
                                     separators=(",", ":")), encoding="utf-8")


def add_figure_texts(site_dir: Path, figure_texts: dict[str, list[str]]) -> None:
    """The texts a page's figures draw (drawn as paths, so invisible to the search) joined to the page's entry."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file() or not figure_texts:
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data["docs"]:
        texts = figure_texts.get(doc["location"])
        if texts:
            doc["text"] = (doc["text"] + " " + " ".join(dict.fromkeys(texts))).strip()
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def on_post_build(config, figure_texts: dict[str, list[str]] | None = None) -> None:
    if getattr(config.plugins.get("i18n"), "building", False):
        return  # a language build nested in mkdocs-static-i18n's: the merged index does not exist yet
    add_figure_texts(Path(config.site_dir), figure_texts or {})
    split_search_index(Path(config.site_dir), language_prefixes(config))


_default_404: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config) -> str:
    """The site-wide 404 page: offline like every page, and in the default language.

    Every language build renders ``404.html`` into the same site root (GitHub Pages serves only that one),
    so the last build, English, would win. The default language's page is kept for the root.
    """
    if template_name != "404.html":
        return output
    output = offline_html(output)
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return output
    if i18n.is_default_language_build:
        _default_404["html"] = output
        return output
    return _default_404.get("html", output)
