"""Keyboard use of the theme's chrome at 1280, 1024 and 390 px, with real key presses (issue 7,
defects 1-4): the navigation drawer, the section toggles, search and the language menu open,
operate and close from the keyboard and put focus back where it came from; closed things take no
focus; everything that takes focus can be seen and shows a focus indicator; nothing traps focus;
axe finds nothing with the drawer or search open. (Every page is walked with Tab at each width by
the audit: test_site_browser.py.)"""

from __future__ import annotations

import re
from dataclasses import asdict

import pytest
from playwright.sync_api import expect

from planpub.qa.audit import AXE_SCRIPT, AXE_TAGS, SHORTCUT_KEYS, stop_problems
from tests.keyboard import WIDTHS, active, opened, press, record, tab_to, walk

pytestmark = pytest.mark.browser

MENU = {"ja": "メニュー", "en": "Menu"}
CLOSE_MENU = {"ja": "メニューを閉じる", "en": "Close menu"}
LANGUAGE = {"ja": "言語切り替え", "en": "Select language"}
SEARCH = {"ja": "検索", "en": "Search"}
NO_RESULTS = {"ja": "何も見つかりませんでした", "en": "No matching documents"}

DRAWER_HIDDEN = """() => [...document.querySelectorAll('.md-sidebar--primary :is(a[href], button, input, [tabindex])')]
  .filter(el => el.tabIndex >= 0 && getComputedStyle(el).visibility === 'visible' && el.getClientRects().length)
  .map(el => el.outerHTML.slice(0, 120))"""


def assert_shown(stop, where=""):
    assert stop is not None, f"focus was lost {where}"
    assert stop_problems(asdict(stop), width=0, drawer_closed=False) == [], where


def drawer_open(page) -> bool:
    return page.evaluate("() => document.getElementById('__drawer').checked")


def search_open(page) -> bool:
    return page.evaluate("() => document.getElementById('__search').checked")


# --- 1. Navigation drawer ------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "language", "path"), [(1024, "ja", "items/01/"), (390, "en", "en/items/01/")])
def test_drawer_opens_and_closes_from_the_keyboard(browser, site_url, width, language, path):
    with opened(browser, site_url + path, width) as page:
        record(page)
        menu = page.locator("[data-a11y-drawer-open]")
        expect(menu).to_have_role("button")
        expect(menu).to_have_accessible_name(MENU[language])
        assert page.evaluate("() => document.getElementById(document.querySelector('[data-a11y-drawer-open]').getAttribute('aria-controls')).closest('.md-sidebar--primary') !== null")
        assert page.evaluate(DRAWER_HIDDEN) == [], "the closed drawer still has focusable content"

        stop = tab_to(page, lambda s: s.name == MENU[language])
        assert_shown(stop)
        assert stop.expanded == "false"

        stop = press(page, "Enter")
        assert drawer_open(page)
        expect(menu).to_have_attribute("aria-expanded", "true")
        assert stop.inDrawer, f"focus stayed outside the opened drawer: {stop}"
        assert_shown(stop, "after opening the drawer")
        for _ in range(5):
            stop = press(page, "Tab")
            assert stop.inDrawer
            assert_shown(stop, "inside the drawer")

        stop = press(page, "Escape")
        assert not drawer_open(page)
        expect(menu).to_have_attribute("aria-expanded", "false")
        assert stop.name == MENU[language], f"Escape left focus on {stop}"
        assert page.evaluate(DRAWER_HIDDEN) == []

        # Space opens it too; its close button closes it and focus goes back to the menu button.
        press(page, "Space")
        assert drawer_open(page)
        stop = active(page)
        assert stop.name == CLOSE_MENU[language], f"opening put focus on {stop}"
        assert_shown(stop)
        stop = press(page, "Enter")
        assert not drawer_open(page)
        assert stop.name == MENU[language]

        # Leaving the drawer with Shift+Tab closes it: focus is never left behind the overlay.
        press(page, "Enter")
        stop = press(page, "Shift+Tab")
        assert not drawer_open(page)
        assert not stop.inDrawer
        assert_shown(stop, "after leaving the drawer")


