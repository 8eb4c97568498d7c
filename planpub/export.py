"""The plan as open data, written beside the site under ``data/``.

``plan.json`` is the validated plan.yaml itself as JSON (both languages, stable ids, no comments
or formatting, and no readings list: see ``_plan_data``), so it validates against the published
``plan.schema.json`` and loading it gives the same model as loading plan.yaml. The CSV tables flatten the model for spreadsheets: UTF-8
with a byte-order mark, which Excel needs to open Japanese text correctly. ``datapackage.json``
describes every file (Frictionless Data Package), and each item and initiative also gets its own
record, which its page links to.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .build_time import W3C_TIME, build_time
from .model import Plan, Source, Text, latest_progress
from .numbers import decimal_text
from .strings import ui_strings
from .urls import DATA, LANGUAGE_ROOTS, Urls, record_path

LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
PLAN_JSON = "plan.json"
SCHEMA_JSON = "plan.schema.json"
DESCRIPTOR = "datapackage.json"


@dataclass(frozen=True)
class Column:
    name: str  # English snake_case; its labels in both languages are in strings/*.yaml
    type: str  # a Table Schema type: string, integer, number, boolean, date


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    rows: Callable[[Plan, Urls], Iterator[tuple]]
    primary_key: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


def _columns(spec: str) -> tuple[Column, ...]:
    """"id number:integer title_ja" → columns; the type is string unless given after a colon."""
    return tuple(Column(*(word.split(":") if ":" in word else (word, "string"))) for word in spec.split())


def _both(text: Text | None) -> tuple[str, str]:
    """A text as its Japanese and English cells; empty while missing or pending."""
    return (text.ja, text.en or "") if text else ("", "")


def _source(source: Source | None) -> tuple[str, str, str]:
    return (*_both(source.title), source.url) if source else ("", "", "")


def _page(urls: Urls, entity_id: str) -> tuple[str, str]:
    """The entity's page in each language, as a path from the site's root."""
    location = urls.location(entity_id)
    path = location.page.path + (f"#{location.anchor}" if location.anchor else "")
    return tuple(LANGUAGE_ROOTS[language] + path for language in ("ja", "en"))


def _departments(entity: Any) -> str:
    return " ".join(department.id for department in entity.departments)


def _status(entity: Any) -> tuple[str, int | None]:
    latest = latest_progress(entity.progress)
    return (latest.status, latest.year) if latest else ("", None)


def _items(plan: Plan, urls: Urls) -> Iterator[tuple]:
    for item in plan.items:
        viewpoint = plan.parent_of(item.id)
        yield (item.id, item.number, plan.parent_of(viewpoint.id).id, viewpoint.id, *_both(item.title), *_both(item.purpose),
               item.new, item.guideline.id if item.guideline else "", _departments(item), *_status(item), *_page(urls, item.id))


def _actions(plan: Plan, urls: Urls) -> Iterator[tuple]:
    for action in plan.actions:
        yield (action.id, plan.parent_of(action.id).id, action.number, *_both(action.title), *_both(action.description),
               action.new, _departments(action), *_status(action), *_page(urls, action.id))


def _initiatives(plan: Plan, urls: Urls) -> Iterator[tuple]:
    for initiative in plan.initiatives:
        measure = plan.parent_of(initiative.id)
        yield (initiative.id, initiative.number, plan.parent_of(measure.id).id, measure.id, *_both(initiative.title),
               *_both(initiative.description), initiative.new, initiative.dx_priority, _departments(initiative),
               *_status(initiative), *_page(urls, initiative.id))


def _indicator_values(plan: Plan, urls: Urls) -> Iterator[tuple]:
    """One row per value: the plan's baseline values, its target (with which way is better), then
    published results. The table an indicator is in is its group's, or its guideline's for a KPI."""
    for indicator in plan.indicators:
        table_id = plan.parent_of(indicator.id).id
        def row(kind, year, value, unit, comparator="", better="", source=None, published=None):
            return (indicator.id, table_id, *_both(indicator.name), kind, year, decimal_text(value, grouped=False), unit.id,
                    _unit_word(unit.ja), comparator, better, *_source(source), published.isoformat() if published else "")
        for value in indicator.values:
            yield row("baseline", value.year, value.value, indicator.unit)
        target = indicator.target
        yield row("target", target.year, target.value, target.unit, target.comparator, indicator.direction)
        for result in indicator.results:
            yield row("result", result.year, result.value, indicator.unit, source=result.source, published=result.published)


def _progress(plan: Plan, urls: Urls) -> Iterator[tuple]:
    """What the City reported each year for items and their actions, and initiatives."""
    for duty in plan.duties:
        for record in duty.entity.progress:
            yield (duty.kind, duty.entity.id, record.year, record.status, *_both(record.note), *_source(record.source))


def _schedule(plan: Plan, urls: Urls) -> Iterator[tuple]:
    """One row per cell of the schedules: the work, and the fiscal years it spans."""
    for action in plan.actions:
        for entry in action.schedule:
            yield ("action", action.id, *_both(action.title), entry.start, entry.end, *_both(entry.text))
    for initiative in plan.initiatives:
        for row in initiative.schedule_rows:
            for entry in row.entries:
                yield ("initiative", initiative.id, *_both(row.label), entry.start, entry.end, *_both(entry.text))


def _departments_table(plan: Plan, urls: Urls) -> Iterator[tuple]:
    for department in plan.departments:
        yield department.id, *_both(department.name), department.reading, department.is_group, *_page(urls, department.id)


def _terms(plan: Plan, urls: Urls) -> Iterator[tuple]:
    for term in plan.terms:
        yield term.id, *_both(term.term), term.reading, *_both(term.definition), *_page(urls, term.id)


_STATUS = "latest_status latest_status_year:integer page_ja page_en"
TABLES = (
    Table("items", _columns(f"id number:integer pillar_id viewpoint_id title_ja title_en purpose_ja purpose_en new:boolean "
                            f"guideline_id department_ids {_STATUS}"), _items, ("id",)),
    Table("actions", _columns(f"id item_id number:integer title_ja title_en description_ja description_en new:boolean "
                              f"department_ids {_STATUS}"), _actions, ("id",)),
    Table("initiatives", _columns(f"id number:integer guideline_id measure_id title_ja title_en description_ja description_en "
                                  f"new:boolean dx_priority:boolean department_ids {_STATUS}"), _initiatives, ("id",)),
    Table("indicators", _columns("indicator_id table_id name_ja name_en kind year:integer value:number unit_id unit_ja "
                                 "comparator better source_title_ja source_title_en source_url published:date"),
          _indicator_values, ("indicator_id", "kind", "year")),
    Table("progress", _columns("subject_kind subject_id year:integer status note_ja note_en source_title_ja source_title_en "
                               "source_url"), _progress, ("subject_id", "year")),
    Table("schedule", _columns("subject_kind subject_id work_ja work_en from_year:integer to_year:integer text_ja text_en"),
          _schedule),
    Table("departments", _columns("id name_ja name_en reading is_group:boolean page_ja page_en"), _departments_table, ("id",)),
    Table("glossary", _columns("id term_ja term_en reading definition_ja definition_en page_ja page_en"), _terms, ("id",)),
)


def _unit_word(pattern: str) -> str:
    """"{}件" → "件": the unit without the place of the number."""
    return pattern.replace("{}", "").strip()


# A cell that starts with one of these is a formula to a spreadsheet (=HYPERLINK(…) runs when
# the file is opened): such text gets a leading apostrophe, which spreadsheets show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else str(value)


def csv_text(table: Table, plan: Plan, urls: Urls) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(column.name for column in table.columns)
    for row in table.rows(plan, urls):
        writer.writerow(_cell(value) for value in row)
    return out.getvalue()


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def schema_text() -> str:
    return resources.files(__package__).joinpath("schema/plan.schema.json").read_text("utf-8")


def _plan_data(data: dict[str, Any]) -> dict[str, Any]:
    """The plan without its readings list: how the site reads words aloud (ふりがな) is not the
    plan's data, and the open data never holds readings (issue 27)."""
    return {key: value for key, value in data.items() if key != "readings"}


