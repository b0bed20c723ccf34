"""`mkdocs serve` rebuilds exactly once per edit: generated files never land in a watched folder."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time

import pytest

from coursebuild.cli.sandbox import build_env
from tests.support import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(proc, proc_log, pattern, count, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if len(re.findall(pattern, proc_log.read_text())) >= count:
            return True
        time.sleep(0.5)
    return False


@pytest.mark.slow
def test_one_rebuild_per_snippet_edit(tmp_path):
    project = copy_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a",
                                 f"127.0.0.1:{free_port()}"], cwd=project, env=build_env(),
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        assert wait_for(proc, log, r"Serving on", 1, 300), log.read_text()
        time.sleep(3)
        assert "Detected file changes" not in log.read_text(), "serve rebuilt without an edit"
        snippet = project / "snippets" / "optimizers" / "momentum.zh.py"
        snippet.write_text(snippet.read_text() + "# edited\n")
        assert wait_for(proc, log, r"Detected file changes", 1, 60), log.read_text()
        assert wait_for(proc, log, r"Documentation built|Serving on", 2, 300), log.read_text()
        time.sleep(8)  # a rebuild loop would show up as more change detections here
        text = log.read_text()
        assert text.count("Detected file changes") == 1, text
        assert not list((project / "docs").rglob("*.svg")), "generated figures written into docs/"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.slow
def test_dirty_serve_shows_a_prose_edit_and_a_snippet_edit_on_the_page_and_its_notebook(tmp_path):
    """`mkdocs serve --dirty` (the author's loop): only what an edit touched is rendered again, and it shows."""
    from coursebuild.cli.bench import wait_until

    project = copy_project(tmp_path / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                cwd=project, env=build_env(SITE_URL=base), stdout=out, stderr=subprocess.STDOUT)
    try:
        assert wait_until(base + "optimizers/", "</html>", 300) is not None, log.read_text()
        time.sleep(2)
        page = project / "docs" / "optimizers.md"
        page.write_text(page.read_text(encoding="utf-8").replace("\n## ", "\nproseedit42\n\n## ", 1), encoding="utf-8")
        assert wait_until(base + "optimizers/", "proseedit42", 120) is not None, log.read_text()
        assert wait_until(base + "notebooks/optimizers/", "proseedit42", 5) is not None, "the notebook kept old prose"
        snippet = project / "snippets" / "optimizers" / "momentum.zh.py"
        snippet.write_text(snippet.read_text(encoding="utf-8").replace("import torch\n", "import torch\n\n"
                                                                       "EDITED = 'snippetedit42'\n", 1),
                           encoding="utf-8")
        assert wait_until(base + "optimizers/", "snippetedit42", 120) is not None, log.read_text()
        assert wait_until(base + "notebooks/optimizers/", "snippetedit42", 5) is not None, "the notebook kept old code"
        text = log.read_text()
        assert "1 snippet(s) executed" in text, text  # the edited one, nothing else
        rebuilt = re.findall(r"rendered again for their snippets or notices: (.*)", text)
        assert rebuilt and all("gradient-descent" not in line for line in rebuilt), rebuilt
        assert "ERROR" not in text, text
    finally:
        proc.terminate()
        proc.wait(timeout=30)
