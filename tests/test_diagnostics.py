"""The catalogue of diagnostic codes (planpub/diagnostic_codes.yaml) against the code that reports
them, and the editing guides that list them."""

from __future__ import annotations

import json
import re

import pytest

from planpub.diagnostics import Diagnostic, code_table, codes, message
from planpub.validate import REFERENCE_KINDS
from tests.conftest import PROJECT

# The keywords of JSON Schema that check something; a schema error is reported as schema-<keyword>.
_CHECKING_KEYWORDS = {"type", "enum", "const", "required", "additionalProperties", "pattern", "minLength", "maxLength",
                      "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "uniqueItems",
                      "minProperties", "maxProperties", "anyOf", "oneOf", "allOf", "not", "format", "multipleOf"}


def _keywords(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for child in value.values():
                    yield from _keywords(child)
            else:
                yield key
                yield from _keywords(value)
    elif isinstance(node, list):
        for child in node:
            yield from _keywords(child)


def reported_codes() -> set[str]:
    """Every code the source can report: those written out, a schema-<keyword> for each checking
    keyword the schema uses, and an unknown-<kind> for each kind of reference."""
    source = "\n".join(path.read_text(encoding="utf-8") for path in (PROJECT / "planpub").glob("*.py"))
    written = set(re.findall(r"(?:diagnostic|Diagnostic|_problem)\(\s*\"([a-z0-9-]+)\"", source))
    written |= set(re.findall(r"Diagnostic\(\"([a-z0-9-]+)\"", source))
    schema = json.loads((PROJECT / "planpub" / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    keywords = set(_keywords(schema)) & _CHECKING_KEYWORDS
    return written | {f"schema-{keyword}" for keyword in keywords} | {f"unknown-{kind.replace(' ', '-')}" for kind in REFERENCE_KINDS.values()}


def test_the_catalogue_lists_every_code_the_source_reports_and_no_other():
    assert set(codes()) == reported_codes()


def test_every_code_says_what_it_means_in_both_languages():
    assert [code for code, entry in codes().items() if not (entry.meaning["ja"] and entry.meaning["en"])] == []


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_editing_guide_lists_every_code_as_the_catalogue_says(language):
    guide = (PROJECT / f"EDITING.{language}.md").read_text(encoding="utf-8")
    assert code_table(language) in guide, f"update the table in EDITING.{language}.md:\n{code_table(language)}"


def test_a_code_not_in_the_catalogue_cannot_be_reported():
    with pytest.raises(KeyError, match="diagnostic_codes.yaml"):
        Diagnostic("no-such-code", message("empty-file"), "plan.yaml", 1, 1)
