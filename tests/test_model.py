import pytest

from planpub.load import load_plan
from planpub.model import build_plan
from tests.cases import STATUS_CASES, TARGET
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
    planning, related, _ = model.departments
    assert [(duty.kind, duty.entity.id) for duty in model.duties_of(planning)] == [("item", "item-01"), ("initiative", "initiative-01")]
    assert [duty.entity.id for duty in model.duties_of(related)] == ["item-01"]


def test_every_entity_of_a_kind_in_plan_order():
    model = plan()
    walks = {walk: [entity.id for entity in getattr(model, walk)] for walk in ("viewpoints", "items", "actions", "measures", "initiatives", "indicators")}
    assert walks == {
        "viewpoints": ["viewpoint-1-1", "viewpoint-1-2"],
        "items": ["item-01", "item-02"],
        "actions": ["item-01-action-1"],
        "measures": ["measure-01"],
        "initiatives": ["initiative-01"],
        "indicators": ["indicator-cost", "previous-indicator-cost", "kpi-online"],  # the indicator groups', then the KPIs
    }
    assert [(duty.kind, duty.entity.id) for duty in model.duties] == [
        ("item", "item-01"), ("action", "item-01-action-1"), ("item", "item-02"), ("initiative", "initiative-01")]


def test_the_entity_each_belongs_to():
    model = plan()
    parents = {child: model.parent_of(child).id for child in (
        "viewpoint-1-2", "item-02", "item-01-action-1", "measure-01", "initiative-01", "kpi-online", "indicator-cost")}
    assert parents == {"viewpoint-1-2": "pillar-1", "item-02": "viewpoint-1-2", "item-01-action-1": "item-01", "measure-01": "guideline-1",
                       "initiative-01": "measure-01", "kpi-online": "guideline-1", "indicator-cost": "cost-targets"}
    assert model.parent_of("pillar-1") is None and model.parent_of("item-99") is None


def indicator(comparator: str, target: float, results: list[tuple[int, float]], baseline: float = 60, better: str | None = None):
    from datetime import date

    from planpub.model import Indicator, Result, Source, Target, Text, Unit, Value

    unit = Unit("percent", "{}%", "{}%")
    return Indicator(
        "i", Text("指標", "Indicator"), unit, (Value(2020, baseline),), Target(2025, target, comparator, unit),
        results=tuple(Result(year, value, date(year + 1, 6, 1), Source(Text("報告", "Report"), "https://example.jp/")) for year, value in results),
        better=better,
    )




@pytest.mark.parametrize(("comparator", "better", "year", "value", "status"), STATUS_CASES)
def test_status_of_a_result_for_every_comparator_direction_and_year(comparator, better, year, value, status):
    # The baseline is the target itself: nothing to guess a direction from.
    assert indicator(comparator, TARGET, [(year, value)], baseline=TARGET, better=better).status() == status


@pytest.mark.parametrize(
    ("results", "status"),
    [
        ([(2024, 3)], "not-yet"),  # 3 incidents before the target year: not "met", not "on track"
        ([(2025, 3)], "not-met"),
        ([(2026, 1)], "not-met"),
        ([(2024, 0)], "on-track"),
        ([(2025, 0)], "met"),
        ([(2025, 0), (2024, 3)], "met"),  # the latest result counts
    ],
)
def test_security_incidents_are_met_only_by_none(results, status):
    """The KPI as an editor records it: baseline 0 incidents, target exactly 0 in FY2025."""
    assert indicator("exactly", 0, results, baseline=0, better="lower").status() == status


def test_no_result_and_a_target_that_is_not_comparable():
    from dataclasses import replace

    from planpub.model import Text

    assert indicator("at-least", 70, []).status() == "no-result"
    share = indicator("approximately", 30, [(2025, 30)], better="higher")
    assert replace(share, target=replace(share.target, of=Text("標準財政規模", "the standard fiscal scale"))).status() == "not-comparable"


def test_the_way_that_is_better_comes_from_the_indicator_or_its_comparator():
    assert indicator("at-least", 70, []).direction == "higher"
    assert indicator("within", 70, []).direction == "lower"
    assert indicator("exactly", 0, [], better="lower").direction == "lower"
    assert plan().guidelines[0].kpis[0].direction == "higher"  # better: higher in the fixture


def test_the_vocabularies_are_the_schemas():
    from planpub.model import BlockKind, Better, Comparator, ProgressStatus
    from planpub.validate import plan_schema

    schema = plan_schema()["$defs"]
    assert list(Comparator) == schema["comparator"]["enum"]
    assert list(Better) == schema["indicator"]["properties"]["better"]["enum"]
    assert list(ProgressStatus) == [*schema["progress_status"]["enum"], ProgressStatus.NOT_RECORDED]
    assert set(schema["status"]["enum"]) < set(ProgressStatus)  # the previous plans' results tables
    assert list(BlockKind) == list(schema["block"]["properties"])


def test_the_model_holds_the_vocabularies_which_read_as_their_words():
    from planpub.model import Better, Comparator, IndicatorStatus, ProgressStatus

    kpi = plan().guidelines[0].kpis[0]
    assert type(kpi.target.comparator) is Comparator and type(kpi.better) is Better
    assert (kpi.target.comparator, kpi.better) == ("reach", "higher")
    assert indicator("at-least", 70, []).status() is IndicatorStatus.NO_RESULT
    assert f"status.{ProgressStatus.NOT_STARTED}" == "status.not-started"  # as templates and strings look it up
