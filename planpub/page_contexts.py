"""What the templates show, computed from the plan in Python: the templates place it.

Each type of page gets a typed context (declared with its type in page_types.py): an item's page
its item, viewpoint and pillar; the indicators page the indicator groups of each part. The
functions before them are pure functions of the plan, the same in every language, that any
template may call by name (TEMPLATE_FUNCTIONS).
"""

from __future__ import annotations

from dataclasses import dataclass, make_dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .model import (Chapter, Guideline, Highlight, Indicator, IndicatorGroup, Initiative, Item, Measure, Part, Pillar, Plan,
                    Progress, ProgressStatus, Section, Value, Viewpoint, by_latest_status, latest_progress)

if TYPE_CHECKING:  # urls.py declares its page paths with the page types, which name these contexts
    from .urls import Page, Urls


def cells_by_year(entries, years: tuple[int, ...]) -> list[Any]:
    """A schedule row's cells in year order: an entry where one starts (it spans its years),
    None for each year no entry covers."""
    cells: list[Any] = []
    year = years[0]
    for entry in sorted(entries, key=lambda entry: entry.start):
        cells += [None] * max(0, entry.start - year) + [entry]
        year = entry.end + 1
    return cells + [None] * max(0, years[-1] + 1 - year)


def values_in(indicator: Indicator, years: list[int]) -> list[Any]:
    """The indicator's value for each of ``years``, None where the plan gives none."""
    by_year = {value.year: value for value in indicator.values}
    return [by_year.get(year) for year in years]


def value_years(indicators) -> list[int]:
    """The years a table of ``indicators`` has a column of values for."""
    return sorted({value.year for indicator in indicators for value in indicator.values})


def shared_target_year(indicators) -> int | None:
    """The year a table's target column is headed with, when every target shares it."""
    years = {indicator.target.year for indicator in indicators}
    return years.pop() if len(years) == 1 else None


def notes_for(indicators, notes) -> tuple:
    """The footnotes that these indicators point to."""
    marks = {mark for indicator in indicators for mark in indicator.note_marks}
    return tuple(note for note in notes if note.mark.ja in marks)


def roadmap_filters(entity: Any) -> tuple[list[str], list[str]]:
    """What the roadmap's filters find an item or initiative by: the departments responsible
    for it or for any of its actions, and its marks (new when it or an action is new)."""
    parts = [entity, *getattr(entity, "actions", ())]
    departments = list(dict.fromkeys(department.id for part in parts for department in part.departments))
    marks = ["new"] * any(part.new for part in parts) + ["dx"] * bool(getattr(entity, "dx_priority", False))
    return departments, marks


def progress_groups(part: Part) -> list[tuple[str, Any, dict[ProgressStatus, tuple[Any, ...]]]]:
    """(kind, pillar or guideline, its items or initiatives by latest status) for the part."""
    groups: list[tuple[str, Any, dict[ProgressStatus, tuple[Any, ...]]]] = []
    for chapter in part.chapters:
        groups += [("pillar", pillar, by_latest_status(pillar.items)) for pillar in chapter.pillars]
        groups += [("guideline", guideline, by_latest_status(guideline.initiatives)) for guideline in chapter.guidelines]
    return groups


def progress_by_year(progress: tuple[Progress, ...]) -> dict[int, Progress]:
    return {record.year: record for record in progress}


@dataclass(frozen=True)
class Recorded:
    """How many items and initiatives have a status recorded on this site, of how many, as of
    the data's last revision: what the site knows, not what the City has done."""

    count: int
    total: int
    as_of: date


def recorded_progress(plan: Plan) -> Recorded:
    entities = (*plan.items, *plan.initiatives)
    return Recorded(sum(1 for entity in entities if entity.progress), len(entities), plan.metadata.revised)


# Every template may call these by name.
TEMPLATE_FUNCTIONS = {function.__name__: function for function in (
    cells_by_year, values_in, value_years, shared_target_year, notes_for, roadmap_filters,
    progress_groups, progress_by_year, latest_progress, recorded_progress,
)}


# --- what each type of page is given, besides the language (l, h, to) and the plan ---


@dataclass(frozen=True)
class Sources:
    """What a page's context is taken from."""

    plan: Plan
    urls: Urls
    report: Any = None  # accessibility.Report, for the accessibility pages
    downloads: Any = None  # render.Downloads: what the build wrote beside the pages


@dataclass(frozen=True)
class NoContext:
    """A page that shows the plan as a whole (the glossary, the roadmap …): it needs nothing more."""

    @classmethod
    def of(cls, page: Page, sources: Sources) -> NoContext:
        return cls()


@dataclass(frozen=True)
class OfSubject:
    """A page about one entity of the plan, given it under the name of its kind."""

    @classmethod
    def of(cls, page: Page, sources: Sources) -> OfSubject:
        return cls(page.subject)


