"""SIGTERM stops a build or `mkdocs serve` the way Ctrl+C does.

Python's default for SIGTERM (``kill``, ``docker stop``, a cancelled CI job, ``subprocess.Popen.terminate``) ends
the process at once, and nothing cleans up: `mkdocs serve` left its site folder in the temporary directory
(≈ 37 MB each time), the notebooks part its folder of page variants (≈ 6 MB), `serve --dirty` its follow-up
folder. Raised as ``KeyboardInterrupt`` in the main thread, the signal takes Ctrl+C's path: MkDocs shuts the server
down and removes its folder, the plugin's ``on_shutdown`` closes the engine, and the temporary folders go as the
process exits.
"""

from __future__ import annotations

import signal
import threading


def stop_on_sigterm_as_on_ctrl_c() -> None:
    """Where SIGTERM still has Python's default (nobody else handles it), and from the main thread only."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt(f"stopped by signal {signum}")
