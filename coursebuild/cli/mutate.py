"""Mutation run: break every checked fact of the course on purpose and prove that the checks notice.

    python -m coursebuild mutate                       every mutant, checked with the engine
    python -m coursebuild mutate --sample 6 --jobs 2   6 mutants (each kind), 2 warm interpreters
    python -m coursebuild mutate --builds 2            and 2 of them also through `mkdocs build --strict`
    python -m coursebuild mutate --fraction 0.2 --seed-from-commit   CI's sample: a fifth, new each commit

Mutants, made in a temporary copy of docs/ and snippets/ (the real files are never touched):

* output  - one digit of an expected-output block changed (one character where the block has no digit);
* figure  - one ``<!--figure: ...-->`` caption line deleted;
* snippet - an embedded snippet made to raise (``raise RuntimeError("mutant")`` appended);
* number  - a number of the text typed by hand wrongly: a ``\\val{}`` reference replaced by a literal that
            nothing backs, or a literal number (prose, math, captions, alt text, tables) changed;
* reference - a variable that a page reads renamed in its snippet.

Each mutant is checked on the path the build and the tests take: :func:`coursebuild.pages.check.check_page`
on the mutated copy (cache first: a mutated page needs no execution, a mutated snippet runs), and it counts as
caught only when it fails for its own reason (an output drift, a figure count, the snippet's own error, an
unbacked number, a missing variable). ``--builds N`` also runs the strict build on N mutants in a copy of the
project; a raising snippet must then be named by file and line. Prints ``caught N/N``; exits 1 when a mutant
survives, 2 when the unmutated course fails.
"""

from __future__ import annotations

import argparse
import math
import queue
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import ROOT
from ..engine import Engine
from ..errors import CourseError, OutputDrift, PageError, SnippetError
from ..pages.check import NumberError, check_page
from ..pages.numbers import NUMBER_RE, Known, allowlist, normal, numbers_in, text_lines
from ..pages.parse import course_pages, parse_page
from ..pages.refs import find_refs
from ..settings import from_environment, usable_cores
from .sandbox import copy_project, mkdocs_build

KINDS = ("output", "figure", "snippet", "number", "reference")
#: The error class that proves a mutant of each kind was caught for the right reason.
EXPECTED_ERROR = {"output": OutputDrift, "figure": PageError, "snippet": SnippetError, "number": NumberError,
                  "reference": PageError}
#: ... and the words its message must hold (a reference mutant must fail as a missing variable, not any way).
EXPECTED_WORDS = {"snippet": "mutant", "reference": "has no top-level variable", "figure": "figure"}
RAISE_LINE = 'raise RuntimeError("mutant")'


@dataclass
class Mutant:
    kind: str
    file: str  # path relative to the project root: docs/x.md or snippets/dir/name.py
    line: int
    change: str  # human-readable description
    text: str  # the whole mutated file
    pages: list[str]  # pages (relative to the root) whose examples must catch it
    examples: list[int] = field(default_factory=list)  # indices of the examples that must fail, per page

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Outcome:
    mutant: Mutant
    caught: bool
    detail: str


