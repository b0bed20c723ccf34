"""MkDocs hook: a notice on each page whose translation may lag behind the other language.

Which pages lag is decided by :mod:`coursebuild.freshness` from git history (recomputed on every build, so
``mkdocs serve`` shows the notice as soon as one language's file is edited). Outside git: no notice.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coursebuild.freshness import Lag, lagging_pages  # noqa: E402
from coursebuild.render import insert_after_title as insert_notice  # noqa: E402

NOTICE = {
    "zh": ("本页译文可能落后于英文版", "英文版在本页上次更新之后又有改动："),
    "en": ("This translation may lag behind the Chinese version",
           "The Chinese version changed after this page was last updated: "),
}

_lags: dict[str, Lag] = {}


def notice(lag: Lag) -> str:
    title, text = NOTICE[lag.language]
    files = ", ".join(f"`{f}`" for f in lag.ahead)
    return f'!!! warning "{title}"\n\n    {text}{files}\n'


def on_pre_build(config) -> None:
    root = Path(config["config_file_path"]).resolve().parent
    lags = lagging_pages(root, Path(config["docs_dir"]), root / "snippets") or []
    _lags.clear()
    _lags.update({str((root / lag.page).resolve()): lag for lag in lags})


def on_page_markdown(markdown: str, page, config, files) -> str:
    lag = _lags.get(str(Path(page.file.abs_src_path).resolve())) if page.file.abs_src_path else None
    return insert_notice(markdown, notice(lag)) if lag else markdown
