"""The engine's settings: the plugin's options in ``mkdocs.yml``, overridden by environment variables.

The plugin (``plugins: - coursebuild: {...}``) validates the options; the command-line tools and the tests,
which run without MkDocs, start from the same defaults. An environment variable wins over both, so that CI
and the tests can change one setting without editing ``mkdocs.yml``:

    COURSEBUILD_EXECUTE=0     run no snippet (cached results only; the others show as not run)
    COURSEBUILD_TIMEOUT=60    seconds one snippet may run
    COURSEBUILD_CACHE_DIR     where results are kept (default .cache/coursebuild, relative to the project)
    COURSEBUILD_NO_CACHE=1    ignore the cache (always execute)
    COURSEBUILD_WORKERS=N     warm interpreters that run snippets in parallel (default: the number of cores
                              this process may use, see usable_cores); with N > 1, each snippet's torch and
                              numpy use cores // N threads
    COURSEBUILD_NOTEBOOKS=0   build no companion notebooks
    COURSEBUILD_MEMORY_MB     address space one snippet may add (default 4096; read by the worker)
    COURSEBUILD_BOOK_PDF=0    print no PDF of the book (default: the plugin's ``book_pdf``, off under ``mkdocs
                              serve``; read by the plugin, since it needs Chromium)
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, replace
from pathlib import Path

from . import ROOT

#: Linux's CPU bandwidth limit of the process's control group: cgroup v2's "quota period" (or "max"), and cgroup
#: v1's quota and period (a quota of -1: none). Where ``docker run --cpus 2`` puts it.
CGROUP_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")
CGROUP_V1_QUOTA = Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")
CGROUP_V1_PERIOD = Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us")


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity, at most its control group's CPU quota (rounded up).

    ``os.cpu_count()`` counts the host's cores: in a container limited to 2 CPUs on a 32-core host it says 32, and a
    pool of 32 warm interpreters (≈ 330 MB each) would share 2 CPUs. This is the count joblib's loky uses for the
    same reason (``loky.cpu_count``: affinity and cgroup v1/v2 quota), without its physical-core option."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on this system (macOS, Windows)
        cores = os.cpu_count() or 1
    try:
        if CGROUP_CPU_MAX.is_file():
            quota, period = CGROUP_CPU_MAX.read_text().split()[:2]
        elif CGROUP_V1_QUOTA.is_file() and CGROUP_V1_PERIOD.is_file():
            quota, period = CGROUP_V1_QUOTA.read_text().strip(), CGROUP_V1_PERIOD.read_text().strip()
        else:
            quota, period = "max", "0"
        if quota != "max" and int(quota) > 0 and int(period) > 0:
            cores = min(cores, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):  # unreadable or unexpected: the affinity alone
        pass
    return max(1, cores)


#: The result cache's folder, relative to the project (the plugin's ``cache_dir`` option resolves it there).
CACHE_DIR = ".cache/coursebuild"


@dataclass(frozen=True)
class Settings:
    """Each default is also the default of the plugin's option of the same name (CourseBuildConfig)."""

    execute: bool = True
    timeout: float = 60.0
    cache_dir: Path = ROOT / CACHE_DIR
    use_cache: bool = True
    workers: int = 0  # 0: one per usable core
    notebooks: bool = True

    @property
    def pool_size(self) -> int:
        return self.workers if self.workers > 0 else usable_cores()

    def with_environment(self, environ=os.environ) -> Settings:
        """These settings with every ``COURSEBUILD_*`` override applied."""
        changes: dict = {}
        if "COURSEBUILD_EXECUTE" in environ:
            changes["execute"] = environ["COURSEBUILD_EXECUTE"] != "0"
        if "COURSEBUILD_TIMEOUT" in environ:
            changes["timeout"] = float(environ["COURSEBUILD_TIMEOUT"])
        if environ.get("COURSEBUILD_CACHE_DIR"):
            changes["cache_dir"] = Path(environ["COURSEBUILD_CACHE_DIR"])
        if "COURSEBUILD_NO_CACHE" in environ:
            changes["use_cache"] = environ["COURSEBUILD_NO_CACHE"] != "1"
        if environ.get("COURSEBUILD_WORKERS"):
            changes["workers"] = int(environ["COURSEBUILD_WORKERS"])
        if "COURSEBUILD_NOTEBOOKS" in environ:
            changes["notebooks"] = environ["COURSEBUILD_NOTEBOOKS"] != "0"
        return replace(self, **changes)


def from_environment() -> Settings:
    return Settings().with_environment()
