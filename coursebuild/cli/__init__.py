"""``python -m coursebuild <command>``: the author's and CI's tools, one command with subcommands.

    refresh    rewrite the expected-output blocks after a code change
    values     every \\val{} reference of a page with its value, and the literal numbers no snippet backs
    freshness  translations that lag behind their counterpart; --mark records a page as checked
    linkcheck  every link, anchor, figure and language-switcher target of a built site
    mutate     break outputs, numbers, snippets and references on purpose: every mutant must be caught
    bench      build benchmark (clean, warm, one-snippet edit, floor, serve latency, pytest)
    summary    a build at a glance, as Markdown (the pull request's job summary)
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "refresh": "rewrite expected-output blocks after a code change",
    "values": "list a page's \\val{} references and the literal numbers no snippet backs",
    "freshness": "translations that lag behind their counterpart (--mark PAGE records a check)",
    "linkcheck": "check every link, anchor and figure of a built site",
    "mutate": "mutation run: every deliberate break must be caught",
    "bench": "build benchmark",
    "summary": "a build at a glance, as Markdown for a CI job summary",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m coursebuild", description=__doc__.split("\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(f"  {k:<10} {v}" for k, v in COMMANDS.items()) +
                                     "\n\n`python -m coursebuild COMMAND --help` describes each one.")
    parser.add_argument("command", choices=sorted(COMMANDS), metavar="COMMAND")
    if not argv or argv[0] in ("-h", "--help"):
        parser.print_help()
        return 0
    args, rest = parser.parse_known_args(argv[:1])
    module = importlib.import_module(f".{args.command}", __name__)
    return module.main(argv[1:])
