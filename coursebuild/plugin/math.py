"""Math rendered at build time: arithmatex's TeX becomes KaTeX HTML, so readers need no JavaScript and no CDN.

``pymdownx.arithmatex`` (``generic: true``) leaves ``<span class="arithmatex">\\(...\\)</span>`` and
``<div class="arithmatex">\\[...\\]</div>`` in a page's HTML. :func:`render_page` replaces each with the
HTML that KaTeX (the npm package, pinned to :data:`KATEX_VERSION` and vendored under
``coursebuild/vendor/katex/``) produces, using one long-lived ``node`` process (``katex_render.js``).
The page then needs only ``docs/assets/katex/katex.min.css`` and its woff2 fonts, served by the site itself.

A formula KaTeX cannot render is a :class:`MathError` naming the formula and KaTeX's message.

What KaTeX made of a page's formulas is kept in the course's cache too (:attr:`KatexRenderer.store`, a derived
entry keyed by the formulas and the bytes of KaTeX and of the script that drives it): a warm build sent every
formula to node again (0.34 s waiting for it, and node's start), and now starts no node at all.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import html
import json
import re
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

KATEX_VERSION = "0.19.1"
HERE = Path(__file__).resolve().parent
KATEX_JS = HERE / "vendor" / "katex" / "katex.min.js"
RENDER_JS = HERE / "katex_render.js"

# arithmatex escapes <, > and & inside the element, so its text never contains a tag.
MATH_RE = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<body>[^<]*)</(?P=tag)>'
)
_DELIMS = {"span": (r"\(", r"\)"), "div": (r"\[", r"\]")}
MATHML_XMLNS = ' xmlns="http://www.w3.org/1998/Math/MathML"'


class MathError(Exception):
    """KaTeX rejected a formula (or could not run at all)."""


@dataclass
class Formula:
    tex: str
    display: bool
    start: int
    end: int


@dataclass
class PageMath:
    """The outcome of rendering one page: its new HTML, how many formulas, and one message per failure."""

    html: str
    count: int = 0
    errors: list[str] = field(default_factory=list)


def find_formulas(page_html: str) -> list[Formula]:
    """Every arithmatex element of a page, with its TeX (delimiters removed, HTML entities decoded)."""
    formulas = []
    for m in MATH_RE.finditer(page_html):
        tag = m.group("tag")
        body = html.unescape(m.group("body")).strip()
        left, right = _DELIMS[tag]
        if body.startswith(left) and body.endswith(right):
            body = body[len(left):-len(right)]
        formulas.append(Formula(body.strip(), tag == "div", m.start(), m.end()))
    return formulas


def short(tex: str, limit: int = 120) -> str:
    """A formula on one line, for messages."""
    one_line = " ".join(tex.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


@functools.cache
def renderer_digest() -> str:
    """What KaTeX's HTML of a formula depends on besides the formula: KaTeX and the script that drives it."""
    digest = hashlib.sha256(f"katex {KATEX_VERSION}\0".encode())
    for path in (KATEX_JS, RENDER_JS):
        digest.update(path.read_bytes() if path.is_file() else b"(missing)")
    return digest.hexdigest()


