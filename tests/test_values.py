"""Values from the snippets in the text (``\\val{}``), the audit of literal numbers, and figures' language."""

from __future__ import annotations

import textwrap

import pytest

from coursebuild import SNIPPETS_DIR
from coursebuild.engine import Engine, default_engine
from coursebuild.engine.result import Result
from coursebuild.errors import PageError
from coursebuild.pages import parse_page
from coursebuild.pages.check import FigureLanguageError, NumberError, check_page, figure_language_errors
from coursebuild.pages.numbers import numbers_in, orphans
from coursebuild.pages.refs import filled_in, find_refs, format_ref, substitute
from tests.support import PAGES, page_id


@pytest.fixture
def engine(tmp_path):
    eng = Engine(tmp_path / "cache", timeout=60)
    yield eng
    eng.close()


def project(tmp_path, page: str, snippet: str, name="calc.zh.py"):
    (tmp_path / "snippets" / "l").mkdir(parents=True, exist_ok=True)
    (tmp_path / "snippets" / "l" / name).write_text(textwrap.dedent(snippet), encoding="utf-8")
    path = tmp_path / "page.md"
    path.write_text(textwrap.dedent(page), encoding="utf-8")
    return path


EXAMPLE = textwrap.dedent('''\
    # T { #t }

    ```python
    --8<-- "l/calc.zh.py"
    ```

    <!--pytest-codeblocks:expected-output-->

    ```
    w = 0.9711
    ```

    ''')
CALC = textwrap.dedent("""\
    import torch
    lr = 0.01
    beta = 0.9
    w = torch.tensor([0.9711000323])
    steps = [1, 2, 3]
    label = "动量"
    print(f"w = {w.item():.4f}")
    """)


def test_values_are_read_from_the_snippets_globals(tmp_path, engine):
    path = project(tmp_path, EXAMPLE + "η = \\val{calc.lr:g}，$w = \\val{calc.w[0]:.4f}$，\\val{calc.label}，"
                   "第 \\val{calc.steps[-1]:d} 步\n", CALC)
    state = check_page(path, engine, tmp_path / "snippets")
    assert [str(e) for e in state.errors] == []
    assert state.values == ["0.01", "0.9711", "动量", "3"]
    result = state.results[0]
    assert set(result.values) == {"lr", "w", "label", "steps"}  # only the names the page reads are kept
    assert {"beta", "lr", "w", "steps", "label"} <= set(result.names)
    text = substitute(path.read_text(encoding="utf-8"), state.values)
    assert "η = 0.01，$w = 0.9711$，动量，第 3 步" in text
    assert "0.9711" in filled_in(parse_page(path, snippets_dir=tmp_path / "snippets"), engine).text


def test_a_new_reference_runs_the_snippet_again_once(tmp_path, engine):
    path = project(tmp_path, EXAMPLE + "\\val{calc.lr:g}\n", CALC)
    check_page(path, engine, tmp_path / "snippets")
    fresh = Engine(tmp_path / "cache", timeout=60)
    try:
        path.write_text(path.read_text(encoding="utf-8") + "\\val{calc.beta:g}\n", encoding="utf-8")
        state = check_page(path, fresh, tmp_path / "snippets")
        assert state.values == ["0.01", "0.9"] and len(fresh.stats.executed) == 1
        again = Engine(tmp_path / "cache", timeout=60)
        assert check_page(path, again, tmp_path / "snippets").values == ["0.01", "0.9"]
        assert again.stats.executed == [] and again.interpreter.starts == 0  # both names now cached
    finally:
        fresh.close()


