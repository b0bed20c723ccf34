"""Shared fixtures: the site built once per test session, and a local HTTP server for it.

``COURSE_SITE_DIR=/path/to/site`` reuses a site already built by ``mkdocs build --strict`` instead.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole course, both languages, from ``mkdocs build --strict`` (the result cache is shared)."""
    prebuilt = os.environ.get("COURSE_SITE_DIR")
    if prebuilt:
        site = Path(prebuilt).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"COURSE_SITE_DIR={prebuilt} holds no built site")
        return site
    from coursebuild import ROOT
    from tests.support import mkdocs_build

    site = tmp_path_factory.mktemp("site")
    proc = mkdocs_build(ROOT, site)
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{proc.stderr[-6000:]}", pytrace=False)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture(scope="session")
def site_server(built_site):
    """Base URL (``http://127.0.0.1:PORT/``) of the built site, served from a thread on a free port."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
