"""Command line: check plan.yaml, build the site, or preview it with live reload.

    python build.py check  [--plan plan.yaml]
    python build.py build  [--plan plan.yaml] [--out site] [--site-url URL] [--no-pdf]   (the default command: site and PDFs)
    python build.py serve  [--plan plan.yaml] [--port 8000] [--pdf]
    python build.py audit  [--plan plan.yaml] [--out site]   (make audit: needs the test tools)
    python build.py diff   OLD [NEW] [--plan plan.yaml]       (files or git revisions: Markdown of what changed)

The PDFs take most of a build's time: `build --no-pdf` makes the pages and the open data alone, in
seconds (the pages then offer no PDF), and `serve` leaves the PDFs out unless given --pdf.

Bad input prints one line per problem (file:line:column: field: message [code]) and exits 1;
messages are in Japanese with --lang ja or in a Japanese locale, in English otherwise. This file
parses the options, calls the pipeline (planpub/pipeline.py, planpub/preview.py) and shows what it
returns; the stages themselves print nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

# Only what every command needs: each command imports its own stages, so that `check` (run on
# every save by editors and on every pull request) does not pay for MkDocs, WeasyPrint or the browser.
from planpub.diagnostics import LANGUAGES as MESSAGE_LANGUAGES, PlanError, StageError, message_language
from planpub.pipeline import Built, build, check, diff
from planpub.project import PROJECT


def say(text: str) -> None:
    print(text, file=sys.stderr)


def _show(built: Built, language: str) -> None:
    for warning in built.warnings:
        say(warning.text(language))
    for notice in built.notices:
        say(f"warning: {notice}")


def wants_pdfs(arguments: argparse.Namespace) -> bool:
    """--pdf or --no-pdf as given; else build makes the PDFs and serve, to stay quick, does not."""
    return arguments.command == "build" if arguments.pdf is None else arguments.pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Publish a plan from plan.yaml as a bilingual website.")
    parser.add_argument("command", nargs="?", default="build", choices=["check", "build", "serve", "audit", "diff"])
    parser.add_argument("versions", nargs="*", metavar="OLD [NEW]", help="diff: two plan files, or a git revision and the plan file")
    parser.add_argument("--plan", type=Path, default=PROJECT.plan, help="the plan file (default: plan.yaml)")
    parser.add_argument("--out", type=Path, default=PROJECT.site, help="output folder for build (default: site/)")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default: 8000)")
    parser.add_argument("--site-url", help="the address the site is published at (default: site_url in mkdocs.yml)")
    parser.add_argument("--pdf", action=argparse.BooleanOptionalAction,
                        help="build and serve: make the print PDFs or not (default: build makes them, serve does not)")
    parser.add_argument("--lang", choices=MESSAGE_LANGUAGES, help="language of messages (default: Japanese in a Japanese locale, else English)")
    arguments = parser.parse_args(argv)
    if arguments.versions and arguments.command != "diff":
        parser.error(f"{arguments.command} takes no file names: give the plan with --plan")
    if arguments.pdf is not None and arguments.command not in ("build", "serve"):
        parser.error(f"{arguments.command} takes neither --pdf nor --no-pdf")
    language = message_language(arguments.lang)
    try:
        if arguments.command == "check":
            # A short process that builds one large tree of objects and ends: Python's cyclic
            # garbage collector would only walk it again and again while it grows.
            gc.disable()
            for warning in check(arguments.plan).warnings:
                say(warning.text(language))
            say(f"{arguments.plan}: OK")
        elif arguments.command == "build":
            _show(build(arguments.plan, arguments.out, arguments.site_url, wants_pdfs(arguments)), language)
            say(f"Built {arguments.out}")
        elif arguments.command == "diff":
            if not 1 <= len(arguments.versions) <= 2:
                parser.error("diff takes OLD and optionally NEW: a file or a git revision each")
            old, new = (arguments.versions + [None])[:2]
            print(diff(old, new, arguments.plan), end="")
        elif arguments.command == "audit":
            from planpub.pipeline import audit

            _show(audit(arguments.plan, arguments.out, arguments.site_url), language)
            say(f"Audited {arguments.out}; results in {PROJECT.results}")
        else:
            from planpub.preview import serve

            serve(arguments.plan, arguments.port, wants_pdfs(arguments), say)
    except PlanError as error:
        say(error.text(language))
        return 1
    except StageError as error:
        say(str(error))
        return 1
    return 0


if __name__ == "__main__":
    status = main()
    if sys.argv[1:2] == ["check"]:
        # As mypy's hard_exit does: `check` (run on every save) ends without freeing the plan's
        # objects one by one, which took a tenth of its time. It has started nothing to wait for.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)
