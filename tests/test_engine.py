"""Unit tests of the engine: cache, warm interpreter, reset, figures, timeout, errors, drift."""

from __future__ import annotations

import base64
import copy
import io
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from coursebuild import ROOT
from coursebuild import engine as engine_module
from coursebuild.engine import Engine, runner, threads_per_snippet
from coursebuild.engine.cache import BOOK_PDF_DIR, NOTEBOOK_PAGES_DIR, ResultCache, snippet_key
from coursebuild.engine.figures import svg_size_pt
from coursebuild.engine.result import Result
from coursebuild.errors import OutputDrift, SnippetError, SnippetTimeout
from coursebuild.pages import parse_page
from coursebuild.pages.check import check_output


@pytest.fixture
def engine(tmp_path):
    eng = Engine(tmp_path / "cache", timeout=30)
    yield eng
    eng.close()


@pytest.fixture(scope="module")
def two_new_engines(tmp_path_factory):
    """Two engines on two interpreters started for them (no spare of another test), importing at once:
    what one draws, the other must draw byte for byte."""
    runner.take_spares(False)
    try:
        engines = [Engine(tmp_path_factory.mktemp(f"cache{n}")) for n in range(2)]
        for eng in engines:
            eng.interpreter.start()
    finally:
        runner.take_spares(True)
    assert engines[0].interpreter.proc.pid != engines[1].interpreter.proc.pid
    yield engines
    for eng in engines:
        eng.close()


def snippet(tmp_path, name, code):
    path = tmp_path / name
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return path


def test_cache_miss_then_hit_then_miss_after_edit(tmp_path, engine):
    path = snippet(tmp_path, "a.py", "print(6 * 7)\n")
    assert engine.result(path).stdout == "42\n"
    assert len(engine.stats.executed) == 1
    engine.close()  # its interpreter waits as a spare for the next engine (no second torch import)
    fresh = Engine(tmp_path / "cache", timeout=30)  # a new build: nothing in memory, all on disk
    assert fresh.result(path).stdout == "42\n"
    assert (fresh.stats.executed, fresh.stats.cache_hits) == ([], 1)
    path.write_text("print(6 * 8)\n")
    assert fresh.result(path).stdout == "48\n"
    assert len(fresh.stats.executed) == 1
    assert fresh.interpreter.starts == 1
    fresh.close()


def test_execution_off_uses_the_cache_only(tmp_path, engine):
    cached = snippet(tmp_path, "cached.py", "print('kept')\n")
    engine.result(cached)
    off = Engine(tmp_path / "cache", execute=False)
    assert off.result(cached).stdout == "kept\n"
    assert off.result(snippet(tmp_path, "new.py", "print('never run')\n")) is None
    assert off.interpreter.starts == 0 and off.stats.skipped == 1


def test_one_warm_interpreter_for_many_snippets(tmp_path, engine):
    for i in range(5):
        # each snippet runs in its own forked child of the one warm interpreter: same parent, torch imported once
        engine.result(snippet(tmp_path, f"s{i}.py", f"import os\nprint(os.getppid(), {i})\n"))
    pids = {r.stdout.split()[0] for r in engine._memo.values()}
    assert len(pids) == 1 and engine.interpreter.starts == 1


def test_a_snippet_asked_for_twice_runs_once_for_every_name(tmp_path, engine):
    """A page and a data file may read different variables of one snippet: it runs once, for both."""
    both = snippet(tmp_path, "both.py", "a = 1\nb = 2\nprint('ran')\n")
    engine.wait(engine.submit([(both, ("a",)), (both, ("b",))]))
    result = engine.result(both, ("a", "b"))
    assert result.provides(("a", "b")) and result.stdout == "ran\n"
    assert len(engine.stats.executed) == 1


def test_submit_returns_at_once_and_each_snippet_runs_once(tmp_path, engine):
    """The build queues every snippet and goes on; a page waits only for its own; a snippet asked for while the
    queue runs (here on the one interpreter) goes first and is not run twice."""
    slow = snippet(tmp_path, "slow.py", "import time\ntime.sleep(1.0)\nprint('slow')\n")
    fast = snippet(tmp_path, "fast.py", "print('fast')\n")
    later = snippet(tmp_path, "later.py", "print('later')\n")
    keys = engine.submit([(slow, ()), (fast, ())])
    assert not engine._pending[keys[1]].is_set()  # queued behind the slow one: submit did not wait
    assert engine.result(later).stdout == "later\n"  # not queued: it runs now, ahead of what is still queued
    assert engine.result(fast).stdout == "fast\n" and engine.result(slow).stdout == "slow\n"
    engine.wait(keys)
    assert sorted(engine.stats.executed) == sorted(str(p) for p in (slow, fast, later))
    assert engine.stats.executed.index(str(later)) < engine.stats.executed.index(str(fast))
    assert engine.submit([(slow, ()), (fast, ())]) == keys and len(engine.stats.executed) == 3  # all in memory
    assert engine.claim_executed(keys) == 2 and engine.claim_executed(keys) == 0  # each run counted once
    assert engine.claim_executed([snippet_key(later)]) == 1


@pytest.mark.parametrize("code", ["print('once')\n", "raise ValueError('once')\n"], ids=["prints", "raises"])
def test_a_snippet_that_ends_while_it_is_submitted_again_runs_once(tmp_path, engine, monkeypatch, code):
    """The second language's build submits every snippet again while the first build's queue still runs them:
    one whose run ends after submit saw it in flight, but before its job is queued, must not run a second time
    (CI once counted 120 runs for 119 snippets in a clean 1-worker build), whether it printed or raised. Here the
    run always ends in that window."""
    path = snippet(tmp_path, "s.py", "import time\ntime.sleep(0.3)\n" + code)
    run, runs = engine.interpreter.run, []

    def counted(snippet_path, names=()):
        runs.append(snippet_path)
        return run(snippet_path, names)

    monkeypatch.setattr(engine.interpreter, "run", counted)
    keys = engine.submit([(path, ())])
    in_flight = engine._in_flight

    def ends_right_after_the_look(key):
        answer = in_flight(key)
        engine._pending[key].wait()  # the run ends before submit queues the job
        return answer

    monkeypatch.setattr(engine, "_in_flight", ends_right_after_the_look)
    assert engine.submit([(path, ())]) == keys
    engine.wait(keys)
    if "raise" in code:
        with pytest.raises(SnippetError, match="once"):
            engine.result(path)
    else:
        assert engine.result(path).stdout == "once\n"
    assert len(runs) == 1 and engine.claim_executed(keys) == len(engine.stats.executed)