def _records(data: dict[str, Any], plan: Plan) -> dict[str, Any]:
    """Each item's and initiative's own part of the data, by id."""
    wanted = {entity.id for entity in (*plan.items, *plan.initiatives)}
    found: dict[str, Any] = {}

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("id") in wanted:
                found.setdefault(node["id"], node)
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(data)
    return found


@dataclass(frozen=True)
class DataFile:
    """A written file: ``name`` is its resource name in datapackage.json and, for all but the
    per-entity records, the key of its description in strings/*.yaml."""

    name: str
    path: str  # from the site's root
    format: str
    size: int
    record_of: str | None = None  # "item" or "initiative" for an entity's own record
    columns: tuple[Column, ...] = ()  # a CSV file's


@dataclass(frozen=True)
class _Content:
    name: str
    text: str
    schema: str | None = None  # a JSON file's schema, as a path (and pointer) into plan.schema.json
    record_of: str | None = None
    columns: tuple[Column, ...] = ()


def write_data(data: dict[str, Any], plan: Plan, urls: Urls, out_dir: Path) -> list[DataFile]:
    """Write every open-data file under ``out_dir`` (the site's ``data/``) and return what was
    written, the data package descriptor first."""
    contents = {PLAN_JSON: _Content("plan", _json(_plan_data(data)), SCHEMA_JSON), SCHEMA_JSON: _Content("schema", schema_text())}
    contents |= {table.file: _Content(table.name, "\ufeff" + csv_text(table, plan, urls), columns=table.columns) for table in TABLES}
    records = _records(data, plan)
    for kind, entities in (("item", plan.items), ("initiative", plan.initiatives)):
        contents |= {record_path(entity).removeprefix(DATA): _Content(entity.id, _json(records[entity.id]),
                                                                      f"{SCHEMA_JSON}#/$defs/{kind}", kind)
                     for entity in entities}
    encoded = {name: content.text.encode("utf-8") for name, content in contents.items()}
    descriptor = _json(_descriptor(plan, contents, encoded)).encode("utf-8")
    listing = [DataFile("package", DATA + DESCRIPTOR, "json", len(descriptor))]
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / DESCRIPTOR).write_bytes(descriptor)
    for name, content in contents.items():
        (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (out_dir / name).write_bytes(encoded[name])
        listing.append(DataFile(content.name, DATA + name, name.rsplit(".", 1)[1], len(encoded[name]), content.record_of, content.columns))
    return listing


def _descriptor(plan: Plan, contents: dict[str, _Content], encoded: dict[str, bytes]) -> dict[str, Any]:
    meta, descriptions = plan.metadata, ui_strings("en")["data_files"]
    tables = {table.file: table for table in TABLES}
    resources_ = []
    for name, content in contents.items():
        entry: dict[str, Any] = {
            "name": content.name,
            "path": name,
            "title": descriptions[content.record_of or content.name],
            "bytes": len(encoded[name]),
            "hash": "sha256:" + hashlib.sha256(encoded[name]).hexdigest(),
        }
        if name in tables:
            entry |= {"profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
                      "encoding": "utf-8-sig", "schema": _table_schema(tables[name])}
        else:
            entry |= {"profile": "data-resource", "format": "json", "mediatype": "application/json", "encoding": "utf-8"}
            entry |= {"schema": content.schema} if content.schema else {}
        resources_.append(entry)
    return {
        "profile": "data-package",
        "name": _slug(meta.title.shown("en")),  # the full title: the short one is worded for the site's header
        "title": meta.title.shown("en"),
        "description": meta.summary.shown("en"),
        "created": build_time(meta.revised).strftime(W3C_TIME),
        "licenses": [LICENSE],
        "sources": [{"title": meta.official_source.title.shown("en"), "path": meta.official_source.url}],
        "resources": resources_,
    }


def _slug(text: str) -> str:
    """"Sumida City Administrative … Plan" → "sumida-city-administrative-…-plan"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _table_schema(table: Table) -> dict[str, Any]:
    labels = ui_strings("en")["data_columns"]
    schema: dict[str, Any] = {"fields": [{"name": column.name, "type": column.type, "title": labels[column.name]}
                                         for column in table.columns]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    return schema
