"""The ふりがな button of Japanese pages (issue 27, WCAG 3.1.6; theme/partials/header.html,
theme/assets/javascripts/furigana.js) in Chromium, on the real plan's site: reached and operated by
keyboard at 390 and 1280 px, the header unmoved and whole at every width, readings over kanji only,
read once by screen readers and never copied, the choice remembered across pages, nothing fetched
while it is off, and no button or script on English pages.

Each page's readings.json is the build's (planpub/readings.py, written by planpub/post_build.py)."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

PAGE, NEXT_PAGE = "items/02/", "items/03/"
PHONE, WIDE, ZOOMED = {"width": 390, "height": 844}, {"width": 1280, "height": 900}, {"width": 640, "height": 450}
BUTTON = "[data-plan-furigana]"
READINGS = ".md-content ruby.furigana"  # shown: in the navigation they may be in a closed drawer
# Kanji, with 々 and 〆, and ヶ, read as part of a name written in kanji (霞ヶ関).
KANJI_ONLY = re.compile(r"^[\u3005\u3006\u30f6\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]+$")
HIRAGANA_ONLY = re.compile(r"^[\u3041-\u309f\u30fc]+$")

FIRST_TEXT_WITH_KANJI = """() => {
  const walker = document.createTreeWalker(document.querySelector(".md-content"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.data.includes("計画")) return node;
}"""


@pytest.fixture
def context(browser):
    """A browser context whose ``readings_requests`` lists the readings files fetched."""
    context = browser.new_context(viewport=WIDE)
    context.readings_requests = []
    context.on("request", lambda request: "readings.json" in request.url and context.readings_requests.append(urlsplit(request.url).path))
    yield context
    context.close()


@pytest.fixture
def tab(context):
    return context.new_page()


def rubies(page) -> int:
    return page.locator("ruby.furigana").count()


def header_box(page) -> dict:
    """The header's height and the button's box, and what of the header would not show."""
    return page.evaluate("""() => {
      const header = document.querySelector(".md-header");
      const inner = header.querySelector(".md-header__inner");
      const box = document.querySelector("[data-plan-furigana]").getBoundingClientRect();
      const parts = [...inner.children].filter(el => el.getClientRects().length).map(el => el.getBoundingClientRect());
      const overlaps = parts.flatMap((a, i) => parts.slice(i + 1).filter(b =>
        a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)).length;
      return {height: header.offsetHeight, button: [box.left, box.top, box.width, box.height],
              inWindow: box.left >= 0 && box.right <= innerWidth, sideways: inner.scrollWidth - inner.clientWidth, overlaps};
    }""")


def tab_to_button(page) -> None:
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches({BUTTON!r})"):
            return
    raise AssertionError("Tab never reached the ふりがな button")


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1280"])
def test_the_button_is_reached_and_operated_by_keyboard(tab, site_url, viewport):
    tab.set_viewport_size(viewport)
    tab.goto(site_url + PAGE)
    button = tab.locator(BUTTON)
    text_before = tab.evaluate("() => document.body.textContent")
    own_node = tab.evaluate_handle(FIRST_TEXT_WITH_KANJI)
    at_rest = header_box(tab)
    assert button.inner_text() == "ふりがな"
    assert tab.get_by_role("button", name="ふりがな", pressed=False).count() == 1
    tab_to_button(tab)
    assert tab.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    tab.keyboard.press("Enter")
    tab.wait_for_selector(READINGS)
    assert button.get_attribute("aria-pressed") == "true"
    assert header_box(tab) == at_rest, "the header moved or grew as the readings came"
    tab.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "false"
    assert rubies(tab) == 0
    assert tab.evaluate("() => document.body.textContent") == text_before
    assert own_node.evaluate("node => node.isConnected"), "the page's own text node is back"
    tab.keyboard.press("Space")
    tab.wait_for_selector(READINGS)


@pytest.mark.parametrize("viewport", [PHONE, WIDE, ZOOMED], ids=["390", "1280", "1280 at 200%"])
def test_the_button_shows_whole_in_the_header(tab, site_url, viewport):
    tab.set_viewport_size(viewport)
    tab.goto(site_url + PAGE)
    box = header_box(tab)
    assert box["inWindow"] and box["sideways"] <= 0 and box["overlaps"] == 0
    assert box["button"][3] >= 24, "a target at least 24 px high"


def test_the_choice_is_remembered_across_pages(tab, context, site_url):
    tab.goto(site_url + PAGE)
    tab.locator(BUTTON).click()
    tab.wait_for_selector(READINGS)
    tab.goto(site_url + NEXT_PAGE)
    tab.wait_for_selector(READINGS)  # without a press
    assert tab.locator(BUTTON).get_attribute("aria-pressed") == "true"
    tab.locator(BUTTON).click()
    context.readings_requests.clear()
    tab.goto(site_url + PAGE, wait_until="networkidle")
    assert tab.locator(BUTTON).get_attribute("aria-pressed") == "false"
    assert rubies(tab) == 0 and context.readings_requests == []


def test_with_the_button_off_no_readings_are_fetched(tab, context, site_url):
    requested = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto(site_url + PAGE, wait_until="networkidle")
    assert any(url.endswith("/furigana.js") for url in requested)
    assert [url for url in requested if "readings" in url] == [] and context.readings_requests == []


def test_readings_are_over_kanji_only_and_in_hiragana(tab, site_url):
    tab.goto(site_url + PAGE)
    tab.locator(BUTTON).click()
    tab.wait_for_selector(READINGS)
    found = tab.evaluate("""() => [...document.querySelectorAll("ruby.furigana")].map(ruby =>
      [ruby.firstChild.data, ruby.querySelector("rt").dataset.reading, ruby.querySelector("rt").textContent])""")
    assert len(found) > 20
    assert [base for base, _, _ in found if not KANJI_ONLY.match(base)] == []
    assert [reading for _, reading, _ in found if not HIRAGANA_ONLY.match(reading)] == []
    assert {shown for _, _, shown in found} == {""}, "the reading is the attribute's, shown by CSS"
    shown = tab.evaluate("""() => { const rt = document.querySelector("ruby.furigana rt");
      return [getComputedStyle(rt, "::before").content, rt.getBoundingClientRect().height, parseFloat(getComputedStyle(rt).fontSize)]; }""")
    assert shown[0] == json.dumps(found[0][1], ensure_ascii=False) and shown[1] > 0 and shown[2] >= 9


# Readings that reach into the line above: each reading's box against the boxes of the text of
# its block (paragraph, list item, heading, table cell, link of the navigation) on the lines above it. A text's box reaches
# below its characters by its font's descent, about 0.29 of its size in the site's Japanese font,
# where Japanese characters leave it empty: a reading may reach into 0.25 of it.
READINGS_OVER_TEXT = """() => {
  const boxes = node => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return [...range.getClientRects()].map(box => ({box, size: parseFloat(getComputedStyle(node.parentElement).fontSize)}));
  };
  const found = [];
  document.querySelectorAll(".md-content :is(p, li, h1, h2, h3, h4, th, td, dt, dd), .md-nav__link").forEach(block => {
    const texts = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.data.trim()) texts.push(...boxes(node));
    block.querySelectorAll("rt").forEach(rt => {
      const over = rt.getBoundingClientRect();
      const above = texts.filter(({box}) => (box.top + box.bottom) / 2 < over.top &&
        Math.min(over.right, box.right) - Math.max(over.left, box.left) > 1);
      if (above.some(({box, size}) => box.bottom - over.top > 0.25 * size)) {
        found.push(rt.dataset.reading + " in " + block.textContent.trim().slice(0, 30));
      }
    });
  });
  return found;
}"""


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1280"])
def test_readings_are_not_drawn_over_the_text(tab, site_url, viewport):
    tab.set_viewport_size(viewport)
    tab.goto(site_url + PAGE)
    tab.locator(BUTTON).click()
    tab.wait_for_selector(READINGS)
    assert tab.evaluate(READINGS_OVER_TEXT) == []


def test_screen_readers_read_the_text_once(tab, site_url):
    """In Chromium's accessibility tree, what screen readers read, the readings are nowhere and
    every name is as it was: the words are read once."""
    tab.goto(site_url + PAGE, wait_until="networkidle")  # the theme's scripts have named what they name
    without = accessibility_tree(tab)
    tab.locator(BUTTON).click()
    tab.wait_for_selector(READINGS)
    with_readings = accessibility_tree(tab)
    readings = set(tab.evaluate("() => [...document.querySelectorAll('rt')].map(rt => rt.dataset.reading)"))
    not_in_the_text = {reading for reading in readings if len(reading) > 2 and not any(reading in name for _, name in without)}
    assert len(not_in_the_text) > 5
    assert [name for _, name in with_readings if any(reading in name for reading in not_in_the_text)] == []
    assert named(with_readings) == named(without)


def accessibility_tree(page) -> list[tuple[str, str]]:
    """Every node of Chromium's accessibility tree that is not ignored: (role, name)."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    return [(node["role"]["value"], node.get("name", {}).get("value", "")) for node in nodes if not node.get("ignored")]


