"""What a reader sees under an example: its figures, numbered and captioned, from generated files."""

from __future__ import annotations

import html
import posixpath
import re

from ..engine.figures import figure_bytes, figure_format, svg_size_pt
from ..pages.parse import Example


def figure_uri(example: Example, index: int, fmt: str = "svg") -> str:
    """Site path of a snippet's n-th figure: stable and readable (figures/optimizers/ewa.zh-1.svg)."""
    stem = example.snippet.removesuffix(".py")
    return f"figures/{stem}-{index + 1}.{fmt}"


DOWNLOAD = {"zh": "下载这段代码：", "en": "Download this program: "}


def snippet_uri(snippet: str) -> str:
    """Where the site serves a snippet for download: code/optimizers/momentum.zh.py."""
    return f"code/{snippet}"


def download_link(href: str, snippet: str, lang: str) -> str:
    """The paragraph under an example: ``<p class="course-download"><a href download>...``, a paragraph of
    Markdown (its class from attr_list) around the link. Not a ``<p>`` of HTML: inside an indented block (an
    exercise's solution) Markdown takes a line of HTML for text and wrapped it in a second paragraph,
    ``<p><p class="course-download">...</p></p>``."""
    name = html.escape(posixpath.basename(snippet))
    return (f'<a href="{html.escape(href)}" download="{name}">{DOWNLOAD[lang]}<code>{name}</code></a>\n'
            "{: .course-download }")


