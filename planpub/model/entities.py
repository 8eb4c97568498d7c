"""The plan's structure: parts, chapters and sections; Part 1's pillars, viewpoints, items and
actions; Part 2's guidelines, measures and initiatives."""

from __future__ import annotations

from dataclasses import dataclass

from .blocks import Block, FigureBlock
from .indicators import Indicator
from .progress import Progress
from .text import Department, Note, Term, Text


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    number: str | None = None
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()
    notes: tuple[Note, ...] = ()
    title_marked: Text | None = None  # the title as printed, with its note marks (※)


@dataclass(frozen=True)
class ScheduleEntry:
    start: int
    end: int
    text: Text


@dataclass(frozen=True)
class ScheduleRow:
    label: Text
    entries: tuple[ScheduleEntry, ...]


@dataclass(frozen=True)
class Action:
    id: str
    title: Text
    description: Text
    schedule: tuple[ScheduleEntry, ...]
    number: int | None = None
    new: bool = False
    departments: tuple[Department, ...] = ()
    progress: tuple[Progress, ...] = ()


@dataclass(frozen=True)
class Item:
    """A reform item: its own purpose and actions, or a Part 2 guideline that carries it out."""

    id: str
    number: int
    title: Text
    purpose: Text | None = None
    actions: tuple[Action, ...] = ()
    new: bool = False
    departments: tuple[Department, ...] = ()
    terms: tuple[Term, ...] = ()
    notes: tuple[Note, ...] = ()
    title_marked: Text | None = None  # the title as printed, with its note marks (※)
    guideline: Guideline | None = None
    progress: tuple[Progress, ...] = ()

    @property
    def schedule_rows(self) -> tuple[ScheduleRow, ...]:
        """The item's schedule table: one row per action, labelled with the action's title."""
        return tuple(ScheduleRow(action.title, action.schedule) for action in self.actions)


@dataclass(frozen=True)
class Viewpoint:
    id: str
    number: int
    title: Text
    items: tuple[Item, ...]
    summary: Text | None = None


@dataclass(frozen=True)
class Pillar:
    id: str
    number: int
    title: Text
    viewpoints: tuple[Viewpoint, ...]
    summary: Text | None = None

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for viewpoint in self.viewpoints for item in viewpoint.items)


@dataclass(frozen=True)
class Initiative:
    id: str
    number: int
    title: Text
    description: Text
    schedule_rows: tuple[ScheduleRow, ...]
    new: bool = False
    dx_priority: bool = False
    goals: tuple[Text, ...] = ()
    departments: tuple[Department, ...] = ()
    terms: tuple[Term, ...] = ()
    notes: tuple[Note, ...] = ()
    title_marked: Text | None = None  # the title as printed, with its note marks (※)
    figures: tuple[FigureBlock, ...] = ()
    progress: tuple[Progress, ...] = ()


@dataclass(frozen=True)
class Measure:
    id: str
    number: int
    title: Text
    initiatives: tuple[Initiative, ...]
    new: bool = False
    summary: Text | None = None
    notes: tuple[Note, ...] = ()
    title_marked: Text | None = None  # the title as printed, with its note marks (※)


@dataclass(frozen=True)
class Guideline:
    id: str
    number: int
    title: Text
    measures: tuple[Measure, ...]
    summary: Text | None = None
    kpis: tuple[Indicator, ...] = ()
    kpi_notes: tuple[Note, ...] = ()

    @property
    def initiatives(self) -> tuple[Initiative, ...]:
        return tuple(initiative for measure in self.measures for initiative in measure.initiatives)


@dataclass(frozen=True)
class Chapter:
    id: str
    number: int
    title: Text
    sections: tuple[Section, ...] = ()
    pillars: tuple[Pillar, ...] = ()
    guidelines: tuple[Guideline, ...] = ()


@dataclass(frozen=True)
class Part:
    id: str
    number: int
    title: Text
    chapters: tuple[Chapter, ...]
    appendices: tuple[Section, ...] = ()