def test_at_1280_the_navigation_is_a_sidebar_in_the_tab_order(browser, site_url):
    with opened(browser, site_url + "items/01/", 1280) as page:
        record(page)
        expect(page.locator("[data-a11y-drawer-open]")).to_be_hidden()
        stop = tab_to(page, lambda s: s.inDrawer)
        assert_shown(stop)


# --- 2. Navigation section toggles ------------------------------------------------------------


def test_section_toggles_are_named_buttons_and_nested_navigation_is_named(browser, site_url):
    with opened(browser, site_url + "items/01/", 1280) as page:
        assert page.locator("label[tabindex]").count() == 0
        toggles = page.locator(".md-sidebar--primary .a11y-nav-toggle").evaluate_all(
            """buttons => buttons.map(b => {
                 const nav = document.getElementById(b.getAttribute('aria-controls'));
                 return {tag: b.tagName, name: b.getAttribute('aria-label') || b.textContent.trim(),
                         expanded: b.getAttribute('aria-expanded'), shown: b.checkVisibility({visibilityProperty: true}),
                         nav: nav && nav.tagName, navName: nav && nav.getAttribute('aria-label')};
               })"""
        )
        # Only the open branch is in the page (navigation.prune): "by theme" and the pillar of
        # item 1, open; every other section is a link to its first page.
        assert [toggle["expanded"] for toggle in toggles] == ["true"] * 2
        pruned = page.locator(".md-sidebar--primary .md-nav__item--pruned")
        assert pruned.count() > 0 and pruned.locator(":scope > a[href]").count() == pruned.count()
        for toggle in toggles:
            assert toggle["tag"] == "BUTTON" and toggle["name"], toggle
            assert toggle["expanded"] in ("true", "false"), toggle
            assert toggle["nav"] == "NAV" and toggle["navName"], toggle
        # What a screen reader is told about those on screen: role, name and state.
        tree = page.locator(".md-sidebar--primary").aria_snapshot()
        for toggle in toggles:
            if toggle["shown"]:
                state = " [expanded]" if toggle["expanded"] == "true" else ""
                assert f'button "{toggle["name"]}"{state}' in tree, toggle
                if state:  # the open section's navigation, named after it
                    assert f'navigation "{toggle["navName"]}"' in tree, toggle
        names = page.locator(".md-sidebar--primary nav").evaluate_all("navs => navs.map(n => n.getAttribute('aria-label'))")
        assert all(names) and len(names) == len(set(names)), names


def test_section_toggle_flips_with_enter_and_space_at_1280(browser, site_url):
    with opened(browser, site_url + "items/01/", 1280) as page:
        record(page)
        part_1 = page.locator("#__nav_2_label")  # "by theme", open: the current page is in it
        title = part_1.get_attribute("aria-label")
        stop = tab_to(page, lambda s: s.tag == "button" and s.name == title, limit=80)
        assert_shown(stop)
        assert stop.expanded == "true"
        first_link = page.locator("#__nav_2_nav a").first
        expect(first_link).to_be_visible()

        stop = press(page, "Enter")
        assert stop.expanded == "false" and stop.name == title  # focus stays on the toggle
        expect(first_link).to_be_hidden()

        stop = press(page, "Space")
        assert stop.expanded == "true" and stop.name == title
        expect(first_link).to_be_visible()
        assert press(page, "Tab").name == first_link.inner_text().strip()


