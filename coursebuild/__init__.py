"""Build-time engine of the course site.

The flow, one module per step:

    pages   - read a Markdown page: its snippet includes, expected outputs, figure captions
    engine  - result of each snippet: cache first, else the warm interpreter
    runner  - the warm interpreter (a child process running ``worker``)
    worker  - executes one snippet after a deterministic ``reset``, captures stdout and figures
    cache   - results keyed by snippet source + runtime fingerprint, written atomically
    check   - compares a result with the page's expected output (unified diff on drift)
    render  - the figures inserted under an example
    mkdocs_hook - wires all of the above into ``mkdocs build`` / ``mkdocs serve``

The tests import the same modules: nothing is copied between the build and the tests.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = ROOT / "docs"
SNIPPETS_DIR = ROOT / "snippets"
