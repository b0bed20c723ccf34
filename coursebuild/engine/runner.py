"""Parent side of a warm interpreter: start it, send it a snippet, read the reply.

The warm interpreter (``worker.py``) enforces each snippet's time limit itself by killing the snippet's
child; the parent waits a little longer than that and restarts the interpreter only if it stops answering.
"""

from __future__ import annotations

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

__all__ = ["Result", "WarmInterpreter"]


class WarmInterpreter:
    def __init__(self, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        self.runs = 0

    def start(self) -> None:
        """Start the worker (it imports torch); :meth:`wait_ready` waits for it. Starting several at once
        lets their imports overlap."""
        if self.proc is not None and self.proc.poll() is None:
            return
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
                   PYTHONHASHSEED="0", MPLBACKEND="Agg", PYTHONIOENCODING="utf-8")
        self.starts += 1
        self.proc = subprocess.Popen([sys.executable, "-m", "coursebuild.engine.worker"], cwd=ROOT, env=env,
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
            self.close()
            raise SnippetError(path, f"no answer after {timeout:g} s while {doing}")
        line = proc.stdout.readline()
        if not line:
            code = proc.wait()
            self.close()
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
            self.close()
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
                      reply.get("names", []), reply.get("texts", []))

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream:
                    stream.close()
        self.proc = None
