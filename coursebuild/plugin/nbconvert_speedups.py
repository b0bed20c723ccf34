"""nbconvert's HTML export, byte for byte the same for ≈ 37 % of the work: what renders every notebook page.

mkdocs-jupyter 0.26 renders each notebook with a new nbconvert ``HTMLExporter``, which

1. compiles its templates anew: a new Jinja environment, eleven templates compiled again per notebook;
2. parses the whole page back with BeautifulSoup's pure-Python ``html.parser`` (to give an ``<img>`` without one an
   alt text and the input and output areas a ``tabindex``) and prints it again. About nine tags in ten of a
   course notebook are the pygments ``<span>``s of its code cells, which that pass leaves as they are.

Measured on the course's 10 notebooks, one process, this machine: 3.35 s stock, 1.23 s with both changes (1.71 s
with the first alone). :func:`install` makes them, in the build process and in each process of the prerender pool:

``LightSoup``   the ``BeautifulSoup`` nbconvert's HTML exporter builds. The body of every ``<pre>`` that holds only
                text and ``<span>``s with text and at most a class (highlighted code, a stream's text) is kept out of
                the parse and put back as bs4 prints it (text with exactly ``&amp; &lt; &gt;`` escaped), so
                nbconvert's own selectors and edits run on the rest and ``str(soup)`` is what the stock soup prints
                (tests/test_notebooks.py renders every notebook of the course both ways and compares the bytes).
templates       every exporter's Jinja environment gets the process's bytecode cache for environments like it
                (``templates.compile_once``, as the theme's): each template compiles once.
"""

from __future__ import annotations

import html
import re

import jinja2
import nbconvert.exporters.html as nbconvert_html
from bs4 import BeautifulSoup
from nbconvert.exporters.templateexporter import TemplateExporter

from .templates import compile_once

#: A ``<pre>`` whose body is text (with the entities pygments and nbconvert write) and ``<span>``s that hold text
#: only and have at most a class, its names one space apart: bs4 would print it unchanged but for its entities.
#: Possessive, so a body that does not qualify fails in linear time.
_TEXT = r"(?:[^<&]++|&(?:amp|lt|gt|quot|#39|#x27);)*+"
PLAIN_PRE_RE = re.compile(rf'(<pre>)((?:{_TEXT}<span(?: class="[\w-]+(?: [\w-]+)*")?>{_TEXT}</span>)*+{_TEXT})(</pre>)')
TAG_RE = re.compile(r"(<[^>]*>)")
HELD, HELD_RE = "\ue000{}\ue001", re.compile("\ue000(\\d+)\ue001")  # private-use code points: no text has them

STOCK_SOUP = nbconvert_html.BeautifulSoup
STOCK_ENVIRONMENT = TemplateExporter._create_environment


def printed_by_bs4(body: str) -> str:
    """A plain ``<pre>`` body as bs4 prints it: tags as they are, text unescaped and escaped again (minimal)."""
    parts = TAG_RE.split(body)
    parts[0::2] = [html.unescape(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                   for text in parts[0::2]]
    return "".join(parts)


class LightSoup(BeautifulSoup):
    """BeautifulSoup without the plain ``<pre>`` bodies, which ``decode`` (``str``) puts back."""

    def __init__(self, markup="", *args, **kwargs) -> None:
        held: list[str] = []
        if isinstance(markup, str) and "\ue000" not in markup:
            def hold(m: re.Match) -> str:
                held.append(printed_by_bs4(m[2]))
                return m[1] + HELD.format(len(held) - 1) + m[3]

            markup = PLAIN_PRE_RE.sub(hold, markup)
        super().__init__(markup, *args, **kwargs)
        self.held_bodies = held

    def decode(self, *args, **kwargs) -> str:
        printed = super().decode(*args, **kwargs)
        return HELD_RE.sub(lambda m: self.held_bodies[int(m[1])], printed) if self.held_bodies else printed


def environment_sharing_code(self: TemplateExporter) -> jinja2.Environment:
    """``TemplateExporter._create_environment``, with the process's bytecode cache for environments like it."""
    return compile_once(STOCK_ENVIRONMENT(self))


def install() -> None:
    """Make every later nbconvert HTML export of this process use both changes (again: no change)."""
    nbconvert_html.BeautifulSoup = LightSoup
    TemplateExporter._create_environment = environment_sharing_code