def relative_url(page_url: str, target: str) -> str:
    """Link from a page (its MkDocs ``page.url``) to a site path, as the browser resolves it."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    return posixpath.relpath(target, base or ".") if base else target


def dark_uri(uri: str) -> str:
    """The dark-palette twin of a figure, in a tree of its own: figures/dark/optimizers/ewa.zh-1.svg."""
    return "figures/dark/" + uri.removeprefix("figures/")


def still_uri(uri: str) -> str:
    """An animation's still (its last frame), in a tree of its own: figures/still/lab/race.zh-2.gif. Its dark
    twin is ``dark_uri(still_uri(uri))``."""
    return "figures/still/" + uri.removeprefix("figures/")


def narrow_uri(uri: str) -> str:
    """What a phone shows for a figure (``Result.phone_figure``: its panels stacked, or the figure redrawn narrower),
    in a tree of its own: figures/narrow/optimizers/revisit.zh-1.svg. Its dark twin is
    ``dark_uri(narrow_uri(uri))``."""
    return "figures/narrow/" + uri.removeprefix("figures/")


#: The media query under which a figure shows its animation's still instead of playing it.
REDUCED_MOTION = "(prefers-reduced-motion: reduce)"
#: The screens that show a figure's narrow twin, where it has one: Material's breakpoint for phones and small
#: tablets (course.css draws figures the column's width there). Not in print: the book shows the figure as drawn.
NARROW_SCREEN = "screen and (max-width: 44.984375em)"


def figure_size(figure: str) -> tuple[int, int] | None:
    """A figure's size in CSS pixels, as the browser lays it out: matplotlib's SVG gives it in points (96 px to
    72 pt), a GIF in pixels. Written on the ``<img>``, it lets the page reserve the figure's box before the
    (lazy) image loads, so the text below does not move when it arrives (where scroll anchoring does not keep
    the place, a reader who followed a #section link would be carried away from it)."""
    if figure_format(figure) == "gif":
        data = figure_bytes(figure)
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    size = svg_size_pt(figure)
    return (round(size[0] * 4 / 3), round(size[1] * 4 / 3)) if size else None


def size_attrs(size: tuple[int, int] | None) -> str:
    """``width`` and ``height`` attributes of an ``<img>`` for :func:`figure_size`'s result (none if unknown)."""
    return f' width="{size[0]}" height="{size[1]}"' if size else ""


def with_still(image: str, still_src: str | None) -> str:
    """An animation's ``<img>`` in a ``<picture>`` that shows its still under reduced motion (course.js's replay
    button takes the still away, and the animation plays): on a lesson and on its notebook page."""
    if not still_src:
        return image
    end = "\n" if image.endswith("\n") else ""
    return (f'<picture><source media="{REDUCED_MOTION}" srcset="{html.escape(still_src)}">'
            f"{image.removesuffix(end)}</picture>{end}")


def with_narrow(image: str, narrow_src: str | None, size: tuple[int, int] | None) -> str:
    """A figure's ``<img>`` in a ``<picture>`` that shows its narrow twin (panels stacked, or redrawn narrower) on a
    phone's screen; the ``<img>`` keeps the figure as drawn, which the zoom view shows (its ``data-full``,
    :func:`figure_html`)."""
    if not narrow_src:
        return image
    end = "\n" if image.endswith("\n") else ""
    return (f'<picture><source media="{NARROW_SCREEN}" srcset="{html.escape(narrow_src)}"{size_attrs(size)}>'
            f"{image.removesuffix(end)}</picture>{end}")


def figure_html(src: str, number: str, caption: str, alt: str, anchor: str, dark_src: str | None = None,
                size: tuple[int, int] | None = None, stills: tuple[str, str | None] | None = None,
                narrow: tuple[str, str | None, tuple[int, int] | None] | None = None) -> str:
    """The figure, and its dark twin when given: course.css shows the one that matches Material's palette.
    ``stills``: an animation's still and the still's dark twin; ``narrow``: the figure stacked for a phone, its
    dark twin and its size."""
    light_class = ' class="course-light"' if dark_src else ""
    dims = size_attrs(size)
    still, dark_still = stills or (None, None)
    narrow_src, dark_narrow, narrow_size = narrow or (None, None, None)

    def full(image_src: str) -> str:  # what the zoom view opens where a phone shows the narrow twin
        return f' data-full="{html.escape(image_src)}"' if narrow_src else ""

    light = with_still(f'<img src="{html.escape(src)}"{light_class} alt="{html.escape(alt)}"{dims} loading="lazy"'
                       f"{full(src)}>\n", still)
    light = with_narrow(light, narrow_src, narrow_size)
    dark = with_still(f'<img src="{html.escape(dark_src)}" class="course-dark" alt="{html.escape(alt)}"{dims} '
                      f'loading="lazy"{full(dark_src)}>\n', dark_still) if dark_src else ""
    dark = with_narrow(dark, dark_narrow, narrow_size) if dark else ""
    return (
        f'<figure class="course-figure" id="{html.escape(anchor)}">\n'
        f"{light}{dark}"
        f"<figcaption>{html.escape(number)}{html.escape(caption)}</figcaption>\n"
        f"</figure>"
    )


def error_admonition(message: str) -> str:
    body = "\n".join("    " + ln for ln in html.escape(message).splitlines())
    return f'\n!!! failure "Build error"\n\n    <pre>\n{body}\n    </pre>\n'


def insert_after_title(markdown: str, block: str) -> str:
    """A Markdown block right under the page's title (its first line, when that is a ``#`` heading), else on top."""
    lines = markdown.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].startswith("# "):
        return "\n".join(lines[:first + 1] + ["", block] + lines[first + 1:])
    return block + "\n" + markdown


# --- setup lines a reader need not study -----------------------------------------------------------------

#: Lines of an example that only set the program up (the open CJK font for matplotlib): folded on the page,
#: kept in the program (copy, download and ``python snippets/...`` get all of it).
SETUP_LINE_RE = re.compile(r"^(from matplotlib import font_manager|from noto_cjk_sans_otc import FONT_PATH"
                           r"|font_manager\.fontManager\.addfont\(|plt\.rcParams\[\"font\.family\"\] = )")
CODE_BLOCK_RE = re.compile(r'(<div class="highlight"><pre><span></span><code>)(.*?)(</code></pre>)', re.S)
TAG_RE = re.compile(r"<[^>]+>")


