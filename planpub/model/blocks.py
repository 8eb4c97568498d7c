"""The kinds of block a section is made of: prose, boxes, figures, tables, and the records of the
reference material (history, previous results, facilities, members, meetings, legal texts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .indicators import IndicatorGroup
from .text import Term, Text


@dataclass(frozen=True)
class TextBlock:
    text: Text
    kind: str = "text"


@dataclass(frozen=True)
class BoxBlock:
    title: Text
    body: Text
    kind: str = "box"


@dataclass(frozen=True)
class FigureBlock:
    caption: Text | None = None
    source: Text | None = None
    note: Text | None = None
    kind: str = "figure"


@dataclass(frozen=True)
class TermBlock:
    """A 「…」とは box: a glossary term shown where the plan explains it."""

    term: Term
    kind: str = "term"


@dataclass(frozen=True)
class OverviewBlock:
    """A system table generated from the data: scope "reform" or "informatization"."""

    scope: str
    kind: str = "overview"


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
    kind: str = "history"


@dataclass(frozen=True)
class ResultAction:
    title: Text
    progress: Text
    status: str
    number: int | None = None


@dataclass(frozen=True)
class ResultItem:
    number: int
    title: Text
    actions: tuple[ResultAction, ...]


@dataclass(frozen=True)
class ReformResultsBlock:
    items: tuple[ResultItem, ...]
    kind: str = "reform_results"


@dataclass(frozen=True)
class ProgramResult:
    name: Text
    goals: Text
    progress: Text
    status: str
    renamed: Text | None = None
    added: bool = False


@dataclass(frozen=True)
class ProgramResultsBlock:
    programs: tuple[ProgramResult, ...]
    kind: str = "program_results"


@dataclass(frozen=True)
class FacilityGroup:
    fiscal_year: int
    names: tuple[Text, ...]


@dataclass(frozen=True)
class FacilitiesBlock:
    groups: tuple[FacilityGroup, ...]
    kind: str = "facilities"


@dataclass(frozen=True)
class Member:
    role: str
    name: str  # a personal name is the same in every language
    affiliation: Text


@dataclass(frozen=True)
class MembersBlock:
    members: tuple[Member, ...]
    kind: str = "members"


@dataclass(frozen=True)
class Meeting:
    date: date
    agenda: tuple[Text, ...]


@dataclass(frozen=True)
class MeetingsBlock:
    meetings: tuple[Meeting, ...]
    kind: str = "meetings"


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
    kind: str = "legal_text"


@dataclass(frozen=True)
class TableBlock:
    caption: Text
    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]
    kind: str = "table"


@dataclass(frozen=True)
class IndicatorGroupBlock:
    group: IndicatorGroup
    kind: str = "indicator_group"


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
