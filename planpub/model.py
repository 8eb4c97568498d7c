"""Stage 3: the validated plan as typed, frozen objects. Templates only ever see these.

Built only from data that passed validation, so lookups here may assume every reference exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    caption: Text
    note: Text
    source: Text | None = None
    kind: str = "figure"


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


@dataclass(frozen=True)
class Indicator:
    id: str
    name: Text
    unit: Unit
    values: tuple[Value, ...]
    target: Target
    note_marks: tuple[str, ...] = ()
    initiative_id: str | None = None


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


Block = TextBlock | BoxBlock | FigureBlock | TableBlock | IndicatorGroupBlock


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    number: str | None = None
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()


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


@dataclass(frozen=True)
class Item:
    id: str
    number: int
    title: Text
    purpose: Text
    actions: tuple[Action, ...]
    new: bool = False
    departments: tuple[Department, ...] = ()
    terms: tuple[Term, ...] = ()
    notes: tuple[Note, ...] = ()

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


@dataclass(frozen=True)
class Measure:
    id: str
    number: int
    title: Text
    initiatives: tuple[Initiative, ...]
    new: bool = False
    summary: Text | None = None


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
class Metadata:
    title: Text
    short_title: Text
    municipality: Text
    publisher: Text
    period_start: int
    period_end: int
    status: str
    issued: Issued
    document_label: Text | None = None

    @property
    def fiscal_years(self) -> tuple[int, ...]:
        return tuple(range(self.period_start, self.period_end + 1))


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
    appendices: tuple[Section, ...] = ()
    _notes_by_target: dict[str, tuple[EditorialNote, ...]] = field(default_factory=dict, compare=False, repr=False)

    def notes_about(self, entity_id: str) -> tuple[EditorialNote, ...]:
        return self._notes_by_target.get(entity_id, ())


# --- building the model from validated data -------------------------------------------------


def build_plan(data: dict[str, Any]) -> Plan:
    """Validated data → Plan. References are resolved here, once."""
    return _PlanBuilder(data).plan()


class _PlanBuilder:
    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.units = {u["id"]: Unit(u["id"], u["ja"], u["en"], u.get("en_multiplier", 1)) for u in data["units"]}
        self.departments = {d["id"]: _department(d) for d in data["departments"]}
        self.terms = {t["id"]: Term(t["id"], _text(t["term"]), _text(t["definition"])) for t in data["terms"]}
        self.groups = {g["id"]: self._indicator_group(g) for g in data["indicator_groups"]}

    def plan(self) -> Plan:
        data = self.data
        pillars = tuple(self._pillar(p) for p in data["reform"]["pillars"])
        guidelines = tuple(self._guideline(g) for g in data["informatization"]["guidelines"])
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
            appendices=tuple(self._section(s) for s in data.get("appendices", ())),
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
        return Part(data["id"], data["number"], _text(data["title"]), chapters)

    def _section(self, data) -> Section:
        return Section(
            id=data["id"],
            title=_text(data["title"]),
            number=data.get("number"),
            blocks=tuple(self._block(b) for b in data.get("blocks", ())),
            subsections=tuple(self._section(s) for s in data.get("subsections", ())),
        )

    def _block(self, data) -> Block:
        (kind, value), = data.items()
        if kind == "text":
            return TextBlock(_text(value))
        if kind == "indicator_group":
            return IndicatorGroupBlock(self.groups[value])
        if kind == "box":
            return BoxBlock(_text(value["title"]), _text(value["body"]))
        if kind == "figure":
            return FigureBlock(_text(value["caption"]), _text(value["note"]), _optional_text(value.get("source")))
        return TableBlock(
            _text(value["caption"]),
            tuple(_text(h) for h in value["header"]),
            tuple(tuple(_text(cell) for cell in row) for row in value["rows"]),
        )

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
            title=_text(data["title"]),
            purpose=_text(data["purpose"]),
            new=data.get("new", False),
            departments=self._departments(data),
            terms=tuple(self.terms[t] for t in data.get("terms", ())),
            notes=_notes(data.get("notes", ())),
            actions=tuple(
                Action(
                    id=a["id"],
                    number=a.get("number"),
                    new=a.get("new", False),
                    title=_text(a["title"]),
                    description=_text(a["description"]),
                    departments=self._departments(a),
                    schedule=_schedule(a["schedule"]),
                )
                for a in data["actions"]
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
                    title=_text(m["title"]),
                    summary=_optional_text(m.get("summary")),
                    initiatives=tuple(self._initiative(i) for i in m["initiatives"]),
                )
                for m in data["measures"]
            ),
        )

    def _initiative(self, data) -> Initiative:
        return Initiative(
            id=data["id"],
            number=data["number"],
            title=_text(data["title"]),
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
        )

    def _departments(self, data) -> tuple[Department, ...]:
        return tuple(self.departments[d] for d in data.get("departments", ()))


def _text(data: dict[str, str]) -> Text:
    return Text(data["ja"], data.get("en"))


def _optional_text(data: dict[str, str] | None) -> Text | None:
    return _text(data) if data else None


def _notes(data) -> tuple[Note, ...]:
    return tuple(Note(_mark(n["mark"]), _text(n["text"])) for n in data)


def _mark(data: str | dict[str, str]) -> Text:
    return Text(data, data) if isinstance(data, str) else _text(data)


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
        document_label=_optional_text(data.get("document_label")),
    )