def test_a_page_is_checked_as_soon_as_its_own_snippets_have_run(tmp_path, engine):
    """The execution part checks a build's pages in order, each as soon as its own snippets have run, and says so
    (``when_checked``: the plugin then renders that lesson's notebook) while later pages' snippets still run. Here
    the second page's snippet ends only once the first page has been reported: in a build that waited for every
    snippet before it checked any page, that snippet would give up after 10 s and its page would report it."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    from coursebuild.plugin.execution import Execution

    docs, snippets, flag = tmp_path / "docs", tmp_path / "snippets", tmp_path / "first-page-checked"
    docs.mkdir()
    snippets.mkdir()
    (snippets / "first.py").write_text("x = 1\n")
    (snippets / "second.py").write_text(textwrap.dedent(f"""
        import os
        import time
        deadline = time.monotonic() + 10
        while not os.path.exists({str(flag)!r}) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert os.path.exists({str(flag)!r}), "the first page was not checked before this snippet ended"
    """))
    for name in ("first", "second"):
        (docs / f"{name}.md").write_text(f'# {name}\n\n```python\n--8<-- "{name}.py"\n```\n', encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "coursebuild"  # what MkDocs sets while a plugin's event runs
    files = Files([File(f"{name}.md", str(docs), str(tmp_path / "site"), True) for name in ("first", "second")])
    reported = []

    def when_checked(path, state):
        reported.append((path.name, [str(error) for error in state.errors]))
        flag.touch()

    Execution(engine, docs, snippets, {}, when_checked=when_checked).on_files(files, config)
    assert reported == [("first.md", []), ("second.md", [])]
    assert len(engine.stats.executed) == 2


def test_an_engine_failure_is_reported_for_its_snippet_and_the_queue_goes_on(tmp_path, engine, monkeypatch,
                                                                            caplog):
    """Not a snippet's fault (here a reply the engine cannot read): that snippet's page reports it, and the build
    neither hangs waiting for it nor loses the snippets queued after it."""
    run, failures = engine.interpreter.run, []

    def garbled_once(path, names=()):
        if not failures:
            failures.append(path)
            raise ValueError("Expecting value: line 1 column 1 (char 0)")
        return run(path, names)

    monkeypatch.setattr(engine.interpreter, "run", garbled_once)
    first = snippet(tmp_path, "first.py", "print(1)\n")
    second = snippet(tmp_path, "second.py", "print(2)\n")
    engine.wait(engine.submit([(first, ()), (second, ())]))
    with pytest.raises(SnippetError, match=r"engine failed while running it: ValueError\('Expecting value"):
        engine.result(first)
    assert engine.result(second).stdout == "2\n"
    assert "first.py: the engine failed while running it" in caplog.text  # logged: a strict build fails


def test_a_build_that_will_run_a_snippet_starts_its_first_interpreter_as_mkdocs_reads_the_plugins_options(
        tmp_path, monkeypatch):
    """CourseBuildPlugin.load_config: when the cache lacks the result of some snippet for this runtime (an empty
    cache; only another runtime's results, as after a torch bump; a snippet edited since), the import of torch
    starts before the plugins listed after this one load (mkdocs.yml lists it first); with every result stored, or
    execution off, nothing starts (a warm build never imports torch)."""
    from coursebuild.plugin.mkdocs_plugin import CourseBuildPlugin

    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: t\n")
    snippets = [tmp_path / "snippets" / "a" / "one.py", tmp_path / "snippets" / "two.py"]
    for snippet in snippets:
        snippet.parent.mkdir(parents=True, exist_ok=True)
        snippet.write_text(f"print({snippet.stem!r})\n")
    ResultCache(tmp_path / "filled").put(snippet_key(snippets[0]), Result("one\n"))
    ResultCache(tmp_path / "filled").put(snippet_key(snippets[1]), Result("two\n"))
    (tmp_path / "other-runtime" / "ab").mkdir(parents=True)
    (tmp_path / "other-runtime" / "ab" / ("ab" + "0" * 62 + ".json")).write_text("{}")

    def started(cache: str, **environ: str) -> bool:
        monkeypatch.setattr(engine_module, "_default", None)  # this process's own engine is left alone
        monkeypatch.setattr(engine_module, "_default_settings", None)
        for name in ("COURSEBUILD_EXECUTE", "COURSEBUILD_CACHE_DIR", "COURSEBUILD_NO_CACHE"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        plugin = CourseBuildPlugin()
        errors, _ = plugin.load_config({"cache_dir": str(tmp_path / cache), "workers": 1}, str(config_file))
        assert not errors
        engine = engine_module._default
        running = engine is not None and engine.interpreter.proc is not None
        if engine is not None:
            engine.close()
        return running

    assert started("empty")
    assert not started("empty", COURSEBUILD_EXECUTE="0")
    assert not started("filled")
    assert started("other-runtime")
    snippets[1].write_text("print('two, edited')\n")
    assert started("filled")


def test_the_plugin_starts_its_first_interpreter_before_it_imports_nbconvert():
    """The early start is only as early as the plugin's own imports let it be: nbconvert (which mkdocs-jupyter
    imports anyway, after this plugin; imported as the plugin loaded, it delayed the start by ≈ 0.15 s) is imported
    by the plugin's events, not as it loads."""
    probe = ("import sys\nimport coursebuild.plugin.mkdocs_plugin\n"
             "print(sorted(m for m in ('nbconvert', 'bs4', 'torch') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_an_interpreter_whose_build_is_gone_exits_quietly():
    """A clean build starts its first interpreter before MkDocs has read all of mkdocs.yml; when the build then
    stops (an error in a later plugin's options), the interpreter finds no one to answer: it exits, and prints no
    traceback under the build's own message."""
    proc = subprocess.Popen([sys.executable, "-m", "coursebuild.engine.worker"], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the build is gone before the interpreter is ready
    proc.stdin.close()
    assert proc.wait(timeout=120) == 0
    assert proc.stderr.read().decode() == ""
    proc.stderr.close()


def test_the_plugin_listed_first_runs_its_events_in_the_order_it_had_when_listed_last():
    """mkdocs.yml lists coursebuild first (see the test above); its events without a priority of their own run at
    LAST (-1), so every event calls the plugins in the order it did when coursebuild came last."""
    from mkdocs.config import load_config
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as fh:
        plugins = yaml_load(fh)["plugins"]
    names = [next(iter(p)) if isinstance(p, dict) else p for p in plugins]
    assert names[0] == "coursebuild", names

    def order(plugins_option) -> dict[str, list[str]]:
        config = load_config(str(ROOT / "mkdocs.yml"), plugins=copy.deepcopy(plugins_option))  # validation edits it
        owner = {id(plugin): name for name, plugin in config.plugins.items()}
        return {event: [owner.get(id(getattr(handler, "__self__", None)), "?") for handler in handlers]
                for event, handlers in config.plugins.events.items()}

    listed_first, listed_last = order(plugins), order(plugins[1:] + plugins[:1])
    assert listed_first == listed_last
    assert any("coursebuild" in handlers for handlers in listed_first.values())


def test_a_pool_imports_torch_once_its_other_interpreters_are_clones(tmp_path):
    """The second interpreter of a pool is forked from the first after its imports, not started anew: a snippet
    that runs there has the clone as parent and the first interpreter as grandparent. A clone that dies is
    replaced by a new clone, still without a new import."""
    code = ("import os, time\ntime.sleep(0.3)\nparent = os.getppid()\n"
            "with open(f'/proc/{parent}/stat') as fh:\n    grandparent = int(fh.read().rsplit(')', 1)[1].split()[1])\n"
            "print(parent, grandparent, N)\n")
    eng = Engine(tmp_path / "cache", timeout=30, workers=2)
    try:
        def run(names):
            paths = [snippet(tmp_path, f"{n}.py", code.replace("N", repr(n))) for n in names]
            eng.wait(eng.submit([(path, ()) for path in paths]))
            return {tuple(int(x) for x in eng.result(path).stdout.split()[:2]) for path in paths}

        first, second = eng.pool
        seen = run(["a", "b", "c", "d"])
        assert isinstance(second.proc, runner.Clone) and (first.starts, second.starts) == (1, 1)
        assert seen == {(first.proc.pid, os.getpid()), (second.proc.pid, first.proc.pid)}, seen
        os.kill(second.proc.pid, signal.SIGKILL)
        while runner._alive(second.proc.pid):  # dead between two snippets (not while one is sent to it)
            time.sleep(0.01)
        seen = run(["e", "f", "g", "h"])
        assert (first.starts, second.starts) == (1, 2)
        assert seen == {(first.proc.pid, os.getpid()), (second.proc.pid, first.proc.pid)}, seen
    finally:
        eng.close()


def test_a_pool_shares_the_cores_out_between_its_snippets_threads(tmp_path, monkeypatch):
    """Each snippet of a pool of N interpreters on C cores runs torch and numpy on C // N threads, so the snippets
    running at once do not oversubscribe the cores; a variable the author set is kept, and a single interpreter
    keeps the libraries' defaults (as ``python snippets/x.py``)."""
    monkeypatch.setattr(engine_module, "usable_cores", lambda: 8)
    assert [threads_per_snippet(n) for n in (1, 2, 3, 9)] == [0, 4, 2, 1]
    monkeypatch.setattr(engine_module, "usable_cores", lambda: 2)  # 2 interpreters: 1 thread each, on any machine
    for name in runner.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    probe = snippet(tmp_path, "threads.py", "import os, torch\nprint(torch.get_num_threads(), "
                    f"*(os.environ.get(name) for name in {runner.THREAD_VARIABLES!r}))\n")
    eng = Engine(tmp_path / "cache", timeout=30, workers=2)
    try:
        assert eng.result(probe).stdout.split() == ["1", "1", "1", "3"]
    finally:
        eng.close()


def test_the_default_pool_counts_the_cores_this_process_may_use(tmp_path, monkeypatch):
    """Not the host's cores (``os.cpu_count()``): those of the process's CPU affinity, at most its control group's CPU
    quota, rounded up (``docker run --cpus 1.5``: 2). The default pool, the threads each snippet gets, the bench's
    workers and the mutation run's jobs all count them."""
    from coursebuild import settings

    monkeypatch.setattr(os, "cpu_count", lambda: 32)  # the host
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)  # where it may run
    v2, quota, period = tmp_path / "cpu.max", tmp_path / "cfs_quota_us", tmp_path / "cfs_period_us"
    monkeypatch.setattr(settings, "CGROUP_CPU_MAX", v2)
    monkeypatch.setattr(settings, "CGROUP_V1_QUOTA", quota)
    monkeypatch.setattr(settings, "CGROUP_V1_PERIOD", period)
    assert settings.usable_cores() == 4 and settings.Settings().pool_size == 4  # no control group files
    v2.write_text("150000 100000\n")
    assert settings.usable_cores() == 2 and settings.Settings().pool_size == 2
    assert threads_per_snippet(2) == 1 and settings.Settings(workers=3).pool_size == 3  # an explicit pool is kept
    v2.write_text("max 100000\n")
    assert settings.usable_cores() == 4
    v2.unlink()
    quota.write_text("50000\n")
    period.write_text("100000\n")
    assert settings.usable_cores() == 1  # cgroup v1
    quota.write_text("-1\n")
    assert settings.usable_cores() == 4
    v2.write_text("garbled")
    assert settings.usable_cores() == 4  # unreadable: the affinity alone


def test_reset_between_snippets(tmp_path, engine):
    """Leftovers of one snippet (seeds, print options, rcParams, open figures, cwd) never reach the next."""
    messy = snippet(tmp_path, "messy.py", """
        import os, random
        import matplotlib.pyplot as plt
        import numpy as np
        import torch
        torch.manual_seed(123); random.seed(5); np.random.seed(5)
        torch.set_printoptions(precision=1)
        np.set_printoptions(precision=1)
        plt.rcParams["lines.linewidth"] = 9
        plt.figure()
        os.chdir("/")
    """)
    probe_code = """
        import os
        import matplotlib.pyplot as plt
        import numpy as np
        import torch
        torch.manual_seed(7)
        print(torch.rand(2), torch.tensor([1 / 3]))
        print(np.array([1 / 3]), plt.rcParams["lines.linewidth"], plt.get_fignums(), os.listdir("."))
    """
    probe = snippet(tmp_path, "probe.py", probe_code)
    unseeded = snippet(tmp_path, "unseeded.py", """
        import random
        import numpy as np
        import torch
        print(torch.rand(1), np.random.rand(1), random.random())
    """)
    empty = tmp_path / "empty"
    empty.mkdir()
    with subprocess.Popen([sys.executable, str(probe)], cwd=empty, stdout=subprocess.PIPE, text=True,
                          env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"}) as fresh:  # runs meanwhile
        engine.result(messy)
        inside = engine.result(probe).stdout
        alone = fresh.communicate(timeout=120)[0]
    assert inside == alone  # exactly what `python probe.py` prints in a fresh interpreter
    # The working directory is a fresh, empty scratch folder (first edition: the repository, which a snippet
    # writing a file would have changed).
    assert "0.3333" in inside and inside.rstrip().endswith("[]")
    # Unseeded draws start from the engine's seed, whatever ran before.
    first = engine.result(unseeded).stdout
    engine.result(messy)
    unseeded.write_text(unseeded.read_text() + "# same code, new cache key\n")
    assert engine.result(unseeded).stdout == first


def test_figures_captured_as_deterministic_svg(tmp_path, two_new_engines):
    code = """
        import matplotlib.pyplot as plt
        plt.plot([1, 2, 3], [3, 1, 2], label="loss")
        plt.title("<b>title</b>")
        plt.legend()
        plt.show()
        plt.figure()
        plt.bar(["a", "b"], [1, 2])
        plt.show()
        print("drawn")
    """
    path = snippet(tmp_path, "fig.py", code)
    runs = [eng.result(path) for eng in two_new_engines]
    first, second = runs
    assert first.stdout == "drawn\n" and len(first.figures) == 2
    assert first.figures == second.figures  # byte-identical across interpreters
    svg = first.figures[0]
    assert svg.startswith("<?xml") and "<dc:date>" not in svg and "<text" not in svg  # text as paths
    assert "<b>" not in svg


def test_chinese_label_without_cjk_font_is_an_error(tmp_path, engine):
    path = snippet(tmp_path, "tofu.py", """
        import matplotlib.pyplot as plt
        plt.rcParams["font.family"] = ["DejaVu Sans"]
        plt.title("梯度下降")
        plt.show()
    """)
    with pytest.raises(SnippetError, match=r"Glyph .* missing"):
        engine.result(path)


def test_chinese_label_with_course_font_renders(tmp_path, engine):
    path = snippet(tmp_path, "cjk.py", """
        import matplotlib.pyplot as plt
        from matplotlib import font_manager
        from noto_cjk_sans_otc import FONT_PATH
        font_manager.fontManager.addfont(str(FONT_PATH))
        plt.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans CJK SC"]
        plt.title("梯度下降")
        plt.show()
    """)
    assert len(engine.result(path).figures) == 1


def test_raise_names_the_snippet_line(tmp_path, engine):
    path = snippet(tmp_path, "boom.py", "x = 1\n\ny = x / 0\n")
    with pytest.raises(SnippetError) as caught:
        engine.result(path)
    message = str(caught.value)
    assert f"{path}:3: raised ZeroDivisionError" in message
    assert f'File "{path}", line 3' in message and "fix: run `python" in message
    assert "runpy" not in message  # the traceback starts at the snippet, not in the engine
    assert engine.cache.get(snippet_key(path)) is None  # failures are not cached on disk
    runs = engine.interpreter.runs
    with pytest.raises(SnippetError):  # but a second caller in the same build does not run it again
        engine.result(path)
    assert engine.interpreter.runs == runs == 1 and engine.stats.executed == []


def test_syntax_error_names_the_line(tmp_path, engine):
    path = snippet(tmp_path, "syntax.py", "print('ok')\nif True print('no')\n")
    with pytest.raises(SnippetError, match=rf"{path}:2: raised SyntaxError"):
        engine.result(path)


def test_timeout_then_the_interpreter_recovers(tmp_path):
    eng = Engine(tmp_path / "cache", timeout=2)
    with pytest.raises(SnippetTimeout, match="still running after 2 s"):
        eng.result(snippet(tmp_path, "forever.py", "while True:\n    pass\n"))
    assert eng.result(snippet(tmp_path, "after.py", "print('alive')\n")).stdout == "alive\n"
    # Only the snippet's child is killed: the warm interpreter (torch imported) survives a timeout.
    # (First edition: a timeout cost a restart, starts == 2.)
    assert eng.interpreter.starts == 1
    eng.close()


def test_a_snippet_starts_from_a_frozen_heap_and_its_own_cycles_are_collected(tmp_path, engine):
    """worker.freeze_heap: a child's garbage collections leave the warm interpreter's objects alone (their pages
    stay shared with it) and still free what the snippet made."""
    probe = snippet(tmp_path, "gc_probe.py", """
        import gc

        class Node:
            pass

        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
        print(gc.get_freeze_count() > 10_000, gc.collect() >= 2)
    """)
    assert engine.result(probe).stdout == "True True\n"


def test_a_crashing_interpreter_is_reported_and_replaced(tmp_path, engine):
    with pytest.raises(SnippetError, match="interpreter exited"):
        engine.result(snippet(tmp_path, "die.py", "import os\nos._exit(3)\n"))
    assert engine.result(snippet(tmp_path, "next.py", "print(1)\n")).stdout == "1\n"


def test_a_closed_engine_leaves_its_interpreter_to_the_next_in_the_same_environment(tmp_path, monkeypatch):
    pid = snippet(tmp_path, "pid.py", "import os\nprint(os.getppid())\n")
    with monkeypatch.context() as env:  # another environment: a spare would answer wrongly
        env.setenv("COURSEBUILD_MEMORY_MB", "2048")
        third = Engine(tmp_path / "c3")
        third.interpreter.start()  # started now (importing meanwhile), asked last
    first = Engine(tmp_path / "c1")
    parent = first.result(pid).stdout
    first.close()
    second = Engine(tmp_path / "c2")  # its own cache: it runs the snippet again, on the spare
    assert second.result(pid).stdout == parent and second.interpreter.starts == 1
    second.close()
    assert third.result(pid).stdout != parent
    third.close()
    dead = Engine(tmp_path / "c4")
    dead.result(pid)
    proc = dead.interpreter.proc
    proc.kill()
    proc.wait()
    dead.close()  # a dead interpreter is never left for the next engine
    assert all(proc not in procs for procs in runner._spares.values())


def test_a_spare_is_taken_after_material_marked_its_banner_as_shown(tmp_path, monkeypatch):
    """Importing Material for MkDocs sets NO_MKDOCS_2_WARNING in this process's environment (its end-of-life banner
    shows once): the interpreter an engine left before that is still the next engine's (no new import of torch)."""
    pid = snippet(tmp_path, "pid.py", "import os\nprint(os.getppid())\n")
    monkeypatch.delenv("NO_MKDOCS_2_WARNING", raising=False)
    first = Engine(tmp_path / "c1")
    parent = first.result(pid).stdout
    first.close()
    import material.templates  # noqa: F401 - what a test that loads the theme does

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "true")  # as that import does, if an earlier test imported it already
    second = Engine(tmp_path / "c2")
    assert second.result(pid).stdout == parent
    second.close()


def test_stray_fd_output_cannot_corrupt_the_protocol(tmp_path, engine):
    path = snippet(tmp_path, "fd.py", "import os\nos.write(1, b'not json\\n')\nprint('fine')\n")
    assert engine.result(path).stdout == "fine\n"


def test_drift_shows_a_unified_diff(tmp_path):
    (tmp_path / "s").mkdir()
    snippet(tmp_path / "s", "p.py", "print(1)\n")
    page = tmp_path / "p.md"
    page.write_text('```python\n--8<-- "p.py"\n```\n\n<!--pytest-codeblocks:expected-output-->\n\n```\n2\n```\n')
    example = parse_page(page, snippets_dir=tmp_path / "s").examples[0]
    with pytest.raises(OutputDrift) as caught:
        check_output(example, Result("1\n"))
    message = str(caught.value)
    assert "p.md:8" in message and "-2" in message and "+1" in message
    assert "python -m coursebuild refresh" in message


def test_warm_rebuild_does_not_import_torch(tmp_path, engine):
    path = snippet(tmp_path, "t.py", "import torch\nprint(torch.ones(1))\n")
    engine.result(path)
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from coursebuild.engine import Engine, runner
        eng = Engine(Path({str(tmp_path / 'cache')!r}))
        print(eng.result(Path({str(path)!r})).stdout, end="")
        assert eng.interpreter.starts == 0
        assert "torch" not in sys.modules, "torch imported by a warm rebuild"
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "tensor([1.])\n"


def test_corrupt_cache_entry_is_rebuilt(tmp_path, engine):
    path = snippet(tmp_path, "c.py", "print('value')\n")
    engine.result(path)
    key = snippet_key(path)
    entry = engine.cache._path(key)
    engine.close()  # each fresh engine below takes the interpreter it leaves
    for garbage in ("{not json", json.dumps({"key": "other", "result": {}}), "\xff\xfe"):
        entry.write_text(garbage, encoding="latin-1")
        fresh = Engine(tmp_path / "cache")
        assert fresh.result(path).stdout == "value\n"
        assert len(fresh.stats.executed) == 1
        assert json.loads(entry.read_text())["key"] == key
        fresh.close()


def test_cache_write_is_atomic(tmp_path, monkeypatch):
    cache = ResultCache(tmp_path)
    cache.put("k" * 64, Result("old\n"))

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # the build is killed between writing and renaming

    monkeypatch.setattr("coursebuild.engine.cache.os.replace", crash)
    with pytest.raises(KeyboardInterrupt):
        cache.put("k" * 64, Result("new\n"))
    assert cache.get("k" * 64).stdout == "old\n"
    assert [p.name for p in (tmp_path / "kk").iterdir()] == ["k" * 64 + ".json"]


def test_killed_writer_leaves_only_whole_entries(tmp_path):
    """SIGKILL a process in the middle of writing entries: every entry left is complete."""
    code = textwrap.dedent(f"""
        from pathlib import Path
        from coursebuild.engine.cache import ResultCache
        from coursebuild.engine.result import Result
        cache = ResultCache(Path({str(tmp_path)!r}))
        big = Result("x" * 2_000_000, ["<svg/>" * 50_000])
        i = 0
        while True:
            cache.put(f"{{i:064x}}", big)
            i += 1
            if i == 3:
                print("writing", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "writing\n"
    proc.kill()
    proc.wait()
    cache = ResultCache(tmp_path)
    entries = list(tmp_path.glob("*/*.json"))
    assert len(entries) >= 3
    for entry in entries:
        if not entry.name.startswith(".tmp-"):
            assert cache.get(entry.stem).stdout == "x" * 2_000_000


def test_animation_captured_as_deterministic_gif(tmp_path, two_new_engines):
    from coursebuild.engine.figures import figure_bytes, figure_format

    path = snippet(tmp_path, "anim.py", """
        import matplotlib.pyplot as plt
        from matplotlib.animation import FuncAnimation
        fig = plt.figure(figsize=(3, 2))
        (line,) = plt.plot([], [])
        plt.xlim(0, 10)
        plt.ylim(0, 10)
        animation = FuncAnimation(fig, lambda k: line.set_data(range(k + 2), range(k + 2)), frames=6, interval=200)
        plt.show()
        plt.plot([1, 2])
        plt.show()
    """)
    runs = [eng.result(path).figures for eng in two_new_engines]
    assert runs[0] == runs[1]  # byte-identical across interpreters
    assert [figure_format(f) for f in runs[0]] == ["gif", "svg"]
    gif = figure_bytes(runs[0][0])
    from PIL import Image

    # each figure's dark twin comes with the result, made by the warm interpreter and cached with it
    from coursebuild.engine.figures import dark_variant

    result = two_new_engines[0].result(path)
    assert len(result.dark) == 2 and result.dark == [dark_variant(f) for f in result.figures]
    assert result.dark[0] != result.figures[0] and figure_format(result.dark[0]) == "gif"
    assert ResultCache(two_new_engines[0].cache.directory).get(snippet_key(path)).dark == result.dark

    with Image.open(io.BytesIO(gif)) as image:
        assert (image.format, image.n_frames, image.info["duration"]) == ("GIF", 6, 200)
        # no NETSCAPE loop block: it plays once and stops on its last frame (WCAG 2.2.2, test_accessibility)
        assert "loop" not in image.info


def test_an_animation_s_text_cut_off_at_its_edge_is_reported_and_its_text_size_recorded(tmp_path, engine):
    """A GIF's frames are the figure's canvas (an SVG is cropped to all it draws): a title wider than a narrow
    animation lost its end (the race's "…: step 300"). The result names the cut-off text, so the page check
    refuses the figure; a title that fits is not reported. Every figure's smallest text size is recorded (in
    points), with which the figure test works out how high an animation's text is on a phone."""
    path = snippet(tmp_path, "cut.py", """
        import matplotlib.pyplot as plt
        from matplotlib.animation import FuncAnimation
        for title in ("a title far too long for a figure two inches wide", "fits"):
            fig = plt.figure(figsize=(2, 2))
            (line,) = plt.plot([], [], label="line")
            plt.xticks([])
            plt.yticks([])
            plt.legend(fontsize=7)
            animation = FuncAnimation(fig, lambda k: plt.title(title), frames=2)
            plt.show()
    """)
    result = engine.result(path)
    assert result.overlaps == [["'a title far too long for a figure two inches wide' cut off at the figure's edge"],
                               []], result.overlaps
    assert result.text_pt == [7.0, 7.0]
    assert Result.from_json(result.to_json()).text_pt == result.text_pt
    from coursebuild.errors import PageError
    from coursebuild.pages.check import check_figures

    page = snippet(tmp_path, "page.md", """
        ```python
        --8<-- "cut.py"
        ```

        <!--figure: Cut | a title cut off-->
        <!--figure: Whole | a title that fits-->
    """)
    with pytest.raises(PageError) as caught:  # the page check refuses it, and says how to give the text room
        check_figures(parse_page(page, snippets_dir=tmp_path).examples[0], result)
    assert "page.md:6: cut.py hides part of this figure: 'a title far too long" in str(caught.value)
    assert "give a text cut off at the edge room (plt.subplots_adjust) or make it smaller" in str(caught.value)


def test_an_animation_comes_with_its_last_frame_as_its_still(tmp_path, two_new_engines):
    """What a reader who asked for reduced motion sees instead of the animation (the page's <picture>): the frame
    the animation stops on, pixel for pixel, as a one-frame GIF, made by the warm interpreter and cached with the
    result. A figure that does not move has none."""
    from PIL import Image, ImageChops

    from coursebuild.engine.figures import figure_bytes, figure_format

    path = snippet(tmp_path, "still.py", """
        import matplotlib.pyplot as plt
        from matplotlib.animation import FuncAnimation
        fig = plt.figure(figsize=(3, 2))
        (line,) = plt.plot([], [], color="tab:red")
        plt.xlim(0, 10)
        plt.ylim(0, 10)
        animation = FuncAnimation(fig, lambda k: line.set_data(range(k + 2), [2 * k] * (k + 2)), frames=5)
        plt.show()
        plt.plot([1, 2])
        plt.show()
    """)
    results = [eng.result(path) for eng in two_new_engines]
    assert results[0].stills == results[1].stills  # byte-identical across interpreters
    result = results[0]
    assert len(result.stills) == 2 and result.still(1) == "" and figure_format(result.still(0)) == "gif"
    with Image.open(io.BytesIO(figure_bytes(result.figures[0]))) as animation, \
            Image.open(io.BytesIO(figure_bytes(result.still(0)))) as still:
        assert still.n_frames == 1 and still.size == animation.size
        animation.seek(animation.n_frames - 1)
        last = animation.convert("RGB")
        animation.seek(0)
        first = animation.convert("RGB")
        assert ImageChops.difference(still.convert("RGB"), last).getbbox() is None  # the last frame, exactly
        assert ImageChops.difference(still.convert("RGB"), first).getbbox() is not None
    assert ResultCache(two_new_engines[0].cache.directory).get(snippet_key(path)).stills == result.stills


def test_a_dark_animation_is_the_light_one_with_its_greys_swapped_in_every_frame():
    """Every pixel of every frame of the dark twin is the light pixel with a grey swapped and a colour kept; before,
    the frames after the first (which Pillow decodes as RGB) were dithered into the web palette."""
    from PIL import Image, ImageDraw, ImageSequence

    from coursebuild.engine.figures import GIF_PREFIX, _dark_grey, dark_gif, figure_bytes, gif_colour_tables

    frames = []
    for k in range(4):  # white paper, grey and black ink, two colours that the web palette lacks, moving
        frame = Image.new("RGB", (48, 32), "white")
        draw = ImageDraw.Draw(frame)
        draw.line([(0, 30), (47, 30)], fill=(128, 128, 128))
        draw.rectangle([2 + 6 * k, 4, 12 + 6 * k, 14], fill=(255, 127, 14))
        draw.ellipse([20, 12 + 3 * k, 34, 26 + 3 * k], fill=(31, 119, 180), outline=(0, 0, 0))
        frames.append(frame)
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], loop=0, duration=150)
    light = GIF_PREFIX + base64.b64encode(out.getvalue()).decode("ascii")
    dark = dark_gif(light)

    def pixels(gif: str) -> list[list[tuple]]:
        with Image.open(io.BytesIO(figure_bytes(gif))) as image:
            return [list(frame.convert("RGB").get_flattened_data()) for frame in ImageSequence.Iterator(image)]

    def swapped(rgb: tuple) -> tuple:
        return _dark_grey(sum(rgb) // 3) if max(rgb) - min(rgb) <= 6 else rgb

    light_frames, dark_frames = pixels(light), pixels(dark)
    assert len(dark_frames) == len(light_frames) == 4
    for k, (ours, theirs) in enumerate(zip(dark_frames, light_frames)):
        wrong = sum(pixel != swapped(light_pixel) for pixel, light_pixel in zip(ours, theirs))
        assert wrong == 0, f"frame {k}: {wrong} pixels are not the light ones with their greys swapped"
    # only colour tables changed: the same blocks, the same pixels' indices, the same timing
    light_bytes, dark_bytes = figure_bytes(light), figure_bytes(dark)
    tables = gif_colour_tables(light_bytes)
    assert len(dark_bytes) == len(light_bytes) and tables == gif_colour_tables(dark_bytes) and len(tables) >= 2
    outside = [i for i in range(len(light_bytes)) if not any(a <= i < a + n for a, n in tables)]
    assert bytes(light_bytes[i] for i in outside) == bytes(dark_bytes[i] for i in outside)


def test_a_dark_animation_mixes_the_edges_of_its_lines_with_the_slate_not_with_paper():
    """An anti-aliased line on white paper has an edge of pale tints of its colour; kept as they are, the dark
    twin showed a pale fringe around every line of the race. Such a tint becomes the colour mixed with the slate
    (darker than the line, far darker than the tint), while the line's own colours and the greys are as before."""
    from PIL import Image, ImageDraw, ImageSequence

    from coursebuild.engine.figures import DARK_BG, GIF_PREFIX, _dark_grey, dark_gif, figure_bytes

    red, tint = (214, 39, 40), (239, 169, 169)  # tab:red, and tab:red mixed with 60 % white paper
    frames = []
    for k in range(2):
        frame = Image.new("RGB", (16, 8), "white")
        draw = ImageDraw.Draw(frame)
        draw.line([(0, 3 + k), (15, 3 + k)], fill=red)
        draw.line([(0, 4 + k), (15, 4 + k)], fill=tint)  # the line's lower edge
        frames.append(frame)
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], loop=0, duration=150)
    dark = dark_gif(GIF_PREFIX + base64.b64encode(out.getvalue()).decode("ascii"))
    with Image.open(io.BytesIO(figure_bytes(dark))) as image:
        for k, frame in enumerate(ImageSequence.Iterator(image)):
            rgb = frame.convert("RGB")
            assert rgb.getpixel((8, 3 + k)) == red  # the line keeps its colour
            assert rgb.getpixel((8, 0)) == _dark_grey(255)  # the paper is the slate
            edge = rgb.getpixel((8, 4 + k))
            assert edge[0] > edge[1] + 40 and edge[0] > edge[2] + 40, f"the edge {edge} is no longer red"
            assert max(edge) < red[0] and sum(edge) < sum(tint) / 3, f"the edge {edge} is still a pale fringe"
            assert all(c >= b for c, b in zip(edge, DARK_BG)), f"the edge {edge} is darker than the slate"


