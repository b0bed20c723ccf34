"""Check a page against what ran: each example's output (exact match, like pytest-codeblocks) and figures, its
``\\val{}`` references, the literal numbers of its text, and the language of its figures' texts."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..engine.figures import CUT_OFF
from ..engine.result import Result
from ..errors import CourseError, OutputDrift, PageError, rel
from .parse import Example, Page, page_language, parse_page


def check_output(example: Example, result: Result) -> None:
    if example.expected_output is None:
        if result.stdout:
            raise PageError(example.page, example.line, f"{example.snippet} prints output but the page "
                            "has no expected-output block under it",
                            "add <!--pytest-codeblocks:expected-output--> and run `python -m coursebuild refresh`")
        return
    if result.stdout != example.expected_output:
        diff = "".join(difflib.unified_diff(
            example.expected_output.splitlines(keepends=True), result.stdout.splitlines(keepends=True),
            fromfile=f"expected ({example.page.name}:{example.output_line})",
            tofile=f"printed by {example.snippet}"))
        raise OutputDrift(example.page, example.output_line, example.snippet_path, diff.rstrip("\n"))


def check_figures(example: Example, result: Result) -> None:
    if len(result.figures) != len(example.figures):
        raise PageError(example.page, example.line, f"{example.snippet} shows {len(result.figures)} "
                        f"figure(s) but the page captions {len(example.figures)}",
                        "write one <!--figure: caption | alt--> line per plt.show() figure")
    for figure, overlaps in zip(example.figures, result.overlaps):
        if overlaps:
            fix = (f"in snippets/{example.snippet}, move, shorten or shrink the text, or move the legend (loc=..., "
                   "or outside the axes with bbox_to_anchor)")
            if any(overlap.endswith(CUT_OFF) for overlap in overlaps):  # an animation's frame is its canvas
                fix += "; give a text cut off at the edge room (plt.subplots_adjust) or make it smaller"
            raise PageError(example.page, figure.line, f"{example.snippet} hides part of this figure: "
                            + "; ".join(overlaps), fix)


#: An alt text that places panels by where they sit side by side ("Left: ...", "右图"): on a phone the figure's
#: panels are stacked (its narrow twin), where left and right are top and bottom.
PANEL_PLACE_RE = re.compile(r"\b(?:Left|Middle|Centre|Center|Right)\b\s*[:,]|(?:left|middle|right)(?:-hand)? panel"
                            r"|左右两|(?<![\u4e00-\u9fff])[左中右](?:[：:]|图|侧子图|[侧边]的图)", re.IGNORECASE)


def check_panel_names(example: Example, result: Result) -> None:
    """A figure with a stacked twin names its panels, not their places (PANEL_PLACE_RE)."""
    for i, figure in enumerate(example.figures):
        place = PANEL_PLACE_RE.search(figure.alt) if result.narrow_figure(i) else None
        if place:
            raise PageError(example.page, figure.line, f"this figure's panels are stacked on a phone, but its alt "
                            f"text places them side by side ({place[0]!r})",
                            "name each panel by its title (or what it shows), not by where it sits")


def check_example(example: Example, result: Result) -> None:
    check_output(example, result)
    check_figures(example, result)
    check_panel_names(example, result)


# --- a whole page: its examples, its references, its numbers, its figures' language -----------------------

ENGLISH_WORD_RE = re.compile(r"[A-Za-z][A-Za-z_'’-]+")
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
MATHTEXT_RE = re.compile(r"\$[^$]*\$")
#: Names and symbols a Chinese figure may show in Latin letters (optimizers, schedulers, code names, units).
LATIN_IN_ZH = {
    "SGD", "BGD", "Momentum", "Nesterov", "AdaGrad", "Adagrad", "RMSProp", "RMSprop", "Adam", "AdamW", "EWA",
    "StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "ReduceLROnPlateau", "LambdaLR", "OneCycleLR",
    "Epoch", "epoch", "LR", "lr", "batch", "iteration", "momentum", "nesterov", "dampening", "betas", "beta",
    "alpha", "gamma", "eps", "weight_decay", "step_size", "milestones", "centered", "lr_decay", "exp", "log",
    "sin", "cos", "max", "min", "sigmoid", "ReLU", "PyTorch", "torch", "optim", "tanh", "MSE", "Rosenbrock",
}


class NumberError(PageError):
    """A literal number in a page's text that no snippet backs."""


