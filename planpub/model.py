"""Stage 3: the validated plan as typed, frozen objects. Templates only ever see these.

Built only from data that passed validation, so lookups here may assume every reference exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Text:
    """A human-readable text; ``en`` is None while its translation is pending."""

    ja: str
    en: str | None = None

    def get(self, language: str) -> str | None:
        return self.ja if language == "ja" else self.en

    def shown(self, language: str) -> str:
        """The text to show in ``language``: Japanese while a translation is pending."""
        return self.get(language) or self.ja


@dataclass(frozen=True)
class Unit:
    id: str
    ja: str
    en: str
    en_multiplier: float = 1


@dataclass(frozen=True)
class Department:
    id: str
    name: Text
    is_group: bool = False


@dataclass(frozen=True)
class Term:
    id: str
    term: Text
    definition: Text
    reading: str = ""  # in hiragana: the Japanese glossary's order


@dataclass(frozen=True)
class TerminologyEntry:
    ja: str
    en: str
    avoid: tuple[str, ...] = ()


@dataclass(frozen=True)
class Note:
    mark: Text  # a symbol such as ※1 is the same text in every language
    text: Text


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
class Value:
    year: int
    value: float


@dataclass(frozen=True)
class Source:
    title: Text
    url: str


@dataclass(frozen=True)
class Result:
    """A result published after the plan: the value for a fiscal year, and where it was published."""

    year: int
    value: float
    published: date
    source: Source


@dataclass(frozen=True)
class Progress:
    """The status of an item, action or initiative in one fiscal year, as the City reported it."""

    year: int
    status: str
    note: Text | None = None
    source: Source | None = None


PROGRESS_STATUSES = ("not-started", "in-progress", "achieved", "continuing", "discontinued", "reconsidered")
NO_STATUS = "not-recorded"  # nothing reported yet: counted, never guessed


def latest_progress(progress: tuple[Progress, ...]) -> Progress | None:
    """The record of the latest year with a reported status."""
    return max(progress, key=lambda record: record.year, default=None)


def by_latest_status(entities: tuple[Any, ...]) -> dict[str, tuple[Any, ...]]:
    """Items, actions or initiatives grouped by their latest reported status: every status of the
    vocabulary in its order, then NO_STATUS; empty where none is in it."""
    groups: dict[str, list[Any]] = {status: [] for status in (*PROGRESS_STATUSES, NO_STATUS)}
    for entity in entities:
        latest = latest_progress(entity.progress)
        groups[latest.status if latest else NO_STATUS].append(entity)
    return {status: tuple(members) for status, members in groups.items()}


@dataclass(frozen=True)
class Reference:
    year: int
    value: float
    unit: Unit
    comparator: str


@dataclass(frozen=True)
class Target:
    year: int
    value: float
    comparator: str
    unit: Unit
    of: Text | None = None
    condition: Text | None = None
    reference: Reference | None = None


# Which way is better, where the target's comparator says it. reach, exactly, approximately and
# about do not, so the indicator says it itself (``better``): validation makes sure that it does.
BETTER_BY_COMPARATOR = {"at-least": "higher", "greater-than": "higher", "at-most": "lower", "within": "lower"}


@dataclass(frozen=True)
class Indicator:
    id: str
    name: Text
    unit: Unit
    values: tuple[Value, ...]
    target: Target
    note_marks: tuple[str, ...] = ()
    initiative_id: str | None = None
    results: tuple[Result, ...] = ()
    better: str | None = None  # "higher" or "lower", as plan.yaml gives it

    @property
    def latest_result(self) -> Result | None:
        return max(self.results, key=lambda result: result.year, default=None)

    @property
    def direction(self) -> str:
        """"higher" or "lower": which way is better, as the indicator or its target's comparator says."""
        return self.better or BETTER_BY_COMPARATOR[self.target.comparator]

    def status(self) -> str:
        """How the latest published result stands against the target. Before the target year:
        "on-track" when it already meets the target, else "not-yet"; from the target year on,
        "met" or "not-met". "no-result" when nothing is published, "not-comparable" when the
        target is in another unit or a share of something else. Never a projection."""
        result, target = self.latest_result, self.target
        if result is None:
            return "no-result"
        if target.of is not None or target.unit != self.unit:
            return "not-comparable"
        meets = self.meets_target(result.value)
        if result.year < target.year:
            return "on-track" if meets else "not-yet"
        return "met" if meets else "not-met"

    def meets_target(self, value: float) -> bool:
        """Whether ``value`` meets the target as worded: exactly only by the target value itself,
        greater-than only above it; the other comparators (reach, a plain printed value, among them:
        the plan reads 96.27% against a target of 96% as met) by the target value or anything on
        the better side of it."""
        target = self.target
        if target.comparator == "exactly":
            return value == target.value
        if target.comparator == "greater-than":
            return value > target.value
        return value >= target.value if self.direction == "higher" else value <= target.value