@pytest.mark.parametrize("share", [0.5, 0.3])
def test_a_dark_animation_mixes_with_the_slate_also_the_edges_too_dark_to_be_pale_tints(share):
    """An edge pixel with less paper in it than a pale tint (half red, half white is (234, 147, 147): a channel under
    150, the old rule's bound) stayed as it was, a light pink fringe along the red line of the race's dark twin. It
    is found as the line's colour (another colour of the same GIF) mixed with white, and mixed with the slate in the
    same share; a line of another colour that is no mix of one with white keeps its colour."""
    from PIL import Image, ImageDraw, ImageSequence

    from coursebuild.engine.figures import DARK_BG, GIF_PREFIX, dark_gif, figure_bytes

    red, orange = (214, 39, 40), (255, 127, 14)  # tab:red, tab:orange
    edge = tuple(round(c + share * (255 - c)) for c in red)
    frame = Image.new("RGB", (16, 8), "white")
    draw = ImageDraw.Draw(frame)
    draw.line([(0, 2), (15, 2)], fill=orange)
    draw.line([(0, 4), (15, 4)], fill=red)
    draw.line([(0, 5), (15, 5)], fill=edge)  # the red line's lower edge
    out = io.BytesIO()
    frame.save(out, format="GIF")
    dark = dark_gif(GIF_PREFIX + base64.b64encode(out.getvalue()).decode("ascii"))
    with Image.open(io.BytesIO(figure_bytes(dark))) as image:
        rgb = next(ImageSequence.Iterator(image)).convert("RGB")
        assert rgb.getpixel((8, 4)) == red and rgb.getpixel((8, 2)) == orange  # the lines keep their colours
        on_slate = tuple(c + share * (bg - c) for c, bg in zip(red, DARK_BG))
        shown = rgb.getpixel((8, 5))
        assert all(abs(a - b) <= 4 for a, b in zip(shown, on_slate)), f"the edge {shown} is not {on_slate}"


