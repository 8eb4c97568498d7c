"""Validated data → the model (``build_plan``).

Built only from data that passed validation, so lookups here may assume every reference exists.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .blocks import (
    Article, Block, BlockKind, BoxBlock, FacilitiesBlock, FacilityGroup, FigureBlock, HistoryBlock, HistoryRow,
    IndicatorGroupBlock, LegalTextBlock, Meeting, MeetingsBlock, Member, MembersBlock, OverviewBlock, Paragraph,
    ProgramResult, ProgramResultsBlock, ReformResultsBlock, ResultAction, ResultItem, TableBlock, TermBlock,
    TextBlock, When,
)
from .entities import Action, Chapter, Guideline, Initiative, Item, Measure, Part, Pillar, ScheduleEntry, ScheduleRow, Section, Viewpoint
from .indicators import Better, Comparator, Indicator, IndicatorGroup, Reference, Result, Target, Value
from .plan import Colophon, EditorialNote, Highlight, Issued, Metadata, Plan, Revision
from .progress import Progress, ProgressStatus
from .text import Abbreviation, Department, Note, Reading, Source, Term, TerminologyEntry, Text, Unit


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
        notes = tuple(EditorialNote(n["id"], n["target"], _text(n["text"]), _text(n["for_readers"])) for n in data["editorial_notes"])
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
            abbreviations=tuple(Abbreviation(a["abbreviation"], _text(a["expansion"]), self.terms.get(a.get("term")))
                                for a in data.get("abbreviations", ())),
            readings=tuple(Reading(entry["word"], entry["reading"]) for entry in data.get("readings", ())),
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
        if kind == BlockKind.INDICATOR_GROUP:
            return IndicatorGroupBlock(self.groups[value])
        if kind == BlockKind.TERM:
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
                Result(r["year"], r["value"], date.fromisoformat(r["date"]), _source(r["source"]), _optional_text(r.get("note")))
                for r in data.get("results", ())
            ),
            target=Target(
                year=target["year"],
                value=target["value"],
                comparator=Comparator(target["comparator"]),
                unit=self.units[target.get("unit", data["unit"])],
                of=_optional_text(target.get("of")),
                condition=_optional_text(target.get("condition")),
                reference=reference
                and Reference(
                    reference["year"],
                    reference["value"],
                    self.units[reference.get("unit", data["unit"])],
                    Comparator(reference["comparator"]),
                ),
            ),
            note_marks=tuple(data.get("note_marks", ())),
            initiative_id=data.get("initiative"),
            better=Better(data["better"]) if "better" in data else None,
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
        Progress(p["year"], ProgressStatus(p["status"]), _optional_text(p.get("note")), _source(p.get("source")))
        for p in sorted(data.get("progress", ()), key=lambda record: record["year"])
    )


def _schedule(data) -> tuple[ScheduleEntry, ...]:
    return tuple(ScheduleEntry(e["from"], e["to"], _text(e["text"])) for e in data)


def _department(data) -> Department:
    return Department(data["id"], _text(data["name"]), data["reading"], data.get("kind") == "group")


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
        highlights=tuple(Highlight(_text(h["text"]), h["indicator"]) for h in data.get("highlights", ())),
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
                    ResultAction(_text(a["title"]), _text(a["progress"]), ProgressStatus(a["status"]), a.get("number"))
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
                status=ProgressStatus(p["status"]),
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
    BlockKind.TEXT: lambda value: TextBlock(_text(value)),
    BlockKind.BOX: lambda value: BoxBlock(_text(value["title"]), _text(value["body"])),
    BlockKind.FIGURE: lambda value: _figure(value),
    BlockKind.TABLE: lambda value: TableBlock(
        _text(value["caption"]),
        _texts(value["header"]),
        tuple(_texts(row) for row in value["rows"]),
    ),
    BlockKind.OVERVIEW: OverviewBlock,
    BlockKind.HISTORY: _history,
    BlockKind.REFORM_RESULTS: _reform_results,
    BlockKind.PROGRAM_RESULTS: _program_results,
    BlockKind.FACILITIES: lambda value: FacilitiesBlock(
        tuple(FacilityGroup(g["fiscal_year"], _texts(g["names"])) for g in value)
    ),
    BlockKind.MEMBERS: lambda value: MembersBlock(
        tuple(Member(m["role"], m["name"], _text(m["affiliation"])) for m in value)
    ),
    BlockKind.MEETINGS: lambda value: MeetingsBlock(
        tuple(Meeting(date.fromisoformat(m["date"]), _texts(m["agenda"])) for m in value)
    ),
    BlockKind.LEGAL_TEXT: _legal_text,
}
