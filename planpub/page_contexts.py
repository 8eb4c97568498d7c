"""What the templates show, computed from the plan in Python: the templates place it.

Each type of page gets a typed context (declared with its type in page_types.py): an item's page
its item, viewpoint and pillar; the indicators page a card for each indicator of each part. The
functions before them are pure functions of the plan, the same in every language, that any
template may call by name (TEMPLATE_FUNCTIONS).
"""

from __future__ import annotations

from dataclasses import dataclass, make_dataclass
from functools import cached_property
from datetime import date
from typing import TYPE_CHECKING, Any

from .model import (PLAN_ID, Action, Chapter, Department, EditorialNote, Guideline, Highlight, Indicator, IndicatorGroup, Initiative, Item,
                    Measure, Part, Pillar, Plan, Progress, ProgressStatus, ScheduleEntry, Section, Text, Value, Viewpoint,
                    by_latest_status, latest_progress)

if TYPE_CHECKING:  # urls.py declares its page paths with the page types, which name these contexts
    from .urls import Location, Page, Urls


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


MARKS = ("new", "dx")  # new in this plan, DX priority: in the order entries show them


def marks_of(entity: Any) -> tuple[str, ...]:
    """The marks an item, action, measure or initiative carries."""
    return tuple(mark for mark, carried in zip(MARKS, (entity.new, getattr(entity, "dx_priority", False))) if carried)


def marks_in(*collections) -> set[str]:
    """The marks that any entry of a list or table carries."""
    return {mark for entries in collections for entity in entries for mark in marks_of(entity)}


def roadmap_filters(entity: Any) -> tuple[list[str], list[str], list[int]]:
    """What the roadmap's filters find an item or initiative by: the departments responsible
    for it or for any of its actions, its marks (new when it or an action is new) and the fiscal
    years its schedule covers."""
    parts = [entity, *getattr(entity, "actions", ())]
    departments = list(dict.fromkeys(department.id for part in parts for department in part.departments))
    carried = marks_in(parts)
    years = sorted({year for row in entity.schedule_rows for entry in row.entries for year in range(entry.start, entry.end + 1)})
    return departments, [mark for mark in MARKS if mark in carried], years


# How a schedule entry stands in a fiscal year it covers, in the order a year's page lists them.
# Read from its span alone: the plan says what is done (検討, 実施 …), not whether work began
# before the plan or ends with it, so an entry over the whole period is "throughout", and one
# that reaches a year is "until" it, never "completed".
YEAR_PHASES = ("only", "starts", "continues", "ends", "throughout")


def year_phase(entry: ScheduleEntry, year: int, period: tuple[int, int]) -> str | None:
    """"only" (the entry is that year alone), "starts" (it runs from that year), "continues"
    (from an earlier year to a later one), "ends" (from an earlier year to that one),
    "throughout" (the whole plan ``period``, first and last year); None when it does not cover ``year``."""
    if not entry.start <= year <= entry.end:
        return None
    if entry.start == entry.end:
        return "only"
    if (entry.start, entry.end) == period:
        return "throughout"
    if entry.start == year:
        return "starts"
    return "ends" if entry.end == year else "continues"


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
    """How many of the items and initiatives have a status, or of the indicators a result,
    recorded on this site, of how many, as of the data's last revision: what the site knows, not
    what the City has done."""

    count: int
    total: int
    as_of: date


def progress_recorded(entity: Item | Initiative) -> bool:
    """Whether a status is recorded for the item or initiative, or for one of its actions."""
    return bool(entity.progress) or any(action.progress for action in getattr(entity, "actions", ()))


def recorded_progress(plan: Plan) -> Recorded:
    entities = (*plan.items, *plan.initiatives)
    return Recorded(sum(1 for entity in entities if progress_recorded(entity)), len(entities), plan.metadata.revised)


