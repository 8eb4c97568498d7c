"""End to end: build the real plan, serve it on 127.0.0.1 and open every page in Chromium."""

from __future__ import annotations

import pytest

from planpub.load import load_plan
from planpub.model import build_plan
from planpub.urls import LANGUAGES, Urls
from tests.browser import page_reports
from tests.conftest import PROJECT

PLAN = PROJECT / "plan.yaml"
PAGES = [page.path for page in Urls(build_plan(load_plan(PLAN).data)).pages]
OTHER = {"ja": "en", "en": "ja"}
ROOT = {"ja": "", "en": "en/"}


@pytest.fixture
def tab(browser, site_url):
    """A fresh page that records every request it makes."""
    context = browser.new_context()
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


@pytest.fixture(scope="module")
def reports(site_url):
    """Every page in both languages, checked in parallel in one browser before the assertions."""
    targets = {
        (path, language): (site_url + ROOT[language] + path, OTHER[language])
        for path in PAGES + ["404.html"]
        for language in LANGUAGES
    }
    return page_reports(targets)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGES + ["404.html"])
def test_page_is_accessible_at_1280_and_390_reflows_at_320_and_switches_language(reports, site_url, path, language):
    report = reports[(path, language)]
    assert report.status == 200
    assert report.lang == language
    assert report.switcher_lang == OTHER[language]
    if path != "404.html":
        assert report.switcher_href == site_url + ROOT[OTHER[language]] + path
    assert report.violations == []
    assert report.narrow_violations == []
    assert report.sideways_scroll <= 0
    outside = [r for r in report.requests if not r.startswith(site_url)]
    assert outside == []


def test_switcher_lands_on_the_counterpart_page(tab, site_url):
    tab.goto(site_url + "items/02/")
    tab.locator("a.md-select__link[hreflang=en]").dispatch_event("click")
    tab.wait_for_url(site_url + "en/items/02/")
    assert tab.get_attribute("html", "lang") == "en"
    assert "Reform item No.2" in tab.locator("h1").inner_text()


def test_search_dialog_has_a_name(tab, site_url):
    tab.goto(site_url + "en/")
    assert tab.get_attribute("[data-md-component=search][role=dialog]", "aria-label") == "Search"


@pytest.mark.parametrize(
    ("root", "query", "expected"),
    [("en/", "cashless", "initiatives/04/"), ("", "キャッシュレス", "initiatives/04/")],
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