def test_cache_prunes_entries_unused_for_a_while_and_bounds_its_size(tmp_path):
    import os
    import time

    cache = ResultCache(tmp_path / "cache")
    for i in range(6):
        cache.put(f"{i:02d}" + "0" * 62, Result(f"{i}\n" * 100))
    paths = sorted((tmp_path / "cache").rglob("*.json"))
    now = time.time()
    for i, path in enumerate(paths):  # entry i last used i days ago
        os.utime(path, (now - i * 86400, now - i * 86400))
    assert cache.prune(max_age_days=3.5, max_bytes=10**9, now=now) == 2  # 4 and 5 days old
    size = paths[0].stat().st_size
    assert cache.prune(max_age_days=30, max_bytes=2 * size + 1, now=now) == 2  # keeps the two most recent
    assert sorted((tmp_path / "cache").rglob("*.json")) == paths[:2]
    old = paths[1]
    os.utime(old, (now - 40 * 86400, now - 40 * 86400))
    assert cache.get(old.stem) is not None  # a hit refreshes the entry
    assert cache.prune(max_age_days=30, now=time.time()) == 0


def test_every_kind_of_entry_is_pruned_but_a_file_being_written(tmp_path):
    """Other parts of the build keep entries in the cache's folder (mkdocs-jupyter's rendered notebooks, the
    book's PDF): prune() bounds them too, and leaves alone a file another build is writing right now, and any file
    that is no entry (a cache_dir pointed at a folder of other files keeps them)."""
    import os
    import time

    cache = ResultCache(tmp_path / "cache")
    cache.put("ab" + "0" * 62, Result("x\n"))
    others = [tmp_path / "cache" / NOTEBOOK_PAGES_DIR / "zh" / ("c" * 64 + ".json"),
              tmp_path / "cache" / BOOK_PDF_DIR / ("d" * 32 + ".pdf")]
    writing = tmp_path / "cache" / "ab" / ".tmp-123.json"
    foreign = [tmp_path / "cache" / "notes.txt", tmp_path / "cache" / "docs" / "index.md",
               tmp_path / "cache" / "docs" / "data.json"]
    for path in [*others, writing, *foreign]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"entry")
    old = time.time() - 40 * 86400
    for path in [*others, writing, *foreign]:
        os.utime(path, (old, old))
    assert cache.prune(max_age_days=30) == 2
    assert not any(path.exists() for path in others)
    assert writing.is_file() and cache.get("ab" + "0" * 62) is not None
    assert all(path.is_file() for path in foreign)


