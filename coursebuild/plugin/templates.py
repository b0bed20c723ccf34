"""Jinja templates compiled once per process: the theme's, and nbconvert's for the notebook pages.

MkDocs makes a new Jinja environment for every build (both languages, every rebuild of ``mkdocs serve``), and
Material's templates then compile again each time (the 38 a build of this course loads: 0.12 s per language,
measured); nbconvert makes one per notebook it renders (``nbconvert_speedups.py``). A Jinja bytecode cache in
memory, keyed by template and source checksum (Jinja's own check), and kept apart for environments whose settings
could compile the same source differently, makes every environment after the first reuse them.
"""

from __future__ import annotations

import jinja2

_caches: dict[tuple, _MemoryBytecodeCache] = {}


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def compile_once(env: jinja2.Environment) -> jinja2.Environment:
    """Give ``env`` the process's bytecode cache for environments like it."""
    # A folder listed twice finds nothing the first listing did not: mkdocs-static-i18n gives the second language's
    # theme its sitemap folder twice, which without this made that environment compile every template again.
    searchpath = tuple(dict.fromkeys(getattr(env.loader, "searchpath", ())))
    flavour = (tuple(sorted(env.extensions)), searchpath, env.block_start_string,
               env.variable_start_string, env.comment_start_string, env.line_statement_prefix, env.trim_blocks,
               env.lstrip_blocks, env.autoescape if not callable(env.autoescape) else id(env.autoescape), env.is_async)
    env.bytecode_cache = _caches.setdefault(flavour, _MemoryBytecodeCache())
    return env