def _of_subject(kind: str, subject_type: type) -> type:
    """The context of a page that needs only its subject: ``chapter`` for a chapter's page."""
    return make_dataclass(f"{kind.capitalize()}Context", [(kind, subject_type)], bases=(OfSubject,), frozen=True)


ChapterContext = _of_subject("chapter", Chapter)
PillarContext = _of_subject("pillar", Pillar)
GuidelineContext = _of_subject("guideline", Guideline)
AppendixContext = _of_subject("appendix", Section)


@dataclass(frozen=True)
class PartContents:
    part: Part
    page: Page
    appendices: Page | None  # its appendices' page, when it has one


def _part_contents(part: Part, urls: Urls) -> PartContents:
    page = urls.location(part.id).page
    return PartContents(part, page, next((child for child in urls.children(page) if child.kind == "appendices"), None))


@dataclass(frozen=True)
class Shown:
    """A highlight with the indicator it is measured by, and the latest value the plan prints
    for it (None where it prints none)."""

    highlight: Highlight
    indicator: Indicator
    value: Value | None


@dataclass(frozen=True)
class HomeContext:
    contents: tuple[PartContents, ...]
    highlights: tuple[Shown, ...]
    open_data: bool  # whether the build wrote the open data, which the downloads page then lists

    @classmethod
    def of(cls, page: Page, sources: Sources) -> HomeContext:
        plan = sources.plan
        return cls(tuple(_part_contents(part, sources.urls) for part in plan.parts),
                   tuple(_shown(highlight, plan.indicator(highlight.indicator_id)) for highlight in plan.metadata.highlights),
                   bool(sources.downloads and sources.downloads.data))


def _shown(highlight: Highlight, indicator: Indicator) -> Shown:
    return Shown(highlight, indicator, max(indicator.values, key=lambda value: value.year, default=None))


@dataclass(frozen=True)
class PartContext:
    part: Part
    appendices: Page | None

    @classmethod
    def of(cls, page: Page, sources: Sources) -> PartContext:
        return cls(page.subject, _part_contents(page.subject, sources.urls).appendices)


@dataclass(frozen=True)
class ItemContext:
    item: Item
    viewpoint: Viewpoint
    pillar: Pillar
    part: Part

    @classmethod
    def of(cls, page: Page, sources: Sources) -> ItemContext:
        viewpoint = sources.plan.parent_of(page.subject.id)
        return cls(page.subject, viewpoint, sources.plan.parent_of(viewpoint.id), sources.plan.part_of(page.subject.id))


@dataclass(frozen=True)
class InitiativeContext:
    initiative: Initiative
    measure: Measure
    guideline: Guideline
    part: Part
    kpis: tuple[Indicator, ...]  # the guideline's KPIs that measure this initiative

    @classmethod
    def of(cls, page: Page, sources: Sources) -> InitiativeContext:
        initiative = page.subject
        measure = sources.plan.parent_of(initiative.id)
        guideline = sources.plan.parent_of(measure.id)
        return cls(initiative, measure, guideline, sources.plan.part_of(initiative.id),
                   tuple(kpi for kpi in guideline.kpis if kpi.initiative_id == initiative.id))


@dataclass(frozen=True)
class AppendicesContext:
    part: Part
    appendices: tuple[Page, ...]

    @classmethod
    def of(cls, page: Page, sources: Sources) -> AppendicesContext:
        return cls(page.subject, tuple(sources.urls.children(page)))


@dataclass(frozen=True)
class IndicatorsContext:
    groups_by_part: dict[str, tuple[IndicatorGroup, ...]]  # the indicator groups set out in a part's chapters

    @classmethod
    def of(cls, page: Page, sources: Sources) -> IndicatorsContext:
        """The previous plan's series in the reference material are not this plan's indicators."""
        return cls({part.id: tuple(group for group in sources.plan.indicator_groups
                                   if _on_chapter_page(group, part, sources.urls)) for part in sources.plan.parts})


def _on_chapter_page(group: IndicatorGroup, part: Part, urls: Urls) -> bool:
    page = urls.location(group.id).page
    return page.kind == "chapter" and page.subject.id in {chapter.id for chapter in part.chapters}


@dataclass(frozen=True)
class EditorialNotesContext:
    about: dict[str, Page | None]  # the page of what each note is about; None for the plan as a whole

    @classmethod
    def of(cls, page: Page, sources: Sources) -> EditorialNotesContext:
        return cls({note.id: getattr(sources.urls.location(note.target_id), "page", None) for note in sources.plan.editorial_notes})


@dataclass(frozen=True)
class DownloadsContext:
    downloads: Any  # render.Downloads

    @classmethod
    def of(cls, page: Page, sources: Sources) -> DownloadsContext:
        return cls(sources.downloads)


@dataclass(frozen=True)
class AccessibilityContext:
    report: Any  # accessibility.Report: the committed audit results

    @classmethod
    def of(cls, page: Page, sources: Sources) -> AccessibilityContext:
        return cls(sources.report)
