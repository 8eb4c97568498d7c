"""Command line: check plan.yaml, build the site, or preview it with live reload.

    python build.py check  [--plan plan.yaml]
    python build.py build  [--plan plan.yaml] [--out site] [--site-url URL]   (the default command: site and PDFs)
    python build.py serve  [--plan plan.yaml] [--port 8000] [--pdf]
    python build.py audit  [--plan plan.yaml] [--out site]   (make audit: needs the test tools)
    python build.py diff   OLD [NEW] [--plan plan.yaml]       (files or git revisions: Markdown of what changed)

Bad input prints one line per problem (file:line:column: field: message [code]) and exits 1;
messages are in Japanese with --lang ja or in a Japanese locale, in English otherwise.
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
from pathlib import Path

# Only what every command needs: each command imports its own stages, so that `check` (run on
# every save by editors and on every pull request) does not pay for MkDocs, WeasyPrint or the browser.
from planpub.diagnostics import LANGUAGES as MESSAGE_LANGUAGES, PlanError, StageError, errors_only, message_language
from planpub.load import load_plan, load_version
from planpub.model import Plan, build_plan
from planpub.validate import validate

PROJECT = Path(__file__).resolve().parent
CONTENT = PROJECT / "content"
ACCESSIBILITY = CONTENT / "accessibility"


def check(plan_path: Path, language: str = "en") -> tuple[Plan, dict]:
    """Load, validate and model the plan; print warnings in ``language``; raise PlanError on any
    error. Returns the model and the validated data it was built from."""
    loaded = load_plan(plan_path)
    problems = validate(loaded)
    for warning in problems:
        if warning not in errors_only(problems):
            print(warning.text(language), file=sys.stderr)
    if errors_only(problems):
        raise PlanError(errors_only(problems))
    return build_plan(loaded.data), loaded.data


def build(plan_path: Path, out_dir: Path, site_url: str | None = None, pdf: bool = True) -> Plan:
    """The site with its open data, and unless ``pdf`` is false the print PDFs it links to."""
    from planpub.site import build_site

    with tempfile.TemporaryDirectory(prefix="planpub-downloads-") as temporary:
        plan, rendered, downloads = prepare(plan_path, Path(temporary), pdf)
        build_site(plan, rendered, PROJECT, out_dir, site_url, downloads)
    return plan


def prepare(plan_path: Path, work: Path, pdf: bool) -> tuple:
    """Check the plan, write its downloads into ``work`` (the open data, and the PDFs unless
    ``pdf`` is false) and render both languages' pages, which give the downloads' sizes.
    Returns the plan, the rendered languages and the downloads as {site path: file}."""
    from planpub.accessibility import load_report
    from planpub.export import write_data
    from planpub.pdf import build_pdfs
    from planpub.render import Downloads, render_site
    from planpub.urls import DATA, DOWNLOADS, LANGUAGE_ROOTS, Urls

    plan, data = check(plan_path)
    urls = Urls(plan)
    pdfs = build_pdfs(plan, urls, CONTENT, work) if pdf else {}
    data_files = write_data(data, plan, urls, work / DATA)
    downloads = Downloads({language: path.stat().st_size for language, path in pdfs.items()}, tuple(data_files))
    rendered = render_site(plan, urls, CONTENT, load_report(ACCESSIBILITY), downloads)
    files = {LANGUAGE_ROOTS[language] + DOWNLOADS + path.name: path for language, path in pdfs.items()}
    files |= {file.path: work / file.path for file in data_files}
    return plan, rendered, files


def audit(plan_path: Path, out_dir: Path, site_url: str | None = None) -> None:
    """Build, run the automated accessibility checks over the built site, record what they found
    for the test-results page, and build again so that the page shows it."""
    from planpub.qa.audit import audit as run_audit, write_results
    from planpub.urls import LANGUAGES

    plan = build(plan_path, out_dir, site_url)
    site_names = {language: plan.metadata.title.shown(language) for language in LANGUAGES}
    write_results(run_audit(out_dir, site_names), ACCESSIBILITY / "results.json")
    build(plan_path, out_dir, site_url)


def diff(old_spec: str, new_spec: str | None, plan_path: Path) -> str:
    """What changed from version ``old_spec`` (a file or a git revision) to ``new_spec`` (the
    plan file when not given), as Markdown; PlanError when either version is not a valid plan."""
    from planpub.diff import plan_diff

    versions = []
    for spec in (old_spec, new_spec or str(plan_path)):
        loaded = load_version(spec, plan_path)
        problems = errors_only(validate(loaded))
        if problems:
            raise PlanError(problems)
        versions.append(build_plan(loaded.data))
    return plan_diff(*versions)


def serve(plan_path: Path, port: int, pdf: bool = False) -> None:
    """Build into a temporary folder, serve it on 127.0.0.1 and, on every change, rebuild the
    pages that changed (see planpub/preview.py); the PDFs only with ``pdf`` (they take longer
    than the rest of the build). Ctrl+C (SIGINT) or SIGTERM stops it whatever it is doing, and
    it then returns normally (exit status 0)."""
    _stop_on_signals()
    try:
        _preview(plan_path, port, pdf)
    except KeyboardInterrupt:
        pass  # asked to stop: by now the worker processes are ended and the temporary folder removed


def _stop_on_signals() -> None:
    """Ctrl+C (SIGINT) and SIGTERM both raise KeyboardInterrupt in the main thread, which runs
    the rebuilds, whatever the server is doing. Set even when the server was started with SIGINT
    ignored (a background job of a script or of a test run): Python leaves it ignored then."""
    stopping = (signal.SIGINT, signal.SIGTERM)

    def stop(signal_number, frame):
        for each in stopping:  # a second Ctrl+C must not interrupt the clean-up
            signal.signal(each, signal.SIG_IGN)
        raise KeyboardInterrupt

    for each in stopping:
        signal.signal(each, stop)


def _preview(plan_path: Path, port: int, pdf: bool) -> None:
    from mkdocs.livereload import LiveReloadServer

    from planpub.preview import Preview

    with tempfile.TemporaryDirectory(prefix="planpub-serve-") as temporary:
        out_dir = Path(temporary) / "site"
        preview = Preview(PROJECT, out_dir, Path(temporary) / "work")

        def rebuild() -> None:
            try:
                with tempfile.TemporaryDirectory(prefix="planpub-downloads-") as downloads:
                    pages = preview.update(*prepare(plan_path, Path(downloads), pdf))
                print(f"Rebuilt {len(pages)} pages", file=sys.stderr)
            except (PlanError, StageError) as error:
                print(error, file=sys.stderr)  # keep serving the last good build

        rebuild()
        server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(out_dir), polling_interval=0.25)
        for watched in (plan_path, PROJECT / "content", PROJECT / "theme", PROJECT / "mkdocs.yml", PROJECT / "planpub"):
            server.watch(str(watched))
        print(f"Serving on http://127.0.0.1:{port}/ (Ctrl+C stops)", file=sys.stderr)
        try:
            server.serve()
        finally:
            server.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Publish a plan from plan.yaml as a bilingual website.")
    parser.add_argument("command", nargs="?", default="build", choices=["check", "build", "serve", "audit", "diff"])
    parser.add_argument("versions", nargs="*", metavar="OLD [NEW]", help="diff: two plan files, or a git revision and the plan file")
    parser.add_argument("--plan", type=Path, default=PROJECT / "plan.yaml", help="the plan file (default: plan.yaml)")
    parser.add_argument("--out", type=Path, default=PROJECT / "site", help="output folder for build (default: site/)")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default: 8000)")
    parser.add_argument("--site-url", help="the address the site is published at (default: site_url in mkdocs.yml)")
    parser.add_argument("--pdf", action="store_true", help="serve: build the print PDFs too (build always does)")
    parser.add_argument("--lang", choices=MESSAGE_LANGUAGES, help="language of messages (default: Japanese in a Japanese locale, else English)")
    arguments = parser.parse_args(argv)
    if arguments.versions and arguments.command != "diff":
        parser.error(f"{arguments.command} takes no file names: give the plan with --plan")
    language = message_language(arguments.lang)
    try:
        if arguments.command == "check":
            check(arguments.plan, language)
            print(f"{arguments.plan}: OK", file=sys.stderr)
        elif arguments.command == "build":
            build(arguments.plan, arguments.out, arguments.site_url)
            print(f"Built {arguments.out}", file=sys.stderr)
        elif arguments.command == "diff":
            if not 1 <= len(arguments.versions) <= 2:
                parser.error("diff takes OLD and optionally NEW: a file or a git revision each")
            old, new = (arguments.versions + [None])[:2]
            print(diff(old, new, arguments.plan), end="")
        elif arguments.command == "audit":
            audit(arguments.plan, arguments.out, arguments.site_url)
            print(f"Audited {arguments.out}; results in {ACCESSIBILITY / 'results.json'}", file=sys.stderr)
        else:
            serve(arguments.plan, arguments.port, arguments.pdf)
    except PlanError as error:
        print(error.text(language), file=sys.stderr)
        return 1
    except StageError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