@dataclass(frozen=True)
class IndicatorGroup:
    id: str
    title: Text
    indicators: tuple[Indicator, ...]
    description: Text | None = None
    notes: tuple[Note, ...] = ()
    achieved: Text | None = None


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


# --- building the model from validated data -------------------------------------------------


def build_plan(data: dict[str, Any]) -> Plan:
    """Validated data → Plan. References are resolved here, once."""
    return _PlanBuilder(data).plan()


class _PlanBuilder:
    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.units = {u["id"]: Unit(u["id"], u["ja"], u["en"], u.get("en_multiplier", 1)) for u in data["units"]}
        self.departments = {d["id"]: _department(d) for d in data["departments"]}
        self.terms = {t["id"]: Term(t["id"], _text(t["term"]), _text(t["definition"]), t["reading"]) for t in data["terms"]}
        self.groups = {g["id"]: self._indicator_group(g) for g in data["indicator_groups"]}

    def plan(self) -> Plan:
        data = self.data
        guidelines = tuple(self._guideline(g) for g in data["informatization"]["guidelines"])
        self.guidelines = {g.id: g for g in guidelines}
        pillars = tuple(self._pillar(p) for p in data["reform"]["pillars"])
        notes = tuple(EditorialNote(n["id"], n["target"], _text(n["text"])) for n in data["editorial_notes"])
        by_target: dict[str, tuple[EditorialNote, ...]] = {}
        for note in notes:
            by_target[note.target_id] = by_target.get(note.target_id, ()) + (note,)
        return Plan(
            metadata=_metadata(data["plan"]),
            front=tuple(self._section(s) for s in data["front"]),
            parts=tuple(self._part(p, pillars, guidelines) for p in data["parts"]),
            pillars=pillars,
            guidelines=guidelines,
            indicator_groups=tuple(self.groups.values()),
            terms=tuple(self.terms.values()),
            departments=tuple(self.departments.values()),
            terminology=tuple(
                TerminologyEntry(t["ja"], t["en"], tuple(t.get("avoid", ()))) for t in data["terminology"]
            ),
            editorial_notes=notes,
            vision=_optional_text(data["informatization"].get("vision")),
            _notes_by_target=by_target,
        )

    def _part(self, data, pillars, guidelines) -> Part:
        pillars_by_id = {p.id: p for p in pillars}
        guidelines_by_id = {g.id: g for g in guidelines}
        chapters = tuple(
            Chapter(
                id=c["id"],
                number=c["number"],
                title=_text(c["title"]),
                sections=tuple(self._section(s) for s in c.get("sections", ())),
                pillars=tuple(pillars_by_id[i] for i in c.get("pillars", ())),
                guidelines=tuple(guidelines_by_id[i] for i in c.get("guidelines", ())),
            )
            for c in data["chapters"]
        )
        appendices = tuple(self._section(s) for s in data.get("appendices", ()))
        return Part(data["id"], data["number"], _text(data["title"]), chapters, appendices)

    def _section(self, data) -> Section:
        return Section(
            id=data["id"],
            **_titles(data),
            number=data.get("number"),
            blocks=tuple(self._block(b) for b in data.get("blocks", ())),
            subsections=tuple(self._section(s) for s in data.get("subsections", ())),
            notes=_notes(data.get("notes", ())),
        )

    def _block(self, data) -> Block:
        (kind, value), = data.items()
        if kind == "indicator_group":
            return IndicatorGroupBlock(self.groups[value])
        if kind == "term":
            return TermBlock(self.terms[value])
        return _BLOCKS[kind](value)

    def _indicator_group(self, data) -> IndicatorGroup:
        return IndicatorGroup(
            id=data["id"],
            title=_text(data["title"]),
            indicators=tuple(self._indicator(i) for i in data["indicators"]),
            description=_optional_text(data.get("description")),
            notes=_notes(data.get("notes", ())),
            achieved=_optional_text(data.get("achieved")),
        )

    def _indicator(self, data) -> Indicator:
        unit = self.units[data["unit"]]
        target = data["target"]
        reference = target.get("reference")
        return Indicator(
            id=data["id"],
            name=_text(data["name"]),
            unit=unit,
            values=tuple(Value(v["year"], v["value"]) for v in data["values"]),
            results=tuple(
                Result(r["year"], r["value"], date.fromisoformat(r["date"]), _source(r["source"]))
                for r in data.get("results", ())
            ),
            target=Target(
                year=target["year"],
                value=target["value"],
                comparator=target["comparator"],
                unit=self.units[target.get("unit", data["unit"])],
                of=_optional_text(target.get("of")),
                condition=_optional_text(target.get("condition")),
                reference=reference
                and Reference(
                    reference["year"],
                    reference["value"],
                    self.units[reference.get("unit", data["unit"])],
                    reference["comparator"],
                ),
            ),
            note_marks=tuple(data.get("note_marks", ())),
            initiative_id=data.get("initiative"),
            better=data.get("better"),
        )

    def _pillar(self, data) -> Pillar:
        return Pillar(
            id=data["id"],
            number=data["number"],
            title=_text(data["title"]),
            summary=_optional_text(data.get("summary")),
            viewpoints=tuple(
                Viewpoint(
                    id=v["id"],
                    number=v["number"],
                    title=_text(v["title"]),
                    summary=_optional_text(v.get("summary")),
                    items=tuple(self._item(i) for i in v["items"]),
                )
                for v in data["viewpoints"]
            ),
        )

    def _item(self, data) -> Item:
        return Item(
            id=data["id"],
            number=data["number"],
            **_titles(data),
            purpose=_optional_text(data.get("purpose")),
            guideline=self.guidelines.get(data.get("guideline")),
            new=data.get("new", False),
            departments=self._departments(data),
            terms=tuple(self.terms[t] for t in data.get("terms", ())),
            notes=_notes(data.get("notes", ())),
            progress=_progress(data),
            actions=tuple(
                Action(
                    id=a["id"],
                    number=a.get("number"),
                    new=a.get("new", False),
                    title=_text(a["title"]),
                    description=_text(a["description"]),
                    departments=self._departments(a),
                    schedule=_schedule(a["schedule"]),
                    progress=_progress(a),
                )
                for a in data.get("actions", ())
            ),
        )

    def _guideline(self, data) -> Guideline:
        return Guideline(
            id=data["id"],
            number=data["number"],
            title=_text(data["title"]),
            summary=_optional_text(data.get("summary")),
            kpis=tuple(self._indicator(k) for k in data.get("kpis", ())),
            kpi_notes=_notes(data.get("kpi_notes", ())),
            measures=tuple(
                Measure(
                    id=m["id"],
                    number=m["number"],
                    new=m.get("new", False),
                    **_titles(m),
                    summary=_optional_text(m.get("summary")),
                    notes=_notes(m.get("notes", ())),
                    initiatives=tuple(self._initiative(i) for i in m["initiatives"]),
                )
                for m in data["measures"]
            ),
        )

    def _initiative(self, data) -> Initiative:
        return Initiative(
            id=data["id"],
            number=data["number"],
            **_titles(data),
            description=_text(data["description"]),
            new=data.get("new", False),
            dx_priority=data.get("dx_priority", False),
            schedule_rows=tuple(
                ScheduleRow(_text(row["label"]), _schedule(row["entries"])) for row in data["schedule"]
            ),
            goals=tuple(_text(g) for g in data.get("goals", ())),
            departments=self._departments(data),
            terms=tuple(self.terms[t] for t in data.get("terms", ())),
            notes=_notes(data.get("notes", ())),
            figures=tuple(_figure(f) for f in data.get("figures", ())),
            progress=_progress(data),
        )

    def _departments(self, data) -> tuple[Department, ...]:
        return tuple(self.departments[d] for d in data.get("departments", ()))


