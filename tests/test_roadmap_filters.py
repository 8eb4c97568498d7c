"""The roadmap's filters (theme/assets/javascripts/roadmap.js) in the browser: by pillar or
guideline, department, fiscal year and mark, with the count announced; and without JavaScript the
whole roadmap with no filter form."""

from __future__ import annotations

import pytest

from planpub.page_contexts import roadmap_filters
SHOWN = "() => [...document.querySelectorAll('tbody[data-subject]')].filter(b => b.offsetParent !== null).map(b => b.dataset)"


@pytest.fixture
def roadmap(browser, site_url):
    def open_page(path="en/roadmap/", javascript=True):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        page.goto(site_url + path)
        return page

    return open_page


def subjects(plan) -> int:
    """How many rows the roadmap has: one for each item and initiative."""
    return len(plan.items) + len(plan.initiatives)


def choose(page, label: str, value: str) -> list[dict]:
    page.get_by_label(label, exact=True).select_option(value)
    return page.evaluate(SHOWN)


def test_without_javascript_every_row_is_there_and_no_filter(roadmap, real_plan):
    page = roadmap(javascript=False)
    assert page.locator("form.plan-roadmap-filter").is_hidden()
    assert len(page.evaluate(SHOWN)) == subjects(real_plan)


def test_filter_by_pillar_or_guideline(roadmap, real_plan):
    page = roadmap()
    guideline = real_plan.guidelines[1]
    shown = choose(page, "Pillar or guideline", guideline.id)
    assert {subject["group"] for subject in shown} == {guideline.id}
    assert len(shown) == len(guideline.initiatives)
    status = page.locator("form.plan-roadmap-filter").get_by_role("status")
    assert status.inner_text() == f"Showing {len(shown)} of {subjects(real_plan)} items and initiatives."
    assert page.locator(f"h3#{guideline.id}").is_visible() and page.locator(f"h3#{real_plan.guidelines[0].id}").is_hidden()
    assert page.locator(f"h2#{real_plan.parts[0].id}").is_hidden()  # no table of Part 1 is left
    assert len(choose(page, "Pillar or guideline", "")) == subjects(real_plan)


def test_filter_by_department_and_mark_together(roadmap, real_plan):
    page = roadmap("roadmap/")
    department = next(d for d in real_plan.departments if not d.is_group and len(real_plan.duties_of(d)) > 1)
    shown = choose(page, "担当課", department.id)
    assert shown and all(department.id in subject["departments"].split() for subject in shown)
    both = choose(page, "表示", "new")
    assert len(both) <= len(shown) and all("new" in subject["marks"].split() for subject in both)
    dx = choose(page, "表示", "dx")
    assert all("dx" in subject["marks"].split() for subject in dx)


def test_filter_by_fiscal_year_keeps_what_the_year_s_schedule_covers(roadmap, real_plan):
    page = roadmap()
    covering = [entity for entity in real_plan.items + real_plan.initiatives if 2022 in roadmap_filters(entity)[2]]
    shown = choose(page, "Fiscal year", "2022")
    assert len(shown) == len(covering) < subjects(real_plan) and all("2022" in subject["years"].split() for subject in shown)
    assert len(choose(page, "Pillar or guideline", real_plan.guidelines[0].id)) == sum(
        1 for initiative in real_plan.guidelines[0].initiatives if 2022 in roadmap_filters(initiative)[2])


def test_a_year_s_column_heading_leads_to_the_year_s_page(roadmap, site_url):
    page = roadmap()
    page.get_by_role("columnheader", name="FY2024").first.get_by_role("link").click()
    page.wait_for_url(site_url + "en/years/2024/")
    assert page.locator("h1").inner_text() == "FY2024"
