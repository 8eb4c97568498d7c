"""Check loaded data against the JSON Schema, then check what a schema cannot say.

Every problem is collected (not just the first) and points to the line and column it came from.
Cross-reference checks walk the data defensively, so they still run, and still report, when
parts of the file have the wrong shape.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from .diagnostics import Diagnostic, Message, message, one_of
from .load import LoadedPlan, Path_, SourceMap
from .markup import FOOTNOTE_REFERENCE, abbreviation_pattern, disallowed_links, term_surface
from .model import BETTER_BY_COMPARATOR, PLAN_ID, Better, Comparator
from .project import PROJECT

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

# Every value of the plan with its path (see walk).
Nodes = list[tuple[Path_, Any]]

# A reference field → the top-level collection that its ids must exist in.
REFERENCE_KINDS = {
    "departments": "department",
    "terms": "term",
    "unit": "unit",
    "initiative": "initiative",
    "indicator_group": "indicator group",
    "pillars": "pillar",
    "guidelines": "guideline",
    "guideline": "guideline",
    "term": "term",
    "indicator": "indicator",
}
# The list an entity stands in → its kind, as used by REFERENCE_KINDS.
ENTITY_KINDS = {
    "departments": "department",
    "terms": "term",
    "units": "unit",
    "initiatives": "initiative",
    "indicator_groups": "indicator group",
    "pillars": "pillar",
    "guidelines": "guideline",
    "indicators": "indicator",
    "kpis": "indicator",
}


@lru_cache(maxsize=1)
def plan_schema() -> dict:
    return json.loads(resources.files(__package__).joinpath("schema/plan.schema.json").read_text("utf-8"))


def validate(loaded: LoadedPlan) -> list[Diagnostic]:
    """All problems in the plan, errors and warnings, in file order."""
    source, data = loaded.source, loaded.data
    problems = list(schema_problems(data, source))
    nodes = walk(data)
    for check in (cross_reference_problems, text_problems, glossary_problems, abbreviation_problems, non_finite_problems,
                  footnote_problems, title_mark_problems, date_problems, reading_problems):
        problems += check(data, nodes, source)
    # jsonschema reports a missing field once per name; the message already names them all.
    return sorted(dict.fromkeys(problems), key=lambda d: (d.line, d.column, d.code))


# --- schema --------------------------------------------------------------------------------


def schema_problems(data: Any, source: SourceMap) -> Iterator[Diagnostic]:
    # A plan is valid most times it is checked: jsonschema-rs (compiled) says so in milliseconds.
    # jsonschema (Python, about 0.2 s with its import) then says what is wrong, in the detail the
    # messages need; a test holds the two to the same verdicts.
    if _valid_at_a_glance(data):
        return
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(_checking_schema())
    for error in validator.iter_errors(data):
        leaves = _leaf_errors(error)
        if len(leaves) > 1 and all(leaf.validator == "type" for leaf in leaves):
            # A field that may take several shapes: one line naming them all.
            wanted = tuple(_type_word(leaf.validator_value) for leaf in leaves)
            yield source.diagnostic("schema-type", tuple(error.absolute_path), message("expected", wanted=one_of(wanted), found=_found(error.instance)))
            continue
        for leaf in leaves:
            if leaf.validator == "additionalProperties":
                yield from _unknown_fields(leaf, source)
            else:
                yield source.diagnostic(f"schema-{leaf.validator}", tuple(leaf.absolute_path), _describe(leaf))


def _unknown_fields(error: ValidationError, source: SourceMap) -> Iterator[Diagnostic]:
    """One problem per unknown field, at the line of that field."""
    allowed = error.schema.get("properties", {})
    for name in sorted(set(error.instance) - set(allowed)):
        yield source.diagnostic("schema-additionalProperties", tuple(error.absolute_path) + (name,),
                                message("unknown-field", name=name, allowed=", ".join(sorted(allowed))))


def _leaf_errors(error: ValidationError) -> list[ValidationError]:
    """For an error on a one-of-several shape, the most specific underlying errors."""
    if error.context:
        deepest = max(len(e.absolute_path) for e in error.context)
        return [e for e in error.context if len(e.absolute_path) == deepest]
    return [error]


def _found(value: Any) -> Message:
    kind = {dict: "mapping", list: "list", str: "text", bool: "boolean", type(None): "nothing"}.get(type(value), "number")
    shown = "" if isinstance(value, (dict, list)) else " " + json.dumps(value, ensure_ascii=False, default=str)[:60]
    return message("found", kind=message(f"found-{kind}"), value=shown)


def _describe(error: ValidationError) -> Message:
    """Plain words for the editor: what was expected, what was found."""
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        return message("missing-fields", names=", ".join(name for name in expected if name not in value))
    if kind == "type":
        wanted = (expected,) if isinstance(expected, str) else tuple(expected)
        return message("expected", wanted=one_of(tuple(_type_word(w) for w in wanted)), found=_found(value))
    if kind in ("enum", "const"):
        options = expected if kind == "enum" else [expected]
        return message("expected-one-of", options=", ".join(map(str, options)), found=_found(value))
    if kind == "pattern" and "[a-z0-9]" in expected:
        return message("expected-id", found=_found(value))
    if kind == "maxItems":
        return message("too-many-entries", most=expected)
    if kind == "pattern" and "[ぁ-ゖー]" in expected:
        return message("expected-reading", found=_found(value))
    if kind == "pattern" and "一-鿿" in expected:
        return message("expected-kanji-word", found=_found(value))
    if kind in ("minProperties", "maxProperties"):
        return message("expected-exactly-one", options=", ".join(sorted(error.schema.get("properties", {}))))
    return message("schema-other", detail=error.message)  # jsonschema's own words, in English


def _type_word(json_type: str) -> Message:
    return message(f"type-{json_type}")


_LOCAL_DEFINITION = "#/$defs/"
# Keywords beside a $ref that only describe it, for editors: they check nothing.
_ANNOTATIONS = {"title", "description", "examples", "default", "$comment"}


def _valid_at_a_glance(data: Any) -> bool:
    try:
        return _quick_validator().is_valid(data)
    except (ValueError, TypeError, OverflowError):  # a value JSON has no type for (a YAML date …)
        return False


@lru_cache(maxsize=1)
def _quick_validator() -> jsonschema_rs.Draft202012Validator:
    return jsonschema_rs.Draft202012Validator(plan_schema())


@lru_cache(maxsize=1)
def _checking_schema() -> dict:
    """The plan schema with each definition that does not contain itself written out where it is
    referred to. It accepts and rejects exactly what the published schema does, but jsonschema
    looks a $ref up again for each of thousands of values: a third of check's time went there."""
    schema = plan_schema()
    definitions = schema.get("$defs", {})
    recursive = {name for name in definitions if name in _reachable(name, definitions)}
    inlined: dict[str, Any] = {}

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(value) for value in node]
        if not isinstance(node, dict):
            return node
        name = _local_definition(node.get("$ref"))
        if name is None or name in recursive:
            return {key: inline(value) for key, value in node.items()}
        beside = {key: inline(value) for key, value in node.items() if key != "$ref"}
        if name not in inlined:
            inlined[name] = inline(definitions[name])
        if all(key in _ANNOTATIONS or key.startswith("x-") for key in beside):
            return {**inlined[name], **beside}
        return {**beside, "allOf": [*beside.get("allOf", []), inlined[name]]}

    return inline(schema)