@pytest.mark.parametrize(("width", "language", "path"), [(1024, "en", "en/items/01/"), (390, "ja", "items/01/")])
def test_section_toggle_opens_a_level_of_the_drawer_and_back(browser, site_url, width, language, path):
    with opened(browser, site_url + path, width) as page:
        record(page)
        tab_to(page, lambda s: s.name == MENU[language])
        press(page, "Enter")
        # The drawer opens on the current page's level; its title is the button back up.
        pillar = page.locator(".md-sidebar--primary .a11y-nav-toggle").last
        title = pillar.get_attribute("aria-label")
        stop = tab_to(page, lambda s: s.tag == "button" and s.name == title)
        assert stop.inDrawer and stop.expanded == "true" and "a11y-nav-back" in stop.cls
        assert_shown(stop, "on the open level")

        stop = press(page, "Enter")  # back to the level above, onto the section's toggle
        assert stop.name == title and stop.expanded == "false" and "a11y-nav-toggle" in stop.cls
        assert_shown(stop, "after closing the level")

        stop = press(page, "Space")  # the level slides in again; focus goes to its title
        assert stop.expanded == "true" and stop.name == title and "a11y-nav-back" in stop.cls
        assert_shown(stop, "on the reopened level")
        expect(pillar).to_have_attribute("aria-expanded", "true")
        expect(pillar).to_be_hidden()  # covered by the open level: out of the Tab order
        stop = press(page, "Tab")
        assert stop.inDrawer
        assert_shown(stop, "inside the opened level")
        assert drawer_open(page)


# --- 3. Search --------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_search_opens_announces_and_escape_returns_focus(browser, site_url, width):
    language = "en"
    with opened(browser, site_url + "en/", width, search=True) as page:
        record(page)
        status = page.locator("[data-a11y-search-status]")
        expect(status).to_have_attribute("role", "status")
        expect(status).to_have_attribute("aria-live", "polite")
        if width < 960:
            stop = tab_to(page, lambda s: s.tag == "button" and s.name == SEARCH[language])
            assert_shown(stop)
            assert not search_open(page)
            opener = stop.name
            stop = press(page, "Enter")
        else:
            stop = tab_to(page, lambda s: s.tag == "input" and s.inSearch)
            opener = None
        assert stop.tag == "input" and stop.inSearch
        expect(page.locator("#__search")).to_be_checked()
        assert_shown(stop, "in the search field")

        page.keyboard.type("cashless")
        expect(status).to_have_text(re.compile(r"\d+ matching documents"), timeout=15000)
        stop = press(page, "ArrowDown")
        assert stop.tag == "a" and stop.inSearch
        assert_shown(stop, "on a search result")

        stop = press(page, "Escape")
        page.wait_for_timeout(100)  # from a result, search closes once focus is back in the field
        stop = active(page)
        assert not search_open(page)
        expect(status).to_have_text("")
        if opener:
            assert stop.name == opener, f"Escape left focus on {stop}"
        else:  # the field in the header keeps focus, closed
            assert stop.tag == "input"
            assert_shown(stop, "on the closed search field")
            page.keyboard.type("zzzqqq")  # typing opens it again
            expect(page.locator("#__search")).to_be_checked()
            expect(status).to_have_text(NO_RESULTS[language], timeout=15000)
            press(page, "Escape")
            assert not search_open(page) and active(page).tag == "input"


def test_search_results_container_is_no_tab_stop(browser, site_url):
    with opened(browser, site_url, 1280) as page:
        expect(page.locator(".md-search__scrollwrap")).to_have_attribute("tabindex", "-1")


SEARCH_HINT = {"ja": "検索結果へは Tab キーまたは下矢印キーで移動できます。", "en": "Press Tab or the down arrow key to go to the results."}
DIALOG = "() => { const s = document.querySelector('[data-md-component=search]'); return [s.getAttribute('role'), s.getAttribute('aria-label')] }"


