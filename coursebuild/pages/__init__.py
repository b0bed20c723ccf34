"""Pages: read a lesson page (``parse``), the values it quotes from its snippets (``refs``), the numbers it
states (``numbers``), and how a snippet's result is checked against it (``check``)."""

from .parse import (  # noqa: F401 - the page model, re-exported for callers that need only that
    ALLOWED_MARKER,
    COLLECTED_INFO,
    DEFAULT_LANGUAGE,
    FENCE_RE,
    FIGURE_RE,
    INCLUDE_RE,
    MARKER_RE,
    Example,
    Figure,
    Page,
    counterpart,
    course_pages,
    expand,
    page_language,
    parse_page,
)