def _text(data: dict[str, str]) -> Text:
    return Text(data["ja"], data.get("en"))


def _optional_text(data: dict[str, str] | None) -> Text | None:
    return _text(data) if data else None


def _titles(data) -> dict[str, Text | None]:
    """An entity's title, and the title as printed when the draft prints note marks in it (※):
    each mark after its words (``title_marks``). The heading shows a mark as a link to its note;
    nothing else takes it as part of the title."""
    title = _text(data["title"])
    printed = {"ja": title.ja, "en": title.en}
    for mark in data.get("title_marks", ()):
        for language, text in printed.items():
            after = mark["after"].get(language)
            if text is not None and after:
                printed[language] = text.replace(after, after + mark["mark"], 1)
    return {"title": title, "title_marked": Text(**printed) if data.get("title_marks") else None}


def _notes(data) -> tuple[Note, ...]:
    return tuple(Note(_mark(n["mark"]), _text(n["text"])) for n in data)


def _mark(data: str | dict[str, str]) -> Text:
    return Text(data, data) if isinstance(data, str) else _text(data)


def _source(data) -> Source | None:
    return Source(_text(data["title"]), data["url"]) if data else None


def _progress(data) -> tuple[Progress, ...]:
    return tuple(
        Progress(p["year"], p["status"], _optional_text(p.get("note")), _source(p.get("source")))
        for p in sorted(data.get("progress", ()), key=lambda record: record["year"])
    )


