"""Command line: check plan.yaml, build the site, or preview it with live reload.

    python build.py check  [--plan plan.yaml]
    python build.py build  [--plan plan.yaml] [--out site] [--site-url URL]   (the default command: site and PDFs)
    python build.py serve  [--plan plan.yaml] [--port 8000] [--pdf]
    python build.py audit  [--plan plan.yaml] [--out site]   (make audit: needs the test tools)

Bad input prints one line per problem (file:line:column: field: message [code]) and exits 1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from planpub.accessibility import load_report
from planpub.audit import AuditError, audit as run_audit, write_results
from planpub.diagnostics import PlanError, errors_only
from planpub.load import load_plan
from planpub.model import Plan, build_plan
from planpub.pdf import PrintError, build_pdfs
from planpub.render import render_site
from planpub.site import SiteBuildError, build_site
from planpub.urls import DOWNLOADS, LANGUAGE_ROOTS, LANGUAGES, Urls
from planpub.validate import validate

PROJECT = Path(__file__).resolve().parent
CONTENT = PROJECT / "content"
ACCESSIBILITY = CONTENT / "accessibility"


def check(plan_path: Path) -> Plan:
    """Load, validate and model the plan; print warnings; raise PlanError on any error."""
    loaded = load_plan(plan_path)
    problems = validate(loaded)
    for warning in problems:
        if warning not in errors_only(problems):
            print(warning, file=sys.stderr)
    if errors_only(problems):
        raise PlanError(errors_only(problems))
    return build_plan(loaded.data)


def build(plan_path: Path, out_dir: Path, site_url: str | None = None, pdf: bool = True) -> Plan:
    """The site, and unless ``pdf`` is false the print PDFs it links to (built first: every page
    gives the PDF's size)."""
    plan = check(plan_path)
    urls = Urls(plan)
    report = load_report(ACCESSIBILITY)
    with tempfile.TemporaryDirectory(prefix="planpub-pdf-") as work:
        pdfs = build_pdfs(plan, urls, CONTENT, Path(work)) if pdf else {}
        rendered = render_site(plan, urls, CONTENT, report, {language: path.stat().st_size for language, path in pdfs.items()})
        downloads = {LANGUAGE_ROOTS[language] + DOWNLOADS + path.name: path for language, path in pdfs.items()}
        build_site(plan, rendered, PROJECT, out_dir, site_url, downloads)
    return plan


def audit(plan_path: Path, out_dir: Path, site_url: str | None = None) -> None:
    """Build, run the automated accessibility checks over the built site, record what they found
    for the test-results page, and build again so that the page shows it."""
    plan = build(plan_path, out_dir, site_url)
    site_names = {language: plan.metadata.title.shown(language) for language in LANGUAGES}
    write_results(run_audit(out_dir, site_names), ACCESSIBILITY / "results.json")
    build(plan_path, out_dir, site_url)


def serve(plan_path: Path, port: int, pdf: bool = False) -> None:
    """Build into a temporary folder, serve it on 127.0.0.1 and rebuild on every change; the
    PDFs only with ``pdf`` (they take longer than the rest of the build)."""
    from mkdocs.livereload import LiveReloadServer

    with tempfile.TemporaryDirectory(prefix="planpub-serve-") as temporary:
        out_dir = Path(temporary) / "site"

        def rebuild() -> None:
            try:
                build(plan_path, out_dir, pdf=pdf)
            except (PlanError, SiteBuildError, PrintError) as error:
                print(error, file=sys.stderr)  # keep serving the last good build

        rebuild()
        server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(out_dir))
        for watched in (plan_path, PROJECT / "content", PROJECT / "theme", PROJECT / "mkdocs.yml", PROJECT / "planpub"):
            server.watch(str(watched))
        print(f"Serving on http://127.0.0.1:{port}/ (Ctrl+C stops)", file=sys.stderr)
        try:
            server.serve()
        except KeyboardInterrupt:
            server.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Publish a plan from plan.yaml as a bilingual website.")
    parser.add_argument("command", nargs="?", default="build", choices=["check", "build", "serve", "audit"])
    parser.add_argument("--plan", type=Path, default=PROJECT / "plan.yaml", help="the plan file (default: plan.yaml)")
    parser.add_argument("--out", type=Path, default=PROJECT / "site", help="output folder for build (default: site/)")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default: 8000)")
    parser.add_argument("--site-url", help="the address the site is published at (default: site_url in mkdocs.yml)")
    parser.add_argument("--pdf", action="store_true", help="serve: build the print PDFs too (build always does)")
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "check":
            check(arguments.plan)
            print(f"{arguments.plan}: OK", file=sys.stderr)
        elif arguments.command == "build":
            build(arguments.plan, arguments.out, arguments.site_url)
            print(f"Built {arguments.out}", file=sys.stderr)
        elif arguments.command == "audit":
            audit(arguments.plan, arguments.out, arguments.site_url)
            print(f"Audited {arguments.out}; results in {ACCESSIBILITY / 'results.json'}", file=sys.stderr)
        else:
            serve(arguments.plan, arguments.port, arguments.pdf)
    except PlanError as error:
        print(error, file=sys.stderr)
        return 1
    except (SiteBuildError, AuditError, PrintError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