# Every template may call these by name.
def abbreviations_in_order(plan: Plan) -> list:
    """The plan's abbreviations in the order of their letters (ICT before IT), as the glossary lists them."""
    return sorted(plan.abbreviations, key=lambda abbreviation: (abbreviation.abbreviation.casefold(), abbreviation.abbreviation))


TEMPLATE_FUNCTIONS = {function.__name__: function for function in (
    cells_by_year, values_in, value_years, shared_target_year, notes_for, marks_of, marks_in, roadmap_filters,
    progress_groups, progress_by_year, latest_progress, progress_recorded, recorded_progress, abbreviations_in_order,
)}


# --- what every page is given: the editorial notes about what it shows ---


@dataclass(frozen=True)
class Place:
    """A part of a page a note is about: its anchor and its name as its heading gives it."""

    anchor: str
    number: str  # a section's number ("1-4"), else ""
    name: Text


@dataclass(frozen=True)
class PageNote:
    """An editorial note at the end of the page it is about; ``place`` names the part of the page
    it is about, None when it is about the page's subject."""

    note: EditorialNote
    place: Place | None = None


def page_notes(page: Page, sources: Sources) -> tuple[PageNote, ...]:
    """The editorial notes about what ``page`` shows, in the order it shows it: its subject first
    (the plan as a whole on the about page), then its sections, actions, indicators …"""
    plan, urls = sources.plan, sources.urls
    own_id = _own_id(page, urls, PLAN_ID)
    parts = [location for location in urls.anchors_on(page) if location.anchor != own_id]  # an appendix is its page's first section too
    return (tuple(PageNote(note) for note in plan.notes_about(own_id))
            + tuple(PageNote(note, _place(location.entity)) for location in parts for note in plan.notes_about(location.anchor)))


def _own_id(page: Page, urls: Urls, plan_id: str) -> str:
    """The id whose notes are about the page as a whole: the plan's on the about page; the
    subject's where links to the subject lead (not the part's appendices page, say)."""
    if page.kind == "about":
        return plan_id
    subject_id = getattr(page.subject, "id", "")
    location = urls.location(subject_id)
    return subject_id if location and location.page.path == page.path else ""


def _place(entity: Any) -> Place:
    """A section, action, indicator, glossary term … by what its heading or entry shows."""
    name = next(getattr(entity, field) for field in ("title", "name", "term") if hasattr(entity, field))
    return Place(entity.id, (entity.number or "") if isinstance(entity, Section) else "", name)


# --- what each type of page is given, besides the language (l, h, to) and the plan ---


@dataclass(frozen=True)
class Sources:
    """What a page's context is taken from."""

    plan: Plan
    urls: Urls
    report: Any = None  # accessibility.Report, for the accessibility pages
    downloads: Any = None  # render.Downloads: what the build wrote beside the pages

    @cached_property
    def note_numbers(self) -> dict[str, int]:
        """Each editorial note's number: the notes counted in the order the pages show them (the
        site's order, which the print edition keeps), then any that no page shows."""
        shown = [page_note.note.id for page in self.urls.pages for page_note in page_notes(page, self)]
        ordered = dict.fromkeys(shown + [note.id for note in self.plan.editorial_notes])
        return {note_id: number for number, note_id in enumerate(ordered, start=1)}


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
class InBrief:
    """What an item's or initiative's page opens with (WCAG 3.1.5 Reading level): what will be
    done and what it achieves, in the plan's own words and nothing else. The page shows these
    texts there and nowhere else, so nothing is read twice."""

    what: Text | None = None  # an item's purpose, or the summary of the guideline that carries it out
    what_from: Guideline | None = None  # that guideline, named in the label
    achieved: tuple[Text, ...] = ()  # an initiative's goals (目指す姿・目標): the state it reaches

    @classmethod
    def of_item(cls, item: Item) -> InBrief | None:
        if item.guideline is not None:
            return cls(item.guideline.summary, item.guideline) if item.guideline.summary else None
        return cls(item.purpose) if item.purpose else None

    @classmethod
    def of_initiative(cls, initiative: Initiative) -> InBrief | None:
        return cls(achieved=initiative.goals) if initiative.goals else None


