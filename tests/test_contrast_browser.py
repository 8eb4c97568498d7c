"""The colour theme (issue 27, WCAG 1.4.8 and 1.4.6): the header's button switches the
high-contrast theme by keyboard at every width and says whether it is on; the choice holds on the
next page from its first paint, in both languages."""

from __future__ import annotations

import pytest

from tests.keyboard import active, opened, record, tab_to

pytestmark = pytest.mark.browser

KEY = "planpub-contrast"
NAMES = {"": "高コントラスト", "en/": "High contrast"}
# What the page shows when the theme is on: black text on white, a black header.
HIGH = {"text": "rgb(0, 0, 0)", "page": "rgb(255, 255, 255)", "header": "rgb(0, 0, 0)"}
COLOURS = """() => ({text: getComputedStyle(document.querySelector('article')).color,
  page: getComputedStyle(document.body).backgroundColor,
  header: getComputedStyle(document.querySelector('.md-header')).backgroundColor})"""


def theme(page) -> str | None:
    return page.evaluate("() => document.documentElement.getAttribute('data-contrast')")


def remembered(page) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", KEY)


@pytest.mark.parametrize("root", NAMES)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_button_switches_the_theme_by_keyboard_and_says_so(browser, site_url, width, root):
    with opened(browser, site_url + root + "items/01/", width) as page:
        button = page.get_by_role("button", name=NAMES[root], exact=True)
        assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
        assert theme(page) is None and page.evaluate(COLOURS) != HIGH
        record(page)
        stop = tab_to(page, lambda stop: "plan-contrast-button" in stop.cls)
        assert stop.visible and stop.onTop and stop.indicator and stop.indicatorContrast >= 3, stop
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-pressed") == "true" and theme(page) == "high" and remembered(page) == "high"
        assert page.evaluate(COLOURS) == HIGH
        assert active(page).indicatorContrast >= 3  # the ring shows on the black header too
        page.keyboard.press("Space")
        assert button.get_attribute("aria-pressed") == "false" and theme(page) is None and remembered(page) is None
        assert page.evaluate(COLOURS) != HIGH


# Read as each page's DOM is first complete: the attribute is set by then, before the first paint.
AT_FIRST = """document.addEventListener('DOMContentLoaded', () => {
  window.__atFirst = {theme: document.documentElement.getAttribute('data-contrast'), text: getComputedStyle(document.body).color};
});"""


@pytest.mark.parametrize("root", NAMES)
def test_the_choice_holds_on_the_next_page_from_its_first_paint(browser, site_url, root):
    with opened(browser, site_url + root, 1280) as page:
        page.add_init_script(AT_FIRST)
        page.get_by_role("button", name=NAMES[root], exact=True).click()
        page.goto(site_url + root + "items/01/")
        assert page.evaluate("() => window.__atFirst") == {"theme": "high", "text": "rgb(0, 0, 0)"}
        assert page.get_by_role("button", name=NAMES[root], exact=True).get_attribute("aria-pressed") == "true"
        assert page.evaluate(COLOURS) == HIGH
        other = "en/" if root == "" else ""
        page.goto(site_url + other)  # the other language's pages share the choice
        assert theme(page) == "high"
        assert page.get_by_role("button", name=NAMES[other], exact=True).get_attribute("aria-pressed") == "true"
