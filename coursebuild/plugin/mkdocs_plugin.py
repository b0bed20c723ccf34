"""The ``coursebuild`` MkDocs plugin: wires MkDocs' events to the parts of the build, in the order they fire.

    (load_config)   as MkDocs reads mkdocs.yml, which lists this plugin first: with an empty result cache, the
                    first warm interpreter starts importing torch while the other plugins load; every event
                    without a priority of its own runs at LAST (-1), after the other plugins, as when listed last
    startup         whether this is `mkdocs serve` (no PDF printed then), and `--dirty`; SIGTERM made to stop
                    the process as Ctrl+C does, with MkDocs' and the plugin's cleanup (signals.py)
    config          options -> settings (environment overrides) -> the engine; mkdocs-jupyter's cache per language,
                    inside the result cache; nbconvert's HTML export made cheaper (nbconvert_speedups.py); code
                    blocks' highlighting and KaTeX's formulas kept in the cache (highlight_cache.py, math.py)
    serve           the warm interpreters started (an edited snippet then costs its run, not a torch import);
                    under `--dirty`, files polled every 0.1 s, not 0.5 s, and the folder whose touch starts
                    the follow-up rebuild watched too
    pre_build       before the first language: which translations lag behind their counterpart (freshness);
                    under `serve --dirty`, whether this rebuild follows an author's edit (then what derives from
                    it waits for a follow-up)
    files           execution: every snippet's result, checked (an unchanged page's check is remembered);
                    figures and snippets registered (-200, after mkdocs-static-i18n chose the language's pages);
                    under `serve --dirty`, the HTML of pages whose snippets, results or translation notice
                    changed removed, so they are rendered again; notebooks generated from them (-250), and the
                    pages mkdocs-jupyter lacks in its cache rendered ahead in a process pool (prerender.py)
    pre_page        the heading links' tooltip in the page's language; a notebook page waits for its render ahead
                    (50, before mkdocs-jupyter looks in its cache)
    page_markdown   values and figures filled in, download links; translation notice; notebook link
    nav             the lessons in order, for the book, with their titles in the language's nav (-200, after
                    mkdocs-static-i18n translated them)
    env             theme templates compiled once per process (every later build reuses them)
    page_content    setup lines of examples marked for folding; a heading's ¶ kept with its last word; a rendered
                    notebook made offline, given anchors; the home page's links to the book; Chinese on an English
                    page marked lang="zh"
    page_context    the search plugin reads the page's code without its highlighting, and its segmentation of
                    Chinese is kept in the cache (search_text.py); under `serve --dirty`, each page's search
                    entries kept; the rebuild that serves an edit leaves the edited page's to the follow-up (100
                    and -100, around the search plugin)
    post_page       formulas rendered by KaTeX; markup that would call another host removed
    post_template   the root 404 page stays in the default language
    post_build      the rendered notebooks kept in the cache, which prunes them (10, before mkdocs-jupyter deletes
                    the entries this build did not read); under `serve --dirty`, a language the edit does not
                    touch left to the follow-up (-50, before i18n builds it); the book (print page and PDF) of
                    this language; under `serve --dirty`, the index made of every page's kept entries; figure
                    texts into the search index; one index per language (-200, after i18n merged them); cache
                    entries no build used for a while pruned (once per process); under `serve --dirty`, the
                    follow-up rebuild started
    shutdown        warm interpreters, the KaTeX process and the notebook pool stopped
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from .. import engine as engine_module
from ..engine.cache import ResultCache
from ..pages.parse import page_language
from ..settings import CACHE_DIR, Settings
from . import book, highlight_cache, notebooks, offline
from .dirty import DirtyPages, SessionSearch, quiet_dirty_notice, watch_often
from .execution import Execution
from .freshness import lag_of, notice
from .language_of_parts import mark_chinese
from .math import MathError, default_renderer, render_page
from .prerender import NICE, Prerender
from .rendering import (
    break_code_in_tables_between_names,
    fold_setup_lines,
    insert_after_title,
    keep_heading_link_with_last_word,
)
from .search_text import SearchText
from .signals import stop_on_sigterm_as_on_ctrl_c
from .templates import compile_once

log = logging.getLogger("mkdocs.plugins.coursebuild")
#: The priority of the events whose order was not set otherwise. mkdocs.yml lists this plugin first (its
#: ``load_config`` starts the import of torch before the other plugins load): at -1 these events still run after
#: every other plugin's handler of priority 0, as they did when the plugin was listed last.
LAST = -1
#: The tooltip of a heading's ``¶`` link (Python-Markdown's ``toc`` writes one ``permalink_title`` for every page;
#: MkDocs makes a page's Markdown converter after ``on_pre_page``, so each page gets its own language's).
PERMALINK_TITLE = {"zh": "永久链接", "en": "Permanent link"}


def building_nested(config) -> bool:
    """Whether this build is a language that mkdocs-static-i18n builds inside the first one's."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


