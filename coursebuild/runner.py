"""Parent side of the warm interpreter: start it lazily, send a snippet, enforce the time limit.

A snippet that loops forever or kills its interpreter costs one restart, never the build.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import ROOT
from .errors import SnippetError, SnippetTimeout

#: Seconds the interpreter may take to import torch and matplotlib before its first snippet.
STARTUP_TIMEOUT = 180.0


@dataclass
class Result:
    """What a snippet printed and drew."""

    stdout: str
    figures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"stdout": self.stdout, "figures": self.figures, "seconds": self.seconds}

    @classmethod
    def from_json(cls, data: dict) -> Result:
        if not isinstance(data.get("stdout"), str) or not isinstance(data.get("figures"), list):
            raise ValueError("not a snippet result")
        return cls(data["stdout"], list(data["figures"]), float(data.get("seconds", 0.0)))


class WarmInterpreter:
    def __init__(self, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        self.runs = 0

    def _start(self, path: Path) -> subprocess.Popen:
        """Start the worker and wait until it has imported torch (not counted in a snippet's time)."""
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
                   PYTHONHASHSEED="0", MPLBACKEND="Agg", PYTHONIOENCODING="utf-8")
        self.starts += 1
        self.proc = subprocess.Popen([sys.executable, "-m", "coursebuild.worker"], cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        if "ready" not in self._reply(path, STARTUP_TIMEOUT, "starting the interpreter"):
            raise SnippetError(path, "the warm interpreter did not start")
        return self.proc

    def _reply(self, path: Path, timeout: float, doing: str) -> dict:
        proc = self.proc
        ready, _, _ = select.select([proc.stdout], [], [], timeout)
        if not ready:
            self.close()
            if doing == "running the snippet":
                raise SnippetTimeout(path, timeout)
            raise SnippetError(path, f"no answer after {timeout:g} s while {doing}")
        line = proc.stdout.readline()
        if not line:
            code = proc.wait()
            self.close()
            raise SnippetError(path, f"the interpreter exited (code {code}) while {doing}")
        return json.loads(line)

    def run(self, path: Path) -> Result:
        path = Path(path).resolve()
        self.runs += 1
        if self.proc is None or self.proc.poll() is not None:
            self._start(path)
        try:
            self.proc.stdin.write(json.dumps({"path": str(path)}) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.close()
            raise SnippetError(path, "the warm interpreter died before the snippet started") from None
        reply = self._reply(path, self.timeout, "running the snippet")
        if reply["error"]:
            err = reply["error"]
            raise SnippetError(path, f"raised {err['type']}: {err['message']}\n{err['traceback']}",
                               err["line"])
        return Result(reply["stdout"], reply["figures"], reply["seconds"])

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream:
                    stream.close()
        self.proc = None
