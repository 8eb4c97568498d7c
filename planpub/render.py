"""Render every page of the plan to Markdown, once per language, from one template per page type.

Templates get a ``Localizer`` (``l``): the language as data. Its Formatter (formatting.py) picks
the text of a language, formats fiscal years and quantities and gives interface strings; the
Localizer adds what depends on the page (links, glossary links), so no template knows which
language it is writing.
"""

from __future__ import annotations

import json
import re
from functools import cached_property
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .accessibility import Report
from .charts import ChartSpec, Point, chart_svg, chartable
from .fiscal import fiscal_year_short
from .formatting import Formatter, term_surface
from .markup import FOOTNOTE_REFERENCE, link_footnotes, link_terms, render_prose
from .page_types import LISTED_ON_HOME, PAGE_TYPES
from .model import BlockKind, Indicator, Part, Plan, Progress, ProgressStatus, Text, by_latest_status, latest_progress
from .urls import DOWNLOADS, LANGUAGE_ROOTS, LANGUAGES, PDF_NAMES, PLAN_ID, PROGRESS, Page, Urls, record_path

DESCRIPTION_LENGTH = {"ja": 120, "en": 200}  # characters: search engines show about this much


@dataclass(frozen=True)
class RenderedLanguage:
    language: str
    files: dict[str, str]  # Markdown source file → content
    nav: list[Any]  # MkDocs nav structure


@dataclass(frozen=True)
class Downloads:
    """What the build wrote beside the pages, for pages to link to with sizes: the PDFs' bytes by
    language, and the open-data files (export.DataFile) with the data package descriptor first."""

    pdf_sizes: dict[str, int] = field(default_factory=dict)
    data: tuple[Any, ...] = ()