def _local_definition(reference: Any) -> str | None:
    return reference[len(_LOCAL_DEFINITION):] if isinstance(reference, str) and reference.startswith(_LOCAL_DEFINITION) else None


def _reachable(name: str, definitions: dict) -> set[str]:
    """The definitions that definition ``name`` refers to, directly or through others."""
    found: set[str] = set()
    pending = [definitions[name]]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            target = _local_definition(node.get("$ref"))
            if target in definitions and target not in found:
                found.add(target)
                pending.append(definitions[target])
            pending += node.values()
        elif isinstance(node, list):
            pending += node
    return found


# --- cross references ------------------------------------------------------------------------


def walk(data: Any) -> Nodes:
    """Every value in the data with its path, depth first, in file order: made once by
    ``validate`` and handed to every check, which all look at the same values."""
    nodes, stack = [], [((), data)]
    while stack:
        path, node = stack.pop()
        nodes.append((path, node))
        if isinstance(node, dict):
            stack += reversed([(path + (key,), value) for key, value in node.items()])
        elif isinstance(node, list):
            stack += reversed([(path + (index,), value) for index, value in enumerate(node)])
    return nodes


def _entities(nodes: Nodes) -> Iterator[tuple[Path_, dict]]:
    for path, node in nodes:
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            yield path, node


