import json
from itertools import islice

from jsonschema import Draft202012Validator

import pytest

from planpub.diagnostics import PlanError, Severity
from planpub.load import load_plan, parse_plan
from planpub.validate import _checking_schema, _valid_at_a_glance, plan_schema, validate
from tests.cases import COST_TARGET, PROGRESS, PROGRESS_AT, RESULT, SCALAR_LINE, mutations
from tests.conftest import MINIMAL, line_of


def problems(path):
    return [(d.code, d.line, d.path) for d in validate(load_plan(path))]


def test_fixture_and_real_plan_are_valid(real_loaded):
    assert validate(load_plan(MINIMAL)) == []
    assert [d for d in validate(real_loaded) if d.severity is Severity.ERROR] == []


def test_wrong_type_names_expected_and_found(variant):
    path, text = variant(("number: 1\n      title: {ja: 経営改善", "number: one\n      title: {ja: 経営改善"))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.line) == ("schema-type", line_of(text, "number: one"))
    assert diagnostic.path == "pillars[pillar-1].number"
    assert "expected a whole number, found text" in diagnostic.message


def test_missing_required_field(variant):
    path, text = variant(("              title: {ja: 事務の見直し, en: Reviewing work}\n", ""))
    diagnostic, = validate(load_plan(path))
    assert diagnostic.code == "schema-required"
    assert diagnostic.line == line_of(text, "- id: item-01")
    assert "title" in diagnostic.message


def test_item_needs_purpose_and_actions_or_a_guideline(variant):
    path, text = variant(("              purpose: {ja: 効率化する。, en: To work more efficiently.}\n", ""))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.line) == ("item-shape", line_of(text, "- id: item-01"))
    assert "purpose" in diagnostic.message
    path, text = variant(("              guideline: guideline-1\n", "              guideline: guideline-1\n              purpose: {ja: 目的, en: Purpose}\n"))
    assert problems(path) == [("item-shape", line_of(text, "purpose: {ja: 目的"), "items[item-02].purpose")]


def test_item_guideline_must_exist(variant):
    path, text = variant(("guideline: guideline-1\n", "guideline: guideline-9\n"))
    assert problems(path) == [("unknown-guideline", line_of(text, "guideline: guideline-9"), "items[item-02].guideline")]


def test_footnote_reference_needs_its_note(variant):
    path, text = variant(("用語[^1]の説明", "用語[^2]の説明"))
    assert problems(path) == [("unknown-footnote", line_of(text, "用語[^2]"), "front[introduction].blocks[3].text.ja")]


def test_footnote_numbers_are_unique_in_the_plan(variant):
    path, text = variant(("    notes:\n      - {mark: \"1\"", "    notes:\n      - {mark: \"1\", text: {ja: 重複, en: Twice}}\n      - {mark: \"1\""))
    assert [p[0] for p in problems(path)] == ["duplicate-footnote"]


def test_term_block_must_name_a_term(variant):
    path, text = variant(("- term: test-term", "- term: no-such-term"))
    assert problems(path) == [("unknown-term", line_of(text, "term: no-such-term"), "front[introduction].blocks[4].term")]


def test_dates_must_be_real_days(variant):
    path, text = variant(('date: "2021-07-09"', 'date: "2021-02-30"'))
    assert problems(path) == [("invalid-date", line_of(text, "2021-02-30"), "appendices[part-1-appendix-2].blocks[3].meetings[0].date")]


def test_unknown_field_lists_the_allowed_ones(variant):
    path, text = variant(("  status: draft", "  status: draft\n  colour: blue"))
    diagnostic, = validate(load_plan(path))
    assert diagnostic.code == "schema-additionalProperties"
    assert "colour" in diagnostic.message and "status" in diagnostic.message


def test_bad_enum_value(variant):
    path, text = variant(("comparator: at-most", "comparator: below"))
    assert problems(path) == [("schema-enum", line_of(text, "comparator: below"), "indicators[indicator-cost].target.comparator")]


