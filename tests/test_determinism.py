"""Two clean builds give the same site, byte for byte (only the sitemap carries the build date), whatever the
number of warm interpreters that ran the snippets."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys

import pytest

from coursebuild import ROOT
from coursebuild.cli.sandbox import build_env

#: Files that legitimately differ between builds: MkDocs writes the build date into each <lastmod>
#: (and gzip writes its own timestamp into the header). They are compared with those dates removed.
DATED = {"sitemap.xml", "sitemap.xml.gz"}
LASTMOD_RE = re.compile(rb"<lastmod>[^<]*</lastmod>")
EXECUTED_RE = re.compile(r"coursebuild: (\d+) snippet\(s\) executed")


def undated(name: str, data: bytes) -> bytes:
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return LASTMOD_RE.sub(b"<lastmod></lastmod>", data)


def files(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_two_clean_builds_are_byte_identical(tmp_path):
    """Each build has its own empty result cache, so every snippet really runs in both (in parallel); build a runs
    them on one warm interpreter, build b on a pool of two."""
    builds = {}
    for name, workers in (("a", "1"), ("b", "2")):
        cache = tmp_path / f"cache-{name}"
        cache.mkdir()
        site = tmp_path / f"site-{name}"
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT,
                                env=build_env(cache, COURSEBUILD_WORKERS=workers), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        builds[name] = (proc, site, cache)
    sites = []
    for name, (proc, site, cache) in builds.items():
        out, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, f"build {name} failed:\n{err[-6000:]}"
        executed = sum(int(n) for n in EXECUTED_RE.findall(err))
        assert executed > 0 and any(cache.rglob("*.json")), f"build {name} ran no snippet (cache not empty?)"
        results = list(cache.glob("[0-9a-f][0-9a-f]/*.json"))  # one entry per distinct snippet that ran
        assert executed == len(results), (f"build {name}: the log lines count {executed} runs for {len(results)} "
                                          "snippets: a snippet ran twice, or a language's build miscounted")
        sites.append(files(site))
    a, b = sites
    assert sorted(a) == sorted(b), f"different files: {sorted(set(a) ^ set(b))}"
    assert DATED <= set(a), "the sitemap is no longer written: update DATED"
    different = [name for name in a if a[name] != b[name]]
    assert set(different) <= DATED, f"files that differ between two clean builds: {different}"
    for name in DATED:
        assert undated(name, a[name]) == undated(name, b[name]), f"{name} differs beyond its dates"
