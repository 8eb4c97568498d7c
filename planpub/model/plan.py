"""The plan as a whole: its metadata, its contents, and what the rest of the program asks of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from .entities import Guideline, Part, Pillar, Section
from .indicators import IndicatorGroup
from .text import Department, Source, Term, TerminologyEntry, Text


@dataclass(frozen=True)
class EditorialNote:
    id: str
    target_id: str
    text: Text


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
    _notes_by_target: dict[str, tuple[EditorialNote, ...]] = field(default_factory=dict, compare=False, repr=False)

    def notes_about(self, entity_id: str) -> tuple[EditorialNote, ...]:
        return self._notes_by_target.get(entity_id, ())

    def duties_of(self, department: Department) -> tuple[Duty, ...]:
        """What ``department`` is named responsible for, in plan order: items, actions of items
        and initiatives."""
        return tuple(duty for duty in self._duties if department in duty.entity.departments)

    @cached_property  # asked for each department on several pages
    def _duties(self) -> tuple[Duty, ...]:
        duties: list[Duty] = []
        for pillar in self.pillars:
            for item in pillar.items:
                duties.append(Duty("item", item))
                duties += [Duty("action", action, item) for action in item.actions]
        for guideline in self.guidelines:
            duties += [Duty("initiative", initiative) for initiative in guideline.initiatives]
        return tuple(duties)