class CourseBuildConfig(Config):
    execute = c.Type(bool, default=Settings.execute)
    timeout = c.Type((int, float), default=Settings.timeout)
    cache_dir = c.Type(str, default=CACHE_DIR)
    use_cache = c.Type(bool, default=Settings.use_cache)
    workers = c.Type(int, default=Settings.workers)  # 0: one warm interpreter per core
    notebooks = c.Type(bool, default=Settings.notebooks)
    snippets_dir = c.Type(str, default="snippets")
    # site path -> "snippet.py:variable": a snippet's variable shipped whole as a JSON file (e.g. the
    # playground's torch reference trajectories)
    data_files = c.Type(dict, default={})
    # the course as a book: book/index.html per language, and book/course.pdf printed by Chromium
    book_pdf = c.Type(bool, default=True)


class CourseBuildPlugin(BasePlugin[CourseBuildConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.execution: Execution | None = None
        self.root = Path.cwd()
        self.figure_texts: dict[str, list[str]] = {}  # page URL -> texts its figures draw, every language
        # language -> (its site name, its root URL, its lessons in order)
        self.books: dict[str, tuple[str, str, list[book.Lesson]]] = {}
        self.segmenter_started = False  # under serve: jieba's dictionary loading (see _segmenter_for_serve)
        self.kept = None  # the course's cache, where what the build derives is kept (set by on_config)
        self.search_text = SearchText()  # what the search plugin reads (code without highlighting), segmented once
        self.dirty_pages = DirtyPages()
        self.search = SessionSearch()  # under serve --dirty: every page's search entries as last indexed
        self.checked: dict = {}  # page path -> (inputs, check, engine): see Execution.checked
        self.pruned = False
        self.deferred_languages: list = []  # mkdocs-static-i18n's languages left to the follow-up rebuild
        self.prerender = Prerender()  # notebook pages rendered side by side with the lessons
        self.warmed = False  # what the build does after its snippets was started while they ran (once a process)
        self.serving = self.dirty = False  # set by on_startup (MkDocs keeps this instance across serve's rebuilds)

    @event_priority(LAST)
    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"  # the author's loop: the book's page, but no PDF printed on every edit
        self.dirty = dirty  # `mkdocs serve --dirty`: only what changed is rendered again
        if dirty:
            quiet_dirty_notice()
        stop_on_sigterm_as_on_ctrl_c()  # `kill` leaves no folder behind in the temporary directory

    # -- config ------------------------------------------------------------------------------------------
    def _settings(self) -> Settings:
        options = self.config
        return Settings(execute=options.execute, timeout=float(options.timeout),
                        cache_dir=self.root / options.cache_dir, use_cache=options.use_cache,
                        workers=options.workers, notebooks=options.notebooks).with_environment()

    def load_config(self, options, config_file_path=None):
        """MkDocs validates the plugin's options as it reads mkdocs.yml, before it loads the plugins listed after
        this one (mkdocs.yml lists it first). A clean build (an empty result cache) imports torch for its snippets
        anyway: that import (≈ 2.5 s, which every snippet waits for) starts now, beside the other plugins' imports
        (nbconvert, ≈ 0.5 s), not at ``on_config`` (measured: ≈ 0.5 s less per clean build). So does a build that
        will run any snippet: a torch bump's, whose cache holds only another runtime's results, and one after a
        snippet was edited or added. A build whose cache holds every snippet's result starts no interpreter here:
        a warm build never imports torch."""
        errors, warnings = super().load_config(options, config_file_path)
        if not errors and config_file_path:
            self.root = Path(config_file_path).resolve().parent
            settings = self._settings()
            snippets = (self.root / self.config.snippets_dir).rglob("*.py")
            if settings.execute and not (settings.use_cache and ResultCache(settings.cache_dir).holds_every(snippets)):
                engine_module.configure(settings).interpreter.start()
        return errors, warnings

    @event_priority(-110)  # after mkdocs-static-i18n (-100) has set this build's language
    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        options = self.config
        settings = self._settings()
        self.settings = settings
        self.snippets_dir = self.root / options.snippets_dir
        self.execution = Execution(engine_module.configure(settings), Path(config.docs_dir), self.snippets_dir,
                                   self.figure_texts, dict(options.data_files), self.checked,
                                   while_waiting=lambda: self._while_snippets_run(config),
                                   when_checked=lambda path, state: self._notebook_ahead(config, path, state))
        engine = self.execution.engine
        self.kept = engine.cache if engine.use_cache else None  # where derived text is kept (None: cache off)
        highlight_cache.install(self.kept)  # each code block highlighted once
        default_renderer().store = self.kept  # each page's formulas rendered once
        if settings.notebooks:
            notebooks.on_config(config, settings.cache_dir)
        override = os.environ.get("COURSEBUILD_BOOK_PDF")
        wanted = (options.book_pdf and not self.serving) if override is None else override != "0"
        self.book_pdf = wanted and book.chromium() is not None
        if wanted and not self.book_pdf:
            log.warning("coursebuild: no chromium on PATH, so no PDF of the book (apt-get install chromium, "
                        "or COURSEBUILD_BOOK_PDF=0)")
        return config

    def _while_snippets_run(self, config) -> None:
        """A build is about to wait for its snippets (a clean build: first ≈ 2 s of torch import, during which a
        core is idle): start now what it does after them anyway, so that their turn costs their work alone —
        the notebook renderer's processes (their forkserver's import of nbconvert), KaTeX's node process and jieba's
        dictionary (the search plugin's Chinese word segmentation loads it on the first Chinese page)."""
        if self.warmed:
            return
        self.warmed = True
        if self.settings.notebooks and not self.serving and config.plugins.get(notebooks.JUPYTER) is not None:
            self.prerender.warm(self.settings.pool_size)
        threading.Thread(target=_warm_up, args=(search_plugin(config) is not None,), name="coursebuild-warm-up",
                         daemon=True).start()

    def _notebook_ahead(self, config, path: Path, state) -> None:
        """A lesson was checked (its snippets have run): render its notebook page now, in the pool, while the build
        waits for the snippets of the pages after it."""
        jupyter = config.plugins.get(notebooks.JUPYTER)
        if not self.settings.notebooks or self.serving or jupyter is None:
            return
        variant = notebooks.page_variant(path, state, self.execution.engine, config.site_url)
        if variant is not None:
            self.prerender.submit(jupyter, [str(variant[2])], self.settings.pool_size)

    @event_priority(LAST)
    def on_serve(self, server, config, builder):
        if self.settings.execute:
            engine_module.default_engine().start()  # warm for the first edited snippet
        if self.dirty:
            watch_often(server, config)
            server.watch(self.dirty_pages.folder())
        return server

    @event_priority(LAST)
    def on_pre_build(self, config) -> None:
        if building_nested(config):
            return  # the lags were found once for every language, before the first one was built
        if self.dirty:
            self.dirty_pages.begin([Path(config.docs_dir), self.snippets_dir])
        self.lags = {}
        for page in Path(config.docs_dir).rglob("*.md"):
            lag = lag_of(page, self.snippets_dir)
            if lag is not None:
                self.lags[str(page.resolve())] = lag

    # -- files -------------------------------------------------------------------------------------------
    @event_priority(-200)  # after mkdocs-static-i18n (-100) has chosen this language's pages
    def _files_execute(self, files, config):
        files = self.execution.on_files(files, config)
        if self.dirty:
            notices = {path: notice(lag, Path(config.docs_dir)) for path, lag in self.lags.items()}
            stale = self.dirty_pages.mark_stale(files, self.execution.pages, notices, config.config_file_path)
            changed = [uri for uri in stale if uri not in self.dirty_pages.for_search]
            if changed:
                log.info("coursebuild: rendered again for their snippets or notices: %s", ", ".join(changed))
            if self.dirty_pages.for_search:
                log.info("coursebuild: rendered again for their search entries: %s",
                         ", ".join(self.dirty_pages.for_search))
        return files

    @event_priority(-250)  # after the results exist
    def _files_notebooks(self, files, config):
        if not self.settings.notebooks:
            return files
        hold = self.dirty_pages.hold if self.dirty and self.dirty_pages.deferring else None
        files = notebooks.on_files(files, config, self.execution, hold)
        jupyter = config.plugins.get(notebooks.JUPYTER)
        if jupyter is not None and not self.serving:  # serve renders one notebook per edit: nothing to overlap
            self.prerender.submit(jupyter, notebooks.sources(), self.settings.pool_size)
        return files

    on_files = CombinedEvent(_files_execute, _files_notebooks)

    @event_priority(50)  # before mkdocs-jupyter (0) sets up the notebook page's rendering
    def on_pre_page(self, page, config, files):
        toc = config.mdx_configs.get("toc")
        if toc and toc.get("permalink"):  # the heading links' tooltip, in the page's language
            toc["permalink_title"] = PERMALINK_TITLE[page_language(page.file.src_uri)]
        if page.file.abs_src_path:
            self.prerender.wait(page.file.abs_src_path)
        return page

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has put the language's titles in its nav
    def on_nav(self, nav, config, files):
        if nav.pages:
            self.books[page_language(nav.pages[0].file.src_uri)] = (config.site_name, *book.lessons_of(nav))
        return nav

    @event_priority(LAST)
    def on_env(self, env, config, files):
        return compile_once(env)

    # -- pages -------------------------------------------------------------------------------------------
    @event_priority(LAST)
    def on_page_markdown(self, markdown, page, config, files):
        markdown = self.execution.on_page_markdown(markdown, page, config, files)
        lag = self.lags.get(str(Path(page.file.abs_src_path).resolve())) if page.file.abs_src_path else None
        if lag is not None:
            markdown = insert_after_title(markdown, notice(lag, Path(config.docs_dir)))
        if self.settings.notebooks:
            markdown = notebooks.on_page_markdown(markdown, page, config, files)
        return markdown

    @event_priority(LAST)
    def on_page_content(self, html, page, config, files):
        html = break_code_in_tables_between_names(keep_heading_link_with_last_word(fold_setup_lines(html)))
        if page.is_top_level and page.is_index:  # each language's home page (as theme/main.html tells it)
            html = book.with_book_links(html, page_language(page.file.src_uri), self.book_pdf)
        if self.settings.notebooks:
            html = notebooks.on_page_content(html, page, config, files)
        if page.url.startswith(tuple(offline.language_prefixes(config))):  # a page of the English build
            html = mark_chinese(html)
        return html

    @event_priority(100)  # before the search plugin (0) indexes the page
    def _page_context_before_search(self, context, page, config, nav):
        search = search_plugin(config)
        if self.dirty and search is not None:
            skip = self.dirty_pages.deferring and page.url in self.search.pages  # indexed by the follow-up
            if skip:
                self.dirty_pages.unindexed.add(page.file.abs_dest_path)
                self.dirty_pages.hold()
            self.search.before(search, skip)
        self.search_text.before(config, page, self.kept)
        return context

    @event_priority(-100)  # after the search plugin
    def _page_context_after_search(self, context, page, config, nav):
        self.search_text.after(page)
        search = search_plugin(config)
        if self.dirty and search is not None and self.search.after(search, page.url):
            self.dirty_pages.unindexed.discard(page.file.abs_dest_path)
        return context

    on_page_context = CombinedEvent(_page_context_before_search, _page_context_after_search)

    @event_priority(LAST)
    def on_post_page(self, output, page, config):
        if "arithmatex" in output:
            try:
                result = render_page(output, default_renderer())
            except MathError as exc:
                log.error("math: docs/%s: %s", page.file.src_uri, exc)
            else:
                for error in result.errors:
                    log.error("math: docs/%s: %s", page.file.src_uri, error)
                output = result.html
        return offline.on_post_page(output, page, config)

    @event_priority(LAST)
    def on_post_template(self, output, template_name, config):
        return offline.on_post_template(output, template_name, config)

    @event_priority(10)  # before mkdocs-jupyter (0) deletes the entries of its cache that this build did not read
    def _post_build_keep_notebooks(self, config) -> None:
        if self.settings.notebooks:
            notebooks.on_post_build(config)

    @event_priority(-50)  # before mkdocs-static-i18n (-100) builds the other languages
    def _post_build_defer_languages(self, config) -> None:
        """In the first pass of ``serve --dirty``, a language that the edit does not touch is built by the
        follow-up only (mkdocs-static-i18n builds the languages whose ``build`` is set)."""
        i18n = config.plugins.get("i18n")
        if not (self.dirty and i18n) or building_nested(config):
            return
        others = [lang for lang in i18n.config.languages if lang.build and not lang.default]
        deferred = self.dirty_pages.languages_to_defer([lang.locale for lang in others])
        self.deferred_languages = [lang for lang in others if lang.locale in deferred]
        for lang in self.deferred_languages:
            lang.build = False
        if deferred:
            log.info("coursebuild: %s waits for the follow-up (the edit changes no page of it)", ", ".join(deferred))

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has merged every language into the index
    def _post_build(self, config) -> None:
        if self.books:  # a nested language's build (mkdocs-static-i18n) ends before the one it runs in
            lang, (site_name, root, lessons) = self.books.popitem()
            if self.dirty and self.dirty_pages.deferring:
                self.dirty_pages.hold()  # assembled from every page: after the follow-up rendered them
            else:
                book.build_book(Path(config.site_dir), root, lessons, config.site_url or "/", site_name, lang,
                                self.settings.cache_dir, self.book_pdf)
        if self.dirty and not building_nested(config):
            self.search.write(Path(config.site_dir))  # before the figure texts join it and it is split
        offline.on_post_build(config, self.figure_texts)
        if building_nested(config):
            return
        # once, after every language
        if not self.pruned:
            self.pruned = True
            deleted = engine_module.default_engine().cache.prune()
            if deleted:
                log.info("coursebuild: %d cache entr(ies) unused for a while deleted", deleted)
        self.prerender.close()  # every notebook page of every language is rendered by now
        self._segmenter_for_serve(config)
        for lang in self.deferred_languages:
            lang.build = True
        self.deferred_languages = []
        if self.dirty and self.dirty_pages.follow_up():
            log.info("coursebuild: the edit is served; its notebook, translation notices and book follow")

    on_post_build = CombinedEvent(_post_build_keep_notebooks, _post_build_defer_languages, _post_build)

    def _segmenter_for_serve(self, config) -> None:
        """Under ``serve``, after the first build: jieba's dictionary loads now, while the author reads. A build
        whose texts were all segmented before (search_text.CachedSegmentation) does not load it, and the first
        edit's follow-up, which indexes new text, would load it then (0.45-0.75 s, more on a busy machine)."""
        if self.serving and not self.segmenter_started and search_plugin(config) is not None:
            self.segmenter_started = True
            threading.Thread(target=_warm_up, args=(True,), name="coursebuild-warm-up", daemon=True).start()

    @event_priority(LAST)
    def on_shutdown(self) -> None:
        self.prerender.close()
        engine_module.default_engine().close()
        default_renderer().close()


def search_plugin(config):
    """The site's search plugin (Material's, or MkDocs' own), or None."""
    return config.plugins.get("material/search") or config.plugins.get("search")


def _warm_up(segmenter: bool) -> None:
    default_renderer().start()
    if sys.platform == "linux":  # a thread's own priority: jieba's dictionary yields to the import of torch
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
    if segmenter:
        try:
            import jieba
        except ImportError:  # the search plugin segments Chinese only with jieba installed
            return
        jieba.initialize()
