"""Every snippet runs as ``python snippets/<lesson>/<name>.py`` from a clean shell would, whatever ran before.

A matrix of hostile snippets, each followed by a probe of the interpreter state: each gives a clear error or a
clean result, the probe after it sees a fresh interpreter (exactly what the probe prints when run alone), the
repository is untouched and every cache entry stays readable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from coursebuild import ROOT
from coursebuild.engine import Engine
from coursebuild.errors import SnippetError, SnippetTimeout

PROBE = """\
import os, sys
import torch
print("env", os.environ.get("COURSE_LEAK"))
print("modules", "course_leak" in sys.modules, "xml.dom.minidom" in sys.modules)
print("threads", torch.get_num_threads(), torch.get_num_interop_threads() > 0)
print("cwd", os.listdir("."))
print("path0", sys.path[0] == os.path.dirname(os.path.abspath(__file__)), "/course-leak" in sys.path)
print("stdin", repr(sys.stdin.read()))
"""

# (name, code, expected stdout or the error the snippet must give)
HOSTILE = [
    ("environment", "import os\nos.environ['COURSE_LEAK'] = '1'\nos.putenv('COURSE_LEAK', '1')\nprint('set')\n",
     "set\n"),
    ("modules", "import sys, types, xml.dom.minidom\nsys.modules['course_leak'] = types.ModuleType('x')\n"
     "print('added')\n", "added\n"),
    ("threads", "import torch\ntorch.set_num_threads(1)\nprint(torch.get_num_threads())\n", "1\n"),
    ("cwd", "import os\nos.chdir('/')\nprint('moved')\n", "moved\n"),
    ("sys.path", "import sys\nsys.path.insert(0, '/course-leak')\nprint('inserted')\n", "inserted\n"),
    ("input", "x = input('number? ')\nprint(x)\n", (SnippetError, "raised EOFError")),
    ("writes a file", "with open('written.txt', 'w') as fh:\n    fh.write('x')\nprint('written')\n",
     "written\n"),
    ("closes stdout", "import sys\nprint('before')\nsys.stdout.close()\n", "before\n"),
    ("prints after closing stdout", "import sys\nsys.stdout.close()\nprint('after')\n",
     (SnippetError, "raised ValueError: I/O operation on closed file")),
    ("thread outlives it", "import threading, time\n"
     "threading.Thread(target=lambda: (time.sleep(30), print('late'))).start()\nprint('started')\n",
     "started\n"),
    ("memory", "block = bytearray(64 * 2**30)\nprint(len(block))\n", (SnippetError, "raised MemoryError")),
    ("sleeps forever", "import time\nwhile True:\n    time.sleep(1)\n", SnippetTimeout),
    ("kills its process", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n",
     (SnippetError, "interpreter was killed by signal SIGKILL")),
]


def probe_alone(tmp_path) -> subprocess.Popen:
    """The probe started in a fresh interpreter from an empty folder, stdin empty (read it with
    :func:`printed`)."""
    folder = tmp_path / "alone"
    folder.mkdir()
    probe = folder / "probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "MPLBACKEND": "Agg"}
    return subprocess.Popen([sys.executable, str(probe)], cwd=folder, env=env, stdout=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)


def printed(alone: subprocess.Popen) -> str:
    stdout = alone.communicate(timeout=120)[0]
    return stdout.replace("cwd ['probe.py']", "cwd []")  # alone, the probe sits in its own folder


def test_hostile_snippets_leave_nothing_behind(tmp_path):
    alone = probe_alone(tmp_path)  # runs while the engine starts
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    engine = Engine(tmp_path / "cache", timeout=2)
    repo_before = sorted(p.name for p in ROOT.iterdir())
    try:
        engine.interpreter.start()
        expected_probe = printed(alone)
        assert "env None" in expected_probe and "threads" in expected_probe
        for i, (name, code, expected) in enumerate(HOSTILE):
            path = snippets / f"hostile{i}.py"
            path.write_text(code, encoding="utf-8")
            started = time.perf_counter()
            if isinstance(expected, str):
                assert engine.result(path).stdout == expected, name
            else:
                kind, words = expected if isinstance(expected, tuple) else (expected, "")
                with pytest.raises(kind) as caught:
                    engine.result(path)
                assert words in str(caught.value), f"{name}: {caught.value}"
            assert time.perf_counter() - started < 20, f"{name} took too long"
            probe = snippets / f"probe{i}.py"
            probe.write_text(PROBE + f"# after {name}\n", encoding="utf-8")
            assert engine.result(probe).stdout == expected_probe, f"the probe after {name!r} saw leftovers"
            assert not (snippets / "written.txt").exists() and not (ROOT / "written.txt").exists()
        assert engine.interpreter.starts == 1, "a hostile snippet cost the warm interpreter"
    finally:
        engine.close()
    assert sorted(p.name for p in ROOT.iterdir()) == repo_before
    for entry in (tmp_path / "cache").rglob("*.json"):
        assert "result" in json.loads(entry.read_text(encoding="utf-8"))


def test_isolation_cost_is_small(tmp_path):
    """Forking a child per snippet (torch already imported) costs milliseconds, not an import of torch."""
    engine = Engine(tmp_path / "cache", timeout=30)
    try:
        engine.result(write(tmp_path, "warm.py", "import torch\nprint(1)\n"))
        started = time.perf_counter()
        for i in range(10):
            engine.result(write(tmp_path, f"s{i}.py", f"import torch\nprint(torch.tensor([{i}]).item())\n"))
        per_snippet = (time.perf_counter() - started) / 10
    finally:
        engine.close()
    print(f"\nper-snippet overhead of a forked run: {per_snippet * 1000:.1f} ms")
    assert per_snippet < 0.5


def write(tmp_path, name, code):
    path = tmp_path / name
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return path