def test_unknown_department_reference(variant):
    path, text = variant(("departments: [planning]", "departments: [plannning]"))
    assert problems(path) == [
        ("unknown-department", line_of(text, "departments: [plannning]"), "initiatives[initiative-01].departments[0]")
    ]
    diagnostic, = validate(load_plan(path))
    assert diagnostic.message == "no department has the id 'plannning'; did you mean 'planning'?"  # the nearest existing id
    path, _ = variant(("departments: [planning]", "departments: [zzz]"))
    diagnostic, = validate(load_plan(path))
    assert diagnostic.message == "no department has the id 'zzz'"  # nothing near: no guess


def test_unknown_term_indicator_group_initiative_and_note_target(variant):
    path, text = variant(
        ("terms: [test-term]", "terms: [no-term]"),
        ("- indicator_group: cost-targets", "- indicator_group: no-group"),
        ("initiative: initiative-01", "initiative: initiative-99"),
        ("target: item-01", "target: item-99"),
    )
    assert [code for code, _, _ in problems(path)] == ["unknown-indicator-group", "unknown-term", "unknown-initiative", "unknown-target"]


def test_unknown_unit_pillar_and_guideline(variant):
    path, text = variant(
        ("unit: man-yen", "unit: yen"),
        ("pillars: [pillar-1]", "pillars: [pillar-9]"),
        ("guidelines: [guideline-1]", "guidelines: [guideline-9]"),
    )
    assert problems(path) == [
        ("unknown-pillar", line_of(text, "pillars: [pillar-9]"), "chapters[part-1-chapter-2].pillars[0]"),
        ("unknown-guideline", line_of(text, "guidelines: [guideline-9]"), "chapters[part-2-chapter-1].guidelines[0]"),
        ("unknown-unit", line_of(text, "unit: yen"), "indicators[indicator-cost].unit"),
        ("not-placed", line_of(text, "- id: pillar-1"), "pillars[pillar-1].id"),
        ("not-placed", line_of(text, "- id: guideline-1"), "guidelines[guideline-1].id"),
    ]


def test_duplicate_id_names_the_first_use(variant):
    path, text = variant(("- id: measure-01", "- id: guideline-1"))
    first, second = [n for n, line in enumerate(text.splitlines(), 1) if "- id: guideline-1" in line]
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.line) == ("duplicate-id", second)
    assert f"already used at line {first}" in diagnostic.message


@pytest.mark.parametrize(
    ("years", "code", "field"),
    [("from: 2023, to: 2026", "year-outside-period", ".to"), ("from: 2025, to: 2023", "schedule-order", "")],
)
def test_schedule_years(variant, years, code, field):
    path, text = variant(("{from: 2023, to: 2025, text: {ja: 実施", "{" + years + ", text: {ja: 実施"))
    schedule = "actions[item-01-action-1].schedule[1]"
    assert problems(path) == [(code, line_of(text, years), schedule + field)]


def test_missing_translation_and_explicit_pending(variant):
    path, text = variant(("purpose: {ja: 効率化する。, en: To work more efficiently.}", "purpose: {ja: 効率化する。}"))
    assert problems(path) == [("missing-translation", line_of(text, "purpose: {ja: 効率化する。}"), "items[item-01].purpose")]
    # The fixture's action description is {ja: …, translation: pending}: accepted.


def test_an_editorial_note_needs_its_sentence_for_readers_in_both_languages(variant):
    sentence = "for_readers: {ja: 原案には発行月の記載がありません。, en: The draft does not give the month of issue.}"
    path, text = variant((sentence, "for_readers: {ja: 原案には発行月の記載がありません。}"))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.line, diagnostic.path) == ("missing-translation", line_of(text, "for_readers: {ja: 原案には発行月"),
                                                                   "editorial_notes[note-issue-month].for_readers")
    assert f":{diagnostic.line}:{diagnostic.column}: editorial_notes[note-issue-month].for_readers" in diagnostic.text("en")
    path, text = variant(("    " + sentence + "\n", ""))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.line) == ("schema-required", line_of(text, "- id: note-issue-month"))
    assert "for_readers" in diagnostic.message


def test_english_text_and_pending_at_once(variant):
    path, _ = variant(("description: {ja: 見直す。, translation: pending}", "description: {ja: 見直す。, en: Review., translation: pending}"))
    assert [code for code, _, _ in problems(path)] == ["translation-conflict"]