@pytest.mark.parametrize(("ref", "message"), [
    ("\\val{calc.lrr:g}", r"page\.md:\d+: .*has no top-level variable 'lrr'\n  fix: variables it has: lr"),
    ("\\val{calc.torch}", r"torch is a builtins\.module, which a page cannot show"),
    ("\\val{calc.lr:.4x}", r"format spec '\.4x' does not apply to 0\.01"),
    ("\\val{calc.label:.2f}", r"format spec '\.2f' does not apply to '动量'"),
    ("\\val{calc.steps:d}", r"steps is a list of 3 element\(s\)\n  fix: index it, e\.g\. \\val\{calc\.steps\[0\]:d\}"),
    ("\\val{calc.steps[7]}", r"index 7 is out of range"),
    ("\\val{calc.lr[0]}", r"index 1 applies to a float"),
])
def test_reference_errors_name_the_line_and_what_exists(tmp_path, engine, ref, message):
    path = project(tmp_path, EXAMPLE + f"text {ref}\n", CALC)
    state = check_page(path, engine, tmp_path / "snippets")
    assert len(state.errors) == 1 and isinstance(state.errors[0], PageError)
    assert state.errors[0].line == 13
    assert pytest.importorskip("re").search(message, str(state.errors[0])), str(state.errors[0])


def test_unformattable_value(tmp_path, engine):
    path = project(tmp_path, EXAMPLE + "\\val{calc.model}\n", CALC + "model = torch.nn.Linear(2, 1)\n"
                   "big = torch.zeros(100)\n")
    result = engine.result(tmp_path / "snippets" / "l" / "calc.zh.py", ("model", "big"))
    page = parse_page(path, snippets_dir=tmp_path / "snippets")
    for name, kind in (("model", "torch.nn.modules.linear.Linear"), ("big", "torch.Tensor")):
        ref = find_refs(parse_page(path, text=page.text.replace("calc.model", f"calc.{name}"),
                                   snippets_dir=tmp_path / "snippets"))[0]
        with pytest.raises(PageError, match=rf"{name} is a {kind}, which a page cannot show"):
            format_ref(path, ref, result)


@pytest.mark.parametrize(("text", "message"), [
    ("\\val{calc.lr}\n\n" + EXAMPLE, r"page\.md:1: .*reads snippet 'calc', which the page embeds only further down"),
    (EXAMPLE + "\\val{other.lr}\n", r"reads snippet 'other', which the page does not embed\n  fix: snippets "
     r"embedded above this line: calc"),
    (EXAMPLE + "\\val{calc lr}\n", r"malformed reference"),
    (EXAMPLE + "\\val{calc.lr\n", r"not closed on its line"),
])
def test_reference_to_a_snippet_not_embedded_above(tmp_path, engine, text, message):
    path = project(tmp_path, text, CALC)
    errors = check_page(path, engine, tmp_path / "snippets").errors
    assert errors and pytest.importorskip("re").search(message, str(errors[0])), [str(e) for e in errors]


def test_audit_sees_every_kind_of_number(tmp_path, engine):
    page = EXAMPLE + "<!--figure: 第 3 张图 | 有 8 条线-->\n\n" + textwrap.dedent("""\
        还有0.4315的误差，学习率 0.01 是 \\val{calc.lr:g}。

        $$
        v_2 = 0.9 \\times 1 + 7
        $$

        !!! note "注意"
            走了 5 步。

        | a | b |
        | - | - |
        | 12 | x |

        版本 PyTorch 2.13 不算，`lr=0.5` 不算，$\\beta_1$ 不算。
        """)
    path = project(tmp_path, page, CALC + "import matplotlib.pyplot as plt\nplt.plot([1, 2])\n"
                   "plt.show()\n")
    parsed = parse_page(path, snippets_dir=tmp_path / "snippets")
    found = sorted((o.line, o.number) for o in orphans(parsed, ["0.01"]))
    # 0.9711 is backed by the output block, 0.01 by the reference; 0.9, 1 and 7 of the formula by nothing
    assert found == [(13, "3"), (13, "8"), (15, "0.4315"), (18, "0.9"), (18, "1"), (18, "7"), (22, "5"), (26, "12")]
    state = check_page(path, engine, tmp_path / "snippets")
    assert {type(e) for e in state.errors} == {NumberError}
    assert "page.md:13: the number 3 equals no \\val{} reference" in str(state.errors[0])


def test_allowlist_in_front_matter(tmp_path, engine):
    page = '---\nliteral_numbers:\n  "2": "ordinal"\n---\n\n' + EXAMPLE + "第 2 步。第 3 步。\n"
    path = project(tmp_path, page, CALC)
    numbers = [str(e).split(": the number ")[1].split()[0] for e in check_page(path, engine, tmp_path / "snippets")
               .errors]
    assert numbers == ["3"]