def _get(data: Any, *keys: str) -> Any:
    """data[k1][k2]…, or None where the file has another shape than expected."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _kind_of(path: Path_) -> str | None:
    """The kind of the entity at ``path``: from the name of the list it stands in."""
    return ENTITY_KINDS.get(path[-2]) if len(path) >= 2 and isinstance(path[-1], int) else None


def cross_reference_problems(data: Any, nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    ids_by_kind: dict[str, set[str]] = {}
    first_use: dict[str, Path_] = {}
    for path, entity in _entities(nodes):
        entity_id = entity["id"]
        if entity_id in first_use:
            where = source.position(first_use[entity_id] + ("id",))
            yield source.diagnostic("duplicate-id", path + ("id",), message("duplicate-id", id=entity_id, line=where[0]))
            continue
        first_use[entity_id] = path
        ids_by_kind.setdefault(_kind_of(path) or "", set()).add(entity_id)
    all_ids = set(first_use) | {PLAN_ID}
    yield from _reference_problems(nodes, source, ids_by_kind, all_ids)
    yield from _duplicate_number_problems(nodes, source)
    yield from _placement_problems(data, nodes, source)
    yield from _schedule_problems(data, nodes, source)
    yield from _item_shape_problems(nodes, source)
    yield from _result_year_problems(nodes, source)
    yield from _direction_problems(nodes, source)
    yield from _progress_year_problems(data, nodes, source)
    yield from _highlight_problems(data, source)


def _result_year_problems(nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    """Results are for the years after the plan's printed values, one per year."""
    for path, node in nodes:
        if not (isinstance(node, dict) and isinstance(node.get("results"), list) and "target" in node):
            continue
        baseline_years = [v.get("year") for v in node.get("values", []) if isinstance(v, dict) and isinstance(v.get("year"), int)]
        seen: set[int] = set()
        for index, result in enumerate(node["results"]):
            year = result.get("year") if isinstance(result, dict) else None
            if not isinstance(year, int):
                continue
            if baseline_years and year <= max(baseline_years):
                yield source.diagnostic("result-year", path + ("results", index, "year"), message("result-after-values", last=max(baseline_years)))
            elif year in seen:
                yield source.diagnostic("result-year", path + ("results", index, "year"), message("second-result", year=year))
            seen.add(year)


