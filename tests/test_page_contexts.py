"""Each type of page gets a typed context, and templates place what it gives."""

import re
from dataclasses import fields

import pytest

from planpub.load import load_plan
from planpub.model import build_plan
from planpub.page_contexts import Sources, cells_by_year, roadmap_filters
from planpub.page_types import PAGE_TYPES
from planpub.urls import Urls
from tests.conftest import MINIMAL, PROJECT

GIVEN_TO_EVERY_PAGE = {"l", "h", "to", "plan", "page", "pdf_size"}


@pytest.fixture(scope="module")
def sources():
    plan = build_plan(load_plan(MINIMAL).data)
    return Sources(plan, Urls(plan))


def contexts(sources, kind):
    return [PAGE_TYPES[kind].context.of(page, sources) for page in sources.urls.pages if page.kind == kind]


def test_every_page_gets_its_type_s_context_with_no_name_the_renderer_gives_every_page(sources):
    for page in sources.urls.pages:
        context = PAGE_TYPES[page.kind].context.of(page, sources)
        assert not {field.name for field in fields(context)} & GIVEN_TO_EVERY_PAGE, page.kind


def test_an_item_page_gets_its_item_viewpoint_and_pillar(sources):
    plan = sources.plan
    for context in contexts(sources, "item"):
        assert context.item in context.viewpoint.items and context.viewpoint in context.pillar.viewpoints
    assert len(contexts(sources, "item")) == len(plan.items)


def test_an_initiative_page_gets_only_the_kpis_that_measure_it(sources):
    for context in contexts(sources, "initiative"):
        assert context.initiative in context.measure.initiatives and context.measure in context.guideline.measures
        assert all(kpi.initiative_id == context.initiative.id for kpi in context.kpis)
        assert [kpi for kpi in context.guideline.kpis if kpi.initiative_id == context.initiative.id] == list(context.kpis)


def test_parts_know_their_appendices_page(sources):
    (home,) = contexts(sources, "home")
    by_part = {entry.part.id: entry.appendices for entry in home.contents}
    for context in contexts(sources, "appendices"):
        assert by_part[context.part.id].path == sources.urls.location(context.part.id).page.path + "appendices/"
        assert all(page.kind == "appendix" for page in context.appendices)
    for context in contexts(sources, "part"):
        assert context.appendices == by_part[context.part.id]


def test_the_indicators_page_has_a_card_for_every_indicator_and_kpi_of_this_plan(sources):
    (context,) = contexts(sources, "indicators")
    plan = sources.plan
    cards = [card for part in plan.parts for card in context.cards_by_part[part.id]]
    assert [card.indicator.id for card in cards] == ["indicator-cost", "kpi-online"]
    cost, kpi = cards
    assert cost.owner.id == "cost-targets" and cost.owner_kind is None and cost.achieved.en == "Sustainable"
    assert kpi.owner == plan.initiative("initiative-01") and kpi.owner_kind == "initiative"
    assert [goal.en for goal in kpi.goals] == ["Procedures can be done at any time."]


def test_the_previous_plan_s_indicators_come_apart_with_where_they_are_and_their_years(sources):
    (context,) = contexts(sources, "indicators")
    previous = context.previous_by_part["part-1"]
    assert [card.indicator.id for card in previous.cards] == ["previous-indicator-cost"]
    assert previous.cards[0].outcome.en == "The target was not met."
    assert previous.appendix.id == "part-1-appendix-2"
    assert previous.value_years == [2018, 2019, 2020] and previous.target_year == 2020
    assert context.previous_by_part["part-2"] is None


def test_schedule_cells_span_entries_and_fill_the_years_no_entry_covers():
    entry = type("Entry", (), {"start": 2023, "end": 2024})
    assert cells_by_year([entry], (2022, 2023, 2024, 2025)) == [None, entry, None]
    assert cells_by_year([], (2022, 2023)) == [None, None]


def test_roadmap_filters_take_departments_and_marks_from_an_item_and_its_actions(sources):
    item = next(item for item in sources.plan.items if item.actions)
    departments, marks = roadmap_filters(item)
    assert set(departments) == {d.id for part in (item, *item.actions) for d in part.departments}
    assert ("new" in marks) == any(part.new for part in (item, *item.actions))


def test_templates_reach_into_no_urls_and_no_untyped_subject():
    for template in (PROJECT / "content").rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\burls\.|\bsubject\s*[.)]", text), template