def test_numbers_in_reads_separators_and_cjk():
    assert numbers_in("共50 000个样本，50,000 个，还有0.4315，β2 不算") == ["50000", "50000", "0.4315"]


def test_figure_language():
    zh = Result("", ["<svg/>"], texts=[["SGD 与 Adam", "学习率 lr", "loss 曲线", "$\\beta$ = 0.9"]])
    en = Result("", ["<svg/>"], texts=[["loss", "损失"]])
    example = parse_page.__globals__["Example"](SNIPPETS_DIR / "x.md", "l/x.zh.py", 1, "")
    zh_errors = figure_language_errors(example, zh, "zh")
    assert [e.text for e in zh_errors] == ["loss 曲线"] and isinstance(zh_errors[0], FigureLanguageError)
    assert "figure 1 on a Chinese page shows English (loss)" in str(zh_errors[0])
    assert [e.text for e in figure_language_errors(example, en, "en")] == ["损失"]


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_course_page_numbers_references_and_figures(page):
    """Every reference resolves, every literal number is backed, every figure speaks the page's language."""
    state = check_page(page, default_engine(), SNIPPETS_DIR)
    assert not state.errors, "\n".join(str(e) for e in state.errors)
    assert not state.language, "\n".join(str(e) for e in state.language)


@pytest.mark.slow
def test_changing_an_input_in_code_changes_the_page_everywhere(tmp_path):
    """The scenario of the first edition's silent drift: the Momentum example's learning rate changed in both
    languages, `python -m coursebuild refresh`, and every number on the page follows with no hand edit."""
    import subprocess
    import sys

    from coursebuild.cli.sandbox import build_env, copy_project

    project = copy_project(tmp_path / "project")
    for lang in ("zh", "en"):
        snippet = project / "snippets" / "optimizers" / f"momentum.{lang}.py"
        text = snippet.read_text(encoding="utf-8")
        assert "lr=0.01" in text
        snippet.write_text(text.replace("0.01", "0.02"), encoding="utf-8")
    env = build_env()  # the repository's result cache: only the two edited programs run again
    run = [sys.executable, "-m", "coursebuild"]
    refreshed = subprocess.run([*run, "refresh"], cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert refreshed.returncode == 0, refreshed.stdout + refreshed.stderr
    assert "docs/optimizers.md:" in refreshed.stdout and "docs/optimizers.en.md:" in refreshed.stdout
    checked = subprocess.run([*run, "values", "-q"], cwd=project, env=env, capture_output=True, text=True,
                             timeout=900)
    assert checked.returncode == 0 and checked.stdout.strip().endswith("0 problem(s)"), checked.stdout
    code = ("from pathlib import Path\nfrom coursebuild.engine import default_engine\n"
            "from coursebuild.pages import parse_page\nfrom coursebuild.pages.refs import filled_in\n"
            "for name in ('optimizers.md', 'optimizers.en.md'):\n"
            "    page = parse_page(Path('docs') / name)\n"
            "    filled = filled_in(page, default_engine()).lines\n"
            "    print('\\n'.join(f for raw, f in zip(page.lines, filled) if '\\\\val{momentum.' in raw))\n")
    pages = subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True,
                           timeout=900)
    assert pages.returncode == 0, pages.stderr
    # every line that quotes the Momentum example (other programs on the page keep their own η = 0.01)
    assert pages.stdout.count("\n") >= 6 and "\\val{" not in pages.stdout
    assert "\\eta = 0.02" in pages.stdout and "0.9711" not in pages.stdout
    assert "0.9424" in pages.stdout  # w after two steps at η = 0.02: 0.98 − 0.02 × 1.88 (v₂ = 0.9 + 0.98)


def test_comparisons_in_math_are_not_html_tags(tmp_path):
    path = project(tmp_path, EXAMPLE + "$\\gamma^e < 0.37$，即 $e > 4$；<b>粗</b> 7\n", CALC)
    page = parse_page(path, snippets_dir=tmp_path / "snippets")
    assert [o.number for o in orphans(page, [])] == ["0.37", "4", "7"]