def test_derived_entries_are_kept_and_pruned_like_results(tmp_path):
    import os
    import time

    cache = ResultCache(tmp_path / "cache")
    assert cache.get_derived("ab" + "0" * 62) is None
    cache.put_derived("ab" + "0" * 62, "derived text")
    cache.put("cd" + "0" * 62, Result("x\n"))
    assert cache.get_derived("ab" + "0" * 62) == "derived text"
    [derived] = (tmp_path / "cache" / "derived").rglob("*.txt")
    old = time.time() - 40 * 86400
    os.utime(derived, (old, old))
    assert cache.prune(max_age_days=30) == 1
    assert cache.get_derived("ab" + "0" * 62) is None and cache.get("cd" + "0" * 62) is not None


def test_a_derived_text_is_made_once_and_then_read(tmp_path):
    cache, made = ResultCache(tmp_path / "cache"), []
    for _ in range(2):
        assert cache.derived("ef" + "0" * 62, lambda: made.append(1) or "made") == "made"
    assert made == [1] and cache.get_derived("ef" + "0" * 62) == "made"


def test_a_result_without_dark_twins_derives_them(tmp_path):
    from coursebuild.engine.figures import dark_variant

    svg = '<svg><g id="text_1"><path style="fill: #ffffff"/></g></svg>'
    old = Result.from_json({"stdout": "", "figures": [svg]})  # an entry written before twins were cached
    assert old.dark == [] and old.dark_figure(0) == dark_variant(svg) != svg


