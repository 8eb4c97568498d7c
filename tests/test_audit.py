"""The audit's findings per page and for the whole site, from page reports (no browser here; the
browser runs the checks in test_site_browser.py)."""

from __future__ import annotations

from planpub.qa.audit import PageReport, page_problems, site_pages, summarize, tab_walk_sample

SITE = "Plan"


def report(**changes) -> PageReport:
    clean = dict(
        status=200, lang="en", title=f"Page — {SITE}", switcher_lang="ja", switcher_href="", alternates={},
        axe={"1280": [], "390": []}, sideways_scroll=0, zoom={"sideways": 0, "clipped": [], "overlaps": []},
        structure={"h1": 1, "skipped": [], "tables": [], "unnamedImages": [], "media": 0, "unmarkedJapanese": [], "colourOnly": [], "links": [], "title": ""},
        keyboard=[],
    )
    return PageReport(**{**clean, **changes})


def found(path="en/page/", **changes) -> dict:
    return {check: problems for check, problems in page_problems(path, "en", report(**changes), SITE).items() if problems}


def test_a_clean_page_has_no_problems():
    assert found() == {}


def test_each_finding_lands_in_its_check_and_names_the_page():
    assert found(axe={"1280": [{"id": "color-contrast", "targets": [["p"]]}]}) == {"axe": ["/en/page/: 1280 px: color-contrast [['p']]"]}
    assert list(found(lang="ja")) == ["language"]
    assert list(found(sideways_scroll=12)) == ["reflow"]
    assert list(found(zoom={"sideways": 0, "clipped": ["Title in <span>"], "overlaps": []})) == ["zoom"]
    assert list(found(keyboard=["shows no focus indicator"])) == ["keyboard"]
    assert list(found(shortcuts=["the key 'n' loads /en/next/"])) == ["shortcuts"]
    assert list(found(presentation=["line of 92 characters (over 80) at 1920 px: <p>"])) == ["presentation"]
    structure = report().structure
    assert list(found(structure={**structure, "h1": 2})) == ["structure"]
    assert list(found(structure={**structure, "unmarkedJapanese": ["計画 in <p>"]})) == ["language"]
    assert list(found(structure={**structure, "colourOnly": ["text in colour alone: <span>"]})) == ["colour"]
    assert list(found(structure={**structure, "links": ["same name “Reference material”, 2 places"]})) == ["links"]
    assert found(axe_aaa=[{"id": "color-contrast-enhanced", "targets": [["p"]]}]) == {
        "axe_aaa": ["/en/page/: 1280 px, high contrast: color-contrast-enhanced [['p']]"]}


def test_titles_say_page_then_plan_except_on_the_home_pages():
    assert list(found(title="Page - Plan")) == ["titles"]
    assert found("en/", title=SITE) == {}


def test_repeated_titles_are_found_across_pages():
    pages = {"en/a/": "en", "en/b/": "en"}
    summary = summarize({path: report() for path in pages}, pages, [], {"en": SITE}, {"axe": {"1.4.3": ["color-contrast"]}}, {"axe-core": "4.0"})
    assert summary["checks"]["titles"] == [f"same title 'Page — {SITE}' on en/a/, en/b/"]
    assert summary["axe_rules"] == {"1.4.3": {"rules": ["color-contrast"], "failed": []}}


def test_each_run_of_axe_has_its_rules_by_criterion_and_those_that_failed():
    """Issue 27: the level AAA rules, run in the high-contrast theme, are a check of their own."""
    pages = {"en/a/": "en", "en/b/": "en"}
    reports = {"en/a/": report(), "en/b/": report(title=f"B — {SITE}", axe_aaa=[{"id": "color-contrast-enhanced", "targets": [["p"]]}])}
    rules = {"axe": {"1.4.3": ["color-contrast"]}, "axe_aaa": {"1.4.6": ["color-contrast-enhanced"], "2.4.9": ["identical-links-same-purpose"]}}
    summary = summarize(reports, pages, [], {"en": SITE}, rules, {})
    assert summary["axe_rules"] == {"1.4.3": {"rules": ["color-contrast"], "failed": []}}
    assert summary["axe_aaa_rules"] == {"1.4.6": {"rules": ["color-contrast-enhanced"], "failed": ["color-contrast-enhanced"]},
                                        "2.4.9": {"rules": ["identical-links-same-purpose"], "failed": []}}
    assert summary["checks"]["axe_aaa"] == ["/en/b/: 1280 px, high contrast: color-contrast-enhanced [['p']]"]
    assert summary["checks"]["axe"] == []


def test_site_pages_know_their_language(tmp_path):
    for name in ("index.html", "items/01/index.html", "en/index.html", "en/404.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<!doctype html>", encoding="utf-8")
    assert site_pages(tmp_path) == {"": "ja", "en/": "en", "en/404.html": "en", "items/01/": "ja"}


def test_the_tests_tab_through_the_longest_page_of_each_shape_in_each_language(tmp_path):
    sizes = {"items/01/": 10, "items/02/": 30, "en/items/01/": 50, "en/items/02/": 20, "glossary/": 5, "404.html": 1}
    for path, size in sizes.items():
        file = tmp_path / path if path.endswith(".html") else tmp_path / path / "index.html"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("x" * size)
    pages = {path: "en" if path.startswith("en/") else "ja" for path in sizes}
    assert tab_walk_sample(tmp_path, pages) == {"items/02/", "en/items/01/", "glossary/", "404.html"}
