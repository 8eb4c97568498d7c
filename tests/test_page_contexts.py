"""Each type of page gets a typed context, and templates place what it gives."""

import re
from dataclasses import fields, replace
from datetime import date

import pytest

from planpub.load import load_plan
from planpub.model import build_plan
from planpub.model import ScheduleEntry, Text
from planpub.page_contexts import (YEAR_PHASES, InBrief, Recorded, Sources, YearContext, abbreviations_in_order, cells_by_year, marks_in,
                                   marks_of, page_notes, recorded_progress, roadmap_filters, unscheduled, year_phase)
from planpub.page_types import PAGE_TYPES
from planpub.urls import Urls
from tests.cases import PROGRESS, PROGRESS_AT
from tests.conftest import MINIMAL, PROJECT

GIVEN_TO_EVERY_PAGE = {"l", "h", "to", "plan", "page", "edition_notes", "pdf_size"}


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


def test_item_and_initiative_pages_open_in_brief_with_the_plan_s_own_words(sources):
    """WCAG 3.1.5: what will be done (an item's purpose, or the summary of the guideline that
    carries it out) and what it achieves (an initiative's goals), the plan's texts themselves."""
    own, carried_out = (context.in_brief for context in contexts(sources, "item"))
    assert own == InBrief(Text("効率化する。", "To work more efficiently."))
    guideline = sources.plan.guidelines[0]
    assert carried_out == InBrief(guideline.summary, guideline) and carried_out.what.ja.startswith("ICTを活用した")
    (initiative,) = contexts(sources, "initiative")
    assert initiative.in_brief == InBrief(achieved=(Text("いつでも手続できます。", "Procedures can be done at any time."),))


def test_nothing_in_brief_where_the_plan_has_nothing_to_say_it_with(sources):
    item = sources.plan.items[0]
    assert InBrief.of_item(replace(item, purpose=None)) is None
    assert InBrief.of_initiative(replace(sources.plan.initiatives[0], goals=())) is None


def test_the_glossary_lists_abbreviations_by_their_letters(sources):
    assert [a.abbreviation for a in abbreviations_in_order(sources.plan)] == ["DX", "ICT"]
    assert [a.anchor for a in abbreviations_in_order(sources.plan)] == ["abbreviation-dx", "abbreviation-ict"]


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
    assert previous.value_years == [2019, 2020] and previous.target_year == 2020
    assert context.previous_by_part["part-2"] is None


def test_schedule_cells_span_entries_and_fill_the_years_no_entry_covers():
    entry = type("Entry", (), {"start": 2023, "end": 2024})
    assert cells_by_year([entry], (2022, 2023, 2024, 2025)) == [None, entry, None]
    assert cells_by_year([], (2022, 2023)) == [None, None]


def test_roadmap_filters_take_departments_marks_and_years_from_an_item_and_its_actions(sources):
    item = next(item for item in sources.plan.items if item.actions)
    departments, marks, years = roadmap_filters(item)
    assert set(departments) == {d.id for part in (item, *item.actions) for d in part.departments}
    assert ("new" in marks) == any(part.new for part in (item, *item.actions))
    assert years == [2022, 2023, 2024, 2025]  # 検討 in 2022, 実施 from 2023 to 2025
    assert roadmap_filters(next(item for item in sources.plan.items if item.guideline))[2] == []  # scheduled in Part 2


PERIOD = (2022, 2025)


@pytest.mark.parametrize("start, end, year, phase", [
    (2024, 2024, 2024, "only"),
    (2022, 2022, 2022, "only"),  # the first year alone: not "throughout", though it starts the period
    (2024, 2025, 2024, "starts"),
    (2022, 2023, 2022, "starts"),
    (2023, 2025, 2024, "continues"),
    (2022, 2024, 2024, "ends"),
    (2023, 2025, 2025, "ends"),  # the schedule reaches the period's end: it shows no more, and no end of the work
    (2022, 2025, 2022, "throughout"),
    (2022, 2025, 2024, "throughout"),
    (2022, 2025, 2025, "throughout"),
    (2023, 2023, 2024, None),
    (2022, 2023, 2024, None),
    (2025, 2025, 2024, None),
])
def test_a_schedule_entry_stands_in_a_year_by_its_span(start, end, year, phase):
    assert year_phase(ScheduleEntry(start, end, Text("実施", "Implement")), year, PERIOD) == phase