@pytest.mark.slow
def test_a_preloading_interpreter_prints_what_a_plain_one_prints(tmp_path):
    """A build's interpreters import worker.PRELOAD before the first snippet: its children start with it, and a
    course snippet prints exactly what it prints on an interpreter without it (or alone)."""
    probe = snippet(tmp_path, "probe.py", "import sys\nprint('torch._dynamo' in sys.modules)\n")
    course = ROOT / "snippets" / "optimizers" / "momentum.zh.py"
    outputs = {}
    for preload in (False, True):
        eng = Engine(tmp_path / f"cache-{preload}", preload=preload)
        try:
            outputs[preload] = (eng.result(probe).stdout, eng.result(course).stdout)
        finally:
            eng.close()
    assert outputs[False][0] == "False\n" and outputs[True][0] == "True\n"
    assert outputs[False][1] == outputs[True][1] != ""


def test_what_a_figure_draws_over_what_it_hides_is_reported(tmp_path, engine):
    """Two axes titles too long for their half of the figure run into each other (a reader saw "…of day β30 =
    0.9…"), and a legend hides a data point (a day's temperature under "daily temperature"): the result names
    both, and the page check turns them into an error at the figure's line. Short titles side by side are not
    reported, nor are the tick labels outside the axes' limits (which matplotlib keeps but does not draw), nor a
    curve without markers behind a legend."""
    from coursebuild.errors import PageError
    from coursebuild.pages.check import check_figures

    path = snippet(tmp_path, "overlap.py", """
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, 2, figsize=(5, 2))
        for ax, name in zip(axes, ("left", "right")):
            ax.set_title(f"{name}: a title far too long for half of the figure")
        plt.show()
        plt.figure(figsize=(4, 3))
        plt.scatter([0.05, 0.5, 0.9], [0.95, 0.5, 0.1], label="data")
        plt.xlim(0, 1)
        plt.ylim(0, 1)
        plt.legend(loc="upper left")
        plt.show()
        fig, axes = plt.subplots(1, 2, figsize=(5, 2))
        for ax, name in zip(axes, ("left", "right")):
            ax.set_title(name)
            ax.set_xlim(0.31, 0.69)
        axes[0].plot([0, 1], [1, 1], label="curve")
        axes[0].set_ylim(0, 1.1)
        axes[0].legend(loc="upper left")
        plt.show()
    """)
    result = engine.result(path)
    assert result.overlaps == [
        ["'left: a title far too long for half of the figure' over 'right: a title far too long for half of the "
         "figure'"],
        ["the legend over a point of 'data'"],
        [],
    ]
    page = snippet(tmp_path, "page.md", """
        ```python
        --8<-- "overlap.py"
        ```

        <!--figure: Overlapping | two titles-->
        <!--figure: Covered | a point under the legend-->
        <!--figure: Side by side | two titles-->
    """)
    example = parse_page(page, snippets_dir=tmp_path).examples[0]
    with pytest.raises(PageError) as caught:
        check_figures(example, result)
    assert "page.md:6: overlap.py hides part of this figure: 'left: a title" in str(caught.value)
    assert "fix: in snippets/overlap.py, move, shorten or shrink the text, or move the legend" in str(caught.value)
    result.overlaps[0] = []
    with pytest.raises(PageError, match="page.md:7: overlap.py hides part of this figure: the legend over a point"):
        check_figures(example, result)
    result.overlaps[1] = []
    check_figures(example, result)  # nothing hidden: no error