@pytest.mark.parametrize(("width", "language", "query"), [(1280, "ja", "キャッシュレス"), (390, "en", "cashless")])
def test_tab_goes_from_the_search_field_to_named_results_and_enter_opens_one(browser, site_url, width, language, query):
    """Issue 26, failure 3 (WCAG 4.1.2, 2.4.3): Tab and Shift+Tab move between the field and the
    results, which are named links in a list; a hint says how to reach them; search is a dialog
    only while it is open over the page (below 960 px)."""
    root = "en/" if language == "en" else ""
    with opened(browser, site_url + root, width, search=True) as page:
        assert page.evaluate(DIALOG) == [None, None], "closed search is no dialog"
        field = page.locator("input.md-search__input")
        expect(field).to_have_accessible_description(SEARCH_HINT[language])
        if width < 960:
            page.locator("[data-a11y-search-open]").click()
        else:
            field.focus()
        page.keyboard.type(query)
        status = page.locator("[data-a11y-search-status]")
        expect(status).to_contain_text(SEARCH_HINT[language], timeout=15000)
        expect(page.locator(".plan-search-hint")).to_be_visible()
        assert page.evaluate(DIALOG) == ([None, None] if width >= 960 else ["dialog", SEARCH[language]])
        expect(page.locator(".md-search-result__list")).to_have_role("list")

        results = page.locator(".md-search-result__link")
        first = press(page, "Tab")
        assert first.tag == "a" and first.inSearch and search_open(page), f"Tab left search for {first}"
        title = results.first.locator("h1, h2").first.inner_text().replace("\u200b", "")  # Japanese search's word breaks
        expect(results.first).to_have_accessible_name(re.compile("^" + re.escape(title)))
        assert_shown(first, "on the first search result")
        second = press(page, "Tab")
        assert second.tag == "a" and second.inSearch and second.name != first.name
        assert press(page, "Shift+Tab").name == first.name
        assert press(page, "Shift+Tab").tag == "input"
        assert press(page, "ArrowDown").name == first.name  # Material's arrows still work

        href = results.first.get_attribute("href")
        page.keyboard.press("Enter")
        page.wait_for_url(href)


# --- 4. Language menu -------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_language_menu_is_a_disclosure(browser, site_url, width):
    language = "ja"
    with opened(browser, site_url + "items/02/", width) as page:
        record(page)
        button = page.locator("[data-a11y-select] > button")
        english = page.locator("a.md-select__link[hreflang=en]")
        expect(button).to_have_attribute("aria-expanded", "false")

        button.hover()
        page.wait_for_timeout(300)
        expect(english).to_be_hidden()  # not on hover

        stop = tab_to(page, lambda s: s.name == LANGUAGE[language])
        assert_shown(stop)
        expect(english).to_be_hidden()  # not on focus
        assert stop.expanded == "false"

        stop = press(page, "Enter")
        assert stop.expanded == "true" and stop.name == LANGUAGE[language]
        expect(english).to_be_visible()
        stop = press(page, "Tab")
        assert stop.tag == "a"
        assert_shown(stop, "in the language menu")

        stop = press(page, "Escape")
        assert stop.name == LANGUAGE[language] and stop.expanded == "false"
        expect(english).to_be_hidden()

        stop = press(page, "Space")
        assert stop.expanded == "true"
        page.mouse.click(5, 600)  # a click outside closes it
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(english).to_be_hidden()


# --- axe with the drawer and search open --------------------------------------------------------


def axe(page) -> list:
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]


def test_axe_with_drawer_and_search_open_at_390(browser, site_url):
    with opened(browser, site_url + "en/items/01/", 390, search=True) as page:
        record(page)
        tab_to(page, lambda s: s.name == MENU["en"])
        press(page, "Enter")
        active(page)  # transitions finished
        assert axe(page) == [], "drawer open"
        tab_to(page, lambda s: "a11y-toc-toggle" in s.cls)
        press(page, "Enter")
        active(page)
        assert axe(page) == [], "table of contents open in the drawer"

        press(page, "Escape")
        tab_to(page, lambda s: s.tag == "button" and s.name == SEARCH["en"])
        press(page, "Enter")
        page.keyboard.type("cashless")
        expect(page.locator("[data-a11y-search-status]")).to_have_text(re.compile(r"matching"), timeout=15000)
        press(page, "ArrowDown")
        assert axe(page) == [], "search open, a result focused"


# How many elements (and their ::before and ::after) have a transition or an animation.
MOTION = """() => [...document.querySelectorAll('*')]
  .flatMap(el => [getComputedStyle(el), getComputedStyle(el, '::before'), getComputedStyle(el, '::after')])
  .filter(s => [...s.transitionDuration.split(','), ...s.animationDuration.split(',')]
    .some(v => parseFloat(v) * (v.trim().endsWith('ms') ? 1 : 1000) > 0.01)).length"""


