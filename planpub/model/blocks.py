"""The kinds of block a section is made of: prose, boxes, figures, tables, and the records of the
reference material (history, previous results, facilities, members, meetings, legal texts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import ClassVar

from .indicators import IndicatorGroup
from .progress import ProgressStatus
from .text import Term, Text


class BlockKind(StrEnum):
    """What a block is: its key in plan.yaml, and what templates tell blocks apart by."""

    TEXT = "text"
    INDICATOR_GROUP = "indicator_group"
    BOX = "box"
    FIGURE = "figure"
    TABLE = "table"
    TERM = "term"
    OVERVIEW = "overview"
    HISTORY = "history"
    REFORM_RESULTS = "reform_results"
    PROGRAM_RESULTS = "program_results"
    FACILITIES = "facilities"
    MEMBERS = "members"
    MEETINGS = "meetings"
    LEGAL_TEXT = "legal_text"


@dataclass(frozen=True)
class TextBlock:
    text: Text
    kind: ClassVar[BlockKind] = BlockKind.TEXT


@dataclass(frozen=True)
class BoxBlock:
    title: Text
    body: Text
    kind: ClassVar[BlockKind] = BlockKind.BOX


@dataclass(frozen=True)
class FigureBlock:
    caption: Text | None = None
    source: Text | None = None
    note: Text | None = None
    kind: ClassVar[BlockKind] = BlockKind.FIGURE


@dataclass(frozen=True)
class TermBlock:
    """A 「…」とは box: a glossary term shown where the plan explains it."""

    term: Term
    kind: ClassVar[BlockKind] = BlockKind.TERM


@dataclass(frozen=True)
class OverviewBlock:
    """A system table generated from the data: scope "reform" or "informatization"."""

    scope: str
    kind: ClassVar[BlockKind] = BlockKind.OVERVIEW


@dataclass(frozen=True)
class When:
    """A fiscal year, or a calendar year and month."""

    fiscal_year: int | None = None
    year: int | None = None
    month: int | None = None


@dataclass(frozen=True)
class HistoryRow:
    entries: tuple[Text, ...]
    when: When | None = None


@dataclass(frozen=True)
class HistoryBlock:
    rows: tuple[HistoryRow, ...]
    kind: ClassVar[BlockKind] = BlockKind.HISTORY


@dataclass(frozen=True)
class ResultAction:
    title: Text
    progress: Text
    status: ProgressStatus
    number: int | None = None


@dataclass(frozen=True)
class ResultItem:
    number: int
    title: Text
    actions: tuple[ResultAction, ...]


@dataclass(frozen=True)
class ReformResultsBlock:
    items: tuple[ResultItem, ...]
    kind: ClassVar[BlockKind] = BlockKind.REFORM_RESULTS


@dataclass(frozen=True)
class ProgramResult:
    name: Text
    goals: Text
    progress: Text
    status: ProgressStatus
    renamed: Text | None = None
    added: bool = False


@dataclass(frozen=True)
class ProgramResultsBlock:
    programs: tuple[ProgramResult, ...]
    kind: ClassVar[BlockKind] = BlockKind.PROGRAM_RESULTS


@dataclass(frozen=True)
class FacilityGroup:
    fiscal_year: int
    names: tuple[Text, ...]


@dataclass(frozen=True)
class FacilitiesBlock:
    groups: tuple[FacilityGroup, ...]
    kind: ClassVar[BlockKind] = BlockKind.FACILITIES


@dataclass(frozen=True)
class Member:
    role: str
    name: str  # a personal name is the same in every language
    affiliation: Text


@dataclass(frozen=True)
class MembersBlock:
    members: tuple[Member, ...]
    kind: ClassVar[BlockKind] = BlockKind.MEMBERS


@dataclass(frozen=True)
class Meeting:
    date: date
    agenda: tuple[Text, ...]


@dataclass(frozen=True)
class MeetingsBlock:
    meetings: tuple[Meeting, ...]
    kind: ClassVar[BlockKind] = BlockKind.MEETINGS


@dataclass(frozen=True)
class Paragraph:
    text: Text
    items: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Article:
    number: int
    heading: Text
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class LegalTextBlock:
    dated: date
    articles: tuple[Article, ...]
    reference: Text | None = None
    supplementary: tuple[date, ...] = ()
    kind: ClassVar[BlockKind] = BlockKind.LEGAL_TEXT


@dataclass(frozen=True)
class TableBlock:
    caption: Text
    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]
    kind: ClassVar[BlockKind] = BlockKind.TABLE


@dataclass(frozen=True)
class IndicatorGroupBlock:
    group: IndicatorGroup
    kind: ClassVar[BlockKind] = BlockKind.INDICATOR_GROUP


Block = (
    TextBlock
    | BoxBlock
    | FigureBlock
    | TableBlock
    | IndicatorGroupBlock
    | TermBlock
    | OverviewBlock
    | HistoryBlock
    | ReformResultsBlock
    | ProgramResultsBlock
    | FacilitiesBlock
    | MembersBlock
    | MeetingsBlock
    | LegalTextBlock
)