@pytest.mark.parametrize("text, target", [
    ("en: We put procedures online.", "javascript:alert(1)"),  # prose
    ("en: Better management", "data:text/html,x"),  # a title
    ("en: Planning Division", "/items/01/"),  # a name
])
def test_a_link_to_anything_but_http_https_or_mailto_is_an_error_in_any_text(variant, text, target):
    path, changed = variant((text, "en: " + json.dumps(f"[Apply]({target}) {text.removeprefix('en: ')}")))  # JSON is YAML
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.severity) == ("unsafe-link", Severity.ERROR)
    assert f"'{target}'" in diagnostic.text("en") and diagnostic.line == line_of(changed, "[Apply]")


@pytest.mark.parametrize("change, code, field", [
    (("title: {ja: 事務の見直し, en: Reviewing work}", "title: {ja: 事務※の見直し, en: Reviewing work}"), "mark-in-title", "title.ja"),
    (("title_marks: [{mark: ※, after:", "title_marks: [{mark: ※2, after:"), "unknown-title-mark", "title_marks[0].mark"),
    (("after: {ja: 事務, en: work}", "after: {ja: 事務, en: task}"), "title-mark-place", "title_marks[0].after.en"),
])
def test_a_note_mark_in_a_title_is_placed_by_title_marks_after_words_of_the_title(variant, change, code, field):
    path, text = variant(change)
    assert problems(path) == [(code, line_of(text, change[1]), f"items[item-01].{field}")]


def test_terminology_variant_is_reported(variant):
    path, text = variant(("summary: {ja: 柱の説明。, en: About the pillar.}", "summary: {ja: 改革の柱の説明。, en: About the reform column.}"))
    assert [code for code, _, _ in problems(path)] == ["terminology", "terminology-missing"]


def _summary(ja: str, en: str, *entries: str):
    """The fixture's pillar summary replaced, and terminology entries added after its one entry."""
    return (("summary: {ja: 柱の説明。, en: About the pillar.}", f"summary: {{ja: {ja}, en: {en}}}"),
            ("  - {ja: 改革の柱,", "".join(f"  - {entry}\n" for entry in entries) + "  - {ja: 改革の柱,"))


def test_missing_rendering_names_the_entry_the_field_and_both_texts(variant):
    path, text = variant(*_summary("改革の柱の説明。", "About the first column."))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.severity) == ("terminology-missing", Severity.ERROR)
    assert (diagnostic.line, diagnostic.path) == (line_of(text, "summary: {ja: 改革の柱の説明"), "pillars[pillar-1].summary.en")
    assert f"line {line_of(text, '- {ja: 改革の柱,')}" in diagnostic.message
    assert all(words in diagnostic.message for words in ("'reform pillar'", "改革の柱の説明。", "About the first column."))


@pytest.mark.parametrize("english", ["Reform Pillars in short.", "About a pillar of reform."])
def test_rendering_counts_in_any_capitalization_and_in_a_listed_variant(variant, english):
    path, _ = variant(*_summary("改革の柱の説明。", english))
    assert problems(path) == []


def test_term_inside_a_longer_listed_term_counts_for_the_longer_one(variant):
    path, _ = variant(*_summary("改革の柱立ての説明。", "About the pillar structure.", "{ja: 改革の柱立て, en: pillar structure}"))
    assert problems(path) == []


def test_quotation_the_english_gives_in_japanese_is_not_checked(variant):
    path, _ = variant(*_summary("原文は「改革の柱」となっている。", "The source reads 「改革の柱」."))
    assert problems(path) == []
    path, _ = variant(*_summary("原文は「改革の柱」となっている。", "The source reads a word for pillar."))
    assert [code for code, _, _ in problems(path)] == ["terminology-missing"]


def test_term_the_english_keeps_in_japanese_is_checked_only_where_it_is_translated(variant):
    path, _ = variant(*_summary("改革の柱会議の説明。", "About the Pillar Meeting (改革の柱会議)."))
    assert problems(path) == []
    path, _ = variant(*_summary("改革の柱会議と改革の柱の説明。", "About the Pillar Meeting (改革の柱会議) and the columns."))
    assert [code for code, _, _ in problems(path)] == ["terminology-missing"]


