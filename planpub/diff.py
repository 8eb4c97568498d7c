"""What changed between two versions of the plan, in plain words in both languages, as Markdown
for a pull request description.

Both versions are compared as models, not as text: reordered keys, comments and formatting
are not changes. Every entity with an id (pillar, item, action, guideline, measure, initiative,
indicator, department, term) is matched by its id; values are written as the site writes them,
with units and fiscal years.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from .model import Plan, Text
from .render import Localizer
from .urls import LANGUAGES, Urls

# What is compared, in the order it is reported: kind → the entities of that kind in a plan.
KINDS = {
    "pillar": lambda plan: plan.pillars,
    "item": lambda plan: [item for pillar in plan.pillars for item in pillar.items],
    "action": lambda plan: [action for pillar in plan.pillars for item in pillar.items for action in item.actions],
    "guideline": lambda plan: plan.guidelines,
    "measure": lambda plan: [measure for guideline in plan.guidelines for measure in guideline.measures],
    "initiative": lambda plan: [initiative for guideline in plan.guidelines for initiative in guideline.initiatives],
    "indicator": lambda plan: [*(i for group in plan.indicator_groups for i in group.indicators),
                               *(kpi for guideline in plan.guidelines for kpi in guideline.kpis)],
    "department": lambda plan: plan.departments,
    "term": lambda plan: plan.terms,
}
NAMED_BY_NUMBER = ("pillar", "item", "guideline", "measure", "initiative")
TITLES = ("title", "name", "term")


def plan_diff(old: Plan, new: Plan) -> str:
    """The changes from ``old`` to ``new`` as Markdown: a section per language."""
    sections = [_language_section(old, new, language) for language in LANGUAGES]
    return "\n".join(sections)


def _localizer(plan: Plan, language: str) -> Localizer:
    urls = Urls(plan)
    return Localizer(language, plan, urls, urls.pages[0])


def _language_section(old: Plan, new: Plan, language: str) -> str:
    before, after = _localizer(old, language), _localizer(new, language)
    lines = [f"## {after.ui('diff.heading')}", ""]
    entries = _revisions(old, new, after) + _entity_changes(old, new, before, after)
    lines += entries or [after.ui("diff.none")]
    return "\n".join(lines) + "\n"


def _revisions(old: Plan, new: Plan, l: Localizer) -> list[str]:
    known = set(old.metadata.revisions)
    return [f"- {l.ui('diff.revision', date=l.day(r.date), summary=l.raw(r.summary))}"
            for r in new.metadata.revisions if r not in known]


def _entity_changes(old: Plan, new: Plan, before: Localizer, after: Localizer) -> list[str]:
    lines: list[str] = []
    for kind, entities_of in KINDS.items():
        old_entities = {entity.id: entity for entity in entities_of(old)}
        new_entities = {entity.id: entity for entity in entities_of(new)}
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


def _name(l: Localizer, kind: str, entity: Any) -> str:
    title = l.raw(getattr(entity, next(name for name in TITLES if hasattr(entity, name))))
    label = l.label(kind, entity) if kind in NAMED_BY_NUMBER and entity.number else l.ui(f"diff.kinds.{kind}")
    return l.ui("diff.named", label=label, title=title)


def _is_entity(value: Any) -> bool:
    return hasattr(value, "id") and hasattr(value, "__dataclass_fields__")


def _field_changes(old: Any, new: Any, before: Localizer, after: Localizer) -> list[str]:
    """Each field that differs, said in words; the entity's own children are compared on their own."""
    changes = []
    for field in fields(new):
        was, now = getattr(old, field.name), getattr(new, field.name)
        if was == now or (isinstance(now, tuple) and any(_is_entity(v) for v in (*was, *now))
                          and field.name != "departments"):
            continue
        changes += _describe(field.name, was, now, before, after, getattr(new, "unit", None))
    return changes


def _describe(name: str, was: Any, now: Any, before: Localizer, after: Localizer, unit: Any) -> list[str]:
    """A changed field in words. ``unit`` is the indicator's, for its values and results."""
    field = after.ui(f"diff.fields.{name}") if name in after.ui("diff.fields") else name
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
        return [after.ui("diff.changed", field=field, old=before.target(was, None), new=after.target(now, None))]
    if name == "better":
        return [after.ui("diff.changed", field=field, old=before.ui(f"better.{was}") if was else "–",
                         new=after.ui(f"better.{now}") if now else "–")]
    if name in ("schedule", "schedule_rows"):
        return [after.ui("diff.changed", field=field, old=_schedule(before, was), new=_schedule(after, now))]
    if name == "departments":
        return [after.ui("diff.changed", field=field, old=_names(before, was), new=_names(after, now))]
    if isinstance(now, Text) or isinstance(was, Text):
        if name in TITLES:
            return [after.ui("diff.changed", field=field, old=before.raw(was) if was else "–", new=after.raw(now) if now else "–")]
        return [after.ui("diff.reworded", field=field)]
    if _is_entity(now) or _is_entity(was):
        return [after.ui("diff.changed", field=field, old=getattr(was, "id", "–"), new=getattr(now, "id", "–"))]
    if isinstance(now, bool):
        return [after.ui("diff.changed", field=field, old=after.ui(f"diff.{str(was).lower()}"), new=after.ui(f"diff.{str(now).lower()}"))]
    return [after.ui("diff.reworded", field=field)]


def _yearly(field: str, was: dict, now: dict, shown, before: Localizer, after: Localizer) -> list[str]:
    """Per fiscal year: what was added, changed or removed."""
    changes = []
    for year in sorted(set(was) | set(now)):
        if year not in was:
            changes.append(after.ui("diff.year_added", field=field, year=after.fy(year), new=shown(after, now[year])))
        elif year not in now:
            changes.append(after.ui("diff.year_removed", field=field, year=after.fy(year), old=shown(before, was[year])))
        elif was[year] != now[year]:
            changes.append(after.ui("diff.year_changed", field=field, year=after.fy(year),
                                    old=shown(before, was[year]), new=shown(after, now[year])))
    return changes


def _schedule(l: Localizer, schedule: tuple) -> str:
    entries = [entry for row in schedule for entry in row.entries] if schedule and hasattr(schedule[0], "entries") else schedule
    return l.ui("list_separator").join(f"{l.fy_span(e.start, e.end)} {l.raw(e.text)}" for e in entries) or "–"


def _names(l: Localizer, departments: tuple) -> str:
    return l.ui("list_separator").join(l.raw(department.name) for department in departments) or "–"
