"""What changed between two versions of the plan, in plain words in both languages, as Markdown
for a pull request description.

Both versions are compared as models, not as text: reordered keys, comments and formatting
are not changes. Every entity with an id (pillar, viewpoint, item, action, guideline, measure,
initiative, indicator, department, term) is matched by its id and reported once, under its own
title: an entity that refers to it (an item to its guideline, an action to its departments) has
changed only when it refers to another one. Values are written as the site writes them, with
units and fiscal years, and entities by their titles, never by their ids.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from .model import Plan, Text, Unit
from .formatting import Formatter
from .urls import LANGUAGES

# What is compared, in the order it is reported. A kind is the name of its entities' class, in
# lower case (see _kind), and the plan's walk of its entities is its plural (see _entities).
KINDS = ("pillar", "viewpoint", "item", "action", "guideline", "measure", "initiative", "indicator", "department", "term")
NAMED_BY_NUMBER = ("pillar", "item", "guideline", "measure", "initiative")
TITLES = ("title", "name", "term")
# Fields that hold an entity's own parts: each part is compared on its own, under its kind.
PARTS = ("viewpoints", "items", "actions", "measures", "initiatives", "kpis")
# References the model keeps as an id rather than as the entity: field → the kind it refers to.
REFERRED_BY_ID = {"initiative_id": "initiative"}


def plan_diff(old: Plan, new: Plan) -> str:
    """The changes from ``old`` to ``new`` as Markdown: a section per language."""
    sections = [_language_section(old, new, language) for language in LANGUAGES]
    return "\n".join(sections)


def _language_section(old: Plan, new: Plan, language: str) -> str:
    before, after = Formatter(language, old), Formatter(language, new)
    lines = [f"## {after.ui('diff.heading')}", ""]
    entries = _revisions(old, new, after) + _entity_changes(old, new, before, after)
    lines += entries or [after.ui("diff.none")]
    return "\n".join(lines) + "\n"


def _revisions(old: Plan, new: Plan, l: Formatter) -> list[str]:
    known = set(old.metadata.revisions)
    return [f"- {l.ui('diff.revision', date=l.day(r.date), summary=l.raw(r.summary))}"
            for r in new.metadata.revisions if r not in known]


def _entity_changes(old: Plan, new: Plan, before: Formatter, after: Formatter) -> list[str]:
    lines: list[str] = []
    for kind in KINDS:
        old_entities = {entity.id: entity for entity in _entities(old, kind)}
        new_entities = {entity.id: entity for entity in _entities(new, kind)}
        for entity_id, entity in new_entities.items():
            if entity_id not in old_entities:
                lines.append(f"- {after.ui('diff.added', name=_name(after, kind, entity))}")
        for entity_id, entity in old_entities.items():
            if entity_id not in new_entities:
                lines.append(f"- {before.ui('diff.removed', name=_name(before, kind, entity))}")
        for entity_id, entity in new_entities.items():
            if entity_id in old_entities and old_entities[entity_id] != entity:
                changes = _field_changes(old_entities[entity_id], entity, before, after)
                if changes:
                    lines.append(f"- {_name(after, kind, entity)}")
                    lines += [f"    - {change}" for change in changes]
    return lines


def _entities(plan: Plan, kind: str) -> tuple[Any, ...]:
    """Every entity of ``kind`` in ``plan``, in plan order: ``plan.items`` for "item"."""
    return getattr(plan, f"{kind}s")


def _name(l: Formatter, kind: str, entity: Any) -> str:
    """An entry's entity: its number where the site shows one, else its kind, and its title."""
    label = l.label(kind, entity) if _numbered(kind, entity) else l.ui(f"diff.kinds.{kind}")
    return l.ui("diff.named", label=label, title=_title(l, entity))


def _numbered(kind: str, entity: Any) -> bool:
    return kind in NAMED_BY_NUMBER and bool(entity.number)


def _title(l: Formatter, entity: Any) -> str:
    return l.raw(getattr(entity, next(name for name in TITLES if hasattr(entity, name))))


def _field_changes(old: Any, new: Any, before: Formatter, after: Formatter) -> list[str]:
    """Each field that differs, said in words. The entity's own parts are compared on their own,
    and the entities it refers to only by which they are: a change to a guideline is the
    guideline's, not a change of every item carried out under it."""
    changes = []
    for field in fields(new):
        if field.name in PARTS:
            continue
        was, now = getattr(old, field.name), getattr(new, field.name)
        referred = _referred(before, field.name, was), _referred(after, field.name, now)
        if any(referred):
            changes += _reference_change(field.name, *referred, before, after)
        elif was != now:
            changes += _describe(field.name, was, now, before, after, getattr(new, "unit", None))
    return changes


def _kind(value: Any) -> str | None:
    """The kind of an entity the diff compares on its own (an Item is an "item"), else None."""
    kind = type(value).__name__.lower()
    return kind if kind in KINDS else None