def fold_setup_lines(page_html: str) -> str:
    """Mark each setup line of every code block (``course-setup``); ``course.js`` folds them behind a button
    that says so, and without JavaScript they stay visible."""
    def block(m: re.Match) -> str:
        lines = m[2].split("\n")
        setup = [bool(SETUP_LINE_RE.match(html.unescape(TAG_RE.sub("", line))))
                 and line.count("<span") == line.count("</span>") for line in lines]
        marked = sum(setup)  # the note counts lines of code
        if not marked:
            return m[0]
        # A blank line between two setup lines folds with them, or the folded block would leave it behind, a gap
        # above the code that follows.
        fold = [here or (0 < i < len(lines) - 1 and setup[i - 1] and setup[i + 1] and not TAG_RE.sub("", line).strip())
                for i, (here, line) in enumerate(zip(setup, lines))]
        lines = [f'<span class="course-setup">{line}\n</span>' if f else line for f, line in zip(fold, lines)]
        body = "\n".join(lines).replace('\n</span>\n', "\n</span>")
        return m[1].replace('<div class="', f'<div data-setup-lines="{marked}" class="', 1) + body + m[3]

    return CODE_BLOCK_RE.sub(block, page_html)


#: A section heading with its permalink (Python-Markdown's ``toc``): the text, then ``<a class="headerlink">``. (The
#: title's permalink is hidden: course.css.) The text cannot contain the heading's end tag, so a heading without a
#: permalink (a notebook's) is passed over at its end tag, not searched to the end of the page.
HEADING_LINK_RE = re.compile(
    r'(<h([2-6])\b[^>]*>)((?:[^<]++|<(?!/h\2>|a class="headerlink"))*+)(<a class="headerlink"[^>]*>[^<]*</a>)(</h\2>)')
TAG_OR_TEXT_RE = re.compile(r"<[^>]*>|[^<]+")
CJK_TAIL_RE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]{1,2}$")


def _tail_start(inner: str) -> int | None:
    """Where the heading's last word starts: its last two CJK characters (Chinese has no spaces), or after its last
    space outside any element, or at the element it ends with (``<code>…</code>``)."""
    tokens = [(m.start(), m.group()) for m in TAG_OR_TEXT_RE.finditer(inner)]
    depth, element_start = 0, None
    for start, token in reversed(tokens):
        if token.startswith("</"):
            depth += 1
        elif token.startswith("<"):
            depth -= not token.endswith("/>")
            if depth == 0:
                element_start = start
        elif depth == 0:
            cjk = CJK_TAIL_RE.search(token)
            if cjk:
                return start + cjk.start()
            space = max(token.rfind(" "), token.rfind("\n"))
            if 0 <= space < len(token) - 1:
                return start + space + 1
            if space >= 0:
                return element_start
    return element_start


def keep_heading_link_with_last_word(page_html: str) -> str:
    """The ``¶`` after a heading goes onto the next line with the heading's last word, never alone: on a phone a
    heading that filled its lines pushed the ``¶`` (invisible until hovered, which a finger cannot do) onto an empty
    line of its own, under 8 of the course's headings at 375 px."""
    def glue(m: re.Match) -> str:
        opening, _, inner, link, closing = m.groups()
        start = _tail_start(inner)
        if start is None:
            return m.group()
        return f'{opening}{inner[:start]}<span class="course-nowrap">{inner[start:]}{link}</span>{closing}'

    return HEADING_LINK_RE.sub(glue, page_html)


TABLE_CELL_RE = re.compile(r"<td\b[^>]*>.*?</td>", re.S)
INLINE_CODE_RE = re.compile(r"(<code\b[^>]*>)(.*?)(</code>)", re.S)
#: Where code may wrap in a table cell: after ``_``, ``(`` or ``,``, and before a ``.`` that starts a name.
CODE_BREAK_RE = re.compile(r"(?<=[_(,])(?=[^\s)])|(?=\.[A-Za-z_])")


def break_code_in_tables_between_names(page_html: str) -> str:
    """Code in a table cell wraps only between names (``<wbr>`` after ``_``, ``(`` and ``,``, before ``.``), not
    inside them: in a phone's narrow column the browser split it anywhere, and a reader saw ``dampenin`` / ``g``
    and ``get_last_l`` / ``r()``. Copying the cell still gives the code as written."""
    def in_code(m: re.Match) -> str:
        opening, inner, closing = m.groups()
        parts = (part if part.startswith("<") else CODE_BREAK_RE.sub("<wbr>", part)
                 for part in TAG_OR_TEXT_RE.findall(inner))
        return opening + "".join(parts) + closing

    return TABLE_CELL_RE.sub(lambda cell: INLINE_CODE_RE.sub(in_code, cell.group()), page_html)