class FigureLanguageError(CourseError):
    """A figure draws text in the other language."""

    def __init__(self, snippet, index: int, text: str, problem: str):
        self.snippet, self.text = rel(snippet), text
        super().__init__(f"{self.snippet}: figure {index + 1} {problem}: {text!r}\n"
                         f"  fix: translate the label in {self.snippet}, or (a name or symbol) add it to "
                         "LATIN_IN_ZH in coursebuild/pages/check.py")


def figure_language_errors(example: Example, result: Result, lang: str) -> list[FigureLanguageError]:
    """A Chinese figure shows no English phrase (names and symbols aside); an English one shows no Chinese."""
    errors = []
    for index, texts in enumerate(result.texts):
        for text in texts:
            if lang == "en" and CJK_RE.search(text):
                errors.append(FigureLanguageError(example.snippet_path, index, text,
                                                  "on an English page shows Chinese"))
            elif lang == "zh":
                words = [w for w in ENGLISH_WORD_RE.findall(MATHTEXT_RE.sub(" ", text)) if w not in LATIN_IN_ZH]
                if words:
                    errors.append(FigureLanguageError(example.snippet_path, index, text,
                                                      f"on a Chinese page shows English ({', '.join(words)})"))
    return errors


@dataclass
class PageCheck:
    """Everything the build and the tests check on one page, with the results and values they used."""

    page: Page | None
    results: list[Result | None] = field(default_factory=list)
    values: list[str | None] = field(default_factory=list)  # each \val{} reference's text on the page
    errors: list[CourseError] = field(default_factory=list)
    language: list[FigureLanguageError] = field(default_factory=list)  # failed by the tests, noted by the build


def digest_examples(digest, state: PageCheck | None, *, results: bool = True) -> None:
    """Feed ``digest`` (a hashlib object) what a checked page's examples are: each embedded snippet's bytes and,
    with ``results``, what each printed, drew and computed. Each text goes in as it is (a repr of the figures
    escaped megabytes of SVG first), and no run time does (the same output, however long it took). The build's
    memos of a page (its check, its HTML under ``serve --dirty``, its notebook) digest their inputs with it."""
    for example in state.page.examples if state and state.page else ():
        snippet = example.snippet_path
        digest.update(b"\0" + (snippet.read_bytes() if snippet.is_file() else b"(missing)"))
    for result in state.results if state and results else ():
        texts = [result.stdout, *result.figures, repr(result.values)] if result else ["(no result)"]
        for text in texts:
            digest.update(b"\0" + text.encode())


def check_page(path: Path, engine, snippets_dir: Path) -> PageCheck:
    """Parse a page, get every example's result and check it, resolve its references, audit its numbers and its
    figures' language. Problems are collected, not raised."""
    from .numbers import orphans
    from .refs import find_refs, resolve, wanted_names

    try:
        page = parse_page(path, snippets_dir=snippets_dir)
    except CourseError as exc:
        return PageCheck(None, errors=[exc])
    state = PageCheck(page)
    try:
        names = wanted_names(page, find_refs(page))
    except CourseError:
        names = {}  # resolve() reports it
    lang = page_language(path)
    for k, example in enumerate(page.examples):
        result = None
        try:
            result = engine.result(example.snippet_path, names.get(k, ()))
            if result is not None:
                check_example(example, result)
                state.language += figure_language_errors(example, result, lang)
        except CourseError as exc:
            state.errors.append(exc)
        state.results.append(result)
    _, state.values, ref_errors = resolve(page, state.results)
    state.errors += ref_errors
    if not ref_errors and all(r is not None for r in state.results):
        for orphan in orphans(page, state.values):
            state.errors.append(NumberError(
                path, orphan.line, f"the number {orphan.number} equals no \\val{{}} reference, no printed output "
                "of this page and no literal_numbers entry",
                "write it as \\val{stem.name:spec} from a snippet embedded above, or list it under the page's "
                "front-matter literal_numbers with the reason it is literal"))
    return state