def test_a_year_s_page_lists_each_line_that_covers_the_year_once_by_phase_and_pillar_or_guideline(sources):
    plan = sources.plan
    pages = contexts(sources, "year")
    assert [context.year for context in pages] == list(plan.metadata.fiscal_years)
    for context in pages:
        assert [phase.name for phase in context.phases] == [name for name in YEAR_PHASES if name in {p.name for p in context.phases}]
        for phase in context.phases:
            for group in phase.groups:
                members = group.group.items if group.kind == "pillar" else group.group.initiatives
                assert all(subject.entity in members for subject in group.subjects)
                assert all(year_phase(row.entry, context.year, PERIOD) == phase.name for subject in group.subjects for row in subject.rows)
        listed = sum(phase.count for phase in context.phases)
        covering = sum(1 for item in plan.items for action in item.actions for entry in action.schedule if entry.start <= context.year <= entry.end)
        covering += sum(1 for initiative in plan.initiatives for row in initiative.schedule_rows for entry in row.entries
                        if entry.start <= context.year <= entry.end)
        assert listed == covering


def test_the_minimal_plan_s_years(sources):
    """Item 1's action is reviewed in FY2022 and implemented from FY2023 to FY2025; initiative 1
    expands over the whole period: each year's page says so, with who is responsible."""
    by_year = {context.year: {phase.name: [(subject.entity.id, row.entry.text.en) for group in phase.groups
                                            for subject in group.subjects for row in subject.rows] for phase in context.phases}
               for context in contexts(sources, "year")}
    throughout = [("initiative-01", "Expand")]
    assert by_year == {
        2022: {"only": [("item-01", "Review")], "throughout": throughout},
        2023: {"starts": [("item-01", "Implement")], "throughout": throughout},
        2024: {"continues": [("item-01", "Implement")], "throughout": throughout},
        2025: {"ends": [("item-01", "Implement")], "throughout": throughout},
    }
    (first, *_) = contexts(sources, "year")
    subject = first.phases[0].groups[0].subjects[0]
    assert [department.id for department in subject.departments] == ["planning", "related-divisions"]
    assert subject.rows[0].line.action.id == "item-01-action-1"
    assert first.unscheduled == ()


def test_the_real_plan_s_fiscal_year_2024_and_its_initiatives_with_no_schedule():
    plan = build_plan(load_plan(PROJECT / "plan.yaml").data)
    fy2024 = YearContext.of_year(plan, 2024)
    assert {phase.name: phase.count for phase in fy2024.phases} == {"only": 5, "starts": 1, "continues": 7, "throughout": 73}
    assert [member.entity.id for member in unscheduled(plan)] == ["initiative-17", "initiative-18", "initiative-20"]


def test_the_years_page_has_every_year_and_what_the_plan_leaves_unscheduled(sources):
    (context,) = contexts(sources, "years")
    assert [entry.year for entry in context.years] == list(sources.plan.metadata.fiscal_years)
    assert context.unscheduled == ()


def test_every_editorial_note_is_shown_on_one_page_the_one_its_subject_is_on(sources):
    shown = {page.path: page_notes(page, sources) for page in sources.urls.pages}
    on_pages = [(path, page_note.note.id) for path, notes in shown.items() for page_note in notes]
    assert sorted(note for _, note in on_pages) == sorted(note.id for note in sources.plan.editorial_notes)
    assert ("about/", "note-issue-month") in on_pages  # the notes about the plan as a whole are about this edition
    assert ("part-1/appendices/1/", "note-appendix-undated-row") in on_pages  # an appendix is its page's subject and first section
    item_notes = shown["items/01/"]
    assert [(shown.note.id, shown.place and shown.place.anchor) for shown in item_notes] == [
        ("note-item-01", None), ("note-item-01-action-1-schedule", "item-01-action-1")]  # the page's subject first, then its parts


def test_marks_of_an_entry_and_of_a_list_of_entries(sources):
    item, initiative = sources.plan.items[0], sources.plan.initiatives[0]
    assert marks_of(item) == ("new",) and marks_of(initiative) == ("dx",)
    assert marks_in([item], [initiative]) == {"new", "dx"} and marks_in(sources.plan.actions) == set()


def test_templates_reach_into_no_urls_and_no_untyped_subject():
    for template in (PROJECT / "content").rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\burls\.|\bsubject\s*[.)]", text), template
