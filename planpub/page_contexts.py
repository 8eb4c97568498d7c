"""What the templates show, computed from the plan in Python: the templates place it.

Each type of page gets a typed context (declared with its type in page_types.py): an item's page
its item, viewpoint and pillar; the indicators page a card for each indicator of each part. The
functions before them are pure functions of the plan, the same in every language, that any
template may call by name (TEMPLATE_FUNCTIONS).
"""

from __future__ import annotations

from dataclasses import dataclass, make_dataclass
from typing import TYPE_CHECKING, Any

from .model import (Chapter, Guideline, Indicator, IndicatorGroup, Initiative, Item, Measure, Part, Pillar, Plan, Progress,
                    ProgressStatus, Section, Text, Viewpoint, by_latest_status, latest_progress)

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


# Every template may call these by name.
TEMPLATE_FUNCTIONS = {function.__name__: function for function in (
    cells_by_year, values_in, value_years, shared_target_year, notes_for, roadmap_filters,
    progress_groups, progress_by_year, latest_progress,
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
class HomeContext:
    contents: tuple[PartContents, ...]

    @classmethod
    def of(cls, page: Page, sources: Sources) -> HomeContext:
        return cls(tuple(_part_contents(part, sources.urls) for part in sources.plan.parts))


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

    @classmethod
    def of(cls, page: Page, sources: Sources) -> ItemContext:
        viewpoint = sources.plan.parent_of(page.subject.id)
        return cls(page.subject, viewpoint, sources.plan.parent_of(viewpoint.id))


@dataclass(frozen=True)
class InitiativeContext:
    initiative: Initiative
    measure: Measure
    guideline: Guideline
    kpis: tuple[Indicator, ...]  # the guideline's KPIs that measure this initiative

    @classmethod
    def of(cls, page: Page, sources: Sources) -> InitiativeContext:
        initiative = page.subject
        measure = sources.plan.parent_of(initiative.id)
        guideline = sources.plan.parent_of(measure.id)
        return cls(initiative, measure, guideline, tuple(kpi for kpi in guideline.kpis if kpi.initiative_id == initiative.id))


@dataclass(frozen=True)
class AppendicesContext:
    part: Part
    appendices: tuple[Page, ...]

    @classmethod
    def of(cls, page: Page, sources: Sources) -> AppendicesContext:
        return cls(page.subject, tuple(sources.urls.children(page)))


@dataclass(frozen=True)
class IndicatorCard:
    """An indicator as its card on the indicators page shows it: what it belongs to (the card
    links there) and the plan's own words on what meeting it brings, where the plan has them."""

    indicator: Indicator
    owner: IndicatorGroup | Initiative | Guideline
    owner_kind: str | None = None  # the label the owner's number takes: "initiative", "guideline"; None for a group
    achieved: Text | None = None  # its group's 達成すると text
    goals: tuple[Text, ...] = ()  # its initiative's 目指す姿・目標
    outcome: Text | None = None  # the previous plan's: how the reference material says it went


@dataclass(frozen=True)
class PreviousIndicators:
    """The previous plan's indicators, which a part's reference material reports on."""

    cards: tuple[IndicatorCard, ...]
    appendix: Section  # the reference material that sets them out
    value_years: list[int]  # the years they have values for, in order
    target_year: int | None  # when every target is for the same year


@dataclass(frozen=True)
class IndicatorsContext:
    cards_by_part: dict[str, tuple[IndicatorCard, ...]]  # this plan's indicators and KPIs, set out in the part's chapters
    previous_by_part: dict[str, PreviousIndicators | None]  # the previous plan's, in the part's reference material

    @classmethod
    def of(cls, page: Page, sources: Sources) -> IndicatorsContext:
        """The previous plan's series in the reference material are not this plan's indicators:
        they come apart, after the part's own."""
        plan, urls = sources.plan, sources.urls
        return cls({part.id: _kpi_cards(part, plan) + _group_cards(part, plan, urls) for part in plan.parts},
                   {part.id: _previous_indicators(part, plan, urls) for part in plan.parts})


def _kpi_cards(part: Part, plan: Plan) -> tuple[IndicatorCard, ...]:
    """The KPIs of the part's guidelines, each with the initiative it measures and its goals."""
    cards = []
    for guideline in (guideline for chapter in part.chapters for guideline in chapter.guidelines):
        for kpi in guideline.kpis:
            initiative = plan.initiative(kpi.initiative_id) if kpi.initiative_id else None
            if initiative:
                cards.append(IndicatorCard(kpi, initiative, "initiative", goals=initiative.goals))
            else:
                cards.append(IndicatorCard(kpi, guideline, "guideline"))
    return tuple(cards)


def _group_cards(part: Part, plan: Plan, urls: Urls) -> tuple[IndicatorCard, ...]:
    return tuple(IndicatorCard(indicator, group, achieved=group.achieved)
                 for group in plan.indicator_groups if _set_out_in(group, part.chapters, urls)
                 for indicator in group.indicators)


def _previous_indicators(part: Part, plan: Plan, urls: Urls) -> PreviousIndicators | None:
    groups = [group for group in plan.indicator_groups if _set_out_in(group, part.appendices, urls)]
    if not groups:
        return None
    indicators = [indicator for group in groups for indicator in group.indicators]
    return PreviousIndicators(
        tuple(IndicatorCard(indicator, group, outcome=group.description) for group in groups for indicator in group.indicators),
        urls.location(groups[0].id).page.subject, value_years(indicators), shared_target_year(indicators))


def _set_out_in(group: IndicatorGroup, subjects: tuple[Any, ...], urls: Urls) -> bool:
    """Whether the group is set out on the page of one of ``subjects`` (chapters or appendices)."""
    return urls.location(group.id).page.subject.id in {subject.id for subject in subjects}


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
