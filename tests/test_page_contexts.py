"""Each type of page gets a typed context, and templates place what it gives."""

import re
from dataclasses import fields
from datetime import date

import pytest

from planpub.load import load_plan
from planpub.model import build_plan
from planpub.page_contexts import Recorded, Sources, cells_by_year, recorded_progress, roadmap_filters
from planpub.page_types import PAGE_TYPES
from planpub.urls import Urls
from tests.cases import PROGRESS, PROGRESS_AT
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


def test_the_home_page_gets_each_highlight_with_its_indicator_and_the_latest_value_the_plan_prints(sources):
    (home,) = contexts(sources, "home")
    shown = [(entry.highlight.text.en, entry.indicator.id, entry.value.year, entry.value.value) for entry in home.highlights]
    assert shown == [("More procedures online", "kpi-online", 2021, 6), ("A lower cost per resident", "indicator-cost", 2020, 65.5)]
    assert home.open_data is False


def test_recorded_progress_counts_items_and_initiatives_with_a_status_as_of_the_last_revision(sources, variant):
    assert recorded_progress(sources.plan) == Recorded(0, 3, date(2026, 11, 1))
    path, _ = variant((PROGRESS_AT, PROGRESS_AT + PROGRESS))
    assert recorded_progress(build_plan(load_plan(path).data)) == Recorded(1, 3, date(2026, 11, 1))


def test_parts_know_their_appendices_page(sources):
    (home,) = contexts(sources, "home")
    by_part = {entry.part.id: entry.appendices for entry in home.contents}
    for context in contexts(sources, "appendices"):
        assert by_part[context.part.id].path == sources.urls.location(context.part.id).page.path + "appendices/"
        assert all(page.kind == "appendix" for page in context.appendices)
    for context in contexts(sources, "part"):
        assert context.appendices == by_part[context.part.id]


def test_the_indicators_page_lists_only_groups_set_out_in_a_part_s_chapters(sources):
    (context,) = contexts(sources, "indicators")
    for part in sources.plan.parts:
        for group in context.groups_by_part[part.id]:
            assert sources.urls.location(group.id).page.subject in part.chapters


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
