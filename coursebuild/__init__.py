"""Build-time engine of the course site, an installable MkDocs plugin (``plugins: - coursebuild``).

The packages follow the flow page -> snippet -> engine -> cache -> site; none imports one above it:

    pages/   - a lesson page: its snippet includes, expected outputs, figure captions, ``\\val{}`` references,
               literal numbers, and the one check of a page against what ran (``pages.check.check_page``)
    engine/  - a snippet's result: cache first, else a pool of warm interpreters that fork one isolated child
               per snippet; figures captured from ``plt.show()``, top-level values read after the run
    plugin/  - the MkDocs plugin (``mkdocs_plugin.py``) over its parts: execution, math, notebooks, offline
               pages and search, translation freshness, rendering
    cli/     - ``python -m coursebuild <command>``

The tests import the same modules: nothing is copied between the build and the tests.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = ROOT / "docs"
SNIPPETS_DIR = ROOT / "snippets"