def _mutate_text(block: str) -> tuple[str, str, int]:
    """One digit of the block changed (d -> d+1 mod 10), else one visible character: (new, change, offset)."""
    digits = [m.start() for m in re.finditer(r"\d", block)]
    if digits:
        i = digits[len(digits) // 2]
        new = str((int(block[i]) + 1) % 10)
    else:
        visible = [i for i, c in enumerate(block) if not c.isspace()]
        if not visible:
            return block + "mutant\n", "text added to an empty block", len(block)
        i = visible[len(visible) // 2]
        new = "X" if block[i] != "X" else "Y"
    return block[:i] + new + block[i + 1:], f"{block[i]!r} -> {new!r}", i


def generate(root: Path = ROOT) -> tuple[list[Mutant], list[str]]:
    """Every mutant of the project at ``root``, and the snippets that no page embeds (not checkable)."""
    docs, snippets = root / "docs", root / "snippets"
    mutants: list[Mutant] = []
    embedded: dict[str, list[tuple[str, int]]] = {}
    referenced: dict[tuple[str, str], set[str]] = {}
    for path in course_pages(docs):
        page = parse_page(path, snippets_dir=snippets)
        rel_page = path.relative_to(root).as_posix()
        lines = page.text.splitlines(keepends=True)
        for index, example in enumerate(page.examples):
            embedded.setdefault(example.snippet, []).append((rel_page, index))
            if example.expected_output is not None:
                start = example.output_line - 1
                count = example.expected_output.count("\n")
                block = "".join(lines[start:start + count])
                new_block, change, offset = _mutate_text(block)
                text = "".join(lines[:start]) + new_block + "".join(lines[start + count:])
                line = start + 1 + block[:offset].count("\n")
                mutants.append(Mutant("output", rel_page, line, f"expected output of {example.snippet}: {change}",
                                      text, [rel_page], [index]))
            for figure in example.figures:
                text = "".join(lines[:figure.line - 1] + lines[figure.line:])
                mutants.append(Mutant("figure", rel_page, figure.line, f"a figure caption of {example.snippet} "
                                      "deleted", text, [rel_page], [index]))
        mutants += _number_mutants(page, rel_page, lines)
        for ref in _refs(page):
            snippet = page.examples[ref.example].snippet
            referenced.setdefault((snippet, ref.name), set()).add(rel_page)
    sources: dict[str, tuple[str, dict]] = {}  # snippet -> its text and where each variable is (parsed once)
    for (snippet, name), users in sorted(referenced.items()):
        if snippet not in sources:
            source = (snippets / snippet).read_text(encoding="utf-8")
            sources[snippet] = source, _variable_spots(source)
        source, spots = sources[snippet]
        text, line = _renamed(source, spots.get(name, []), f"{name}_mutant", len(name.encode()))
        mutants.append(Mutant("reference", (snippets / snippet).relative_to(root).as_posix(), line,
                              f"variable {name} renamed to {name}_mutant", text, sorted(users), [0] * len(users)))
    for snippet, users in sorted(embedded.items()):
        path = snippets / snippet
        source = path.read_text(encoding="utf-8")
        text = source + ("" if source.endswith("\n") else "\n") + RAISE_LINE + "\n"
        mutants.append(Mutant("snippet", path.relative_to(root).as_posix(), text.count("\n"),
                              f"{RAISE_LINE} appended", text, [u[0] for u in users], [u[1] for u in users]))
    orphans = sorted(p.relative_to(root).as_posix() for p in snippets.rglob("*.py")
                     if p.relative_to(snippets).as_posix() not in embedded)
    return mutants, orphans


def _variable_spots(source: str) -> dict[str, list[tuple[int, int]]]:
    """Where each variable of the program is used (line, UTF-8 column): not a keyword argument, an attribute or a
    string. One parse per snippet, whatever the number of its variables that pages read."""
    import ast

    spots: dict[str, set[tuple[int, int]]] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            spots.setdefault(node.id, set()).add((node.lineno, node.col_offset))
    return {name: sorted(found, reverse=True) for name, found in spots.items()}


def _renamed(source: str, spots: list[tuple[int, int]], new: str, width: int) -> tuple[str, int]:
    """The program with the variable at ``spots`` (from :func:`_variable_spots`, ``width`` bytes long) renamed
    to ``new`` everywhere, as a refactoring would; and the line of its first occurrence."""
    lines = source.splitlines(keepends=True)
    for lineno, col in spots:  # from the end, so earlier columns stay valid
        line = lines[lineno - 1].encode("utf-8")  # col_offset counts UTF-8 bytes
        lines[lineno - 1] = (line[:col] + new.encode() + line[col + width:]).decode("utf-8")
    return "".join(lines), (spots[-1][0] if spots else 1)


def _refs(page):
    try:
        return find_refs(page)
    except CourseError:
        return []


def _unbacked(number: str, known: Known, allowed: set[str]) -> str:
    """A number like ``number`` (digits appended, or one changed) that no printed output of the page backs."""
    # Digits appended first: a changed digit can land on another value the page quotes (0.98 -> 1.98).
    digits = [i for i, c in enumerate(number) if c.isdigit()]
    candidates = [number + "37", number + "737", number + "3737"] + [
        number[:i] + str((int(number[i]) + k) % 10) + number[i + 1:] for k in (1, 2, 3) for i in reversed(digits)]
    for c in candidates:
        if c not in allowed and not known.backs(c) and c.lstrip("0") not in ("", "."):
            return c
    return number + "73737"


def _number_mutants(page, rel_page: str, lines: list[str]) -> list[Mutant]:
    """Each number of the text typed by hand wrongly: a reference replaced by a wrong literal, a literal changed."""
    known = Known([n for ex in page.examples for n in numbers_in(ex.expected_output or "")])
    allowed = set(allowlist(page))
    out = []
    for ref in _refs(page):
        i = ref.line - 1
        wrong = _unbacked("1.2345", known, allowed)
        new = lines[i].replace(ref.text, wrong, 1)
        out.append(Mutant("number", rel_page, ref.line, f"{ref.text} typed by hand as {wrong}",
                          "".join(lines[:i] + [new] + lines[i + 1:]), [rel_page], [0]))
    for line, text in text_lines(page):
        seen: set[str] = set()
        for m in NUMBER_RE.finditer(text):  # as written ("50 000"), each once a line
            if m[0] in seen:
                continue
            seen.add(m[0])
            number, original = m[0], lines[line - 1]
            wrong = _unbacked(normal(number), known, allowed)
            new = original[:m.start()] + wrong + original[m.end():]
            out.append(Mutant("number", rel_page, line, f"literal {number} -> {wrong}",
                              "".join(lines[:line - 1] + [new] + lines[line:]), [rel_page], [0]))
    return out


def select(mutants: list[Mutant], sample: int | None, seed: int) -> list[Mutant]:
    """All mutants, or ``sample`` of them drawn kind by kind (so 3 already covers every kind)."""
    if sample is None or sample >= len(mutants):
        return mutants
    rng = random.Random(seed)
    pools = {kind: [m for m in mutants if m.kind == kind] for kind in KINDS}
    pools = {kind: pool for kind, pool in pools.items() if pool}
    for pool in pools.values():
        rng.shuffle(pool)
    chosen: list[Mutant] = []
    while len(chosen) < sample:
        for kind in pools:
            if pools[kind] and len(chosen) < sample:
                chosen.append(pools[kind].pop())
    return chosen


def page_errors(engine: Engine, page_path: Path, snippets_dir: Path) -> list[CourseError]:
    """What the build's checks say about a page: the same :func:`check_page` the plugin runs."""
    return check_page(page_path, engine, snippets_dir).errors


class Slot:
    """One worker's copy of docs/ and snippets/; the slots share the run's engine (its pool of warm
    interpreters: torch imported once, each further interpreter a clone)."""

    def __init__(self, workdir: Path, engine: Engine) -> None:
        self.root = workdir
        for name in ("docs", "snippets"):
            shutil.copytree(ROOT / name, workdir / name, ignore=shutil.ignore_patterns("__pycache__"))
        self.engine = engine

    def check(self, mutant: Mutant) -> Outcome:
        path = self.root / mutant.file
        original = path.read_text(encoding="utf-8")
        path.write_text(mutant.text, encoding="utf-8")
        try:
            errors = [e for page in mutant.pages
                      for e in page_errors(self.engine, self.root / page, self.root / "snippets")]
        finally:
            path.write_text(original, encoding="utf-8")
        if not errors:
            return Outcome(mutant, False, "no check failed")
        wanted = [e for e in errors if isinstance(e, EXPECTED_ERROR[mutant.kind])
                  and EXPECTED_WORDS.get(mutant.kind, "") in str(e)]
        if not wanted:
            return Outcome(mutant, False, f"failed for another reason: {str(errors[0]).splitlines()[0]}")
        if mutant.kind in ("snippet", "reference") and len(wanted) < len(mutant.pages):
            return Outcome(mutant, False, f"only {len(wanted)} error(s) for {len(mutant.pages)} page(s) using it")
        shown = wanted[0] if wanted else errors[0]
        first_line = str(shown).splitlines()[0].replace(f"{self.root}/", "")
        return Outcome(mutant, True, f"{type(shown).__name__}: {first_line}")


def check_with_build(mutant: Mutant, workdir: Path, cache_dir: Path) -> Outcome:
    """The mutant in a full copy of the project, through ``mkdocs build --strict``."""
    project = copy_project(workdir / "project")
    (project / mutant.file).write_text(mutant.text, encoding="utf-8")
    proc = mkdocs_build(project, workdir / "site", cache_dir=cache_dir)
    log = proc.stdout + proc.stderr
    named = f"{mutant.file}:{mutant.line}" if mutant.kind == "snippet" else mutant.pages[0]
    caught = proc.returncode != 0 and named in log
    detail = f"mkdocs build --strict exited {proc.returncode}"
    if proc.returncode != 0 and not caught:
        detail += f" without naming {named}:\n{log[-2000:]}"
    return Outcome(mutant, caught, detail)


def run(mutants: list[Mutant], engine: Engine, report=print) -> list[Outcome]:
    """Check mutants on as many slots as ``engine`` has warm interpreters, in parallel (threads: the work happens
    in the interpreters)."""
    jobs = max(1, min(len(engine.pool), len(mutants)))
    with tempfile.TemporaryDirectory(prefix="coursebuild-mutate-") as tmp:
        slots: queue.Queue[Slot] = queue.Queue()
        for i in range(jobs):
            slots.put(Slot(Path(tmp) / f"slot{i}", engine))

        def one(mutant: Mutant) -> Outcome:
            slot = slots.get()
            try:
                outcome = slot.check(mutant)
            finally:
                slots.put(slot)
            report(f"{'caught  ' if outcome.caught else 'SURVIVED'} {mutant.kind:7} {mutant.where}: "
                   f"{mutant.change} -> {outcome.detail}")
            return outcome

        with ThreadPoolExecutor(jobs) as pool:
            return list(pool.map(one, mutants))


def baseline_errors(engine: Engine) -> list[str]:
    """Problems of the unmutated course (a mutant only proves something when the original passes)."""
    return [str(e) for page in course_pages(ROOT / "docs") for e in page_errors(engine, page, ROOT / "snippets")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, help="check only N mutants, drawn kind by kind (default: all)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample (default 0)")
    parser.add_argument("--fraction", type=float, help="check this share of the mutants, drawn kind by kind")
    parser.add_argument("--seed-from-commit", action="store_true",
                        help="seed the sample with the checked-out commit (CI: a different sample each commit)")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS), help="kinds of mutant to draw")
    parser.add_argument("--jobs", type=int, default=min(2, usable_cores()),
                        help="parallel warm interpreters (default 2, at most the usable cores)")
    parser.add_argument("--builds", type=int, default=0,
                        help="also run `mkdocs build --strict` on N of the checked mutants (default 0)")
    args = parser.parse_args(argv)
    settings = from_environment()  # COURSEBUILD_CACHE_DIR and COURSEBUILD_TIMEOUT, as a build reads them
    started = time.perf_counter()

    # one pool for the baseline and every slot, as a build has: its snippets run as they would there
    engine = Engine(settings.cache_dir, timeout=settings.timeout, workers=max(1, args.jobs), preload=True)
    try:
        return _check(args, engine, started)
    finally:
        engine.close()