class KatexRenderer:
    """One ``node`` process running KaTeX; started on first use, reused for every page of every build. ``store``
    (a ResultCache, or None): where what it rendered is kept for later builds."""

    def __init__(self, node: str | None = None, store=None) -> None:
        self.node = node
        self.store = store
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, bool], tuple[str | None, str | None]] = {}
        self.version: str | None = None

    def _start(self) -> subprocess.Popen:
        node = self.node or shutil.which("node")
        if node is None:
            raise MathError("`node` was not found on PATH: the build renders math with KaTeX under Node.js")
        if not KATEX_JS.is_file():
            raise MathError(f"{KATEX_JS} is missing: run `bash coursebuild/vendor/katex/update.sh {KATEX_VERSION}`")
        # stderr goes to a file: a pipe nobody reads could fill up and block node.
        with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as stderr:
            try:
                proc = subprocess.Popen(
                    [node, str(RENDER_JS), str(KATEX_JS)],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                    text=True, encoding="utf-8", bufsize=1,
                )
            except OSError as exc:
                raise MathError(f"cannot run {node} for KaTeX: {exc}") from exc
            hello = proc.stdout.readline()
            try:
                self.version = json.loads(hello)["version"]
            except (ValueError, KeyError, TypeError):
                proc.kill()
                proc.wait()
                stderr.seek(0)
                raise MathError(f"the KaTeX process did not start: {hello!r} {stderr.read()[-2000:]}") from None
        if self.version != KATEX_VERSION:
            proc.kill()
            proc.wait()
            raise MathError(f"vendored KaTeX is {self.version}, coursebuild/math.py pins {KATEX_VERSION}")
        return proc

    def _running(self) -> subprocess.Popen:
        """The node process, started if it is not running (call with the lock held)."""
        if self._proc is None or self._proc.poll() is not None:
            self._proc = self._start()
        return self._proc

    def start(self) -> None:
        """Start node and load KaTeX now, ahead of the first page (an error is left to the first render)."""
        with self._lock:
            try:
                self._running()
            except MathError:
                pass

    def render_many(self, items: list[tuple[str, bool]]) -> list[tuple[str | None, str | None]]:
        """(tex, display) pairs -> (html, None) or (None, KaTeX's error message), in order."""
        todo = list(dict.fromkeys(item for item in items if item not in self._cache))
        key = None
        if todo and self.store is not None:
            key = hashlib.sha256(json.dumps([renderer_digest(), todo], ensure_ascii=False).encode()).hexdigest()
            kept = self.store.get_derived(key)
            if kept is not None:
                for item, (out, error) in zip(todo, json.loads(kept)):
                    self._cache[item] = (out, error)
                todo = []
        if todo:
            with self._lock:
                self._running()
                request = {"items": [{"tex": tex, "display": display} for tex, display in todo]}
                try:
                    self._proc.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
                    self._proc.stdin.flush()
                    line = self._proc.stdout.readline()
                    answer = json.loads(line)
                except (OSError, ValueError) as exc:
                    self.close()
                    raise MathError(f"the KaTeX process failed: {exc}") from exc
            if "fatal" in answer:
                raise MathError(f"the KaTeX process failed: {answer['fatal']}")
            for item, result in zip(todo, answer["results"]):
                out = result.get("html")
                if out is not None:  # an HTML parser puts <math> in the MathML namespace by itself
                    out = out.replace(MATHML_XMLNS, "")
                self._cache[item] = (out, result.get("error"))
            if key is not None:
                self.store.put_derived(key, json.dumps([self._cache[item] for item in todo], ensure_ascii=False))
        return [self._cache[item] for item in items]

    def render(self, tex: str, display: bool = False) -> str:
        """KaTeX HTML of one formula, or :class:`MathError` naming it."""
        (out, error), = self.render_many([(tex, display)])
        if error is not None:
            raise MathError(f"{error} in formula: {short(tex)}")
        return out

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.stdin.close()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def render_page(page_html: str, renderer: KatexRenderer) -> PageMath:
    """Replace every arithmatex element of a page by KaTeX's HTML; a failing formula stays as TeX."""
    formulas = find_formulas(page_html)
    if not formulas:
        return PageMath(page_html)
    results = renderer.render_many([(f.tex, f.display) for f in formulas])
    parts, pos, errors = [], 0, []
    for formula, (out, error) in zip(formulas, results):
        parts.append(page_html[pos:formula.start])
        if error is not None:
            errors.append(f"{error} in formula: {'$$' if formula.display else '$'}{short(formula.tex)}"
                          f"{'$$' if formula.display else '$'}")
            parts.append(page_html[formula.start:formula.end])
        elif formula.display:
            parts.append(f'<div class="course-math">{out}</div>')
        else:
            parts.append(out)
        pos = formula.end
    parts.append(page_html[pos:])
    return PageMath("".join(parts), len(formulas), errors)


_default: KatexRenderer | None = None


def default_renderer() -> KatexRenderer:
    global _default
    if _default is None:
        _default = KatexRenderer()
        atexit.register(_default.close)
    return _default