def test_term_in_latin_letters_is_always_checked(variant):
    path, _ = variant(*_summary("柱のSNSの説明。", "About SNS for the pillar.", "{ja: SNS, en: social media (SNS)}"))
    assert [code for code, _, _ in problems(path)] == ["terminology-missing"]


def test_word_rendered_by_context_is_only_checked_for_avoid(variant):
    path, _ = variant(*_summary("柱を推進する。", "The City advances the pillar.", "{ja: 推進, en: promote, by_context: true, avoid: [propel]}"))
    assert problems(path) == []
    path, _ = variant(*_summary("柱を推進する。", "The City propels the pillar.", "{ja: 推進, en: promote, by_context: true, avoid: [propel]}"))
    assert [code for code, _, _ in problems(path)] == ["terminology"]


def test_pending_translation_is_not_a_terminology_finding(variant):
    path, _ = variant(("summary: {ja: 柱の説明。, en: About the pillar.}", "summary: {ja: 改革の柱の説明。, translation: pending}"))
    assert problems(path) == []


def test_every_problem_is_reported_in_one_run(variant):
    path, _ = variant(
        ("status: draft", "status: drafted"),
        ("departments: [planning]", "departments: [nobody]"),
        ("purpose: {ja: 効率化する。, en: To work more efficiently.}", "purpose: {ja: 効率化する。}"),
    )
    assert sorted(code for code, _, _ in problems(path)) == ["missing-translation", "schema-enum", "unknown-department"]


def test_the_schema_check_uses_rejects_exactly_what_the_published_schema_rejects():
    """check validates against the schema with its definitions written out (faster); wrong
    values in the fields of the fixture must give the same errors under both. Every seventh of
    the robustness test's mutations: each field, each kind of wrong value in turn."""
    published, written_out = Draft202012Validator(plan_schema()), Draft202012Validator(_checking_schema())
    assert json.dumps(_checking_schema()).count('"$ref"') < json.dumps(plan_schema()).count('"$ref"')
    lines = MINIMAL.read_text(encoding="utf-8").splitlines()
    compared = 0
    for number, replacement in islice(mutations(), 0, None, 7):
        try:
            data = parse_plan("\n".join(lines[:number] + [replacement] + lines[number + 1 :]).encode(), "plan.yaml").data
        except PlanError:
            continue
        assert _errors(written_out, data) == _errors(published, data), replacement
        compared += 1
    assert compared > 150


# Strings where Python's and Rust's regular expressions could differ: a final line break ($),
# digits of other scripts (\d), control characters (\s), lengths beyond the BMP.
EDGE_STRINGS = ['"x\\n"', '"2022-04-01\\n"', "'２０２２-０４-０１'", "'٢٠٢٢-٠٤-٠١'", '"\\x1c"', "''", "' '", "'ａ'",
                '"a\\u0085"', "'𠮷'", "'ab-'", "'-a'", "'http://x'", "'すみだ\\n'", "'{}'"]


def test_the_quick_schema_check_agrees_with_jsonschema_on_every_wrong_value():
    """check asks jsonschema-rs first and jsonschema only for a plan it finds invalid: whatever the
    quick check passes, jsonschema must pass too, for every field of the fixture given each wrong
    value and each string at the edges of regular expressions. Where they differ, jsonschema-rs is the
    stricter (its regular expressions are ECMA-262's, as JSON Schema specifies: $ refuses a final
    line break, \\d is 0-9 only) and jsonschema then decides, as before."""
    full = Draft202012Validator(_checking_schema())
    lines = MINIMAL.read_text(encoding="utf-8").splitlines()
    edges = [(number, match.group(1) + value) for number, line in enumerate(lines) if (match := SCALAR_LINE.match(line))
             for value in EDGE_STRINGS]
    compared = 0
    for number, replacement in [*mutations(), *edges]:
        try:
            data = parse_plan("\n".join(lines[:number] + [replacement] + lines[number + 1 :]).encode(), "plan.yaml").data
        except PlanError:
            continue
        assert next(full.iter_errors(data), None) is None or not _valid_at_a_glance(data), replacement
        compared += 1
    assert compared > 1500