def _check(args: argparse.Namespace, engine: Engine, started: float) -> int:
    """The run proper, on ``engine``: the unmutated course, the sample of mutants, the strict builds (on the
    engine's result cache); prints the tally and returns the exit code."""
    baseline = baseline_errors(engine)
    if baseline:
        print("the unmutated course already fails its checks; fix these first:", *baseline, sep="\n")
        return 2
    mutants, orphans = generate()
    mutants = [m for m in mutants if m.kind in args.kinds]
    seed = args.seed
    if args.seed_from_commit:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        seed = int(head, 16) % 2**32 if head else 0
        print(f"sample seeded by commit {head[:12] or '(none)'}: seed {seed}")
    sample = args.sample if args.fraction is None else math.ceil(args.fraction * len(mutants))
    chosen = select(mutants, sample, seed)
    outcomes = run(chosen, engine)
    builds: list[Outcome] = []
    for mutant in select(chosen, args.builds, args.seed)[:args.builds]:
        with tempfile.TemporaryDirectory(prefix="coursebuild-mutate-build-") as tmp:
            builds.append(check_with_build(mutant, Path(tmp), engine.cache.directory))
        print(f"{'caught  ' if builds[-1].caught else 'SURVIVED'} {mutant.kind:7} {mutant.where} (strict build): "
              f"{builds[-1].detail}")
    for orphan in orphans:
        print(f"note: {orphan} is embedded by no page, so no build or page check runs it")

    caught, total = sum(o.caught for o in outcomes), len(outcomes)
    by_kind = ", ".join(f"{kind} {sum(o.caught for o in outcomes if o.mutant.kind == kind)}/"
                        f"{sum(o.mutant.kind == kind for o in outcomes)}" for kind in KINDS if kind in args.kinds)
    print(f"caught {caught}/{total}")
    share = 100 * caught / total if total else 100.0
    # never "100%" while a mutant survived
    shown = f"{share:.0f}" if caught == total or round(share) < 100 else f"{min(share, 99.9):.1f}"
    print(f"{caught}/{total} mutants caught ({shown}%) [{by_kind}; "
          f"{total} of {len(mutants)} mutants]")
    if builds:
        print(f"strict build: {sum(o.caught for o in builds)}/{len(builds)} of them caught")
    print(f"mutation run took {time.perf_counter() - started:.1f} s")
    return 0 if caught == total and all(o.caught for o in builds) else 1


if __name__ == "__main__":
    sys.exit(main())