@pytest.mark.parametrize("reduced", [False, True])
def test_motion_follows_the_readers_setting(browser, site_url, reduced):
    context = browser.new_context(viewport={"width": 390, "height": 800}, reduced_motion="reduce" if reduced else "no-preference")
    page = context.new_page()
    page.goto(site_url + "en/items/01/")
    page.locator("[data-a11y-drawer-open]").click()
    moving = page.evaluate(MOTION)
    context.close()
    assert (moving == 0) is reduced, f"{moving} elements still move"


def test_table_boxes_are_tab_stops_only_while_they_scroll(browser, site_url):
    with opened(browser, site_url + "en/items/01/", 1280) as page:
        box = page.locator(".plan-table-wrap").first
        assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
        expect(box).not_to_have_attribute("tabindex", "0")
        page.set_viewport_size({"width": 390, "height": 800})
        expect(box).to_have_attribute("tabindex", "0")
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")
        expect(box).to_have_accessible_name(re.compile(r"Schedule"))


# --- Issue 26, failure 1: focus clear of the sticky header, both ways (WCAG 2.4.7) -------------


@pytest.mark.parametrize("path", ["roadmap/", "items/15/", "en/roadmap/", "en/items/15/"])
@pytest.mark.parametrize("width", [1280, 640])  # 640: a 1280 px window at 200% zoom
def test_shift_tab_never_leaves_focus_under_the_sticky_header(browser, site_url, path, width):
    with opened(browser, site_url + path, width) as page:
        for move in ("Shift+Tab", "Tab"):
            stops = walk(page, move)
            assert len(stops) > 15
            assert [str(stop) for stop in stops if stop.underHeader or not stop.onTop] == [], move


def test_the_header_s_real_height_keeps_focus_clear_when_the_title_wraps(browser, site_url):
    with opened(browser, site_url + "en/items/15/", 1280) as page:
        page.locator(".md-header__topic .md-ellipsis").evaluate("title => { title.textContent = title.textContent.repeat(6); }")
        height = page.locator(".md-header").evaluate("header => header.offsetHeight")
        assert height > 80, "the title did not wrap"
        page.wait_for_function("h => getComputedStyle(document.documentElement).getPropertyValue('--a11y-header-height') === h + 'px'", arg=height)
        stops = walk(page, "Shift+Tab")
        assert [str(stop) for stop in stops if stop.underHeader or not stop.onTop] == []


# --- Issue 26, failure 5: no single-key shortcuts (WCAG 2.1 SC 2.1.4) ---------------------------


@pytest.mark.parametrize("width", [1280, 390])
def test_single_keys_do_nothing_with_focus_on_a_link(browser, site_url, width):
    """Material's n . (next page), p , (previous page) and s f / (search) are off; search is still
    a field in the header, or a button below 960 px."""
    path = "en/items/15/"  # it has a previous and a next page
    with opened(browser, site_url + path, width) as page:
        link = page.locator(".md-content a[href]").first
        for key in SHORTCUT_KEYS:
            link.focus()
            page.keyboard.press(key)
            page.wait_for_timeout(300)
            assert page.url == site_url + path, f"{key!r} loaded another page"
            assert not search_open(page), f"{key!r} opened search"
            assert active(page).name == link.inner_text().strip()
        expect(page.locator("[data-a11y-search-open]" if width < 960 else "input.md-search__input")).to_be_visible()


# --- Issue 26, also fixed: the 404 page's skip link ---------------------------------------------


@pytest.mark.parametrize(("path", "name"), [("404.html", "コンテンツにスキップ"), ("en/404.html", "Skip to content")])
def test_the_404_page_starts_with_a_skip_link_to_its_heading(browser, site_url, path, name):
    with opened(browser, site_url + path, 1280) as page:
        stop = press(page, "Tab")
        assert stop.name == name
        assert_shown(stop, "on the skip link")
        press(page, "Enter")
        assert page.evaluate("() => location.hash") == "#not-found"
        assert page.locator("h1#not-found").is_visible()