def _errors(validator, data):
    return sorted((list(error.absolute_path), error.validator, error.message) for error in validator.iter_errors(data))


def test_schema_is_draft_2020_12_and_describes_top_level_fields():
    schema = plan_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert all("description" in field for field in schema["properties"].values())
    json.dumps(schema)


def test_field_with_several_shapes_gets_one_line(variant):
    path, text = variant(('{mark: "※1", text:', "{mark: 12, text:"))
    diagnostic, = validate(load_plan(path))
    assert diagnostic.code == "schema-type"
    assert diagnostic.message == "expected text or a mapping of fields, found a number 12"


def test_malformed_id_says_what_an_id_looks_like(variant):
    path, text = variant(("- id: part-2", "- id: Part 2"))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.line) == ("schema-pattern", line_of(text, "- id: Part 2"))
    assert diagnostic.message.startswith("expected an id of lowercase letters, digits and hyphens")


def test_fiscal_year_typed_into_a_schedule_cell(variant):
    path, text = variant(("{from: 2022, to: 2022, text: {ja: 検討, en: Review}}", "{from: 2022, to: 2022, text: {ja: 令和4年度検討, en: Review in FY2022}}"))
    assert [(code, line) for code, line, _ in problems(path)] == [("fiscal-year-in-text", line_of(text, "令和4年度検討"))] * 2


def test_a_highlight_names_an_indicator_and_types_no_figure(variant):
    path, text = variant(("indicator: kpi-online}", "indicator: kpi-offline}"),
                         ("en: A lower cost per resident}", "en: A cost of 50 per resident}"))
    assert problems(path) == [
        ("unknown-indicator", line_of(text, "indicator: kpi-offline"), "plan.highlights[0].indicator"),
        ("figure-in-highlight", line_of(text, "A cost of 50"), "plan.highlights[1].text.en"),
    ]


def test_two_pages_cannot_share_a_number(variant):
    path, text = variant(("            - id: initiative-01\n              number: 1", "            - id: initiative-01\n              number: 1\n              title: {ja: 重複, en: Twin}\n              description: {ja: 同じ番号。, en: Same number.}\n              schedule: []\n            - id: initiative-02\n              number: 1"))
    assert [(code, line) for code, line, _ in problems(path)] == [("duplicate-number", line_of(text, "- id: initiative-02") + 1)]


def test_pillars_and_guidelines_are_presented_by_exactly_one_chapter(variant):
    path, text = variant(("pillars: [pillar-1]", "pillars: []"), ("guidelines: [guideline-1]", "guidelines: [guideline-1, guideline-1]"))
    assert [(code, line) for code, line, _ in problems(path)] == [
        ("placed-twice", line_of(text, "guidelines: [guideline-1, guideline-1]")),
        ("not-placed", line_of(text, "- id: pillar-1")),
    ]


def test_infinite_and_not_a_number_values(variant):
    path, text = variant(("value: 50, comparator", "value: .nan, comparator"), ("value: 53}", "value: -.inf}"))
    assert [(code, line) for code, line, _ in problems(path)] == [
        ("not-finite", line_of(text, "-.inf")),
        ("not-finite", line_of(text, ".nan")),
    ]


def test_a_term_needs_its_reading_in_hiragana(variant):
    path, text = variant(("    reading: しけんようご\n", "    reading: シケン\n"))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.line, diagnostic.path) == ("schema-pattern", line_of(text, "reading: シケン"), "terms[test-term].reading")
    assert "expected a reading in hiragana" in diagnostic.message and '"シケン"' in diagnostic.message
    path, text = variant(("    reading: しけんようご\n", ""))
    assert [d.code for d in validate(load_plan(path))] == ["schema-required"]




def test_a_department_needs_its_reading_in_hiragana_and_may_be_a_group(variant):
    path, text = variant(("    reading: そうむか\n", "    reading: 総務課\n"))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.line, diagnostic.path) == ("schema-pattern", line_of(text, "reading: 総務課"), "departments[general-affairs].reading")
    path, text = variant(("    reading: そうむか\n", ""))
    assert [(d.code, d.line) for d in validate(load_plan(path))] == [("schema-required", line_of(text, "- id: general-affairs"))]
    path, text = variant(("    kind: group\n", "    kind: groups\n"))
    assert problems(path) == [("schema-enum", line_of(text, "kind: groups"), "departments[related-divisions].kind")]