@dataclass(frozen=True)
class ItemContext:
    item: Item
    viewpoint: Viewpoint
    pillar: Pillar
    part: Part
    in_brief: InBrief | None

    @classmethod
    def of(cls, page: Page, sources: Sources) -> ItemContext:
        viewpoint = sources.plan.parent_of(page.subject.id)
        return cls(page.subject, viewpoint, sources.plan.parent_of(viewpoint.id), sources.plan.part_of(page.subject.id),
                   InBrief.of_item(page.subject))


@dataclass(frozen=True)
class InitiativeContext:
    initiative: Initiative
    measure: Measure
    guideline: Guideline
    part: Part
    kpis: tuple[Indicator, ...]  # the guideline's KPIs that measure this initiative
    in_brief: InBrief | None

    @classmethod
    def of(cls, page: Page, sources: Sources) -> InitiativeContext:
        initiative = page.subject
        measure = sources.plan.parent_of(initiative.id)
        guideline = sources.plan.parent_of(measure.id)
        return cls(initiative, measure, guideline, sources.plan.part_of(initiative.id),
                   tuple(kpi for kpi in guideline.kpis if kpi.initiative_id == initiative.id), InBrief.of_initiative(initiative))


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
    recorded: Recorded  # how many of this plan's indicators and KPIs have a result recorded

    @classmethod
    def of(cls, page: Page, sources: Sources) -> IndicatorsContext:
        """The previous plan's series in the reference material are not this plan's indicators:
        they come apart, after the part's own."""
        plan, urls = sources.plan, sources.urls
        cards = {part.id: _kpi_cards(part, plan) + _group_cards(part, plan, urls) for part in plan.parts}
        shown = [card.indicator for part_cards in cards.values() for card in part_cards]
        recorded = Recorded(sum(1 for indicator in shown if indicator.results), len(shown), plan.metadata.revised)
        return cls(cards, {part.id: _previous_indicators(part, plan, urls) for part in plan.parts}, recorded)


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
    notes: tuple[EditorialNote, ...]  # by number: in the order of the pages they are about
    about: dict[str, Page | None]  # the page of what each note is about; None for the plan as a whole
    # The part of that page each note is about (a section, an indicator, a term), None for the page
    # as a whole: the link names it, as notes about other parts of one page are listed beside it.
    places: dict[str, Place | None]

    @classmethod
    def of(cls, page: Page, sources: Sources) -> EditorialNotesContext:
        notes = sorted(sources.plan.editorial_notes, key=lambda note: sources.note_numbers[note.id])
        locations = {note.id: sources.urls.location(note.target_id) for note in notes}
        return cls(tuple(notes), {note_id: getattr(location, "page", None) for note_id, location in locations.items()},
                   {note_id: _part_of_page(location) for note_id, location in locations.items()})


def _part_of_page(location: Location | None) -> Place | None:
    """The place within its page that ``location`` is, None for a whole page."""
    if location is None or not location.anchor or location.entity is location.page.subject:
        return None
    return _place(location.entity)


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


# --- a fiscal year's page: what the plan's schedules set out for that year ---


@dataclass(frozen=True)
class ScheduleLine:
    """One line of a schedule: an action of an item (Part 1) or a row of an initiative's
    schedule (Part 2), with the departments responsible for it."""

    label: Text
    entries: tuple[ScheduleEntry, ...]
    departments: tuple[Department, ...]
    action: Action | None = None  # the item's action the line is, linked to with its marks


@dataclass(frozen=True)
class YearRow:
    line: ScheduleLine
    entry: ScheduleEntry  # the line's entry that covers the year