def test_a_hidden_unlabelled_artist_is_named_by_kind_colour_and_place(tmp_path, engine):
    """matplotlib names an unlabelled artist ``_child2``, which is nowhere in the snippet: the report names its
    kind and colour instead, and the first hidden point in the data's coordinates."""
    path = snippet(tmp_path, "unlabelled.py", """
        import matplotlib.pyplot as plt
        plt.figure(figsize=(4, 3))
        plt.plot([0, 1], [0, 1], label="curve")
        plt.plot([0.05, 0.9], [0.95, 0.2], "o", color="tab:red")
        plt.scatter([0.08], [0.9], color="tab:green")
        plt.xlim(0, 1)
        plt.ylim(0, 1)
        plt.legend(loc="upper left")
        plt.show()
    """)
    assert engine.result(path).overlaps == [[
        "the legend over a point of an unlabelled line (#d62728) first at (0.05, 0.95)",
        "the legend over a point of an unlabelled scatter (#2ca02c) first at (0.08, 0.9)",
    ]]


def test_a_curve_behind_its_legend_is_recorded_apart_from_the_page_errors(tmp_path, engine):
    """A curve without markers behind the legend that names it is no page error (the test above), but the result
    records it, for the course's tests (tests/test_figures_legible.py): the flat-region legend hid the bottom of its
    well. A curve that passes beside the legend, and an unlabelled line behind it (a reference line), are not."""
    path = snippet(tmp_path, "covered.py", """
        import matplotlib.pyplot as plt
        plt.figure(figsize=(4, 3))
        plt.plot([0, 1], [0.95, 0.95], label="curve")
        plt.plot([0, 1], [0.9, 0.9], color="0.5")
        plt.plot([0, 1], [0.1, 0.1], label="low")
        plt.ylim(0, 1)
        plt.legend(loc="upper left")
        plt.show()
        plt.figure(figsize=(4, 3))
        plt.plot([0, 1], [0.1, 0.2], label="curve")
        plt.ylim(0, 1)
        plt.legend(loc="upper left")
        plt.show()
    """)
    result = engine.result(path)
    assert result.covered == [["curve"], []] and result.overlaps == [[], []]
    assert Result.from_json(result.to_json()).covered == result.covered




def test_a_wide_row_of_panels_gets_a_stacked_twin_for_phones(tmp_path, engine):
    """A figure of 11 inches with three panels side by side showed its text about 4 px high in a phone's column:
    it gets a twin with the panels stacked, each at its own width (a shared y axis labelled on every panel). A
    narrower figure, a figure with a legend of its own, and one panel do not."""
    path = snippet(tmp_path, "panels.py", """
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, 3, figsize=(11, 3.6), sharey=True)
        for i, ax in enumerate(axes):
            ax.plot([0, 1], [0, 100 * i], label=f"line {i}")
            ax.set_title(f"panel {i}")
            ax.set_xlabel("x")
        plt.tight_layout()
        plt.show()
        fig, axes = plt.subplots(1, 2, figsize=(6, 3))
        plt.show()
        fig, axes = plt.subplots(1, 2, figsize=(10, 3))
        for ax in axes:
            ax.plot([0, 1], label="a")
        fig.legend(loc="lower center", ncol=2)
        plt.show()
        plt.figure(figsize=(10, 3))
        plt.plot([0, 1])
        plt.show()
    """)
    result = engine.result(path)
    assert [bool(n) for n in result.narrow] == [True, False, False, False]
    (w, h), (nw, nh) = (svg_size_pt(svg) for svg in (result.figures[0], result.narrow[0]))
    assert nw < w / 2 and nh > 2 * h, ((w, h), (nw, nh))
    # every panel has its own y scale: the tick label 150 is drawn three times, not once
    assert result.narrow[0].count("<!-- 150 -->") == 3 > result.figures[0].count("<!-- 150 -->") == 1
    assert Result.from_json(result.to_json()).narrow == result.narrow


def _top_and_bottom(svg: str, group: str) -> tuple[float, float]:
    """The highest and lowest y (SVG's y grows downwards) of the first path in the group with this id."""
    d = re.search(rf'<g id="{group}">.*?<path d="([^"]+)"', svg, re.S)[1]
    ys = [float(y) for y in re.findall(r"[-\d.]+ ([-\d.]+)", d)]
    return min(ys), max(ys)


def test_a_wide_figure_gets_a_twin_redrawn_at_a_phone_s_width(tmp_path, engine):
    """A phone draws a figure the column's width, and a 6.3-inch figure's 8 pt legend came out 6 px high. A figure
    drawn wider than PHONE_WIDTH gets a twin that wide, every text at its own size: a title wider than its axes goes
    on two lines, and a legend that would hide the line at that width (matplotlib's "best" found no empty corner
    for the step schedule's) moves under the axes. A figure drawn narrow enough gets none, and a wide row of panels
    keeps its stacked twin as what a phone shows."""
    from coursebuild.engine.figures import PHONE_WIDTH
    from tests.support import GLYPH_SCALE_RE

    title = "MultiStepLR: milestones = [50, 125, 160], gamma = 0.5"
    path = snippet(tmp_path, "wide.py", f"""
        import matplotlib.pyplot as plt
        lr = [0.1 * 0.5 ** sum(e >= m for m in (50, 125, 160)) for e in range(200)]
        plt.figure(figsize=(6, 3.2))
        plt.plot(range(200), lr, drawstyle="steps-post", label="MultiStepLR (decay at milestones)")
        plt.title("{title}")
        plt.xlabel("epoch")
        plt.ylabel("learning rate")
        plt.legend()
        plt.show()
        plt.figure(figsize=(4, 3))
        plt.plot([0, 1])
        plt.show()
        fig, axes = plt.subplots(1, 3, figsize=(11, 3.6))
        plt.show()
    """)
    result = engine.result(path)
    assert [bool(s) for s in result.small] == [True, False, False] and result.narrow[2]
    assert [result.phone_figure(i) for i in range(3)] == [result.small[0], "", result.narrow[2]]
    wide, small = result.figures[0], result.small[0]
    (w, _), (sw, _) = (svg_size_pt(svg) for svg in (wide, small))
    assert sw <= (PHONE_WIDTH + 0.2) * 72 < w, (w, sw)
    assert set(GLYPH_SCALE_RE.findall(small)) == set(GLYPH_SCALE_RE.findall(wide))  # texts at their own sizes
    assert f"<!-- {title} -->" in wide and f"<!-- {title} -->" not in small
    assert "<!-- MultiStepLR: milestones = -->" in small  # the title on two lines
    assert _top_and_bottom(small, "legend_1")[0] > _top_and_bottom(small, "axes_1")[1], "the legend is not under"
    assert _top_and_bottom(wide, "legend_1")[0] < _top_and_bottom(wide, "axes_1")[1]  # drawn wide, it was inside
    assert Result.from_json(result.to_json()).small == result.small


