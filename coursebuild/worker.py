"""The warm interpreter: runs snippets one after another in one process (torch is imported once).

Protocol: one JSON request per line on stdin (``{"path": ...}``), one JSON reply per line on a
private copy of the original stdout. File descriptor 1 is pointed at stderr, so nothing a snippet
writes outside ``sys.stdout`` can corrupt the replies.
"""

from __future__ import annotations

import io
import json
import os
import runpy
import sys
import time
import traceback
from contextlib import redirect_stdout

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from .figures import FigureCapture  # noqa: E402
from .reset import reset_state  # noqa: E402


def run_snippet(path: str) -> dict:
    reset_state(path)
    capture = FigureCapture()
    real_show = plt.show
    plt.show = lambda *args, **kwargs: capture.show(*args, **kwargs)
    out = io.StringIO()
    started = time.perf_counter()
    error = None
    try:
        with redirect_stdout(out):
            runpy.run_path(path, run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (None, 0):
            error = _describe(exc, path)
    except BaseException as exc:  # noqa: BLE001 - a snippet may raise anything; report it
        error = _describe(exc, path)
    finally:
        plt.show = real_show
        plt.close("all")
    return {"stdout": out.getvalue(), "figures": capture.svgs, "error": error,
            "seconds": time.perf_counter() - started}


def _describe(exc: BaseException, path: str) -> dict:
    """The traceback from the snippet's first frame on, and the snippet line that failed."""
    frames = traceback.extract_tb(exc.__traceback__)
    own = [i for i, f in enumerate(frames) if os.path.abspath(f.filename) == path]
    start = own[0] if own else 0
    text = "Traceback (most recent call last):\n"
    text += "".join(traceback.format_list(frames[start:]))
    text += "".join(traceback.format_exception_only(type(exc), exc))
    line = frames[own[-1]].lineno if own else getattr(exc, "lineno", None)
    return {"type": type(exc).__name__, "message": str(exc), "traceback": text, "line": line}


def warm_up() -> None:
    """Import the heavy libraries once, before the first snippet's clock starts."""
    import numpy  # noqa: F401
    import torch  # noqa: F401

    from .figures import register_cjk_font

    register_cjk_font()


def main() -> None:
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8")
    warm_up()
    replies.write(json.dumps({"ready": True}) + "\n")
    replies.flush()
    with replies:
        for request in sys.stdin:
            path = json.loads(request)["path"]
            replies.write(json.dumps(run_snippet(path)) + "\n")
            replies.flush()


if __name__ == "__main__":
    main()
