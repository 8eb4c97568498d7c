import pytest

from planpub.load import load_plan
from planpub.model import build_plan
from tests.conftest import MINIMAL


def plan():
    return build_plan(load_plan(MINIMAL).data)


def test_references_are_resolved_to_objects():
    model = plan()
    item = model.pillars[0].items[0]
    assert [d.name.en for d in item.departments] == ["Planning Division", "Related divisions"]
    assert item.departments[1].is_group
    assert item.terms[0].definition.ja == "試験のための用語です。"
    assert model.parts[0].chapters[1].pillars[0] is model.pillars[0]
    assert model.parts[0].chapters[0].sections[0].blocks[0].group.indicators[0].unit.id == "man-yen"


def test_pending_translation_has_no_english():
    action = plan().pillars[0].items[0].actions[0]
    assert action.description.en is None
    assert action.description.get("ja") == "見直す。"
    assert action.description.shown("en") == "見直す。"


def test_item_schedule_rows_are_labelled_by_action():
    row, = plan().pillars[0].items[0].schedule_rows
    assert row.label.en == "Common work"
    assert [(e.start, e.end) for e in row.entries] == [(2022, 2022), (2023, 2025)]


def test_target_unit_defaults_to_the_indicator_unit():
    indicator = plan().indicator_groups[0].indicators[0]
    assert indicator.target.unit is indicator.unit
    assert [v.value for v in indicator.values] == [53, 65.5]


def test_editorial_notes_by_target_and_fiscal_years():
    model = plan()
    assert [n.id for n in model.notes_about("item-01")] == ["note-item-01"]
    assert model.notes_about("item-99") == ()
    assert model.metadata.fiscal_years == (2022, 2023, 2024, 2025)
    assert [i.id for i in model.guidelines[0].initiatives] == ["initiative-01"]


def test_duties_of_a_department_in_plan_order():
    model = plan()
    planning, related = model.departments
    assert [(duty.kind, duty.entity.id) for duty in model.duties_of(planning)] == [("item", "item-01"), ("initiative", "initiative-01")]
    assert [duty.entity.id for duty in model.duties_of(related)] == ["item-01"]


def indicator(comparator: str, target: float, results: list[tuple[int, float]], baseline: float = 60):
    from datetime import date

    from planpub.model import Indicator, Result, Source, Target, Text, Unit, Value

    unit = Unit("percent", "{}%", "{}%")
    return Indicator(
        "i", Text("指標", "Indicator"), unit, (Value(2020, baseline),), Target(2025, target, comparator, unit),
        results=tuple(Result(year, value, date(year + 1, 6, 1), Source(Text("報告", "Report"), "https://example.jp/")) for year, value in results),
    )


@pytest.mark.parametrize(
    ("comparator", "target", "results", "status"),
    [
        ("at-least", 70, [], "no-result"),
        ("at-least", 70, [(2023, 72)], "met"),
        ("at-least", 70, [(2023, 65)], "not-yet"),
        ("at-least", 70, [(2025, 65), (2023, 72)], "not-met"),  # the latest result counts
        ("at-most", 50, [(2025, 50)], "met"),
        ("greater-than", 0, [(2025, 0)], "not-met"),
        ("exactly", 40, [(2025, 38)], "met"),  # down from the baseline of 60: at or below 40 meets it
        ("exactly", 80, [(2025, 78)], "not-met"),  # up from 60: below 80 does not
    ],
)
def test_status_compares_the_latest_result_with_the_target_as_worded(comparator, target, results, status):
    assert indicator(comparator, target, results).status() == status
