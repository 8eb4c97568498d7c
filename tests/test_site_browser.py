"""End to end: build the real plan, serve it on 127.0.0.1 and run the accessibility audit over
every page of both languages (planpub/qa/audit.py): each page must pass every check, and the
committed results behind the test-results page must say what the checks find."""

from __future__ import annotations

import json
import re

import pytest

from planpub.qa.audit import axe_rules, check_site, html_errors, other_language, page_problems, site_pages, summarize, tab_walk_sample, tool_versions
from planpub.urls import LANGUAGE_ROOTS, LANGUAGES, Urls
from tests import project_plan
from tests.conftest import PROJECT

pytestmark = pytest.mark.browser

PLAN = project_plan.model()  # at collection, to give each page a test: the session's one reading of plan.yaml
PAGES = [page.path for page in Urls(PLAN).pages] + ["404.html"]
EXPECTED = {LANGUAGE_ROOTS[language] + path: language for path in PAGES for language in LANGUAGES}
SITE_NAMES = {language: PLAN.metadata.title.shown(language) for language in LANGUAGES}
RESULTS = PROJECT / "content" / "accessibility" / "results.json"


@pytest.fixture
def tab(browser, site_url):
    """A fresh page in its own browser context."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def reports(site_url, built_site):
    """Every page in both languages, checked in parallel in one browser before the assertions."""
    assert site_pages(built_site) == EXPECTED, "the built site has other pages than the plan's"
    return check_site(site_url, EXPECTED, walked=tab_walk_sample(built_site, EXPECTED))


@pytest.fixture(scope="module")
def html(built_site):
    return html_errors(built_site)


def counterpart(site_url: str, path: str, language: str) -> str:
    """The same page in the other language."""
    own = path.removeprefix(LANGUAGE_ROOTS[language])
    return site_url + LANGUAGE_ROOTS[other_language(language)] + own


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_page_passes_every_check_and_links_its_counterpart(reports, site_url, path):
    language = EXPECTED[path]
    report = reports[path]
    assert report.status == 200
    assert report.lang == language
    problems = page_problems(path, language, report, SITE_NAMES[language])
    assert {check: found for check, found in problems.items() if found} == {}
    assert report.switcher_lang == other_language(language)
    if not path.endswith("404.html"):  # served at any depth, the 404 page links to the home pages
        assert report.switcher_href == counterpart(site_url, path, language)
        assert report.alternates[other_language(language)] == counterpart(site_url, path, language)
        assert report.alternates[language] == site_url + path
    outside = [r for r in report.requests if not r.startswith(site_url)]
    assert outside == []


def test_html_is_valid(html):
    assert html == []


def test_titles_are_unique(reports):
    summary = summarize(reports, EXPECTED, [], SITE_NAMES, {}, {})
    assert summary["checks"]["titles"] == []


def test_committed_results_say_what_the_checks_find(reports, html, built_site):
    """The test-results page is rendered from results.json: it must not go stale. When this
    fails, run `make audit` and commit content/accessibility/results.json."""
    committed = json.loads(RESULTS.read_text(encoding="utf-8"))
    found = summarize(reports, EXPECTED, html, SITE_NAMES, axe_rules(), tool_versions())
    # The tests Tab through a sample of the pages; the audit through every page.
    walked = tab_walk_sample(built_site, EXPECTED)
    committed["checks"]["keyboard"] = [problem for problem in committed["checks"]["keyboard"]
                                       if problem.split(":", 1)[0].removeprefix("/") in walked]
    # A check added since (issue 27: axe_aaa, links) is missing from the committed results until then.
    assert {key: committed.get(key) for key in found} == found, "results.json is stale: run `make audit` and commit it"


def test_switcher_lands_on_the_counterpart_page(tab, site_url):
    tab.goto(site_url + "items/02/")
    tab.locator("a.md-select__link[hreflang=en]").dispatch_event("click")
    tab.wait_for_url(site_url + "en/items/02/")
    assert tab.get_attribute("html", "lang") == "en"
    assert "Reform item No.2" in tab.locator("h1").inner_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_s_first_screen_on_a_phone_says_what_this_is_and_the_main_targets(tab, site_url, language):
    """At 390 × 844 px, before any scrolling: the plan's short title, which plan and which years
    this is the draft of, and every one of its main targets with its figures."""
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(site_url + LANGUAGE_ROOTS[language])
    meta = PLAN.metadata
    on_first_screen = "e => { const box = e.getBoundingClientRect(); return box.height > 0 && box.bottom <= innerHeight; }"
    short_title = meta.short_title.shown(language)
    assert tab.locator(".md-header__topic").inner_text().strip() == short_title
    assert tab.locator("article h1").inner_text().strip() == short_title
    lead = tab.locator("article .plan-lead").first
    assert meta.title.shown(language) in lead.inner_text() and lead.evaluate(on_first_screen)
    highlights = tab.locator(".plan-highlights > li")
    assert highlights.count() == len(meta.highlights) >= 3
    for index, highlight in enumerate(meta.highlights):
        item = highlights.nth(index)
        assert highlight.text.shown(language) in item.inner_text() and item.evaluate(on_first_screen), highlight


def test_the_home_page_s_search_link_opens_search_and_escape_returns_to_it(tab, site_url):
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(site_url + "en/")
    link = tab.locator("a[data-a11y-search-link]")
    link.click()
    assert tab.evaluate("() => document.getElementById('__search').checked")
    assert tab.evaluate("() => document.activeElement.matches('input.md-search__input')")
    tab.keyboard.press("Escape")
    assert tab.evaluate("() => document.activeElement.matches('a[data-a11y-search-link]')")
    tab.goto(site_url + "en/?q=cashless")  # the link's own address, opened without the page's script
    tab.locator(".md-search-result__item > a").first.wait_for(timeout=10000)


@pytest.mark.parametrize(
    ("root", "query", "expected"),
    [("en/", "cashless", "initiatives/04/"), ("", "キャッシュレス", "initiatives/04/"), ("", "キャッシュレス化", "initiatives/04/"),
     ("", "窓口のデジタル化", "initiatives/06/")],
)
def test_each_language_has_its_own_search(tab, site_url, root, query, expected):
    tab.goto(site_url + root)
    tab.locator(".md-search__input").first.click()
    search = tab.locator("input.md-search__input")
    search.fill(query)
    search.press("End")  # Material reads the query on keyup
    results = tab.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=10000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(href.startswith(site_url + root + expected) for href in hrefs), hrefs


def test_the_search_index_loads_when_search_opens_and_no_page_asks_for_a_sitemap(tab, site_url):
    """theme/assets/javascripts/on-demand.js: a page's first view leaves out the search index and
    worker, and Material's lookups of sitemap.xml beside the language links (always missing: they
    point at pages, not language roots) make no request and no console error."""
    requests, errors = [], []
    tab.on("request", lambda request: requests.append(request.url))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.goto(site_url + "en/items/01/", wait_until="networkidle")
    assert not [url for url in requests if "search_index" in url or "/workers/" in url or "sitemap" in url]
    tab.locator(".md-search__input").first.click()
    search = tab.locator("input.md-search__input")
    search.fill("cashless")
    search.press("End")
    tab.locator(".md-search-result__item > a").first.wait_for(timeout=10000)
    assert [url for url in requests if url.endswith("en/search/search_index.json")]
    assert errors == []


def test_printing_a_page_gives_the_plan_text_with_its_title_and_address_and_no_chrome(tab, site_url):
    tab.goto(site_url + "en/items/01/")
    tab.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-path", ".md-search"):
        assert not tab.locator(chrome).first.is_visible(), chrome
    header = tab.locator(".plan-print-header")
    assert header.is_visible()
    assert SITE_NAMES["en"] in header.inner_text() and site_url + "en/items/01/" in header.inner_text()
    link = tab.locator(".md-content a[data-print-href]").first
    address = link.get_attribute("data-print-href")
    assert address.startswith(site_url) and address in link.evaluate("a => getComputedStyle(a, '::after').content")
    assert tab.evaluate("() => getComputedStyle(document.querySelector('.md-typeset')).color") == "rgb(0, 0, 0)"


# --- Issue 26, also fixed: icons in forced colours, drawer titles at 200% zoom ------------------

# Every icon shown: Material's masked icons (pseudo-elements painted with their background colour)
# and inline SVG, with the colour that paints it.
ICON_PAINT = """() => {
  const shown = el => el.checkVisibility({visibilityProperty: true}) && el.getBoundingClientRect().width > 0;
  const masked = [...document.querySelectorAll('body *')].filter(shown).flatMap(el => ['::before', '::after']
    .map(pseudo => [el, pseudo, getComputedStyle(el, pseudo)])
    .filter(([, , s]) => s.content !== 'none' && s.maskImage !== 'none')
    .map(([, pseudo, s]) => ({icon: `${el.tagName} ${el.className}${pseudo}`, paint: s.backgroundColor})));
  const inline = [...document.querySelectorAll('svg path')].filter(shown)
    .map(path => ({icon: `svg in ${path.closest('svg').parentElement.className}`, paint: getComputedStyle(path).fill}));
  return [...masked, ...inline];
}"""
CANVAS = """() => { const probe = document.createElement('div'); probe.style.background = 'Canvas'; document.body.append(probe);
  const colour = getComputedStyle(probe).backgroundColor; probe.remove(); return colour; }"""


def rgb(colour: str) -> tuple[float, ...]:
    parts = [float(part) for part in re.findall(r"[\d.]+", colour)]
    return tuple(parts[:3]) if len(parts) == 3 or parts[3] > 0 else ()


@pytest.mark.parametrize("width", [1280, 390])
def test_icons_stay_visible_in_forced_colours(browser, site_url, width):
    """Section toggles' chevrons, breadcrumb separators, the drawer's icons: none painted in the
    page's background colour (or not at all) when forced colours replace the theme's."""
    context = browser.new_context(viewport={"width": width, "height": 800}, forced_colors="active")
    page = context.new_page()
    page.goto(site_url + "en/items/15/", wait_until="networkidle")
    if width < 1220:
        page.locator("[data-a11y-drawer-open]").click()
        page.wait_for_timeout(500)
    canvas, icons = rgb(page.evaluate(CANVAS)), page.evaluate(ICON_PAINT)
    context.close()
    assert len(icons) > 5
    assert [icon for icon in icons if rgb(icon["paint"]) in ((), canvas)] == []


def test_drawer_titles_wrap_at_200_percent_zoom(browser, site_url):
    context = browser.new_context(viewport={"width": 640, "height": 450})  # 1280 × 900 at 200%
    page = context.new_page()
    page.goto(site_url + "en/items/15/", wait_until="networkidle")
    page.locator("[data-a11y-drawer-open]").click()
    page.wait_for_timeout(500)
    titles = page.locator(".md-nav--primary .md-nav__title").evaluate_all(
        "titles => titles.filter(t => t.checkVisibility({visibilityProperty: true}))"
        ".map(t => ({text: t.textContent.trim(), cut: t.scrollWidth > t.clientWidth + 1 || getComputedStyle(t).whiteSpace === 'nowrap'}))")
    context.close()
    assert titles and [title for title in titles if title["cut"]] == []
