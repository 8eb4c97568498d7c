"""The pipeline, stage by stage: load → validate → model (``check``), then the PDFs, the open
data and the pages (``prepare``: the downloads first, since every page gives their sizes), then
MkDocs (``build``); and the commands built on it: ``audit`` and ``diff`` (``serve`` is in
preview.py). Nothing here prints: results say what the person building
should know, and build.py shows it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, PlanError, errors_only
from .load import load_plan, load_version
from .model import Plan, build_plan
from .project import PROJECT, Project
from .validate import validate


@dataclass(frozen=True)
class Checked:
    plan: Plan
    data: dict[str, Any]  # the validated data the plan was built from (the open data's plan.json)
    warnings: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class Prepared:
    plan: Plan
    rendered: list[Any]  # render.RenderedLanguage, one a language
    downloads: dict[str, Path]  # {site path: file}: the open data, and the PDFs when made
    warnings: list[Diagnostic] = field(default_factory=list)  # the check's, shown in the editor's language
    notices: list[str] = field(default_factory=list)  # the tools' (WeasyPrint's advisories …)


@dataclass(frozen=True)
class Built:
    plan: Plan
    warnings: list[Diagnostic] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def check(plan_path: Path) -> Checked:
    """Load, validate and model the plan; PlanError with every error found."""
    loaded = load_plan(plan_path)
    problems = validate(loaded)
    if errors_only(problems):
        raise PlanError(errors_only(problems))
    return Checked(build_plan(loaded.data), loaded.data, problems)


def prepare(plan_path: Path, work: Path, pdf: bool, project: Project = PROJECT) -> Prepared:
    """Check the plan, write its downloads into ``work`` (the open data, and the PDFs unless
    ``pdf`` is false) and render both languages' pages, which give the downloads' sizes."""
    # Imported here: `check` (run on every save by editors) does not pay for WeasyPrint or Jinja.
    from .accessibility import load_report
    from .export import write_data
    from .pdf import Pdfs, build_pdfs
    from .render import Downloads, render_site
    from .urls import DATA, DOWNLOADS, LANGUAGE_ROOTS, Urls

    checked = check(plan_path)
    plan, urls = checked.plan, Urls(checked.plan)
    pdfs = build_pdfs(plan, urls, project.content, work) if pdf else Pdfs({}, [])
    data_files = write_data(checked.data, plan, urls, work / DATA)
    downloads = Downloads({language: path.stat().st_size for language, path in pdfs.paths.items()}, tuple(data_files))
    rendered = render_site(plan, urls, project.content, load_report(project.accessibility), downloads)
    files = {LANGUAGE_ROOTS[language] + DOWNLOADS + path.name: path for language, path in pdfs.paths.items()}
    files |= {file.path: work / file.path for file in data_files}
    return Prepared(plan, rendered, files, checked.warnings, pdfs.advisories)


def build(plan_path: Path, out_dir: Path, site_url: str | None = None, pdf: bool = True, project: Project = PROJECT) -> Built:
    """The site with its open data, and unless ``pdf`` is false the print PDFs it links to."""
    from .site import build_site

    with tempfile.TemporaryDirectory(prefix="planpub-downloads-") as temporary:
        prepared = prepare(plan_path, Path(temporary), pdf, project)
        notices = build_site(prepared.plan, prepared.rendered, project.root, out_dir, site_url, prepared.downloads)
    return Built(prepared.plan, prepared.warnings, prepared.notices + notices)


def audit(plan_path: Path, out_dir: Path, site_url: str | None = None, project: Project = PROJECT) -> Built:
    """Build, run the automated accessibility checks over the built site, record what they found
    for the test-results page, and build again so that the page shows it."""
    from .qa.audit import audit as run_audit, write_results
    from .urls import LANGUAGES

    plan = build(plan_path, out_dir, site_url, project=project).plan
    site_names = {language: plan.metadata.title.shown(language) for language in LANGUAGES}
    write_results(run_audit(out_dir, site_names), project.results)
    return build(plan_path, out_dir, site_url, project=project)


def diff(old_spec: str, new_spec: str | None, plan_path: Path) -> str:
    """What changed from version ``old_spec`` (a file or a git revision) to ``new_spec`` (the
    plan file when not given), as Markdown; PlanError when either version is not a valid plan."""
    from .diff import plan_diff

    versions = []
    for spec in (old_spec, new_spec or str(plan_path)):
        loaded = load_version(spec, plan_path)
        problems = errors_only(validate(loaded))
        if problems:
            raise PlanError(problems)
        versions.append(build_plan(loaded.data))
    return plan_diff(*versions)
