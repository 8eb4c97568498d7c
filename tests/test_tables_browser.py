"""Every table of every page of the real plan, measured in Chromium at 1280, 1024 and 390 px
(issue 22): no table is wider than its box on a computer or a tablet; on a phone every table
fits its box, or is stacked into cards that label each cell with its column, or is a grid of
fiscal years that holds its row headers in view while it scrolls and says that it scrolls; no
word in a table is broken inside. How each table meets a narrow screen is its layout
(content/components/table.j2, plan.css)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planpub.qa.audit import EMPTY_INDEX, site_pages

pytestmark = pytest.mark.browser

MEASURE = (Path(__file__).with_name("table_layout.js")).read_text(encoding="utf-8")
WIDE, TABLET, PHONE = 1280, 1024, 390
HEIGHT = 900


@pytest.fixture(scope="module")
def written(built_site) -> dict[str, int]:
    """How many tables each page of the built site has, by its HTML: {page: count} where any."""
    counts = {path: html_file(built_site, path).read_text(encoding="utf-8").count("<table") for path in site_pages(built_site)}
    return {path: count for path, count in counts.items() if count}


def html_file(site: Path, path: str) -> Path:
    return site / path if path.endswith(".html") else site / path / "index.html"


@pytest.fixture(scope="module")
def tables(browser, site_url, written) -> dict[int, dict[str, list[dict]]]:
    """{width: {page: its tables}} for every page with a table. Each page is loaded once and
    measured at each width in turn: resizing the window lays the page out again, as loading it
    at that width would, and is much quicker."""
    context = browser.new_context(viewport={"width": WIDE, "height": HEIGHT})
    context.route("**/search/search_index.json", lambda route: route.fulfill(content_type="application/json", body=EMPTY_INDEX))
    page = context.new_page()
    measured: dict[int, dict[str, list[dict]]] = {WIDE: {}, TABLET: {}, PHONE: {}}
    try:
        for path in written:
            page.set_viewport_size({"width": WIDE, "height": HEIGHT})
            page.goto(site_url + path, wait_until="domcontentloaded")  # the stylesheets are in by then
            for width in measured:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                measured[width][path] = page.evaluate(MEASURE)
    finally:
        context.close()
    return measured


def where(path: str, table: dict) -> str:
    return f"/{path} {table['caption']!r}"


def every(tables_by_page: dict[str, list[dict]]):
    for path, found in tables_by_page.items():
        for table in found:
            yield path, table


def test_every_table_was_measured_in_its_box(tables, written):
    assert sum(written.values()) > 200, "the real plan has some 280 tables"
    assert {path: len(found) for path, found in tables[WIDE].items()} == written
    assert [where(path, table) for path, table in every(tables[WIDE]) if table["layout"] is None] == []


@pytest.mark.parametrize("width", [WIDE, TABLET])
def test_no_table_is_wider_than_its_box_on_a_computer_or_tablet(tables, width):
    assert [f"{where(path, table)} by {table['overflow']} px" for path, table in every(tables[width]) if table["overflow"] > 1] == []


def test_on_a_phone_every_table_fits_or_holds_its_row_headers_while_it_scrolls(tables):
    """Only grids of fiscal years scroll, and they keep each row's header in view."""
    too_wide = [(path, table) for path, table in every(tables[PHONE]) if table["overflow"] > 1]
    assert too_wide, "the roadmap's grids are wider than a phone: this test would no longer see a scrolling grid"
    assert [where(path, table) for path, table in too_wide if not ("grid" in table["layout"] and table["rowHeadersHeld"])] == []


def test_on_a_phone_tables_that_do_not_fit_as_a_grid_are_stacked_with_each_cell_labelled(tables):
    stacked = [(path, table) for path, table in every(tables[PHONE]) if table["stacked"]]
    assert len(stacked) > 100
    assert [where(path, table) for path, table in every(tables[PHONE]) if "stack" in table["layout"] and not table["stacked"]] == []
    assert [f"{where(path, table)}: {table['unlabelled']} cells" for path, table in stacked if table["unlabelled"]] == []
    assert [where(path, table) for path, table in stacked if not table["headerRowInPage"]] == []


def test_tables_are_stacked_only_on_a_phone(tables):
    for width in (WIDE, TABLET):
        assert [where(path, table) for path, table in every(tables[width]) if table["stacked"]] == []


@pytest.mark.parametrize("width", [WIDE, PHONE])
def test_a_box_says_that_it_scrolls_exactly_when_it_does(tables, width):
    wrong = [where(path, table) for path, table in every(tables[width])
             if table["hintShown"] != (table["overflow"] > 1) or table["tabStop"] != (table["overflow"] > 1)
             or (table["named"] == table["scrollName"]) != (table["overflow"] > 1)]
    assert wrong == []


@pytest.mark.parametrize("width", [WIDE, TABLET, PHONE])
def test_no_word_in_a_table_is_broken_inside(tables, width):
    assert [f"{where(path, table)}: {problem}" for path, table in every(tables[width])
            for problem in table["breakingStyles"] + table["brokenWords"]] == []


def test_a_stacked_table_is_still_a_table_for_screen_readers(browser, site_url):
    """Its parts are blocks: Chromium still exposes the table with its headers and cells, and the
    column label shown before each cell is not read as part of the cell."""
    context = browser.new_context(viewport={"width": PHONE, "height": HEIGHT})
    page = context.new_page()
    try:
        page.goto(site_url + "en/guidelines/1/")  # its KPIs: a table of six columns
        assert page.evaluate("() => getComputedStyle(document.querySelector('.md-content table')).display") == "block"
        labels = set(page.evaluate("() => [...document.querySelectorAll('.md-content table td')].map(td => td.dataset.label)"))
        tree = accessibility_tree(page, ".md-content table")
    finally:
        context.close()
    roles = [role for role, name in tree]
    assert roles[0] == "table"
    assert {"row", "columnheader", "rowheader", "cell"} <= set(roles)
    cells = [name for role, name in tree if role == "cell"]
    assert labels and cells and not [name for name in cells if name.startswith(tuple(labels))]


def accessibility_tree(page, selector: str) -> list[tuple[str, str]]:
    """(role, name) of the element ``selector`` finds and of everything in it, in order."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Accessibility.enable")
    document = cdp.send("DOM.getDocument", {"depth": 0})
    node = cdp.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": selector})
    root = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": False})["nodes"][0]
    found = []

    def visit(ax_node):
        found.append((ax_node["role"]["value"], ax_node.get("name", {}).get("value", "")))
        for child in cdp.send("Accessibility.getChildAXNodes", {"id": ax_node["nodeId"]})["nodes"]:
            visit(child)

    visit(root)
    return found