def named(tree: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The nodes that have a name of their own (headings, links, buttons...), not runs of text,
    which ruby cuts into more pieces."""
    return [(role, name) for role, name in tree if name and role not in ("StaticText", "InlineTextBox")]


def test_copied_text_has_no_readings(tab, site_url):
    tab.goto(site_url + PAGE)
    select = """() => {
      const block = [...document.querySelectorAll(".md-content p, .md-content li")].find(el => el.textContent.includes("計画"));
      getSelection().selectAllChildren(block);
      return getSelection().toString();
    }"""
    without = tab.evaluate(select)
    tab.locator(BUTTON).click()
    tab.wait_for_selector(READINGS)
    assert tab.evaluate(select) == without
    assert "けいかく" not in without


def test_search_results_get_no_readings(tab, site_url):
    tab.goto(site_url + PAGE)
    tab.locator(".md-search__input").fill("計画")
    tab.wait_for_selector(".md-search-result__item")
    tab.evaluate(f"() => document.querySelector({BUTTON!r}).click()")
    tab.wait_for_selector(READINGS)
    assert tab.locator(".md-search ruby, .md-header ruby").count() == 0


def test_a_failed_load_is_said(tab, context, site_url):
    context.route("**/readings.json", lambda route: route.fulfill(status=404, body="not found"))
    tab.goto(site_url + PAGE)
    tab.locator(BUTTON).click()
    status = tab.get_by_role("status").filter(has_text="ふりがな")
    status.wait_for()
    assert status.is_visible()
    assert tab.locator(BUTTON).get_attribute("aria-pressed") == "false" and rubies(tab) == 0


def test_the_404_page_served_at_any_address_shows_its_own_readings(tab, context, site_url):
    """Its readings are asked for by the site's root, not beside the address it is served at."""
    tab.goto(site_url + "404.html")
    tab.locator(BUTTON).click()
    tab.wait_for_selector(READINGS)
    assert context.readings_requests == ["/404.readings.json"]


@pytest.mark.parametrize("path", ["en/", "en/" + PAGE, "en/404.html"])
def test_no_button_nor_script_on_english_pages(tab, site_url, path):
    requested = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto(site_url + path, wait_until="networkidle")
    assert tab.locator(BUTTON).count() == 0
    assert [url for url in requested if "furigana" in url or "readings" in url] == []