def _schedule(data) -> tuple[ScheduleEntry, ...]:
    return tuple(ScheduleEntry(e["from"], e["to"], _text(e["text"])) for e in data)


def _department(data) -> Department:
    return Department(data["id"], _text(data["name"]), data.get("kind") == "group")


def _metadata(data) -> Metadata:
    issued = data["issued"]
    return Metadata(
        title=_text(data["title"]),
        short_title=_text(data["short_title"]),
        municipality=_text(data["municipality"]),
        publisher=_text(data["publisher"]),
        period_start=data["period"]["start"],
        period_end=data["period"]["end"],
        status=data["status"],
        issued=Issued(issued["year"], issued.get("month"), issued.get("day")),
        revisions=tuple(sorted((Revision(date.fromisoformat(r["date"]), _text(r["summary"])) for r in data["revisions"]),
                               key=lambda revision: revision.date)),
        summary=_text(data["summary"]),
        official_source=_source(data["official_source"]),
        document_label=_optional_text(data.get("document_label")),
        colophon=_colophon(data.get("colophon")),
    )


def _colophon(data) -> Colophon | None:
    if not data:
        return None
    return Colophon(
        editor=_text(data["editor"]),
        postal_code=data["postal_code"],
        address=_text(data["address"]),
        phone=data["phone"],
        phone_note=_optional_text(data.get("phone_note")),
        slogan=_optional_text(data.get("slogan")),
    )


# --- blocks that need nothing but their own data ---------------------------------------------


def _texts(data) -> tuple[Text, ...]:
    return tuple(_text(t) for t in data)


def _history(data) -> HistoryBlock:
    return HistoryBlock(
        tuple(HistoryRow(_texts(row["entries"]), row.get("when") and When(**row["when"])) for row in data)
    )


def _reform_results(data) -> ReformResultsBlock:
    return ReformResultsBlock(
        tuple(
            ResultItem(
                item["number"],
                _text(item["title"]),
                tuple(
                    ResultAction(_text(a["title"]), _text(a["progress"]), a["status"], a.get("number"))
                    for a in item["actions"]
                ),
            )
            for item in data
        )
    )


def _program_results(data) -> ProgramResultsBlock:
    return ProgramResultsBlock(
        tuple(
            ProgramResult(
                name=_text(p["name"]),
                goals=_text(p["goals"]),
                progress=_text(p["progress"]),
                status=p["status"],
                renamed=_optional_text(p.get("renamed")),
                added=p.get("added", False),
            )
            for p in data
        )
    )


def _figure(data) -> FigureBlock:
    return FigureBlock(*(_optional_text(data.get(key)) for key in ("caption", "source", "note")))


def _legal_text(data) -> LegalTextBlock:
    return LegalTextBlock(
        dated=date.fromisoformat(data["dated"]),
        reference=_optional_text(data.get("reference")),
        articles=tuple(
            Article(
                a["number"],
                _text(a["heading"]),
                tuple(Paragraph(_text(p["text"]), _texts(p.get("items", ()))) for p in a["paragraphs"]),
            )
            for a in data["articles"]
        ),
        supplementary=tuple(date.fromisoformat(d) for d in data.get("supplementary", ())),
    )


_BLOCKS = {
    "text": lambda value: TextBlock(_text(value)),
    "box": lambda value: BoxBlock(_text(value["title"]), _text(value["body"])),
    "figure": lambda value: _figure(value),
    "table": lambda value: TableBlock(
        _text(value["caption"]),
        _texts(value["header"]),
        tuple(_texts(row) for row in value["rows"]),
    ),
    "overview": OverviewBlock,
    "history": _history,
    "reform_results": _reform_results,
    "program_results": _program_results,
    "facilities": lambda value: FacilitiesBlock(
        tuple(FacilityGroup(g["fiscal_year"], _texts(g["names"])) for g in value)
    ),
    "members": lambda value: MembersBlock(
        tuple(Member(m["role"], m["name"], _text(m["affiliation"])) for m in value)
    ),
    "meetings": lambda value: MeetingsBlock(
        tuple(Meeting(date.fromisoformat(m["date"]), _texts(m["agenda"])) for m in value)
    ),
    "legal_text": _legal_text,
}
