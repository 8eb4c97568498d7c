"""The plan as a whole: its metadata, its contents, and what the rest of the program asks of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from .entities import Action, Guideline, Initiative, Item, Measure, Part, Pillar, Section, Viewpoint
from .indicators import Indicator, IndicatorGroup
from .text import Abbreviation, Department, Reading, Source, Term, TerminologyEntry, Text

PLAN_ID = "plan"  # the id that stands for the plan as a whole (its home page; notes about the plan)


@dataclass(frozen=True)
class EditorialNote:
    """What the editors found in the draft: ``text`` sets it out in full (the editorial-notes page),
    ``for_readers`` says in a sentence what a resident reading the page should know."""

    id: str
    target_id: str
    text: Text
    for_readers: Text


@dataclass(frozen=True)
class Issued:
    year: int
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class Colophon:
    """The back cover: who edited the plan and how to contact them."""

    editor: Text
    postal_code: str
    address: Text
    phone: str
    phone_note: Text | None = None
    slogan: Text | None = None


@dataclass(frozen=True)
class Revision:
    """One published change to the plan's data."""

    date: date
    summary: Text


@dataclass(frozen=True)
class Highlight:
    """One of the plan's targets in plain words, shown first on the home page with the figures of
    the indicator it is measured by."""

    text: Text
    indicator_id: str


@dataclass(frozen=True)
class Metadata:
    title: Text
    short_title: Text
    municipality: Text
    publisher: Text
    period_start: int
    period_end: int
    status: str
    issued: Issued
    revisions: tuple[Revision, ...]  # oldest first
    summary: Text
    official_source: Source
    document_label: Text | None = None
    colophon: Colophon | None = None
    highlights: tuple[Highlight, ...] = ()

    @property
    def revised(self) -> date:
        """The date of the latest revision: every page's last update."""
        return self.revisions[-1].date

    @property
    def fiscal_years(self) -> tuple[int, ...]:
        return tuple(range(self.period_start, self.period_end + 1))


@dataclass(frozen=True)
class Duty:
    """Something a department is responsible for: an item, an action (of ``item``) or an initiative."""

    kind: str
    entity: Any
    item: Any = None


@dataclass(frozen=True)
class Plan:
    """The whole plan. Besides its contents, it offers the walks that the pages, the open data and
    the diff share: every entity of a kind in plan order (``items``, ``initiatives``,
    ``indicators`` …), the entity each belongs to (``parent_of``) and what departments answer for
    (``duties``). They are computed once: a frozen dataclass still has a ``__dict__`` for
    ``cached_property`` to keep them in."""

    metadata: Metadata
    front: tuple[Section, ...]
    parts: tuple[Part, ...]
    pillars: tuple[Pillar, ...]
    guidelines: tuple[Guideline, ...]
    indicator_groups: tuple[IndicatorGroup, ...]
    terms: tuple[Term, ...]
    departments: tuple[Department, ...]
    terminology: tuple[TerminologyEntry, ...]
    editorial_notes: tuple[EditorialNote, ...]
    vision: Text | None = None
    abbreviations: tuple[Abbreviation, ...] = ()  # in the order of plan.yaml
    # How the site reads words, not what the plan says: the open data leaves the list out, and a
    # plan loaded from it is the same plan.
    readings: tuple[Reading, ...] = field(default=(), compare=False)
    _notes_by_target: dict[str, tuple[EditorialNote, ...]] = field(default_factory=dict, compare=False, repr=False)

    def notes_about(self, entity_id: str) -> tuple[EditorialNote, ...]:
        return self._notes_by_target.get(entity_id, ())

    def duties_of(self, department: Department) -> tuple[Duty, ...]:
        """What ``department`` is named responsible for, in plan order."""
        return tuple(duty for duty in self.duties if department in duty.entity.departments)

    @cached_property
    def responsible_departments(self) -> tuple[Department, ...]:
        """The departments and groups named responsible for anything, in plan order."""
        return tuple(department for department in self.departments if self.duties_of(department))

    @cached_property  # asked for each department on several pages
    def duties(self) -> tuple[Duty, ...]:
        """Every item, each followed by its actions, then every initiative: what departments are
        named responsible for, and what the City reports a status for each year."""
        duties: list[Duty] = []
        for item in self.items:
            duties.append(Duty("item", item))
            duties += [Duty("action", action, item) for action in item.actions]
        return (*duties, *(Duty("initiative", initiative) for initiative in self.initiatives))

    def parent_of(self, entity_id: str) -> Any:
        """The entity that an entity belongs to: a viewpoint's pillar, an item's viewpoint, an
        action's item, a measure's or KPI's guideline, an initiative's measure, an indicator's
        group; None for any other."""
        return self._parents.get(entity_id)

    @cached_property  # asked on every item's and initiative's page
    def _parents(self) -> dict[str, Any]:
        families = (
            *((pillar, pillar.viewpoints) for pillar in self.pillars),
            *((viewpoint, viewpoint.items) for viewpoint in self.viewpoints),
            *((item, item.actions) for item in self.items),
            *((guideline, guideline.measures + guideline.kpis) for guideline in self.guidelines),
            *((measure, measure.initiatives) for measure in self.measures),
            *((group, group.indicators) for group in self.indicator_groups),
        )
        return {child.id: parent for parent, children in families for child in children}

    def part_of(self, entity_id: str) -> Part:
        """The part that presents a pillar or guideline, or one of their items or initiatives: the
        plan numbers items (Part 1) and initiatives (Part 2) each from 1, so the part tells them apart."""
        return self._parts[entity_id]

    @cached_property
    def _parts(self) -> dict[str, Part]:
        return {member.id: part for part in self.parts for chapter in part.chapters
                for group in (*chapter.pillars, *chapter.guidelines)
                for member in (group, *getattr(group, "items", ()), *getattr(group, "initiatives", ()))}

    def indicator(self, indicator_id: str) -> Indicator:
        """An indicator or KPI, by its id."""
        return self._indicators_by_id[indicator_id]

    @cached_property
    def _indicators_by_id(self) -> dict[str, Indicator]:
        return {indicator.id: indicator for indicator in self.indicators}

    def initiative(self, initiative_id: str) -> Initiative:
        """The initiative a KPI belongs to, by its id."""
        return self._initiatives_by_id[initiative_id]

    @cached_property
    def _initiatives_by_id(self) -> dict[str, Initiative]:
        return {initiative.id: initiative for initiative in self.initiatives}

    # --- every entity of a kind, in plan order ---

    @cached_property
    def viewpoints(self) -> tuple[Viewpoint, ...]:
        return tuple(viewpoint for pillar in self.pillars for viewpoint in pillar.viewpoints)

    @cached_property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for viewpoint in self.viewpoints for item in viewpoint.items)

    @cached_property
    def actions(self) -> tuple[Action, ...]:
        return tuple(action for item in self.items for action in item.actions)

    @cached_property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(measure for guideline in self.guidelines for measure in guideline.measures)

    @cached_property
    def initiatives(self) -> tuple[Initiative, ...]:
        return tuple(initiative for measure in self.measures for initiative in measure.initiatives)

    @cached_property
    def kpis(self) -> tuple[Indicator, ...]:
        return tuple(kpi for guideline in self.guidelines for kpi in guideline.kpis)

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        """The indicators of every indicator group (the previous plan's series in the reference
        material among them), then the KPIs of Part 2."""
        return (*(indicator for group in self.indicator_groups for indicator in group.indicators), *self.kpis)
