"""Shared fixtures: the site built once per test session, and a local HTTP server for it.

``COURSE_SITE_DIR=/path/to/site`` reuses a site already built by ``mkdocs build --strict`` instead.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from coursebuild.plugin.book import CHROMIUM_ARGS, chromium

CHROMIUM = chromium()  # the build's own lookup (COURSEBUILD_CHROMIUM, else chromium on PATH)

# What GitHub Pages sends gzip-compressed to a browser that accepts it.
GZIP_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ipynb", ".map"}


@pytest.fixture(scope="session", autouse=True)
def spare_interpreters():
    """Engines closed by one test leave their warm interpreters to the next (same environment only): the
    suite builds hundreds of short-lived engines, and each would import torch again."""
    from coursebuild.engine import runner

    runner.keep_spares(True)
    yield
    runner.keep_spares(False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole course, both languages, from ``mkdocs build --strict`` (the result cache is shared). Under
    pytest-xdist (``pytest -n 2``) the workers share one build: the first to need it builds, the others wait."""
    prebuilt = os.environ.get("COURSE_SITE_DIR")
    if prebuilt:
        site = Path(prebuilt).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"COURSE_SITE_DIR={prebuilt} holds no built site")
        return site
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return _build_site(tmp_path_factory.mktemp("site"))
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent  # one folder for every worker of this run
    with FileLock(str(shared / "built_site.lock")):
        site, failure = shared / "built_site", shared / "built_site.failed"
        if failure.is_file():
            pytest.fail(failure.read_text(encoding="utf-8"), pytrace=False)
        if not (site / "index.html").is_file():
            try:
                _build_site(site)
            except pytest.fail.Exception as exc:
                failure.write_text(str(exc), encoding="utf-8")
                raise
    return site


def _build_site(site: Path) -> Path:
    from coursebuild import ROOT
    from coursebuild.cli.sandbox import mkdocs_build

    # the book's PDF needs Chromium; without it (never in CI: the browser fixture fails there) the site is built
    # without one and the PDF tests skip
    proc = mkdocs_build(ROOT, site, COURSEBUILD_BOOK_PDF="1" if CHROMIUM else "0")
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{proc.stderr[-6000:]}", pytrace=False)
    return site


@dataclass
class Transfer:
    path: str  # as requested, without the query
    status: int
    sent: int  # body bytes sent (compressed when gzip was used)
    size: int  # body bytes once decoded


@dataclass
class SiteServer:
    url: str  # http://127.0.0.1:PORT/
    transfers: list[Transfer] = field(default_factory=list)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them (gzip for text); every response's body size is recorded."""

    transfers: list[Transfer]

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.is_file() and path.suffix in GZIP_SUFFIXES and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = path.read_bytes()
            body = gzip.compress(data, compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.transfers.append(Transfer(urlsplit(self.path).path, 200, len(body), len(data)))
            return
        super().do_GET()
        size = path.stat().st_size if path.is_file() else 0
        status = 200 if path.is_file() else 301 if path.is_dir() else 404
        self.transfers.append(Transfer(urlsplit(self.path).path, status, size, size))


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site on 127.0.0.1 (a free port), served from a thread."""
    transfers: list[Transfer] = []
    handler = functools.partial(type("Handler", (_SiteHandler,), {"transfers": transfers}), directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield SiteServer(f"http://127.0.0.1:{server.server_address[1]}/", transfers)
    finally:
        server.shutdown()
        server.server_close()


#: Fixtures that build a whole site (the course, or a hostile copy of it).
SITE_FIXTURES = {"built_site", "hostile_site"}


def pytest_collection_modifyitems(config, items):
    """A test that needs a built site (or a browser) is slow too, so ``pytest -m "not slow"`` is the fast loop:
    no clean build, no browser."""
    for item in items:
        needs_site = bool(SITE_FIXTURES & set(getattr(item, "fixturenames", ())))
        if (needs_site or item.get_closest_marker("browser")) and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def browser():
    # one Playwright per session: a second sync_playwright() would fail inside the first one's event loop
    """Debian's chromium under Playwright. Missing, it skips the browser tests locally; in CI (``CI`` set) it
    fails them: a CI run must never pass by skipping them."""
    in_ci = bool(os.environ.get("CI"))
    if CHROMIUM is None:
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if in_ci:
            pytest.fail(f"{message}: CI must run the browser tests", pytrace=False)
        pytest.skip(f"{message}: browser tests skipped")
    try:
        from playwright import sync_api
    except ImportError:
        if in_ci:
            pytest.fail("Playwright for Python is not installed: CI must run the browser tests", pytrace=False)
        pytest.skip("Playwright for Python is not installed")
    with sync_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # noqa: BLE001 - whatever stops chromium from starting
            if in_ci:
                pytest.fail(f"chromium did not start: {exc}", pytrace=False)
            pytest.skip(f"chromium did not start: {exc}")
        yield browser
        browser.close()
