"""Parent side of the warm interpreter: start it lazily, send a snippet, enforce the time limit.

A snippet that loops forever or kills its interpreter costs one restart, never the build.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import ROOT
from .errors import SnippetError, SnippetTimeout


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

    def _start(self) -> subprocess.Popen:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
                   PYTHONHASHSEED="0", MPLBACKEND="Agg", PYTHONIOENCODING="utf-8")
        self.starts += 1
        return subprocess.Popen([sys.executable, "-m", "coursebuild.worker"], cwd=ROOT, env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def run(self, path: Path) -> Result:
        path = Path(path).resolve()
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
        proc = self.proc
        try:
            proc.stdin.write(json.dumps({"path": str(path)}) + "\n")
            proc.stdin.flush()
        except BrokenPipeError:
            self.close()
            raise SnippetError(path, "the warm interpreter died before the snippet started") from None
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.close()
                raise SnippetTimeout(path, self.timeout)
            ready, _, _ = select.select([proc.stdout], [], [], left)
            if ready:
                break
        line = proc.stdout.readline()
        if not line:
            code = proc.wait()
            self.close()
            raise SnippetError(path, f"the interpreter exited (code {code}) while running the snippet")
        reply = json.loads(line)
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
