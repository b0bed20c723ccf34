"""Build benchmark: clean build, warm rebuild, one-snippet edit, execution off, and all snippets alone.

    python -m coursebuild bench            # 3 runs of each scenario, medians and ratios
    python -m coursebuild bench --runs 5

Each build runs in its own process on a throw-away copy of the project (so a touched snippet never
touches the repository), with its own result cache. Peak memory is the build process plus the warm
interpreter (they run side by side). Exits 1 when a target is missed: these are measured numbers.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .. import ROOT, SNIPPETS_DIR
from .sandbox import build_env, copy_project

TOUCHED = "optimizers/momentum.zh.py"
BUILDS = ("clean build", "warm rebuild", "one snippet edited", "execution off")


def one_build(site: str) -> None:
    """Child mode: build the project in the current directory and print what it cost."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .engine import default_engine

    build(load_config("mkdocs.yml", site_dir=site, strict=True))
    engine = default_engine()
    stats = engine.stats
    engine.close()  # waits for the warm interpreter, so its peak memory is in RUSAGE_CHILDREN
    print(json.dumps({
        "executed": len(stats.executed), "cache_hits": stats.cache_hits, "not_run": stats.skipped,
        "torch_imported": "torch" in sys.modules,
        "rss_build_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def run_build(project: Path, cache: Path, **env: str) -> dict:
    site = tempfile.mkdtemp(prefix="bench-site-")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "coursebuild", "bench", "--one-build", site], cwd=project,
                          env=build_env(cache, **env), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stderr[-4000:]}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    data["seconds"] = seconds
    data["peak_mb"] = data["rss_build_mb"] + data["rss_worker_mb"]
    return data


def run_snippets_alone(cache: Path, pattern: str = "*.py") -> dict:
    """Every snippet (of one lesson) once, in one fresh interpreter, no cache: torch's import included.

    For the whole course this is the floor for a cold build's execution."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from coursebuild.engine import Engine\n"
        "t = time.perf_counter()\n"
        f"e = Engine(Path({str(cache)!r}), use_cache=False)\n"
        f"for p in sorted(Path({str(SNIPPETS_DIR)!r}).rglob('{pattern}')): e.result(p)\n"
        "e.close()\n"
        "print(len(e.stats.executed), time.perf_counter() - t)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    count, seconds = done.stdout.split()
    return {"executed": int(count), "seconds": float(seconds), "peak_mb": float("nan")}


def median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one-build", metavar="SITE_DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_build:
        one_build(args.one_build)
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="coursebuild-bench-"))
    project = copy_project(tmp / "project")
    rows: dict[str, list[dict]] = {"clean build": [], "warm rebuild": [], "one snippet edited": [],
                                   "execution off": [], "all snippets, one process": [],
                                   "optimizer lab (zh), cold": [], "optimizer lab (en), cold": []}
    for r in range(args.runs):
        print(f"run {r + 1}/{args.runs} ...", file=sys.stderr, flush=True)
        cache = tmp / f"cache-{r}"
        rows["clean build"].append(run_build(project, cache))
        rows["warm rebuild"].append(run_build(project, cache))
        touched = project / "snippets" / TOUCHED
        touched.write_text(touched.read_text(encoding="utf-8") + f"# edited by the benchmark, run {r}\n",
                           encoding="utf-8")
        rows["one snippet edited"].append(run_build(project, cache))
        rows["execution off"].append(run_build(project, tmp / f"empty-{r}", COURSEBUILD_EXECUTE="0"))
        rows["all snippets, one process"].append(run_snippets_alone(tmp / f"alone-{r}"))
        for lang in ("zh", "en"):
            rows[f"optimizer lab ({lang}), cold"].append(run_snippets_alone(tmp / f"lab-{lang}-{r}",
                                                                            f"lab/*.{lang}.py"))

    print(f"\n{'scenario':28s} {'median s':>9s} {'min s':>7s} {'max s':>7s} {'executed':>9s} {'peak MB':>8s}")
    for name, runs in rows.items():
        executed = "/".join(sorted({str(x["executed"]) for x in runs}))
        print(f"{name:28s} {median(runs, 'seconds'):9.2f} {min(x['seconds'] for x in runs):7.2f} "
              f"{max(x['seconds'] for x in runs):7.2f} {executed:>9s} {max(x['peak_mb'] for x in runs):8.0f}")

    off, warm = median(rows["execution off"], "seconds"), median(rows["warm rebuild"], "seconds")
    cold, alone = median(rows["clean build"], "seconds"), median(rows["all snippets, one process"], "seconds")
    lab = max(median(rows[f"optimizer lab ({lang}), cold"], "seconds") for lang in ("zh", "en"))
    builds = [x for name in BUILDS for x in rows[name]]
    checks = [
        (f"warm rebuild / execution-off build = {warm / off:.3f} (target <= 1.10)", warm / off <= 1.10),
        ("warm rebuild executes 0 snippets and never imports torch",
         all(x["executed"] == 0 and not x["torch_imported"] for x in rows["warm rebuild"])),
        (f"clean build / (execution off + all snippets) = {cold / (off + alone):.3f} (target <= 1.25)",
         cold / (off + alone) <= 1.25),
        ("one-snippet edit re-executes exactly 1 snippet",
         all(x["executed"] == 1 for x in rows["one snippet edited"])),
        (f"optimizer lab, one language, cold in a fresh process = {lab:.1f} s (target <= 20 s)", lab <= 20),
        (f"peak memory of a build = {max(x['peak_mb'] for x in builds):.0f} MB (target <= 1024 MB)",
         max(x["peak_mb"] for x in builds) <= 1024),
    ]
    print()
    for text, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
