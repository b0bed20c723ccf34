"""Build benchmark: the author's loop, measured, each scenario as a ratio to the floor.

    python -m coursebuild bench                  3 runs of every build scenario and of serve's latency
    python -m coursebuild bench --runs 5 --pytest   and the test suite: full, full on N workers, fast (once each)

The floor is the same site built with the plugin's execution and notebooks off, on an empty cache, and built
again on the cache it filled (highlighted code, rendered formulas, the search index's segmentation of Chinese):
the floor of a warm rebuild, which is checked against both. Scenarios: clean build with 1 warm interpreter and
with a pool of N (default: the number of cores), warm rebuild, one snippet edited, and under ``mkdocs serve`` the
time from an edit (one word of prose; one snippet) until the served page shows it.
Each build runs in its own process on a throw-away copy of the project with its own result cache. Peak memory
is the build process plus its largest child. Prints measured numbers; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .. import ROOT
from ..settings import usable_cores
from .sandbox import build_env, copy_project

TOUCHED = "optimizers/momentum.zh.py"
PROSE_PAGE, PROSE_URL = "docs/optimizers.md", "optimizers/"
SNIPPET_URL = "optimizers/"


def one_build(site: str) -> None:
    """Child mode: build the project in the current directory and print what it cost."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from ..engine import default_engine

    build(load_config("mkdocs.yml", site_dir=site, strict=True))
    engine = default_engine()
    stats = engine.stats
    engine.close()  # waits for the warm interpreters, so their peak memory is in RUSAGE_CHILDREN
    print(json.dumps({
        "executed": len(stats.executed), "cache_hits": stats.cache_hits, "not_run": stats.skipped,
        "run_seconds": stats.run_seconds, "torch_imported": "torch" in sys.modules,
        "rss_build_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def run_build(project: Path, cache: Path, **env: str) -> dict:
    site = tempfile.mkdtemp(prefix="bench-site-")
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "coursebuild", "bench", "--one-build", site], cwd=project,
                              env=build_env(cache, **env), capture_output=True, text=True)
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(site, ignore_errors=True)  # ≈ 30 MB a build
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stderr[-4000:]}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    data["seconds"] = seconds
    data["peak_mb"] = data["rss_build_mb"] + data["rss_worker_mb"]
    return data


def free_port(preferred: int = 0) -> int:
    """``preferred`` if it is free, else any free port."""
    for port in dict.fromkeys((preferred, 0)):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise OSError("no free port")


