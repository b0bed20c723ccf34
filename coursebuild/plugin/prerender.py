"""Notebook pages rendered ahead, side by side with the lessons.

mkdocs-jupyter renders a notebook page (nbconvert, ≈ 0.7 s each) when the build reaches it: in the build
process, one after the other, after every snippet has run, while the warm interpreters sit idle. As soon as a
lesson's notebook exists (its page is checked: its own snippets have run, while later pages' snippets still run),
this renders the entry missing from mkdocs-jupyter's cache in a pool of processes; the build goes on, and a
notebook page waits for its own entry before mkdocs-jupyter looks for it (a cache hit then). Each entry is what
mkdocs-jupyter 0.26 writes on a miss (its ``on_pre_page``): the same key, ``convert.nb2html`` with the same
options, the same table of contents. A render that fails here is left to mkdocs-jupyter, which renders the page
itself and reports the error.
"""

from __future__ import annotations

import importlib
import json
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.coursebuild.prerender")

#: mkdocs-jupyter's options that ``convert.nb2html`` takes (its ``on_pre_page``), besides ``execute``.
OPTIONS = ("kernel_name", "theme", "allow_errors", "show_input", "no_input", "no_prompt", "remove_tag_config",
           "highlight_extra_classes", "include_requirejs", "custom_mathjax_url")


def entry_path(options, path: str) -> Path:
    """Where mkdocs-jupyter keeps the rendered page of the notebook file ``path`` (the key of its ``on_pre_page``,
    ``options`` its config, with notebooks it does not execute)."""
    from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

    return _get_cache_path(options["cache_dir"], _compute_cache_key(path, options, False))


def render_entry(path: str, options: dict, toc_depth: int, cache_path: str) -> None:
    """In a pool process: render one notebook and write its mkdocs-jupyter cache entry (atomically)."""
    from mkdocs_jupyter import convert
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    body = convert.nb2html(path, execute=False, **options)
    toc_tokens, title = _get_nb_toc_tokens(path, toc_depth)
    target = Path(cache_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    partial.write_text(json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}), encoding="utf-8")
    os.replace(partial, target)


#: The pool's processes yield to the build process and to the warm interpreter's import of torch, which the other
#: parts of a build wait for; a notebook page is needed only when the build reaches it (measured: ≈ 0.5 s less
#: per clean build). Where Linux groups processes by session for scheduling (autogroup, on by default in many
#: distributions), a snippet's process, which has its own session, is in another group: the pool shares the
#: cores with snippets as before.
NICE = 10

#: What a pool process needs to render (≈ 0.6 CPU-s to import). multiprocessing's forkserver imports them once,
#: before it forks the pool's processes (its preload), so each process starts with them. Measured on the course's
#: 10 notebooks with 2 processes, the pool and its forkserver: 3.38-3.62 CPU-s, against 3.98-4.20 CPU-s when each
#: process imported them itself (0.46-0.66 CPU-s less in three alternating pairs; the wall time is the same).
RENDERER_MODULES = ("mkdocs_jupyter.convert", "mkdocs_jupyter.plugin", "coursebuild.plugin.nbconvert_speedups")


def _import_renderer() -> None:
    """Each pool process, as it starts: at the pool's priority, with nbconvert and mkdocs-jupyter imported (by the
    forkserver already, unless another part of this process started it without them), nbconvert's HTML export made
    cheaper (the same bytes as in the build process, which does the same)."""
    os.setpriority(os.PRIO_PROCESS, 0, NICE)  # not os.nice: the forkserver's processes start at NICE already
    for name in RENDERER_MODULES:
        importlib.import_module(name)
    from . import nbconvert_speedups

    nbconvert_speedups.install()


def _started_forkserver() -> multiprocessing.context.ForkServerContext:
    """Start multiprocessing's forkserver (if it is not running) with the renderer's modules, at the pool's
    priority, and return its context: Linux keeps a priority per thread, and a process inherits that of the thread
    that started it, so it is started from a thread at ``NICE`` (its import of nbconvert yields to the warm
    interpreters' import of torch, as the pool's processes, which it forks, do)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(RENDERER_MODULES))

    def start() -> None:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
        multiprocessing.forkserver.ensure_running()

    starter = threading.Thread(target=start, name="coursebuild-forkserver")
    starter.start()
    starter.join()
    return context


class Prerender:
    """The pool (started on first use, kept for every language of the build) and the renders not yet waited for."""

    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.pending: dict[str, tuple[Path, Future]] = {}  # notebook -> (its entry, its render)

    def submit(self, jupyter, paths: list[str], workers: int) -> None:
        """Start rendering each notebook whose entry is missing from ``jupyter``'s (the plugin's) cache, on a pool
        of ``workers`` processes."""
        options = jupyter.config
        if not options["cache"] or options["execute"]:
            return  # no cache to fill, or notebooks that mkdocs-jupyter executes: left to it
        for path in paths:
            cache_path = entry_path(options, path)
            if cache_path.exists() or self.pending.get(path, (None,))[0] == cache_path:
                continue  # rendered, or being rendered
            self.pending[path] = (cache_path, self._pool(workers).submit(
                render_entry, path, {k: options[k] for k in OPTIONS}, options["toc_depth"], str(cache_path)))

    def _pool(self, workers: int) -> ProcessPoolExecutor:
        if self.pool is None:  # forkserver: the children inherit none of the build's pipes or threads
            self.pool = ProcessPoolExecutor(max(1, workers), mp_context=_started_forkserver(),
                                            initializer=_import_renderer)
        return self.pool

    def warm(self, workers: int) -> None:
        """Start the pool's processes now (the forkserver imports nbconvert first): a clean build calls this while
        its cores wait for the warm interpreters' import of torch, so the notebooks' turn costs their rendering
        alone."""
        pool = self._pool(workers)
        for _ in range(max(1, workers)):
            pool.submit(int)  # a no-op: each submit starts a process while none is idle

    def wait(self, path: str) -> None:
        """Before mkdocs-jupyter looks for the notebook's entry."""
        _, future = self.pending.pop(path, (None, None))
        if future is None:
            return
        try:
            future.result()
        except Exception as exc:  # noqa: BLE001 - mkdocs-jupyter renders it again and reports the error
            log.debug("prerender: %s failed here (%s); mkdocs-jupyter renders it", path, exc)

    def close(self) -> None:
        for path in list(self.pending):
            self.wait(path)
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None
