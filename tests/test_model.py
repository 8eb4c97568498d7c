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