class Localizer(Formatter):
    """Everything a template needs to write one page in one language: the Formatter's words and
    numbers, and what depends on the page (links, glossary links in prose, its records)."""

    plan_id = PLAN_ID
    listed_on_home = LISTED_ON_HOME  # the pages the home page lists besides the plan's contents

    def __init__(self, language: str, plan: Plan, urls: Urls, page: Page, downloads: Downloads = Downloads()):
        super().__init__(language, plan)
        self.urls = urls
        self.page = page
        self.downloads = downloads
        self.pdf_size = downloads.pdf_sizes.get(language)  # bytes of this language's PDF, when it was built
        self._linked_terms: set[str] = set()  # glossary links already made on this page

    # --- texts ---

    def prose(self, text: Text | None) -> Markup:
        """A prose field (Markdown subset) as an HTML block."""
        if text is None:
            return Markup("")
        html = link_footnotes(render_prose(self.raw(text)).strip(), self.ui("footnote"))
        if self.pending(text):
            notice = Markup('<p class="plan-pending">{}</p>').format(self.ui("translation_pending_long"))
            return Markup('<div class="plan-prose" lang="ja">{}{}</div>').format(notice, html)
        return Markup('<div class="plan-prose">{}</div>').format(self._mark(self._link_terms(html)))

    def _link_terms(self, html: Markup) -> Markup:
        """The first use of each glossary term on a page links to its definition (not on the
        glossary itself)."""
        if self.page.kind == "glossary":
            return html
        return link_terms(html, self._term_links, self._linked_terms, ignore_case=self.language != "ja")

    @cached_property
    def _term_links(self) -> list[tuple[str, str]]:
        """(surface, href) of every glossary term, longest first; once per page."""
        first_by_surface: dict[str, tuple[str, str]] = {}
        for term in self.plan.terms:  # a term defined twice links to its first definition
            surface = term_surface(self.raw(term.term))
            first_by_surface.setdefault(surface.casefold(), (surface, self.href(term.id)))
        return sorted(first_by_surface.values(), key=lambda entry: -len(entry[0]))

    def description(self, page: Page) -> str:
        """A page's meta description: the plain text of its own purpose, summary or description,
        else of its first paragraph, shortened; else its title within the plan."""
        text = _first_paragraph(self.plan.front) if page.kind == "home" else _first_text(page.subject)
        if text is None:
            return f"{self.page_title(page)} — {self.raw(self.plan.metadata.title)}"
        plain = " ".join(FOOTNOTE_REFERENCE.sub("", render_prose(self.raw(text)).striptags()).split())
        limit = DESCRIPTION_LENGTH[self.language]
        if len(plain) <= limit:
            return plain
        cut = plain[: limit - 1]
        return (cut.rsplit(" ", 1)[0] if self.language == "en" else cut).rstrip(" ,;") + "…"

    @staticmethod
    def schedule_cells(entries, years: tuple[int, ...]) -> list[Any]:
        """A schedule row's cells in year order: an entry where one starts (it spans its years),
        None for each year no entry covers."""
        cells: list[Any] = []
        year = years[0]
        for entry in sorted(entries, key=lambda entry: entry.start):
            cells += [None] * max(0, entry.start - year) + [entry]
            year = entry.end + 1
        return cells + [None] * max(0, years[-1] + 1 - year)

    @staticmethod
    def values_in(indicator: Indicator, years: list[int]) -> list[Any]:
        """The indicator's value for each of ``years``, None where the plan gives none."""
        by_year = {value.year: value for value in indicator.values}
        return [by_year.get(year) for year in years]

    @staticmethod
    def kpis_of(guideline: Any, initiative: Any) -> list[Indicator]:
        return [kpi for kpi in guideline.kpis if kpi.initiative_id == initiative.id]

    @staticmethod
    def roadmap_filters(entity: Any) -> tuple[list[str], list[str]]:
        """What the roadmap's filters find an item or initiative by: the departments responsible
        for it or for any of its actions, and its marks (new when it or an action is new)."""
        parts = [entity, *getattr(entity, "actions", ())]
        departments = list(dict.fromkeys(department.id for part in parts for department in part.departments))
        marks = ["new"] * any(part.new for part in parts) + ["dx"] * bool(getattr(entity, "dx_priority", False))
        return departments, marks

    @staticmethod
    def notes_for(indicators, notes) -> tuple:
        """The footnotes that these indicators point to."""
        marks = {mark for indicator in indicators for mark in indicator.note_marks}
        return tuple(note for note in notes if note.mark.ja in marks)

    # --- reported progress ---

    def progress_groups(self, part: Part) -> list[tuple[str, Any, dict[ProgressStatus, tuple[Any, ...]]]]:
        """(kind, pillar or guideline, its items or initiatives by latest status) for the part."""
        groups: list[tuple[str, Any, dict[ProgressStatus, tuple[Any, ...]]]] = []
        for chapter in part.chapters:
            groups += [("pillar", pillar, by_latest_status(pillar.items)) for pillar in chapter.pillars]
            groups += [("guideline", guideline, by_latest_status(guideline.initiatives)) for guideline in chapter.guidelines]
        return groups

    def progress_anchor(self, group: Any, status: str) -> str:
        return f"{group.id}-{status}"

    def progress_href(self, group: Any, status: str) -> str:
        return f"{self.page_href(PROGRESS)}#{self.progress_anchor(group, status)}"

    def latest_progress(self, entity: Any) -> Progress | None:
        return latest_progress(entity.progress)

    def progress_rows(self, kind: str, entity: Any) -> list[tuple[Markup, tuple[Progress, ...]]]:
        """(row header, status records) of an item or initiative and of each of its actions."""
        rows = [(Markup("{} {}").format(self.label(kind, entity), self.text(entity.title)), entity.progress)]
        rows += [(Markup("{} {}").format(self.action_marker(action), self.text(action.title)), action.progress)
                 for action in getattr(entity, "actions", ())]
        return rows

    def progress_by_year(self, progress: tuple[Progress, ...]) -> dict[int, Progress]:
        return {record.year: record for record in progress}

    def chart(self, indicator: Indicator) -> Markup:
        """A line chart of an indicator's values and target, when it has two numbers or more.
        A target stated in another unit or as a share of something else is left out of the
        chart, which would put it on the wrong scale; the table beside the chart gives it."""
        unit = indicator.unit
        points = [Point(fiscal_year_short(v.year, self.language), self.shown_number(v.value, unit), kind, self.quantity(v.value, unit))
                  for kind, series in (("baseline", indicator.values), ("result", indicator.results))
                  for v in sorted(series, key=lambda entry: entry.year)]
        target = indicator.target
        plotted = target.of is None and target.unit == unit
        if plotted:
            label = self.ui("chart_target_year", year=fiscal_year_short(target.year, self.language))
            points.append(Point(label, self.shown_number(target.value, unit), "target", self.target(target, target.year)))
        if not chartable([point.value for point in points]):
            return Markup("")
        name = self.raw(indicator.name)
        target_text = self.ui("chart_target_label", year=self.fy(target.year), value=self.target(target, target.year))
        series = [self.ui("chart_series", series=self.ui(f"chart_{kind}"), values=self.ui("list_separator").join(
                      f"{point.label} {point.text}" for point in points if point.kind == kind))
                  for kind in ("baseline", "result") if any(point.kind == kind for point in points)]
        return chart_svg(ChartSpec(
            chart_id=f"chart-{indicator.id}",
            name=self.ui("chart_name", name=name),
            description=self.ui("chart_description", name=name, series=self.ui("sentence_separator").join(series), target=target_text),
            points=tuple(points),
            series_labels={kind: self.ui(f"chart_{kind}") for kind in ("baseline", "result", "target")},
            target_label=target_text if plotted else None,
        ))

    def indicator_groups_of(self, part) -> list:
        """The indicator groups set out in a part's chapters: the previous plan's series in the
        reference material are not this plan's indicators."""
        chapters = {chapter.id for chapter in part.chapters}
        return [group for group in self.plan.indicator_groups
                if (page := self.urls.location(group.id).page).kind == "chapter" and page.subject.id in chapters]

    @staticmethod
    def value_years(indicators) -> list[int]:
        return sorted({value.year for indicator in indicators for value in indicator.values})

    @staticmethod
    def shared_target_year(indicators) -> int | None:
        """The year a table's target column is headed with, when every target shares it."""
        years = {indicator.target.year for indicator in indicators}
        return years.pop() if len(years) == 1 else None

    # --- links ---

    def entity(self, entity_id: str) -> Any:
        return self.urls.location(entity_id).page.subject

    def href(self, entity_id: str) -> str:
        return self.urls.href(self.page, entity_id)

    def page_href(self, path: str) -> str:
        """A link to the page at ``path``, in this language."""
        return self.urls.relative(self.page.path, path)

    def responsible_departments(self) -> tuple[Any, ...]:
        """The departments named responsible for what this page is about: an item's or an
        initiative's; none for other pages (the plan's editors answer for those)."""
        return getattr(self.page.subject, "departments", ())

    def pdf_href(self, language: str | None = None) -> str:
        """This language's PDF, or ``language``'s (which sits in that language's root)."""
        if language in (None, self.language):
            return self.page_href(DOWNLOADS) + PDF_NAMES[self.language]
        return self.site_href(LANGUAGE_ROOTS[language] + DOWNLOADS + PDF_NAMES[language])

    def own_record(self) -> Any:
        """The open-data record (export.DataFile) of this page's item or initiative, when the
        build wrote the open data; None on other pages."""
        if self.page.kind not in ("item", "initiative"):
            return None
        path = record_path(self.page.subject)
        return next((file for file in self.downloads.data if file.path == path), None)

    def kind_href(self, kind: str) -> str:
        """A link to the one page of ``kind`` ("glossary", "roadmap" …), in this language."""
        return self.page_href(next(page.path for page in self.urls.pages if page.kind == kind))

    def site_href(self, path: str) -> str:
        """A link to ``path`` from the root of the site (any language's page)."""
        root = self.urls.to_site_root(self.page.path, self.language)
        return root + path if path else root


