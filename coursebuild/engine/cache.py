"""Snippet results on disk, keyed by the snippet's source and the runtime that produced them.

A key changes when the snippet, Python, torch, numpy, matplotlib, the CJK font or the code that
runs snippets (worker, reset, figures) changes; nothing else can change what a seeded snippet
prints. Entries are written atomically (temp file + rename), so a build killed mid-way leaves
either the old entry or the new one; an unreadable entry is deleted and recomputed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .result import Result

log = logging.getLogger("mkdocs.plugins.coursebuild")

RUNTIME_PACKAGES = ("torch", "numpy", "matplotlib", "noto-cjk-sans-otc")
#: Modules whose code runs inside the warm interpreter: they can change what a snippet prints.
WORKER_MODULES = ("worker.py", "reset.py", "figures.py", "values.py")


@lru_cache(maxsize=1)
def runtime_fingerprint() -> str:
    """Versions that shape a snippet's output, read without importing torch."""
    parts = [f"python={platform.python_version()}", f"machine={platform.machine()}"]
    for name in RUNTIME_PACKAGES:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=missing")
    here = Path(__file__).parent
    for module in WORKER_MODULES:
        parts.append(f"{module}={hashlib.sha256((here / module).read_bytes()).hexdigest()}")
    return "\n".join(parts)


def cache_key(source: bytes) -> str:
    return hashlib.sha256(runtime_fingerprint().encode() + b"\0" + source).hexdigest()


class ResultCache:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Result | None:
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("key") != key:
                raise ValueError("entry written for another key")
            return Result.from_json(data["result"])
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            log.warning("coursebuild: corrupt cache entry %s (%s): deleted, the snippet runs again", path, exc)
            path.unlink(missing_ok=True)
            return None

    def put(self, key: str, result: Result) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"key": key, "result": result.to_json()}, fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
