"""Mutation run: broken expected outputs, missing figure captions and raising snippets are all caught.

The full run is ``python -m coursebuild mutate --jobs 2 --builds 3``; here samples keep it quick: six of the
first edition's kinds, and CI's share of every kind, a different one for each commit.
"""

from __future__ import annotations

import re

import pytest

from coursebuild import ROOT
from coursebuild.cli import mutate
from coursebuild.engine import runner
from coursebuild.pages import course_pages, parse_page
from tests.support import SUITE_CACHE


def test_sampled_mutation_run_catches_every_mutant(capsys, monkeypatch):
    spawned = []  # interpreters started as processes of their own (each imports torch), not forked as clones
    spawn = runner.WarmInterpreter._spawn

    def counted(interpreter: runner.WarmInterpreter) -> None:
        spawned.append(interpreter)
        spawn(interpreter)

    monkeypatch.setattr(runner.WarmInterpreter, "_spawn", counted)
    code = mutate.main(["--sample", "6", "--jobs", "2", "--kinds", "output", "figure", "snippet"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert re.search(r"^6/6 mutants caught \(100%\) \[output 2/2, figure 2/2, snippet 2/2;", out, re.M), out
    assert len(spawned) == 1, "the two slots share one pool: torch is imported once, the second interpreter is a clone"


@pytest.mark.slow
def test_a_fifth_of_every_kind_seeded_by_the_commit_is_caught(capsys):
    code = mutate.main(["--fraction", "0.2", "--seed-from-commit", "--jobs", "2"])
    out = capsys.readouterr().out
    assert code == 0, out
    caught = re.search(r"^caught (\d+)/(\d+)$", out, re.M)
    total = len(mutate.generate()[0])
    assert caught and caught[1] == caught[2] and int(caught[2]) >= 0.2 * total, out
    for kind in mutate.KINDS:
        assert re.search(rf"{kind} (\d+)/\1[,;]", out), f"no {kind} mutant in the sample:\n{out}"


def test_every_number_and_reference_has_a_mutant():
    from coursebuild.pages.numbers import NUMBER_RE, text_lines
    from coursebuild.pages.refs import find_refs

    mutants, _ = mutate.generate()
    pages = [parse_page(p) for p in course_pages(ROOT / "docs")]
    refs = [(page, ref) for page in pages for ref in find_refs(page)]
    literals = sum(len(dict.fromkeys(NUMBER_RE.findall(text))) for page in pages for _, text in text_lines(page))
    kinds = [m.kind for m in mutants]
    assert kinds.count("number") == len(refs) + literals
    assert kinds.count("reference") == len({(page.examples[ref.example].snippet, ref.name) for page, ref in refs})
    for m in mutants:
        if m.kind == "reference":
            assert "_mutant" in m.text and m.file.startswith("snippets/")


def test_every_block_caption_and_snippet_has_a_mutant():
    mutants, orphans = mutate.generate()
    pages = [parse_page(p) for p in course_pages(ROOT / "docs")]
    examples = [ex for page in pages for ex in page.examples]
    kinds = [m.kind for m in mutants]
    assert kinds.count("output") == sum(ex.expected_output is not None for ex in examples)
    assert kinds.count("figure") == sum(len(ex.figures) for ex in examples)
    assert kinds.count("snippet") == len({ex.snippet for ex in examples})
    for m in mutants:
        original = (ROOT / m.file).read_text(encoding="utf-8")
        if m.kind == "output":
            assert len(m.text) == len(original)
            assert sum(x != y for x, y in zip(m.text, original)) == 1, m.where
        elif m.kind == "snippet":
            assert m.text.startswith(original) and m.text.rstrip().endswith(mutate.RAISE_LINE)
        assert not set(orphans) & {m.file}


def test_a_mutant_the_checks_miss_fails_the_run(monkeypatch, capsys):
    real = mutate.generate

    def unchanged(root=ROOT):
        mutants, orphans = real(root)
        first = next(m for m in mutants if m.kind == "output")
        first.text, first.change = (ROOT / first.file).read_text(encoding="utf-8"), "nothing changed"
        return [first], orphans

    monkeypatch.setattr(mutate, "generate", unchanged)
    assert mutate.main(["--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "SURVIVED" in out and "0/1 mutants caught (0%)" in out


@pytest.mark.slow
def test_raising_snippet_fails_the_strict_build(tmp_path):
    mutants, _ = mutate.generate()
    mutant = next(m for m in mutants if m.kind == "snippet")
    outcome = mutate.check_with_build(mutant, tmp_path, SUITE_CACHE)
    assert outcome.caught, outcome.detail
