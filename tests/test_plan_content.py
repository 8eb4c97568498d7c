"""The real plan.yaml carries the content this edition promises, faithfully to the draft."""

import pytest

from planpub.load import load_plan
from planpub.model import build_plan
from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def plan():
    return build_plan(load_plan(PROJECT / "plan.yaml").data)


def test_metadata_keeps_the_unknown_issue_month(plan):
    meta = plan.metadata
    assert (meta.period_start, meta.period_end, meta.status) == (2022, 2025, "draft")
    assert (meta.issued.year, meta.issued.month) == (2022, None)
    assert [n.id for n in plan.notes_about("plan")]


def test_front_matter(plan):
    assert [s.id for s in plan.front][:2] == ["introduction", "plan-period"]
    assert "令和4（2022）年度から令和7（2025）年度" in plan.front[1].blocks[0].text.ja


def test_all_fourteen_indicators_of_section_5(plan):
    indicators = [i for group in plan.indicator_groups for i in group.indicators]
    assert len(indicators) == 14
    by_id = {i.id: i for i in indicators}
    cost = by_id["indicator-admin-cost-per-resident"]
    assert [(v.year, v.value) for v in cost.values] == [(2019, 53), (2020, 65)]
    assert (cost.target.year, cost.target.value) == (2025, 50)
    assert all(group.achieved for group in plan.indicator_groups)


def test_discrepancies_in_the_draft_are_kept_and_noted(plan):
    fund = {i.id: i for g in plan.indicator_groups for i in g.indicators}["indicator-fiscal-adjustment-fund-balance"]
    assert fund.values[0].value == 180  # as section 5-2 prints it; the appendix says 181
    assert plan.notes_about(fund.id)
    assert plan.notes_about("indicator-ordinary-balance-ratio")


def test_reform_pillar_one_items_one_to_four(plan):
    pillar = plan.pillars[0]
    items = pillar.items
    assert [i.number for i in items] == [1, 2, 3, 4]
    for item in items:
        assert item.purpose.ja and item.purpose.en
        assert item.actions and all(a.schedule for a in item.actions)
        assert item.departments or all(a.departments for a in item.actions)
    assert items[1].new and [a.number for a in items[1].actions] == [1, 2]


def test_guideline_one_with_initiatives_and_kpis(plan):
    guideline = plan.guidelines[0]
    numbers = [i.number for i in guideline.initiatives]
    assert numbers[:3] == [1, 2, 3]
    assert len(guideline.kpis) == 5
    assert {k.initiative_id for k in guideline.kpis} <= {i.id for i in guideline.initiatives}
    online = guideline.kpis[0]
    assert (online.values[0].year, online.target.year, online.target.value) == (2021, 2022, 24)
    assert guideline.initiatives[2].dx_priority


def test_every_text_has_english_in_this_edition(plan):
    import yaml

    data = yaml.safe_load((PROJECT / "plan.yaml").read_text(encoding="utf-8"))
    pending = []

    def walk(node, path):
        if isinstance(node, dict):
            if "ja" in node and "en" not in node and node.get("translation") == "pending":
                pending.append(path)
            for key, value in node.items():
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}[{index}]")

    walk(data, "")
    assert pending == []