def wait_until(url: str, needle: str, timeout: float) -> float | None:
    """Seconds until the page at ``url`` contains ``needle`` (polled every 50 ms), or None."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if needle in response.read().decode("utf-8", "replace"):
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.05)
    return None


def wait_idle(pid: int, timeout: float = 120.0, window: float = 0.5) -> float:
    """Seconds until the process ``pid`` and its children together use under 5 % of a core for ``window``
    seconds: what ``serve`` started (its warm interpreters importing torch, a follow-up rebuild) has finished, so
    an edit is timed alone, as an author who saves a file now and then sees it."""
    import psutil

    def cpu() -> float:
        total = 0.0
        try:
            root = psutil.Process(pid)
            for proc in [root, *root.children(recursive=True)]:
                try:
                    times = proc.cpu_times()
                    total += times.user + times.system
                except psutil.Error:
                    continue
        except psutil.Error:
            pass
        return total

    started = time.perf_counter()
    before = cpu()
    while time.perf_counter() - started < timeout:
        time.sleep(window)
        now = cpu()
        if now - before < 0.05 * window:
            break
        before = now
    return time.perf_counter() - started


def serve_latency(project: Path, cache: Path, run: int) -> tuple[float, float]:
    """(prose edit, snippet edit): seconds from saving the file until `mkdocs serve` serves the change; each
    edit is saved once serve is idle (:func:`wait_idle`)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = open(project / f"serve-{run}.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=build_env(cache, SITE_URL=base), stdout=log, stderr=subprocess.STDOUT)
    try:
        if wait_until(base + PROSE_URL, "</html>", 600) is None:
            sys.exit("mkdocs serve did not come up")
        wait_idle(proc.pid)
        page = project / PROSE_PAGE
        word = f"benchword{run}x{time.time_ns()}"
        page.write_text(page.read_text(encoding="utf-8").replace("\n## ", f"\n{word}\n\n## ", 1), encoding="utf-8")
        prose = wait_until(base + PROSE_URL, word, 120)
        wait_idle(proc.pid)
        snippet = project / "snippets" / TOUCHED
        text = snippet.read_text(encoding="utf-8")
        marker = f"bench{run}y{time.time_ns() % 10**6}"
        snippet.write_text(text.replace("import torch\n", f"import torch\n\nBENCH = '{marker}'\n", 1),
                           encoding="utf-8")
        edited = wait_until(base + SNIPPET_URL, marker, 300)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    return prose or float("nan"), edited or float("nan")


def run_pytest(*args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    tail = done.stdout.strip().splitlines()[-1:] or ["(no output)"]
    print(f"pytest {' '.join(args)}: {tail[0]} in {seconds:.1f} s", file=sys.stderr, flush=True)
    return seconds


def stats_of(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def print_times(times: dict[str, list[float]], floor: float) -> None:
    """A row per timed scenario that ran (none for one that was skipped: serve's under ``--no-serve``)."""
    for name, values in times.items():
        if values:
            med, lo, hi = stats_of(values)
            print(f"{name:38s} {med:9.2f} {lo:7.2f} {hi:7.2f} {med / floor:8.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursebuild bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=usable_cores())
    parser.add_argument("--pytest", action="store_true",
                        help="also time `pytest`, `pytest -n N` and `pytest -m 'not slow'`")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve latencies")
    parser.add_argument("--one-build", metavar="SITE_DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_build:
        one_build(args.one_build)
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="coursebuild-bench-"))
    try:
        return _measure(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # the project's copy and the caches: ≈ 250 MB


def _measure(args: argparse.Namespace, tmp: Path) -> int:
    n = args.workers
    project = copy_project(tmp / "project")
    names = ["floor (execution and notebooks off)", "clean build, 1 worker", f"clean build, {n} workers",
             "warm rebuild", "one snippet edited", "floor again, on its warm cache"]
    rows: dict[str, list[dict]] = {name: [] for name in names}
    serve: dict[str, list[float]] = {"serve: prose edit -> page served": [], "serve: snippet edit -> page served": []}
    for r in range(args.runs):
        print(f"run {r + 1}/{args.runs} ...", file=sys.stderr, flush=True)
        rows[names[0]].append(run_build(project, tmp / f"floor-{r}", COURSEBUILD_EXECUTE="0",
                                        COURSEBUILD_NOTEBOOKS="0"))
        # the floor again, on what its first build kept in the cache: the warm rebuild's own floor
        rows[names[5]].append(run_build(project, tmp / f"floor-{r}", COURSEBUILD_EXECUTE="0",
                                        COURSEBUILD_NOTEBOOKS="0"))
        rows[names[1]].append(run_build(project, tmp / f"one-{r}", COURSEBUILD_WORKERS="1"))
        cache = tmp / f"cache-{r}"
        rows[names[2]].append(run_build(project, cache, COURSEBUILD_WORKERS=str(n)))
        rows[names[3]].append(run_build(project, cache, COURSEBUILD_WORKERS=str(n)))
        touched = project / "snippets" / TOUCHED
        touched.write_text(touched.read_text(encoding="utf-8") + f"# edited by the benchmark, run {r}\n",
                           encoding="utf-8")
        rows[names[4]].append(run_build(project, cache, COURSEBUILD_WORKERS=str(n)))
        if not args.no_serve:
            prose, snippet = serve_latency(project, cache, r)
            serve["serve: prose edit -> page served"].append(prose)
            serve["serve: snippet edit -> page served"].append(snippet)
    tests: dict[str, list[float]] = {}
    if args.pytest:
        tests["pytest (full)"] = [run_pytest()]
        tests[f"pytest -n {n} --dist loadfile (full)"] = [run_pytest("-n", str(n), "--dist", "loadfile")]
        tests["pytest -m 'not slow' -n auto (warm)"] = [run_pytest("-m", "not slow", "-n", "auto")]

    floor = statistics.median(x["seconds"] for x in rows[names[0]])
    print(f"\n{'scenario':38s} {'median s':>9s} {'min s':>7s} {'max s':>7s} {'/ floor':>8s} {'executed':>9s} "
          f"{'peak MB':>8s}")
    for name, runs in rows.items():
        med, lo, hi = stats_of([x["seconds"] for x in runs])
        executed = "/".join(sorted({str(x["executed"]) for x in runs}))
        print(f"{name:38s} {med:9.2f} {lo:7.2f} {hi:7.2f} {med / floor:8.2f} {executed:>9s} "
              f"{max(x['peak_mb'] for x in runs):8.0f}")
    print_times({**serve, **tests}, floor)

    clean_n = statistics.median(x["seconds"] for x in rows[names[2]])
    # The snippets' own run time, from the build where it is smallest: the pool's build renders one language's
    # pages while the other language's snippets run, so there they share the cores and each takes longer. The
    # bound is set by their run time on a quiet machine, not by what the contention added to it.
    sums = {name: statistics.median(x["run_seconds"] for x in rows[name]) for name in names[1:3]}
    run_sum = min(sums.values())
    warm = statistics.median(x["seconds"] for x in rows[names[3]])
    warm_floor = statistics.median(x["seconds"] for x in rows[names[5]])
    bound = floor + 1.15 * run_sum / n
    print("\nsum of the snippets' run times: " + ", ".join(f"{s:.2f} s ({name})" for name, s in sums.items()))
    checks = [
        (f"clean build ({n} workers) {clean_n:.2f} s <= floor + 1.15 x (sum of snippet run times {run_sum:.2f} s / "
         f"{n}) = {bound:.2f} s", clean_n <= bound),
        (f"warm rebuild / floor = {warm / floor:.3f} (target <= 1.25)", warm / floor <= 1.25),
        (f"warm rebuild / floor on its warm cache = {warm / warm_floor:.3f} (target <= 1.25)",
         warm / warm_floor <= 1.25),
        ("warm rebuild executes 0 snippets and never imports torch",
         all(x["executed"] == 0 and not x["torch_imported"] for x in rows[names[3]])),
        ("one-snippet edit re-executes exactly 1 snippet", all(x["executed"] == 1 for x in rows[names[4]])),
        (f"peak memory of a build = {max(x['peak_mb'] for r in rows.values() for x in r):.0f} MB (target <= 1024)",
         max(x["peak_mb"] for r in rows.values() for x in r) <= 1024),
    ]
    if serve["serve: prose edit -> page served"]:
        prose = statistics.median(serve["serve: prose edit -> page served"])
        edited = statistics.median(serve["serve: snippet edit -> page served"])
        touched_run = statistics.median(x["run_seconds"] for x in rows[names[4]])
        checks += [(f"serve: prose edit served in {prose:.2f} s (target <= 1.0 s)", prose <= 1.0),
                   (f"serve: snippet edit served in {edited:.2f} s (target <= its run {touched_run:.2f} s + 1.0 s)",
                    edited <= touched_run + 1.0)]
    if tests:
        full, fast = tests["pytest (full)"][0], tests["pytest -m 'not slow' -n auto (warm)"][0]
        checks += [(f"pytest {full:.0f} s <= 2.5 x clean build ({2.5 * clean_n:.0f} s)", full <= 2.5 * clean_n),
                   (f"pytest -m 'not slow' -n auto {fast:.0f} s <= 30 s", fast <= 30)]
        spread = tests[f"pytest -n {n} --dist loadfile (full)"][0]
        checks.append((f"pytest -n {n} --dist loadfile {spread:.0f} s <= 2.5 x clean build ({2.5 * clean_n:.0f} s)",
                       spread <= 2.5 * clean_n))
    print()
    for text, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