def _first_text(subject: Any) -> Text | None:
    """The text that says what ``subject`` is about: its purpose or summary, else the first
    paragraph of its sections (a chapter, an appendix)."""
    for name in ("purpose", "summary", "description"):
        if isinstance(getattr(subject, name, None), Text):
            return getattr(subject, name)
    if hasattr(subject, "blocks"):
        return _first_paragraph((subject,))
    return _first_paragraph(getattr(subject, "sections", ()))


def _first_paragraph(sections) -> Text | None:
    for section in sections:
        found = next((b.text for b in section.blocks if b.kind == BlockKind.TEXT), None) or _first_paragraph(section.subsections)
        if found:
            return found
    return None


@lru_cache(maxsize=4)
@lru_cache(maxsize=None)
def template_environment(content_dir: Path) -> jinja2.Environment:
    """One environment per content folder: templates compile once and recompile when their file
    changes (Jinja checks modification times), so the preview server still sees edits."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(content_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.do"],  # a legend tells its page that it is there
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_site(plan: Plan, urls: Urls, content_dir: Path, report: Report, downloads: Downloads = Downloads()) -> list[RenderedLanguage]:
    """Every page in every language, the accessibility pages from ``report``; pages link to the
    ``downloads`` the build wrote (every page to its language's PDF). Nothing is written here:
    the caller writes files."""
    environment = template_environment(content_dir)
    return [render_language(plan, urls, environment, language, report, downloads) for language in LANGUAGES]


def render_language(plan: Plan, urls: Urls, environment: jinja2.Environment, language: str, report: Report,
                     downloads: Downloads) -> RenderedLanguage:
    files = {}
    page_info = environment.get_template("components/page_info.j2")
    for page in urls.pages:
        template = environment.get_template(PAGE_TYPES[page.kind].template)
        l10n = Localizer(language, plan, urls, page, downloads)
        body = template.render(l=l10n, plan=plan, page=page, subject=page.subject, report=report)
        body += "\n" + page_info.render(l=l10n, plan=plan, marks_shown=l10n.shows_marks and not l10n.shows_legend)
        scripts = list(PAGE_TYPES[page.kind].scripts)
        meta = {"description": l10n.description(page)} | ({"scripts": scripts} if scripts else {})
        files[page.source_file] = f"---\n{front_matter(meta)}\n---\n\n{body}"
    return RenderedLanguage(language, files, _navigation(Formatter(language, plan), urls))


# What YAML reads as a line break or refuses in a quoted string, though JSON writes it as it is.
_NOT_YAML_AS_IS = re.compile("[\x80-\x9f\u2028\u2029\ufffe\uffff]")


def front_matter(meta: dict[str, Any]) -> str:
    """A page's front matter: JSON, which is YAML too and is written ten times faster than by
    PyYAML's emitter, with the characters YAML reads otherwise escaped."""
    return _NOT_YAML_AS_IS.sub(lambda match: f"\\u{ord(match[0]):04x}", json.dumps(meta, ensure_ascii=False))


def _navigation(formatter: Formatter, urls: Urls) -> list[Any]:
    """MkDocs nav: parts → chapters → pillars/guidelines → items/initiatives, then reference pages.

    Titles are HTML-escaped here because MkDocs themes print nav titles without escaping.
    """
    def entry(page: Page) -> dict[str, Any]:
        title = str(escape(formatter.page_title(page)))
        children = [entry(child) for child in urls.children(page)]
        return {title: [page.source_file, *children] if children else page.source_file}

    return [entry(page) for page in urls.pages if urls.parent_page(page) is None]