@dataclass(frozen=True)
class YearSubject:
    entity: Item | Initiative
    rows: tuple[YearRow, ...] = ()

    @property
    def kind(self) -> str:
        return "item" if isinstance(self.entity, Item) else "initiative"

    @property
    def departments(self) -> tuple[Department, ...]:
        """Those responsible for the lines shown, each once, in the order the plan names them."""
        return tuple(dict.fromkeys(department for row in self.rows for department in row.line.departments))


@dataclass(frozen=True)
class YearGroup:
    kind: str  # "pillar" or "guideline"
    group: Pillar | Guideline
    subjects: tuple[YearSubject, ...]


@dataclass(frozen=True)
class YearPhase:
    name: str  # one of YEAR_PHASES
    groups: tuple[YearGroup, ...]

    @property
    def shows_spans(self) -> bool:
        """Whether its entries are shown with their years: the phase's name does not say them."""
        return self.name in ("starts", "continues", "ends")

    @property
    def count(self) -> int:
        """The schedule lines listed."""
        return sum(len(subject.rows) for group in self.groups for subject in group.subjects)


def _schedule_lines(entity: Item | Initiative) -> tuple[ScheduleLine, ...]:
    if isinstance(entity, Item):
        return tuple(ScheduleLine(action.title, action.schedule, entity.departments + action.departments, action)
                     for action in entity.actions)
    return tuple(ScheduleLine(row.label, row.entries, entity.departments) for row in entity.schedule_rows)


def _groups(plan: Plan) -> list[tuple[str, Pillar | Guideline, tuple[Item | Initiative, ...]]]:
    """(kind, pillar or guideline, its items or initiatives) in plan order."""
    return ([("pillar", pillar, pillar.items) for pillar in plan.pillars]
            + [("guideline", guideline, guideline.initiatives) for guideline in plan.guidelines])


def year_phases(plan: Plan, year: int) -> tuple[YearPhase, ...]:
    """What the schedules set out for ``year``, by phase (YEAR_PHASES), each by pillar or
    guideline; a phase with nothing in the year is left out."""
    period = (plan.metadata.period_start, plan.metadata.period_end)

    def subjects(entities, phase: str):
        for entity in entities:
            rows = tuple(YearRow(line, entry) for line in _schedule_lines(entity) for entry in line.entries
                         if year_phase(entry, year, period) == phase)
            if rows:
                yield YearSubject(entity, rows)

    phases = (YearPhase(phase, tuple(YearGroup(kind, group, found) for kind, group, entities in _groups(plan)
                                     if (found := tuple(subjects(entities, phase))))) for phase in YEAR_PHASES)
    return tuple(phase for phase in phases if phase.groups)


def unscheduled(plan: Plan) -> tuple[YearSubject, ...]:
    """Items and initiatives the plan gives no schedule for, so that no year's page lists them
    (an item carried out by a Part 2 guideline is scheduled there)."""
    return tuple(YearSubject(entity) for _, _, entities in _groups(plan) for entity in entities
                 if not getattr(entity, "guideline", None) and not any(line.entries for line in _schedule_lines(entity)))


@dataclass(frozen=True)
class YearContext:
    year: int
    phases: tuple[YearPhase, ...]
    unscheduled: tuple[YearSubject, ...]  # on no year's page: the plan gives them no schedule

    @classmethod
    def of(cls, page: Page, sources: Sources) -> YearContext:
        return cls.of_year(sources.plan, page.subject)

    @classmethod
    def of_year(cls, plan: Plan, year: int) -> YearContext:
        return cls(year, year_phases(plan, year), unscheduled(plan))


@dataclass(frozen=True)
class YearsContext:
    years: tuple[YearContext, ...]  # each fiscal year of the plan, with what its page lists
    unscheduled: tuple[YearSubject, ...]

    @classmethod
    def of(cls, page: Page, sources: Sources) -> YearsContext:
        plan = sources.plan
        return cls(tuple(YearContext.of_year(plan, year) for year in plan.metadata.fiscal_years), unscheduled(plan))