def test_a_stacked_figure_s_alt_text_names_its_panels_not_their_places(tmp_path, engine):
    """On a phone a wide row of panels is shown stacked, where "Left:" and "右图" are top and bottom: the page check
    refuses such an alt text for a figure with a stacked twin, at the figure's line, and accepts it for a figure
    shown as drawn, and an alt text that names the panels by their titles."""
    from coursebuild.errors import PageError
    from coursebuild.pages.check import check_panel_names

    path = snippet(tmp_path, "row.py", """
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
        axes[0].set_title("Flat region")
        axes[1].set_title("Saddle point")
        plt.show()
        fig, axes = plt.subplots(1, 2, figsize=(6, 3))
        plt.show()
    """)
    result = engine.result(path)
    assert [bool(n) for n in result.narrow] == [True, False]

    def check(first: str, second: str = "Left: a; right: b") -> None:
        page = tmp_path / "page.md"
        page.write_text(f'```python\n--8<-- "row.py"\n```\n\n<!--figure: A | {first}-->\n'
                        f"<!--figure: B | {second}-->\n", encoding="utf-8")
        check_panel_names(parse_page(page, snippets_dir=tmp_path).examples[0], result)

    for alt in ("Two panels. Left: a flat curve; right: a saddle", "左右两幅子图，左：平缓区域", "右图 β = 0.9：",
                "In the middle panel, a saddle"):
        with pytest.raises(PageError) as caught:
            check(alt)
        assert "page.md:5: this figure's panels are stacked on a phone" in str(caught.value), alt
        assert "fix: name each panel by its title" in str(caught.value)
    check("Two panels. Flat region: a curve, its plateau on the right; Saddle point: contours")
    check("两幅子图。平缓区域：曲线，右侧的平台；鞍点：其中：等高线")


def test_an_animation_keeps_each_line_s_own_colour(tmp_path, engine):
    """Pillow gave an animation an adaptive colour table: lines came out in colours near their own ((33, 120, 180)
    for tab:blue), and a thin one could lose its colour (SGD's red became Nesterov's orange in a narrower race
    figure). The table now holds the colours the figure's artists draw in: each of seven lines over grey contours
    shows in its own colour, and every other colour is a grey or one of their tints."""
    import io

    from PIL import Image

    from coursebuild.engine.figures import figure_bytes

    path = snippet(tmp_path, "lines.py", """
        import matplotlib.pyplot as plt
        import numpy as np
        from matplotlib.animation import FuncAnimation
        COLOURS = ["tab:red", "tab:blue", "tab:orange", "tab:purple", "tab:brown", "tab:green", "tab:pink"]
        fig = plt.figure(figsize=(5, 4))
        x, y = np.meshgrid(np.linspace(-2, 2, 80), np.linspace(-2, 2, 80))
        plt.contour(x, y, x**2 + 3 * y**2, levels=30, colors="0.8", linewidths=0.8)
        lines = [plt.plot([], [], color=c, linewidth=1.2, label=c)[0] for c in COLOURS]
        plt.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
        plt.subplots_adjust(right=0.7)
        def draw(k):
            for i, line in enumerate(lines):
                t = np.linspace(0, 1, 50)[: k + 2]
                line.set_data(-1.8 + 3.6 * t, -1.5 + 0.45 * i + 0.1 * np.sin(8 * t))
            return lines
        animation = FuncAnimation(fig, draw, frames=5, interval=100)
        plt.show()
    """)
    gif = engine.result(path).figures[0]
    image = Image.open(io.BytesIO(figure_bytes(gif)))
    image.seek(image.n_frames - 1)
    drawn = set(image.convert("RGB").get_flattened_data())
    wanted = {"tab:red": (214, 39, 40), "tab:blue": (31, 119, 180), "tab:orange": (255, 127, 14),
              "tab:purple": (148, 103, 189), "tab:brown": (140, 86, 75), "tab:green": (44, 160, 44),
              "tab:pink": (227, 119, 194)}
    assert not [name for name, rgb in wanted.items() if rgb not in drawn], sorted(drawn)[:40]
    # every other colour is a grey or a tint of one of them towards the paper: nothing in between
    tints = {tuple(round(c + (255 - c) * t) for c in rgb) for rgb in wanted.values() for t in (0.25, 0.5, 0.75)}
    stray = {rgb for rgb in drawn if len(set(rgb)) > 1 and rgb not in set(wanted.values()) | tints}
    assert not stray, sorted(stray)[:20]


def test_an_animation_of_many_colours_keeps_pillow_s_own_table(tmp_path, engine):
    """The table of the figure's own colours holds 47 of them with their tints; an animation that draws more (a
    scatter coloured by 200 values) or an image keeps Pillow's adaptive table: its colours are not forced onto
    a few greys and tints. A contour in one colour (the race's) or in a few levels' colours fits the table."""
    import io

    from PIL import Image

    from coursebuild.engine.figures import figure_bytes

    path = snippet(tmp_path, "many.py", """
        import matplotlib.pyplot as plt
        import numpy as np
        from matplotlib.animation import FuncAnimation
        fig = plt.figure(figsize=(4, 3))
        x = np.linspace(0, 1, 200)
        points = plt.scatter(x, x**2, c=x, cmap="viridis", s=30)
        def draw(k):
            points.set_offsets(np.column_stack([x, (x + 0.05 * k) ** 2]))
            return [points]
        animation = FuncAnimation(fig, draw, frames=3, interval=100)
        plt.show()
        fig = plt.figure(figsize=(4, 3))
        gx, gy = np.meshgrid(np.linspace(-1, 1, 60), np.linspace(-1, 1, 60))
        plt.contourf(gx, gy, gx**2 + gy**2, levels=8, cmap="viridis")
        line, = plt.plot([], [], color="tab:red", linewidth=1.2)
        def trace(k):
            line.set_data(np.linspace(-1, 1, 10)[: k + 2], np.zeros(k + 2))
            return [line]
        animation2 = FuncAnimation(fig, trace, frames=3, interval=100)
        plt.show()
    """)
    scatter, contour = (Image.open(io.BytesIO(figure_bytes(gif))) for gif in engine.result(path).figures)
    scatter.seek(scatter.n_frames - 1)
    coloured = {rgb for rgb in scatter.convert("RGB").get_flattened_data() if max(rgb) - min(rgb) > 6}
    assert len(coloured) > 120, len(coloured)  # Pillow's table: 176 shades; the first 47 colours' tints: 88
    contour.seek(contour.n_frames - 1)
    assert (214, 39, 40) in set(contour.convert("RGB").get_flattened_data())  # the fixed table: the line's exact red
