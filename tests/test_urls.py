from planpub.load import load_plan
from planpub.model import build_plan
from planpub.urls import Urls
from tests.conftest import MINIMAL


def urls():
    return Urls(build_plan(load_plan(MINIMAL).data))


def test_every_page_has_a_stable_path_from_numbers_and_ids():
    """Every page, in the order of the site: each path made from its numbers or its kind."""
    assert [(page.kind, page.path) for page in urls().pages] == [
        ("home", ""),
        ("part", "part-1/"), ("chapter", "part-1/chapter-1/"), ("chapter", "part-1/chapter-2/"),
        ("pillar", "pillars/1/"), ("item", "items/01/"), ("item", "items/02/"),
        ("appendices", "part-1/appendices/"), ("appendix", "part-1/appendices/1/"), ("appendix", "part-1/appendices/2/"),
        ("part", "part-2/"), ("chapter", "part-2/chapter-1/"), ("guideline", "guidelines/1/"), ("initiative", "initiatives/01/"),
        ("appendices", "part-2/appendices/"), ("appendix", "part-2/appendices/1/"), ("appendix", "part-2/appendices/2/"),
        ("glossary", "glossary/"), ("indicators", "indicators/"), ("themes", "themes/"), ("roadmap", "roadmap/"),
        ("years", "years/"), ("year", "years/2022/"), ("year", "years/2023/"), ("year", "years/2024/"), ("year", "years/2025/"),
        ("progress", "progress/"),
        ("departments", "departments/"), ("about", "about/"), ("editorial_notes", "editorial-notes/"),
        ("revisions", "revisions/"), ("downloads", "downloads/"),
        ("accessibility_policy", "accessibility/"), ("accessibility_results", "accessibility/results/"),
    ]
    assert [p.source_file for p in urls().pages][:2] == ["index.md", "part-1/index.md"]


def test_anchors_for_entities_inside_pages():
    index = urls()
    assert index.location("item-01-action-1").anchor == "item-01-action-1"
    assert index.location("item-01-action-1").page.path == "items/01/"
    assert index.location("indicator-cost").page.path == "part-1/chapter-1/"
    assert index.location("kpi-online").page.path == "guidelines/1/"
    assert index.location("plan").page.path == ""


def test_relative_links_between_pages():
    index = urls()
    item_page = index.location("item-01").page
    assert index.href(item_page, "initiative-01") == "../../initiatives/01/"
    assert index.href(item_page, "test-term") == "../../glossary/#test-term"
    assert index.href(item_page, "item-01-action-1") == "./#item-01-action-1"
    assert index.href(index.pages[0], "item-01") == "items/01/"
    assert index.href(item_page, "plan") == "../../"


def test_navigation_tree():
    index = urls()
    chapter_page = index.location("part-1-chapter-2").page
    assert [p.path for p in index.children(chapter_page)] == ["pillars/1/"]
    assert [p.path for p in index.children(index.location("pillar-1").page)] == ["items/01/", "items/02/"]
    appendices = index.children(index.location("part-1").page)[-1]
    assert appendices.kind == "appendices"
    assert [p.path for p in index.children(appendices)] == ["part-1/appendices/1/", "part-1/appendices/2/"]
    assert index.location("part-1").page.kind == "part"  # the contents page does not take the part's links
    years = next(page for page in index.pages if page.kind == "years")
    assert [(p.path, p.subject) for p in index.children(years)] == [(f"years/{year}/", year) for year in range(2022, 2026)]


def test_links_to_the_site_root_from_any_page_and_language():
    site = urls()
    assert site.to_site_root("", "ja") == "./"
    assert site.to_site_root("", "en") == "../"
    assert site.to_site_root("accessibility/results/", "en") == "../../../"