def test_the_glossary_lists_a_term_once_in_each_language(variant):
    term = "  - id: test-term\n    term: {ja: 試験用語, en: test term}\n"
    again = "  - id: test-term-again\n    term: {ja: 試験用語（しけんようご）, en: Test term}\n    reading: しけんようご\n    definition: {ja: 再び, en: Again}\n"
    path, text = variant((term, again + term))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.line, diagnostic.path) == ("duplicate-term", line_of(text, "term: {ja: 試験用語, en"), "terms[test-term].term.ja")
    assert f"at line {line_of(text, '試験用語（しけんようご）')} ('test-term-again')" in diagnostic.message
    assert "editorial note" in diagnostic.message
    path, text = variant(("term: {ja: 外郭団体, en: affiliated organizations}", "term: {ja: 外郭団体, en: the test term}"))
    assert problems(path) == [("duplicate-term", line_of(text, "en: the test term"), "terms[affiliated-organizations].term.en")]


def test_a_result_needs_a_source_and_a_year_after_the_plans_values(variant):
    path, _ = variant((COST_TARGET, COST_TARGET + "        " + RESULT + "\n"))
    assert validate(load_plan(path)) == []
    without_source = RESULT.replace(", source: {title: {ja: 決算書, en: Settlement}, url: 'https://example.jp/r'}", "")
    path, text = variant((COST_TARGET, COST_TARGET + "        " + without_source + "\n"))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.line) == ("schema-required", line_of(text, "results: [{year: 2023"))
    assert "source" in diagnostic.message
    path, text = variant((COST_TARGET, COST_TARGET + "        " + RESULT.replace("year: 2023", "year: 2020") + "\n"))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.path) == ("result-year", "indicators[indicator-cost].results[0].year")




def test_a_status_is_from_the_vocabulary_for_a_year_of_the_plan_period_once(variant):
    path, _ = variant((PROGRESS_AT, PROGRESS_AT + PROGRESS))
    assert validate(load_plan(path)) == []
    path, text = variant((PROGRESS_AT, PROGRESS_AT + PROGRESS.replace("in-progress", "finished")))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.line) == ("schema-enum", line_of(text, "progress: [{year: 2023"))
    path, _ = variant((PROGRESS_AT, PROGRESS_AT + PROGRESS.replace("year: 2023", "year: 2026")))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.path) == ("progress-year", "items[item-01].progress[0].year")
    twice = PROGRESS.replace("}}]", "}}, {year: 2023, status: achieved}]")
    path, _ = variant((PROGRESS_AT, PROGRESS_AT + twice))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.path) == ("progress-year", "items[item-01].progress[1].year")
    assert "second status for 2023" in diagnostic.message


