"""The validated plan as typed, frozen objects. Templates only ever see these.

One module per kind of object: ``text`` (texts, units, departments, terms, notes, sources),
``blocks`` (what sections are made of), ``indicators`` (indicators, targets, results and the rules
that judge them), ``progress`` (the statuses the City reports), ``entities`` (parts, chapters,
sections, pillars, items, guidelines, initiatives …), ``plan`` (the plan as a whole and its walks)
and ``builder`` (the model from validated data). Their public names are all imported here:
``from planpub.model import Item``.
"""

from .blocks import (
    Article, Block, BlockKind, BoxBlock, FacilitiesBlock, FacilityGroup, FigureBlock, HistoryBlock, HistoryRow,
    IndicatorGroupBlock, LegalTextBlock, Meeting, MeetingsBlock, Member, MembersBlock, OverviewBlock, Paragraph,
    ProgramResult, ProgramResultsBlock, ReformResultsBlock, ResultAction, ResultItem, TableBlock, TermBlock,
    TextBlock, When,
)
from .builder import build_plan
from .entities import Action, Chapter, Guideline, Initiative, Item, Measure, Part, Pillar, ScheduleEntry, ScheduleRow, Section, Viewpoint
from .indicators import BETTER_BY_COMPARATOR, Better, Comparator, Indicator, IndicatorGroup, IndicatorStatus, Reference, Result, Target, Value
from .plan import PLAN_ID, Colophon, Duty, EditorialNote, Highlight, Issued, Metadata, Plan, Revision
from .progress import Progress, ProgressStatus, by_latest_status, latest_progress
from .text import Abbreviation, Department, Note, Reading, Source, Term, TerminologyEntry, Text, Unit
