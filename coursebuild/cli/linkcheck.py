"""Check every link of the built site, in both languages: pages, heading anchors, figures, language switcher.

    python -m coursebuild linkcheck [SITE_DIR]      default: site/ (build it first: mkdocs build --strict)

Reads every ``*.html`` file with :mod:`html.parser` and checks, for each internal reference:

* ``a``/``link`` ``href``, ``img``/``script``/``source``/``iframe`` ``src``: the target file exists
  (``dir/`` means ``dir/index.html``); absolute ``/prefix/...`` paths and ``site_url`` links count as internal;
* a ``#fragment``: an element with that ``id`` (or an ``<a name>``) exists in the target page;
* Material's language selector (``a.md-select__link``): each target is *the same page* in the language its
  ``hreflang`` names (``optimizers/`` <-> ``en/optimizers/``);
* ``search/search_index.json`` locations and ``sitemap.xml`` URLs point at existing pages and anchors.

MkDocs' own ``validation`` (mkdocs.yml, errors under ``--strict``) covers Markdown links and anchors between
pages; this covers what MkDocs never sees: the theme's HTML, raw HTML on pages, generated figures and the
switcher. Exits 1 when a problem is found, printing one ``page:line: problem`` per line.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import ROOT

#: (tag, attribute) pairs whose value is a URL the browser fetches or navigates to.
URL_ATTRS = {
    ("a", "href"), ("area", "href"), ("link", "href"), ("img", "src"), ("script", "src"),
    ("source", "src"), ("iframe", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
}
SWITCHER_CLASS = "md-select__link"
#: Pages whose language switcher may point anywhere (the theme's 404 page has no counterpart).
NO_COUNTERPART = {"404.html"}


@dataclass
class Link:
    tag: str
    attr: str
    url: str
    line: int
    classes: tuple[str, ...] = ()
    hreflang: str | None = None


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, int] = {}
        self.duplicate_ids: list[tuple[str, int]] = []
        self.links: list[Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        line = self.getpos()[0]
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if name in values:
                if name == "id" and values["id"] in self.ids:
                    self.duplicate_ids.append((values["id"], line))
                self.ids.setdefault(values[name], line)
        for attr in ("href", "src"):
            if (tag, attr) in URL_ATTRS and attr in values:
                self.links.append(Link(tag, attr, values[attr], line, tuple(values.get("class", "").split()),
                                       values.get("hreflang")))

    handle_startendtag = handle_starttag


@dataclass
class HtmlPage:
    ids: dict[str, int]
    duplicate_ids: list[tuple[str, int]]
    links: list[Link]


@dataclass
class SiteChecker:
    site_dir: Path
    site_url: str = ""
    languages: tuple[str, ...] = ("zh", "en")
    default_language: str = "zh"
    problems: list[str] = field(default_factory=list)
    _pages: dict[str, HtmlPage] = field(default_factory=dict)

    # -- reading -----------------------------------------------------------------------------------
    def page(self, rel: str) -> HtmlPage:
        if rel not in self._pages:
            parser = _Parser()
            parser.feed((self.site_dir / rel).read_text(encoding="utf-8"))
            parser.close()
            self._pages[rel] = HtmlPage(parser.ids, parser.duplicate_ids, parser.links)
        return self._pages[rel]

    @cached_property
    def url_prefix(self) -> str:
        """Path part of site_url ('/nn-optimization-course/'): absolute links start with it."""
        return urlsplit(self.site_url).path.rstrip("/") + "/" if self.site_url else "/"

    def resolve(self, base_rel: str, url: str) -> tuple[str | None, str, str | None]:
        """(target file relative to the site, fragment, problem) for an internal URL; (None, '', None) if external."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            base = self.site_url.rstrip("/") + "/"
            if not self.site_url or not (url + "/").startswith(base):
                return None, "", None  # external: not checked (the site must work offline, not its outlinks)
            parts = urlsplit(self.url_prefix + url[len(base):])  # the site's own URL: as an absolute path
        path, fragment = unquote(parts.path), unquote(parts.fragment)
        if not path:  # "#anchor" or "?query": this page
            return base_rel, fragment, None
        if path.startswith("/"):
            if not path.startswith(self.url_prefix) and path + "/" != self.url_prefix:
                return None, fragment, f"absolute path outside the site ({self.url_prefix})"
            target = path[len(self.url_prefix):]
        else:
            target = posixpath.join(posixpath.dirname(base_rel), path)
        trailing = target.endswith("/") or target in ("", ".")
        target = posixpath.normpath(target) if target not in ("", ".") else "."
        if target == ".." or target.startswith("../"):
            return None, fragment, "points outside the site directory"
        if trailing or (self.site_dir / target).is_dir():
            target = posixpath.normpath(posixpath.join(target, "index.html"))
        return target, fragment, None

    # -- checking ----------------------------------------------------------------------------------
    def check_target(self, where: str, what: str, base_rel: str, url: str) -> str | None:
        """Report a broken internal reference; returns the resolved target file when it exists."""
        target, fragment, problem = self.resolve(base_rel, url)
        if problem:
            self.problems.append(f"{where}: {what} {url!r} {problem}")
            return None
        if target is None:
            return None
        if not (self.site_dir / target).is_file():
            self.problems.append(f"{where}: {what} {url!r}: {target} does not exist")
            return None
        if fragment and target.endswith(".html") and fragment not in self.page(target).ids:
            self.problems.append(f"{where}: {what} {url!r}: no id {fragment!r} in {target}")
        return target

    def language_of(self, rel: str) -> str:
        first = rel.split("/", 1)[0]
        return first if first in self.languages and first != self.default_language else self.default_language

    def counterpart(self, rel: str, language: str) -> str:
        """The same page in another language: optimizers/index.html <-> en/optimizers/index.html."""
        own = self.language_of(rel)
        bare = rel[len(own) + 1:] if own != self.default_language else rel
        return bare if language == self.default_language else f"{language}/{bare}"

    def check_page(self, rel: str) -> None:
        page = self.page(rel)
        for ident, line in page.duplicate_ids:
            self.problems.append(f"{rel}:{line}: duplicate id {ident!r} (an anchor to it is ambiguous)")
        switcher = set()
        for link in page.links:
            where = f"{rel}:{link.line}"
            target = self.check_target(where, f"<{link.tag} {link.attr}>", rel, link.url)
            if SWITCHER_CLASS not in link.classes:
                continue
            switcher.add(link.hreflang)
            if rel in NO_COUNTERPART or target is None:
                continue
            if link.hreflang not in self.languages:
                self.problems.append(f"{where}: language switcher link {link.url!r} has hreflang "
                                     f"{link.hreflang!r}, not one of {list(self.languages)}")
            elif target != (want := self.counterpart(rel, link.hreflang)):
                self.problems.append(f"{where}: language switcher for {link.hreflang!r} goes to {target}, "
                                     f"not to this page's translation {want}")
        if rel not in NO_COUNTERPART and switcher and switcher != set(self.languages):
            self.problems.append(f"{rel}: language switcher offers {sorted(switcher, key=str)}, "
                                 f"expected {list(self.languages)}")

    def check_search_index(self) -> None:
        index = self.site_dir / "search" / "search_index.json"
        if not index.is_file():
            return
        for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
            location = doc.get("location", "")
            self.check_target(f"search/search_index.json ({doc.get('title', '')!r})", "location", "index.html",
                              location or "./")

    def check_sitemap(self) -> None:
        sitemap = self.site_dir / "sitemap.xml"
        if not sitemap.is_file() or not self.site_url:
            return
        for element in ET.parse(sitemap).iter():
            url = element.text if element.tag.endswith("}loc") else element.get("href")
            if url:
                self.check_target("sitemap.xml", "URL", "index.html", url.strip())

    def run(self) -> list[str]:
        pages = sorted(p.relative_to(self.site_dir).as_posix() for p in self.site_dir.rglob("*.html"))
        if not pages:
            self.problems.append(f"{self.site_dir}: no HTML pages (build the site first)")
        for rel in pages:
            self.check_page(rel)
        self.check_search_index()
        self.check_sitemap()
        return self.problems


def site_settings(config_file: Path = ROOT / "mkdocs.yml") -> dict:
    """site_url and the i18n languages from mkdocs.yml (read with MkDocs' own YAML loader)."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as fh:
        config = yaml_load(fh)
    languages, default = ("zh", "en"), "zh"
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = plugin["i18n"].get("languages", [])
            languages = tuple(e["locale"] for e in entries)
            default = next((e["locale"] for e in entries if e.get("default")), languages[0])
    return {"site_url": config.get("site_url") or "", "languages": languages, "default_language": default}


def check_site(site_dir: Path, **settings) -> list[str]:
    """Every problem found in a built site, as ``file:line: problem`` strings (empty when all is well)."""
    return SiteChecker(Path(site_dir), **(settings or site_settings())).run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site_dir", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    checker = SiteChecker(args.site_dir, **site_settings(args.config_file))
    problems = checker.run()
    for problem in problems:
        print(problem)
    links = sum(len(p.links) for p in checker._pages.values())
    print(f"{len(problems)} problem(s) in {len(checker._pages)} page(s), {links} link(s) checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
