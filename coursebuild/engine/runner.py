"""Parent side of a warm interpreter: start it (or fork it from another one), send it a snippet, read the reply.

The warm interpreter (``worker.py``) enforces each snippet's time limit itself by killing the snippet's
child; the parent waits a little longer than that and restarts the interpreter only if it stops answering.
The second and further interpreters of a pool are clones of the first (its ``--control`` socket): torch is
imported once per pool, not once per interpreter.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from .. import ROOT
from ..errors import SnippetError, SnippetTimeout
from .result import Result

#: Seconds the interpreter may take to import torch and matplotlib before its first snippet.
STARTUP_TIMEOUT = 180.0
#: Seconds beyond a snippet's own limit that the interpreter may take to fork it and send its reply.
REPLY_SLACK = 30.0

#: The thread pools of torch (OpenMP, MKL) and of numpy (OpenBLAS), each read once when its library loads: an
#: interpreter started with them set runs every snippet's operations on that many threads (three of the variables
#: joblib's loky sets in its workers, for the same reason).
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")

__all__ = ["Result", "WarmInterpreter", "keep_spares", "take_spares"]

#: Ready interpreters that a closed engine left for the next one in this process, by the exact command
#: environment a new one would start with. Off unless :func:`keep_spares` turns it on: the test suite builds
#: hundreds of short-lived engines, and an interpreter's own state never changes (every snippet runs in a
#: forked child), so a spare answers exactly as a new one would, without importing torch again.
_spares: dict[tuple, list[subprocess.Popen]] = {}
#: Variables left out of a spare's key: no snippet's output depends on them, and they change within one test
#: session. pytest names the running test in ``PYTEST_CURRENT_TEST``; Material for MkDocs sets
#: ``NO_MKDOCS_2_WARNING`` to "true" in the process that imports it (so that its end-of-life banner shows once),
#: and with it in the key, each interpreter started after the first test that loaded the theme found no spare.
NOT_IN_SPARE_KEY = ("PYTEST_CURRENT_TEST", "NO_MKDOCS_2_WARNING")
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


class Clone:
    """The part of ``Popen`` the runner uses, for an interpreter forked by another one: that one is its parent
    and reaps it; here it is only signalled. Its pid is known once it said it is ready."""

    def __init__(self, stdin, stdout) -> None:
        self.stdin, self.stdout = stdin, stdout
        self.pid: int | None = None
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and self.pid is not None and not _alive(self.pid):
            self.returncode = -1  # its exit status went to its parent
        return self.returncode

    def kill(self) -> None:
        if self.pid is not None and self.returncode is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.returncode = -signal.SIGKILL if self.returncode is None else self.returncode
        # not started yet (no pid): the request pipe's end, closed by _stop, ends it before its first request

    def wait(self) -> int:
        if self.pid is None:  # it never said it was ready: nothing to wait for here
            return self.returncode if self.returncode is not None else -1
        deadline = time.monotonic() + 5
        while self.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.returncode if self.returncode is not None else -1


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, exited but not yet reaped by its parent, does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


def _stop(proc: subprocess.Popen | Clone) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    for stream in (proc.stdin, proc.stdout, getattr(proc, "control", None)):
        if stream:
            stream.close()


class WarmInterpreter:
    def __init__(self, timeout: float = 60.0, preload: bool = False, origin: WarmInterpreter | None = None,
                 threads: int = 0) -> None:
        self.timeout = timeout
        self.preload = preload  # import worker.PRELOAD before the first snippet (a build's interpreters do)
        self.threads = threads  # each snippet's threads (THREAD_VARIABLES; 0: the libraries' defaults)
        self.origin = origin  # the interpreter this one is forked from (None: it starts a process of its own)
        self.proc: subprocess.Popen | Clone | None = None
        self.starts = 0
        self.runs = 0
        self._ready = False
        self._spare_key: tuple = ()
        self._lock = threading.RLock()  # start and discard: the origin's clones start it from their threads

    def start(self) -> None:
        """Start the worker (it imports torch), or fork it from :attr:`origin`; :meth:`wait_ready` waits for it.
        Starting several at once lets their imports overlap."""
        with self._lock:
            if self.proc is not None and self.proc.poll() is None:
                return
            if self.origin is not None and self._clone():
                return
            self._spawn()

    def _clone(self) -> bool:
        """Ask the origin (started now if need be) to fork this interpreter; False if it cannot."""
        self.origin.start()
        proc = self.origin.proc
        control = getattr(proc, "control", None)
        if control is None:
            return False
        requests_r, requests_w = os.pipe()
        replies_r, replies_w = os.pipe()
        try:
            socket.send_fds(control, [b"clone"], [requests_r, replies_w])
        except OSError:  # the origin has gone: this one starts a process of its own
            for fd in (requests_w, replies_r):
                os.close(fd)
            return False
        finally:
            os.close(requests_r)
            os.close(replies_w)
        self.starts += 1
        self.proc = Clone(os.fdopen(requests_w, "w", encoding="utf-8"), os.fdopen(replies_r, "r", encoding="utf-8"))
        self._ready, self._spare_key = False, ()
        return True

    def _spawn(self) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
                   PYTHONHASHSEED="0", MPLBACKEND="Agg", PYTHONIOENCODING="utf-8")
        for name in THREAD_VARIABLES if self.threads else ():
            env.setdefault(name, str(self.threads))  # one the author set stays as set
        self.starts += 1
        command = [sys.executable, "-m", "coursebuild.engine.worker", *(["--preload"] if self.preload else [])]
        self._spare_key = (*command, *sorted((k, v) for k, v in env.items() if k not in NOT_IN_SPARE_KEY))
        spares = _spares.get(self._spare_key, []) if _take else []
        while spares:
            proc = spares.pop()
            if proc.poll() is None:
                self.proc, self._ready = proc, True
                return
            _stop(proc)
        control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        with theirs:
            self.proc = subprocess.Popen([*command, "--control", str(theirs.fileno())], cwd=ROOT, env=env,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
                                         pass_fds=(theirs.fileno(),))
        self.proc.control = control  # kept with the process, spares included
        self._ready = False

    def wait_ready(self, path: Path) -> None:
        if not self._ready:
            reply = self._reply(path, STARTUP_TIMEOUT, "starting the interpreter")
            if "ready" not in reply:
                raise SnippetError(path, "the warm interpreter did not start")
            if isinstance(self.proc, Clone):
                self.proc.pid = reply["pid"]
            self._ready = True

    def _reply(self, path: Path, timeout: float, doing: str) -> dict:
        proc = self.proc
        ready, _, _ = select.select([proc.stdout], [], [], timeout)
        if not ready:
            self._discard(proc)
            raise SnippetError(path, f"no answer after {timeout:g} s while {doing}")
        line = proc.stdout.readline()
        if not line:
            code = proc.wait()
            self._discard(proc)
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
            self._discard(self.proc)
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
        return Result.from_json(reply)  # the worker's reply has a result's fields (and error, timeout)

    def _discard(self, proc) -> None:
        """Stop ``proc``, which failed, and forget it unless another thread has already started its successor."""
        with self._lock:
            if self.proc is proc:
                self.proc = None
        _stop(proc)

    def close(self, spare: bool = True) -> None:
        """Stop the interpreter, or keep it for the next engine (:func:`keep_spares`) when it is idle and ready."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if spare and _keep and self._ready and not isinstance(proc, Clone) and proc.poll() is None:
            _spares.setdefault(self._spare_key, []).append(proc)
            return
        _stop(proc)
