"""One colour per optimizer across the course: the figures of every lesson and the lab's playground.

A reader learns "Momentum is blue" on the optimizers page; the lab's race, its sensitivity plot and the playground
used matplotlib's colour cycle instead, so Momentum was orange there and SGD blue (a reviewer's finding). Each
English snippet runs here in a subprocess with ``plt.show`` recording, for every line and scatter whose label
names an optimizer, the colour it is drawn in; the playground's light palette is read from its source. The Chinese
snippets are the same programs (tests/test_parity.py).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from matplotlib.colors import to_hex

from coursebuild import ROOT

#: The course's colours (matplotlib's tab10): as the optimizers page introduced them.
COURSE = {"SGD": "tab:red", "Momentum": "tab:blue", "Nesterov": "tab:orange", "AdaGrad": "tab:purple",
          "RMSProp": "tab:brown", "Adam": "tab:green", "AdamW": "tab:pink"}
NAMED = re.compile(r"^(AdamW|Adam|SGD|Momentum|Nesterov|AdaGrad|RMSProp)(?![\w-])")
NAMED_ANYWHERE = re.compile(r"\b(SGD|Momentum|Nesterov|AdaGrad|RMSProp|Adam)")
#: The English snippets that draw and name an optimizer somewhere in their text
SNIPPETS = [p for p in sorted((ROOT / "snippets").rglob("*.en.py"))
            if "plt." in (text := p.read_text(encoding="utf-8")) and NAMED_ANYWHERE.search(text)]

RECORDER = r"""
import json, os, runpy, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.colors import to_hex
seen, out = [], {}
def show(*args, **kwargs):
    for number in plt.get_fignums():
        for ax in plt.figure(number).axes:
            for line in ax.get_lines():
                seen.append((line.get_label(), to_hex(line.get_color())))
            for points in ax.collections:
                if len(points.get_facecolor()):
                    seen.append((points.get_label(), to_hex(points.get_facecolor()[0])))
    plt.close("all")
plt.show = show
for path in sys.argv[1:]:  # one interpreter for all (torch imported once); what each drew, by its path
    seen = out[path] = []
    os.chdir(os.path.dirname(path))
    runpy.run_path(path, run_name="__main__")
    plt.close("all")
print("\0" + json.dumps(out))
"""


@pytest.fixture(scope="module")
def drawn_colours() -> dict[str, list[tuple[str, str]]]:
    """Per snippet path, (label, colour) of every line and scatter its figures draw."""
    done = subprocess.run([sys.executable, "-c", RECORDER, *map(str, SNIPPETS)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.rpartition("\0")[2])


def wrong_colours(seen: list[tuple[str, str]]) -> list[str]:
    return sorted({f"{label!r} in {colour}, not {COURSE[m[1]]} ({to_hex(COURSE[m[1]])})" for label, colour in seen
                   if (m := NAMED.match(label)) and colour != to_hex(COURSE[m[1]])})


@pytest.mark.slow
@pytest.mark.parametrize("snippet", SNIPPETS, ids=[p.name for p in SNIPPETS])
def test_an_optimizer_has_its_course_colour_in_every_figure(snippet, drawn_colours):
    wrong = wrong_colours(drawn_colours[str(snippet)])
    assert not wrong, f"snippets/{snippet.relative_to(ROOT / 'snippets')}: {wrong}"


def test_the_playground_draws_each_optimizer_in_its_course_colour():
    source = (ROOT / "docs" / "assets" / "javascripts" / "playground.js").read_text(encoding="utf-8")
    order = re.findall(r'\{ name: "(\w+)", defaults:', source)
    light = re.search(r"light: \{.*?paths: (\[[^]]*\])", source, re.S)[1]
    assert order == list(COURSE)
    assert dict(zip(order, json.loads(light))) == {name: to_hex(colour) for name, colour in COURSE.items()}


def test_the_check_can_fail():
    # the snippets it runs include those that drew optimizers in other colours, and those that set the colours
    assert {"race.en.py", "sensitivity.en.py", "revisit.en.py", "adagrad_scaling.en.py"} <= {p.name for p in SNIPPETS}
    assert wrong_colours([("SGD (lr = 0.1)", "#1f77b4"), ("AdamW", "#e377c2"), ("Adam", "#2ca02c"),
                          ("minimum", "#000000"), ("_child3", "#1f77b4")]) == [
        "'SGD (lr = 0.1)' in #1f77b4, not tab:red (#d62728)"]
