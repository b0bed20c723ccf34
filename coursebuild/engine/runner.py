"""Parent side of a warm interpreter: start it, send it a snippet, read the reply.

The warm interpreter (``worker.py``) enforces each snippet's time limit itself by killing the snippet's
child; the parent waits a little longer than that and restarts the interpreter only if it stops answering.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
from pathlib import Path

from .. import ROOT
from ..errors import SnippetError, SnippetTimeout
from .result import Result

#: Seconds the interpreter may take to import torch and matplotlib before its first snippet.
STARTUP_TIMEOUT = 180.0
#: Seconds beyond a snippet's own limit that the interpreter may take to fork it and send its reply.
REPLY_SLACK = 30.0

__all__ = ["Result", "WarmInterpreter", "keep_spares", "take_spares"]

#: Ready interpreters that a closed engine left for the next one in this process, by the exact command
#: environment a new one would start with. Off unless :func:`keep_spares` turns it on: the test suite builds
#: hundreds of short-lived engines, and an interpreter's own state never changes (every snippet runs in a
#: forked child), so a spare answers exactly as a new one would, without importing torch again.
_spares: dict[tuple, list[subprocess.Popen]] = {}
_keep = False
_take = True


def keep_spares(on: bool) -> None:
    """Keep closed interpreters for reuse (``True``) or kill them on close, as a build does (``False``)."""
    global _keep
    _keep = on
    if not on:
        _kill_spares()


def take_spares(on: bool) -> None:
    """``False``: every interpreter started from now on is a new process (a test about different
    interpreters), while the spares already kept stay for later."""
    global _take
    _take = on


@atexit.register
def _kill_spares() -> None:
    for procs in _spares.values():
        for proc in procs:
            _stop(proc)
    _spares.clear()


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    for stream in (proc.stdin, proc.stdout):
        if stream:
            stream.close()


class WarmInterpreter:
    def __init__(self, timeout: float = 60.0, preload: bool = False) -> None:
        self.timeout = timeout
        self.preload = preload  # import worker.PRELOAD before the first snippet (a build's interpreters do)
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        self.runs = 0
        self._ready = False
        self._spare_key: tuple = ()

    def start(self) -> None:
        """Start the worker (it imports torch); :meth:`wait_ready` waits for it. Starting several at once
        lets their imports overlap."""
        if self.proc is not None and self.proc.poll() is None:
            return
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
                   PYTHONHASHSEED="0", MPLBACKEND="Agg", PYTHONIOENCODING="utf-8")
        self.starts += 1
        # pytest names the running test in the environment; nothing a snippet sees depends on it
        command = [sys.executable, "-m", "coursebuild.engine.worker", *(["--preload"] if self.preload else [])]
        self._spare_key = (*command, *sorted((k, v) for k, v in env.items() if k != "PYTEST_CURRENT_TEST"))
        spares = _spares.get(self._spare_key, []) if _take else []
        while spares:
            proc = spares.pop()
            if proc.poll() is None:
                self.proc, self._ready = proc, True
                return
            _stop(proc)
        self.proc = subprocess.Popen(command, cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self._ready = False

    def wait_ready(self, path: Path) -> None:
        if not self._ready:
            if "ready" not in self._reply(path, STARTUP_TIMEOUT, "starting the interpreter"):
                raise SnippetError(path, "the warm interpreter did not start")
            self._ready = True

    def _reply(self, path: Path, timeout: float, doing: str) -> dict:
        proc = self.proc
        ready, _, _ = select.select([proc.stdout], [], [], timeout)
        if not ready:
            self.close(spare=False)
            raise SnippetError(path, f"no answer after {timeout:g} s while {doing}")
        line = proc.stdout.readline()
        if not line:
            code = proc.wait()
            self.close(spare=False)
            raise SnippetError(path, f"the interpreter exited (code {code}) while {doing}")
        return json.loads(line)

    def run(self, path: Path, names: list[str] | tuple = ()) -> Result:
        path = Path(path).resolve()
        self.runs += 1
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        self.wait_ready(path)
        try:
            self.proc.stdin.write(json.dumps({"path": str(path), "names": sorted(names),
                                              "timeout": self.timeout}) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.close(spare=False)
            raise SnippetError(path, "the warm interpreter died before the snippet started") from None
        reply = self._reply(path, self.timeout + REPLY_SLACK, "running the snippet")
        if reply.get("timeout"):
            raise SnippetTimeout(path, self.timeout)
        if reply["error"]:
            err = reply["error"]
            if err["type"] == "ProcessError":  # it crashed: no Python exception, no traceback
                raise SnippetError(path, err["message"])
            raise SnippetError(path, f"raised {err['type']}: {err['message']}\n{err['traceback']}",
                               err["line"])
        return Result(reply["stdout"], reply["figures"], reply["seconds"], reply.get("values", {}),
                      reply.get("names", []), reply.get("texts", []), reply.get("dark", []))

    def close(self, spare: bool = True) -> None:
        """Stop the interpreter, or keep it for the next engine (:func:`keep_spares`) when it is idle and ready."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if spare and _keep and self._ready and proc.poll() is None:
            _spares.setdefault(self._spare_key, []).append(proc)
            return
        _stop(proc)