def test_every_example_in_the_schema_is_valid_for_its_definition():
    schema = plan_schema()
    examples = [(name, example) for name, definition in schema["$defs"].items() for example in definition.get("examples", [])]
    assert len(examples) >= 12
    for name, example in examples:
        errors = list(Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{name}"}).iter_errors(example))
        assert errors == [], (name, example)


def test_every_definition_and_field_of_the_schema_is_described_in_both_languages():
    """Wherever a field is defined (the top level, a definition, an array's items), it says what it
    is in both languages: a bare $ref says nothing about this use of what it refers to."""
    def undescribed(node, path="#"):
        if isinstance(node, dict):
            for name, child in node.get("properties", {}).items():
                if not (child.get("description") and child.get("x-description-ja")):
                    yield f"{path}/properties/{name}"
            for key, child in node.items():
                yield from undescribed(child, f"{path}/{key}")
        elif isinstance(node, list):
            for index, child in enumerate(node):
                yield from undescribed(child, f"{path}/{index}")

    schema = plan_schema()
    definitions = [f"#/$defs/{name}" for name, definition in schema["$defs"].items()
                   if definition.get("type") != "string" and not (definition.get("description") and definition.get("x-description-ja"))]
    assert definitions + list(undescribed(schema)) == []


KPI_UNIT = "          unit: procedures\n          better: higher\n"


@pytest.mark.parametrize("comparator", ["reach", "exactly", "approximately", "about"])
def test_a_target_that_does_not_say_which_way_is_better_needs_the_indicator_to(variant, comparator):
    path, text = variant((KPI_UNIT, "          unit: procedures\n"), ("value: 24, comparator: reach", f"value: 24, comparator: {comparator}"))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("missing-better", line_of(text, "- id: kpi-online"), 11)
    assert diagnostic.path == "kpis[kpi-online].better"
    assert f"indicator 'kpi-online': its target is '{comparator}'" in diagnostic.text("en")
    assert f"指標「kpi-online」の目標は {comparator} で" in diagnostic.text("ja")
    assert diagnostic.text("en").startswith(f"{path}:{diagnostic.line}:11: kpis[kpi-online].better: ")


def test_a_way_that_is_better_must_agree_with_the_comparator(variant):
    path, _ = variant((COST_TARGET, COST_TARGET + "        better: lower\n"))
    assert validate(load_plan(path)) == []  # at-most: lower is better, as the comparator says
    path, text = variant((COST_TARGET, COST_TARGET + "        better: higher\n"))
    diagnostic, = validate(load_plan(path))
    assert (diagnostic.code, diagnostic.line, diagnostic.path) == ("better-contradicts-comparator", line_of(text, "better: higher"), "indicators[indicator-cost].better")
    assert "indicator 'indicator-cost': 'better: higher' contradicts the target's 'at-most'" in diagnostic.message
    path, text = variant((KPI_UNIT, "          unit: procedures\n          better: up\n"))
    assert [code for code, _, _ in problems(path)] == ["schema-enum"]  # one problem, from the schema


ICT = "  - {abbreviation: ICT, expansion: {ja: 情報通信技術, en: information and communication technology}}\n"


def test_an_abbreviation_must_be_one_the_plan_uses_and_is_listed_once(variant):
    """WCAG 3.1.4: the list gives what the plan's abbreviations stand for; one the text never uses
    as a word of its own (RPA, or IC inside ICT) is a mistake, and so is a second entry."""
    path, text = variant((ICT, ICT + "  - {abbreviation: RPA, expansion: {ja: ロボティック・プロセス・オートメーション, en: robotic process automation}}\n"
                               "  - {abbreviation: IC, expansion: {ja: 集積回路, en: integrated circuit}}\n" + ICT))
    assert problems(path) == [("abbreviation-not-in-plan", line_of(text, "abbreviation: RPA"), "abbreviations[1].abbreviation"),
                              ("abbreviation-not-in-plan", line_of(text, "abbreviation: IC,"), "abbreviations[2].abbreviation"),
                              ("duplicate-abbreviation", line_of(text, "abbreviation: ICT") + 3, "abbreviations[3].abbreviation")]
    diagnostic = validate(load_plan(path))[-1]
    assert f"at line {line_of(text, 'abbreviation: ICT')}" in diagnostic.text("en")


@pytest.mark.parametrize("expansion, missing", [
    ("{ja: 情報通信技術}", "en"),
    ("{en: information and communication technology}", "ja"),
    ("{ja: 情報通信技術, translation: pending}", "en"),
])
def test_an_abbreviation_needs_its_expansion_in_both_languages(variant, expansion, missing):
    path, text = variant((ICT, f"  - {{abbreviation: ICT, expansion: {expansion}}}\n"))
    codes = [(code, line) for code, line, _ in problems(path)]
    assert ("schema-required", line_of(text, "abbreviation: ICT")) in codes
    assert any(missing in d.message for d in validate(load_plan(path)) if d.code == "schema-required")


def test_an_abbreviation_s_glossary_term_must_name_it(variant):
    path, text = variant((ICT, ICT.replace("}}\n", "}, term: test-term}\n")))
    assert problems(path) == [("abbreviation-not-in-term", line_of(text, "abbreviation: ICT"), "abbreviations[0].term")]
    assert "'ICT'" in validate(load_plan(path))[0].text("en")
    path, _ = variant((ICT, ICT.replace("}}\n", "}, term: no-such-term}\n")))
    assert [code for code, _, _ in problems(path)] == ["unknown-term"]