def _referred(l: Formatter, name: str, value: Any) -> tuple[Any, ...]:
    """The entities that field ``name`` refers to, in ``l``'s plan: those it holds, or the one it
    names by id; none when it is not a reference."""
    if name in REFERRED_BY_ID:
        return tuple(entity for entity in _entities(l.plan, REFERRED_BY_ID[name]) if entity.id == value)
    return tuple(entity for entity in (value if isinstance(value, tuple) else (value,)) if _kind(entity))


def _reference_change(name: str, was: tuple, now: tuple, before: Formatter, after: Formatter) -> list[str]:
    """A reference that now names other entities; none when it names the same ones, whatever
    changed in them."""
    if [entity.id for entity in was] == [entity.id for entity in now]:
        return []
    return [_changed(after, _field_label(after, name), _references(before, was), _references(after, now))]


def _references(l: Formatter, entities: tuple[Any, ...]) -> str:
    """Entities referred to: with their number where the site shows one, else by title alone
    (the field says what they are)."""
    return l.ui("list_separator").join(
        _name(l, _kind(entity), entity) if _numbered(_kind(entity), entity) else _title(l, entity) for entity in entities) or "–"


def _field_label(l: Formatter, name: str) -> str:
    return l.ui(f"diff.fields.{name}") if name in l.ui("diff.fields") else name


def _changed(l: Formatter, field: str, old: str, new: str) -> str:
    """"field: old → new"; "reworded" when the difference does not show in this language (an
    English translation added, a note beside a status): never "x → x"."""
    return l.ui("diff.changed", field=field, old=old, new=new) if old != new else l.ui("diff.reworded", field=field)


def _describe(name: str, was: Any, now: Any, before: Formatter, after: Formatter, unit: Any) -> list[str]:
    """A changed field in words. ``unit`` is the indicator's, for its values and results."""
    field = _field_label(after, name)
    if name == "values":
        return _yearly(field, {v.year: v for v in was}, {v.year: v for v in now},
                       lambda l, v: l.quantity(v.value, unit), before, after)
    if name == "results":
        return _yearly(field, {r.year: r for r in was}, {r.year: r for r in now},
                       lambda l, r: l.quantity(r.value, unit) + l.ui("parenthesized", text=f"{l.raw(r.source.title)} {r.source.url}"), before, after)
    if name == "progress":
        return _yearly(field, {p.year: p for p in was}, {p.year: p for p in now},
                       lambda l, p: l.ui(f"status.{p.status}"), before, after)
    if name == "target":
        return [_changed(after, field, before.target(was, None), after.target(now, None))]
    if name == "better":
        return [_changed(after, field, before.ui(f"better.{was}") if was else "–", after.ui(f"better.{now}") if now else "–")]
    if name in ("schedule", "schedule_rows"):
        return [_changed(after, field, _schedule(before, was), _schedule(after, now))]
    if isinstance(now, Unit):
        return [_changed(after, field, _unit(before, was), _unit(after, now))]
    if isinstance(now, Text) or isinstance(was, Text):
        if name in TITLES:
            return [_changed(after, field, before.raw(was) if was else "–", after.raw(now) if now else "–")]
        return [after.ui("diff.reworded", field=field)]
    if isinstance(now, bool):
        return [_changed(after, field, after.ui(f"diff.{str(was).lower()}"), after.ui(f"diff.{str(now).lower()}"))]
    if isinstance(now, (int, float, str)):  # a number, a reading
        return [_changed(after, field, str(was), str(now))]
    return [after.ui("diff.reworded", field=field)]


def _yearly(field: str, was: dict, now: dict, shown, before: Formatter, after: Formatter) -> list[str]:
    """Per fiscal year: what was added, changed or removed."""
    changes = []
    for year in sorted(set(was) | set(now)):
        if year not in was:
            changes.append(after.ui("diff.year_added", field=field, year=after.fy(year), new=shown(after, now[year])))
        elif year not in now:
            changes.append(after.ui("diff.year_removed", field=field, year=after.fy(year), old=shown(before, was[year])))
        elif was[year] != now[year]:
            old, new = shown(before, was[year]), shown(after, now[year])
            key = "diff.year_changed" if old != new else "diff.year_reworded"  # never "x → x", as in _changed
            changes.append(after.ui(key, field=field, year=after.fy(year), old=old, new=new))
    return changes


def _schedule(l: Formatter, schedule: tuple) -> str:
    entries = [entry for row in schedule for entry in row.entries] if schedule and hasattr(schedule[0], "entries") else schedule
    return l.ui("list_separator").join(f"{l.fy_span(e.start, e.end)} {l.raw(e.text)}" for e in entries) or "–"


def _unit(l: Formatter, unit: Unit) -> str:
    """A unit as its values are written, with "…" for the number: "…万円", "¥… billion"."""
    return (unit.ja if l.language == "ja" else unit.en).replace("{}", "…")