def _direction_problems(nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    """An indicator says which way is better where its target's comparator does not (reach,
    exactly, approximately, about), and never the opposite of what its comparator says: a result is
    judged against the target that way, and is never guessed from the values."""
    for path, node in nodes:
        if not (len(path) >= 2 and path[-2] in ("indicators", "kpis") and isinstance(node, dict)):
            continue
        comparator, better = _get(node, "target", "comparator"), node.get("better")
        if comparator not in tuple(Comparator) or better not in (None, *Better):
            continue  # the schema check reports these
        implied = BETTER_BY_COMPARATOR.get(comparator)
        if implied is None and better is None:
            yield source.diagnostic("missing-better", path + ("better",),
                                    message("missing-better", id=node.get("id"), comparator=comparator))
        elif implied is not None and better not in (None, implied):
            yield source.diagnostic("better-contradicts-comparator", path + ("better",), message(
                "better-contradicts-comparator", id=node.get("id"), better=better, comparator=comparator, implied=implied))


def _progress_year_problems(data: Any, nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    """A status is for a fiscal year of the plan period, one per year."""
    start, end = _get(data, "plan", "period", "start"), _get(data, "plan", "period", "end")
    if not (isinstance(start, int) and isinstance(end, int)):
        return
    for path, node in nodes:
        if not (isinstance(node, dict) and isinstance(node.get("progress"), list)):
            continue
        seen: set[int] = set()
        for index, record in enumerate(node["progress"]):
            year = record.get("year") if isinstance(record, dict) else None
            if not isinstance(year, int):
                continue
            where = path + ("progress", index, "year")
            if not start <= year <= end:
                yield source.diagnostic("progress-year", where, message("status-in-period", start=start, end=end))
            elif year in seen:
                yield source.diagnostic("progress-year", where, message("second-status", year=year))
            seen.add(year)


def _highlight_problems(data: Any, source: SourceMap) -> Iterator[Diagnostic]:
    """A highlight's figures come from its indicator, so its text has none: a figure typed in
    would not change with the target."""
    highlights = _get(data, "plan", "highlights")
    for index, highlight in enumerate(highlights if isinstance(highlights, list) else []):
        text = _get(highlight, "text")
        for language in ("ja", "en"):
            value = _get(text, language)
            if isinstance(value, str) and re.search(r"[0-9０-９]", value):
                yield source.diagnostic("figure-in-highlight", ("plan", "highlights", index, "text", language),
                                        message("figure-in-highlight", text=value))


def _item_shape_problems(nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    """An item has its own purpose and actions, or names the Part 2 guideline that carries it out."""
    for path, node in nodes:
        if not (path[:2] == ("reform", "pillars") and path[-2:-1] == ("items",) and isinstance(node, dict)):
            continue
        own = [key for key in ("purpose", "actions") if key in node]
        if "guideline" in node and own:
            yield source.diagnostic("item-shape", path + (own[0],), message("item-with-guideline"))
        elif "guideline" not in node and len(own) < 2:
            missing = tuple(key for key in ("purpose", "actions") if key not in node)
            yield source.diagnostic("item-shape", path, message("item-without-actions", missing=one_of(missing, "and")))


def _placement_problems(data: Any, nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    """Each pillar and guideline is presented by exactly one chapter: that chapter gives it its page."""
    for key, section in (("pillars", "reform"), ("guidelines", "informatization")):
        placed: dict[str, Path_] = {}
        for path, node in nodes:
            if len(path) >= 3 and path[-2] == key and path[0] == "parts" and isinstance(node, str):
                if node in placed:
                    line = source.position(placed[node])[0]
                    yield source.diagnostic("placed-twice", path, message("placed-twice", id=node, line=line))
                placed.setdefault(node, path)
        entities = _get(data, section, key)
        for index, entity in enumerate(entities if isinstance(entities, list) else []):
            if isinstance(entity, dict) and isinstance(entity.get("id"), str) and entity["id"] not in placed:
                yield source.diagnostic("not-placed", (section, key, index, "id"), message("not-placed", id=entity["id"], list=key))


# Numbers that page URLs are made from (items/01/) are unique across the plan; numbers of
# things inside one parent (chapters of a part) are unique within it.
NUMBERED_ACROSS_PLAN = {"parts", "pillars", "items", "guidelines", "initiatives"}
NUMBERED_WITHIN_PARENT = {"chapters", "viewpoints", "measures", "actions"}


def _duplicate_number_problems(nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    seen: dict[tuple, Path_] = {}
    for path, entity in _entities(nodes):
        number, kind = entity.get("number"), path[-2] if len(path) >= 2 else None
        if not isinstance(number, int) or isinstance(number, bool):
            continue
        if kind in NUMBERED_ACROSS_PLAN:
            key = (kind, number)
        elif kind in NUMBERED_WITHIN_PARENT:
            key = (kind, path[:-2], number)
        else:
            continue
        if key in seen:
            line = source.position(seen[key] + ("number",))[0]
            yield source.diagnostic("duplicate-number", path + ("number",), message("duplicate-number", number=number, line=line))
        else:
            seen[key] = path


def _reference_problems(nodes, source, ids_by_kind, all_ids) -> Iterator[Diagnostic]:
    for path, node in nodes:
        if not isinstance(node, dict):
            continue
        for key, kind in REFERENCE_KINDS.items():
            references = node.get(key)
            if isinstance(references, str):
                references = [references]
                reference_paths = [path + (key,)]
            elif isinstance(references, list):
                reference_paths = [path + (key, i) for i in range(len(references))]
            else:
                continue
            for reference, reference_path in zip(references, reference_paths):
                if isinstance(reference, str) and reference not in ids_by_kind.get(kind, set()):
                    yield source.diagnostic(f"unknown-{kind.replace(' ', '-')}", reference_path, message(
                        "unknown-reference", kind=message(f"kind-{kind.replace(' ', '-')}"), id=reference,
                        suggestion=_did_you_mean(reference, ids_by_kind.get(kind, set()))))
        if len(path) == 2 and path[0] == "editorial_notes":
            target = node.get("target")
            if isinstance(target, str) and target not in all_ids:
                yield source.diagnostic("unknown-target", path + ("target",),
                                        message("unknown-target", id=target, suggestion=_did_you_mean(target, all_ids)))


def _did_you_mean(typed: str, ids: set[str]) -> Message | str:
    """A typo's nearest existing ids: "; did you mean 'administrative-management'?"."""
    nearest = difflib.get_close_matches(typed, sorted(ids), n=3, cutoff=0.75)
    return message("did-you-mean", ids=one_of(tuple(f"'{id_}'" for id_ in nearest))) if nearest else ""


def _schedule_problems(data, nodes, source) -> Iterator[Diagnostic]:
    start, end = _get(data, "plan", "period", "start"), _get(data, "plan", "period", "end")
    if not (isinstance(start, int) and isinstance(end, int)):
        return
    if start > end:
        yield source.diagnostic("period-order", ("plan", "period"), message("period-order", start=start, end=end))
    for path, node in nodes:
        if not (isinstance(node, dict) and "from" in node and "to" in node):
            continue
        first, last = node["from"], node["to"]
        if not (isinstance(first, int) and isinstance(last, int)):
            continue
        for key, year in (("from", first), ("to", last)):
            if not start <= year <= end:
                yield source.diagnostic("year-outside-period", path + (key,), message("year-outside-period", start=start, end=end, year=year))
        if first > last:
            yield source.diagnostic("schedule-order", path, message("schedule-order", first=first, last=last))
        yield from _typed_year_problems(node.get("text"), path + ("text",), source)


# A fiscal year written into a schedule cell would repeat what from/to already say.
_TYPED_YEAR = re.compile(r"(令和|平成)\S*年度|FY\s?\d{4}|\d{4}年度")


def _typed_year_problems(text: Any, path: Path_, source: SourceMap) -> Iterator[Diagnostic]:
    if not isinstance(text, dict):
        return
    for language in ("ja", "en"):
        value = text.get(language)
        if isinstance(value, str) and _TYPED_YEAR.search(value):
            yield source.diagnostic("fiscal-year-in-text", path + (language,), message("fiscal-year-in-text", text=value))


def non_finite_problems(data: Any, nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    """YAML can spell infinity and not-a-number (.inf, .nan); no plan value is either."""
    for path, node in nodes:
        if isinstance(node, float) and not math.isfinite(node):
            yield source.diagnostic("not-finite", path, message("not-finite", value=node))


# --- texts: translations, links, terminology --------------------------------------------------


def _texts(nodes: Nodes) -> Iterator[tuple[Path_, dict]]:
    for path, node in nodes:
        if isinstance(node, dict) and isinstance(node.get("ja"), str) and path[:1] != ("terminology",):
            yield path, node


def text_problems(data: Any, nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    terminology = _get(data, "terminology")
    terminology = _by_first_character([(("terminology", index), entry) for index, entry in enumerate(terminology if isinstance(terminology, list) else [])
                                       if isinstance(entry, dict) and isinstance(entry.get("ja"), str) and entry["ja"] and isinstance(entry.get("en"), str)])
    for path, text in _texts(nodes):
        english = text.get("en")
        pending = text.get("translation") == "pending"
        if english is None and not pending:
            yield source.diagnostic("missing-translation", path, message("missing-translation"))
        if english is not None and pending:
            yield source.diagnostic("translation-conflict", path + ("translation",), message("translation-conflict"))
        for language in ("ja", "en"):
            if isinstance(text.get(language), str):
                for target in disallowed_links(text[language]):
                    yield source.diagnostic("unsafe-link", path + (language,), message("unsafe-link", target=target))
        # A pending translation has nothing to check yet; an abbreviation's expansion spells out its
        # letters, where the terminology's rendering may be the abbreviation itself (COVID-19).
        if isinstance(english, str) and path[:1] != ("abbreviations",):
            yield from _terminology_problems(text, path, terminology, source)


def _by_first_character(terminology: list[tuple[Path_, dict]]) -> dict[str, list[tuple[int, Path_, dict]]]:
    """The entries by the first character of their Japanese term, each with its place in the list:
    a text is compared only with the entries that begin with one of its characters."""
    entries: dict[str, list[tuple[int, Path_, dict]]] = {}
    for order, (path, entry) in enumerate(terminology):
        entries.setdefault(entry["ja"][0], []).append((order, path, entry))
    return entries


def _terminology_problems(text, path, terminology, source) -> Iterator[Diagnostic]:
    lowered = text["en"].lower()
    present = sorted(candidate for character in set(text["ja"]) for candidate in terminology.get(character, ())
                     if candidate[2]["ja"] in text["ja"])
    spans = {entry["ja"]: _spans(text["ja"], entry["ja"]) for _, _, entry in present}
    for _, entry_path, entry in present:
        for variant in _strings(entry.get("avoid")):
            if variant.lower() in lowered:
                yield source.diagnostic("terminology", path + ("en",), message("terminology", ja=entry["ja"], en=entry["en"], found=variant))
        if entry.get("by_context") or _standing_alone(entry["ja"], spans) <= _kept_in_japanese(entry["ja"], text["en"]):
            continue
        if not any(form.lower() in lowered for form in (entry["en"], *_strings(entry.get("variants")))):
            yield source.diagnostic("terminology-missing", path + ("en",), message(
                "terminology-missing", ja=entry["ja"], en=entry["en"], line=source.position(entry_path)[0],
                japanese=_excerpt(text["ja"]), english=_excerpt(text["en"])))


def _strings(values: Any) -> list[str]:
    return [value for value in values if isinstance(value, str)] if isinstance(values, list) else []


def _spans(text: str, term: str) -> list[tuple[int, int]]:
    return [(found.start(), found.end()) for found in re.finditer(re.escape(term), text)]


def _standing_alone(term: str, spans: dict[str, list[tuple[int, int]]]) -> int:
    """How often the term occurs outside every longer listed term: 区 in 区民 is the entry 区民's,
    not the entry 区's."""
    covering = [span for other, found in spans.items() if len(other) > len(term) and term in other for span in found]
    return sum(not any(start <= own_start and own_end <= end for start, end in covering) for own_start, own_end in spans[term])


def _kept_in_japanese(term: str, english: str) -> int:
    """How often the English gives a Japanese term in Japanese, as editorial notes quote the draft
    and names are followed by the Japanese: each such place is the draft's word, not one to translate.
    A term in Latin letters (SNS, DX) is English too, and always checked."""
    return 0 if term.isascii() else english.count(term)


def _excerpt(text: str, most: int = 160) -> str:
    """A text on one line, shortened: a diagnostic is one line of a terminal or a log."""
    line = " ".join(text.split())
    return line if len(line) <= most else line[:most - 1] + "…"


def glossary_problems(data: Any, nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    """The glossary lists a term once: where the plan explains a term twice, the glossary keeps one
    explanation, and the other stays where the plan gives it (a footnote, a box), with an editorial note."""
    terms = _get(data, "terms")
    first: dict[tuple[str, str], tuple[Path_, Any]] = {}
    for index, term in enumerate(terms if isinstance(terms, list) else []):
        words = _get(term, "term")
        for language in ("ja", "en"):
            word = _get(words, language)
            if not isinstance(word, str):
                continue
            path, surface = ("terms", index, "term", language), term_surface(word)
            if (language, surface.casefold()) in first:
                earlier, earlier_id = first[language, surface.casefold()]
                yield source.diagnostic("duplicate-term", path, message(
                    "duplicate-term", term=surface, id=earlier_id, line=source.position(earlier)[0]))
                break  # one report for the entry, whichever language finds it
            first[language, surface.casefold()] = path, term.get("id")


def abbreviation_problems(data: Any, nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    """An abbreviation of the list is one the plan uses, listed once; the glossary term it names
    is the one that explains it, which has the abbreviation in its name."""
    abbreviations = _get(data, "abbreviations")
    if not isinstance(abbreviations, list):
        return
    plan_texts = [value for path, text in _texts(nodes) if path[:1] != ("abbreviations",)
                  for value in (text.get("ja"), text.get("en")) if isinstance(value, str)]
    listed_terms = _get(data, "terms")
    terms = {term["id"]: term for term in (listed_terms if isinstance(listed_terms, list) else ())
             if isinstance(term, dict) and isinstance(term.get("id"), str)}
    first: dict[str, Path_] = {}
    for index, entry in enumerate(abbreviations):
        abbreviation, path = _get(entry, "abbreviation"), ("abbreviations", index)
        if not isinstance(abbreviation, str) or not abbreviation:
            continue
        if abbreviation in first:
            yield source.diagnostic("duplicate-abbreviation", path + ("abbreviation",), message(
                "duplicate-abbreviation", abbreviation=abbreviation, line=source.position(first[abbreviation])[0]))
        first.setdefault(abbreviation, path + ("abbreviation",))
        # The pattern only where the letters are: a search of the whole plan for each is slow.
        if not any(re.search(abbreviation_pattern(abbreviation), text) for text in plan_texts if abbreviation in text):
            yield source.diagnostic("abbreviation-not-in-plan", path + ("abbreviation",), message("abbreviation-not-in-plan", abbreviation=abbreviation))
        term_id = _get(entry, "term")
        term = terms.get(term_id) if isinstance(term_id, str) else None
        names = [name for name in (_get(term, "term", language) for language in ("ja", "en")) if isinstance(name, str)]
        if names and not any(re.search(abbreviation_pattern(abbreviation), name) for name in names):
            yield source.diagnostic("abbreviation-not-in-term", path + ("term",), message(
                "abbreviation-not-in-term", abbreviation=abbreviation, term=term_surface(names[0]), id=term_id))


# --- footnotes and dates ------------------------------------------------------------------------


def _numbered_notes(node: Any) -> set[str]:
    notes = node.get("notes") if isinstance(node, dict) else None
    return {n["mark"] for n in notes if isinstance(n, dict) and isinstance(n.get("mark"), str) and n["mark"].isdigit()} if isinstance(notes, list) else set()


def footnote_problems(data: Any, nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    """[^1] in a text needs a note marked 1 on an enclosing section, item or initiative; a numbered
    footnote is numbered once in the plan, so its anchor (footnote-1) is unique on every page."""
    by_path = dict(nodes)
    first_use: dict[str, Path_] = {}
    for path, node in nodes:
        if len(path) < 2 or path[-2] != "notes" or not isinstance(node, dict):
            continue
        mark = node.get("mark")
        if isinstance(mark, str) and mark.isdigit():
            if mark in first_use:
                line = source.position(first_use[mark])[0]
                yield source.diagnostic("duplicate-footnote", path + ("mark",), message("duplicate-footnote", mark=mark, line=line))
            first_use.setdefault(mark, path + ("mark",))
    for path, text in _texts(nodes):
        for language in ("ja", "en"):
            value = text.get(language)
            for mark in FOOTNOTE_REFERENCE.findall(value) if isinstance(value, str) else ():
                owners = (path[:length] for length in range(len(path), -1, -1))
                if not any(mark in _numbered_notes(by_path.get(owner)) for owner in owners):
                    yield source.diagnostic("unknown-footnote", path + (language,), message("unknown-footnote", mark=mark))


def title_mark_problems(data: Any, nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    """A note mark in a title (title_marks) is a mark of the entity's own notes, placed after
    words its title has in each language; note marks are never typed into the title itself."""
    for path, node in nodes:
        if not (isinstance(node, dict) and isinstance(node.get("title"), dict)):
            continue
        notes = node.get("notes") if isinstance(node.get("notes"), list) else []
        own_marks = {note["mark"] for note in notes if isinstance(note, dict) and isinstance(note.get("mark"), str)}
        title = node["title"]
        for language in ("ja", "en"):
            typed = [mark for mark in own_marks if not mark.isdigit() and mark in str(title.get(language, ""))]
            for mark in typed:
                yield source.diagnostic("mark-in-title", path + ("title", language), message("mark-in-title", mark=mark))
        marks = node.get("title_marks") if isinstance(node.get("title_marks"), list) else []
        for index, entry in enumerate(marks):
            if not isinstance(entry, dict):
                continue
            where = path + ("title_marks", index)
            if entry.get("mark") not in own_marks:
                yield source.diagnostic("unknown-title-mark", where + ("mark",), message("unknown-title-mark", mark=entry.get("mark")))
            after = entry.get("after") if isinstance(entry.get("after"), dict) else {}
            for language, words in after.items():
                if language in ("ja", "en") and isinstance(words, str) and words not in str(title.get(language, "")):
                    yield source.diagnostic("title-mark-place", where + ("after", language), message("title-mark-place", words=words))


def date_problems(data: Any, nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    """Dates the schema accepted by shape (2021-02-30 has one) must be real days."""
    for path, node in nodes:
        if path and path[-1] in ("date", "dated") or len(path) >= 2 and path[-2] == "supplementary":
            if isinstance(node, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", node):
                try:
                    date.fromisoformat(node)
                except ValueError:
                    yield source.diagnostic("invalid-date", path, message("invalid-date", date=node))


# --- the readings list (ふりがな) ---------------------------------------------------------------


def reading_problems(data: Any, nodes: Nodes, source: SourceMap) -> Iterator[Diagnostic]:
    """A listed word is in the plan's Japanese text, once in the list; the words with kanji that
    the dictionary does not know and the list does not give are named, for an editor to add."""
    from .readings import ReadingList, unknown_words  # Sudachi: only when a plan is checked

    texts = [(path + ("ja",), text["ja"]) for path, text in _texts(nodes)]
    entries = _get(data, "readings")
    entries = [(index, entry) for index, entry in enumerate(entries if isinstance(entries, list) else [])
               if isinstance(_get(entry, "word"), str)]
    yield from _reading_list_problems(entries, "\n".join(text for _, text in texts), source)
    listed = ReadingList.of((entry["word"], str(entry.get("reading"))) for _, entry in entries)
    for word, path in unknown_words(texts, listed, PROJECT.cache / "unknown-words.json").items():
        yield source.diagnostic("unknown-word", path, message("unknown-word", word=word))


def _reading_list_problems(entries: list[tuple[int, dict]], japanese: str, source: SourceMap) -> Iterator[Diagnostic]:
    first: dict[str, Path_] = {}
    for index, entry in entries:
        word, path = entry["word"], ("readings", index, "word")
        if word in first:
            yield source.diagnostic("duplicate-reading", path, message("duplicate-reading", word=word, line=source.position(first[word])[0]))
        elif word not in japanese:
            yield source.diagnostic("reading-not-in-plan", path, message("reading-not-in-plan", word=word))
        first.setdefault(word, path)
