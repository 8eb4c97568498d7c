"""Page weight in the browser: what the first view of each page downloads (HTML, CSS, JS and fonts;
not images such as the favicon), gzip-compressed as a server would send it; any request outside
the site; and what one search query downloads. Chromium from Debian, as the tests run it."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError, sync_playwright

from planpub.qa.audit import CHROMIUM, CHROMIUM_ARGS, serve, site_pages

SAMPLE = ["", "items/01/", "indicators/", "roadmap/", "en/", "en/items/01/", "en/indicators/", "en/roadmap/"]
QUERIES = {"": "デジタル化", "en/": "digital"}
PHONE = {"width": 390, "height": 844}
SEARCH_FILES = re.compile(r"/search/|/workers/")  # the index and the worker: what a query needs


def measure(site: Path, pages: list[str] | None = None) -> dict:
    """First view of ``pages`` (every page when None) and one query in each language."""
    pages = pages if pages is not None else list(site_pages(site))
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            views = {path: _first_view(browser, base, path) for path in pages}
            queries = {root: _query(browser, base, root, query) for root, query in QUERIES.items()}
        finally:
            browser.close()
    largest = max(views, key=lambda path: views[path]["gzip"])
    return {
        "pages": len(views),
        "largest_first_view_gzip": views[largest]["gzip"],
        "largest_first_view_page": largest,
        "median_first_view_gzip": sorted(view["gzip"] for view in views.values())[len(views) // 2],
        "outside_requests": sorted({url for view in views.values() for url in view["outside"]}),
        "queries": queries,
        "largest_query_gzip": max(query["gzip"] for query in queries.values()),
    }


def _downloads(page, base: str) -> tuple[dict[str, int], list[str]]:
    """Record what ``page`` downloads from now on: {url: gzip bytes}, and URLs outside the site."""
    sizes: dict[str, int] = {}
    outside: list[str] = []

    def finished(request) -> None:
        if not request.url.startswith(base):
            outside.append(request.url)
            return
        try:
            response = request.response()
            if response is not None and response.status == 200 and not response.headers.get("content-type", "").startswith("image/"):
                sizes[request.url] = len(gzip.compress(response.body(), 6))
        except PlaywrightError:  # finished as the page was closed: not part of the view measured
            pass

    page.on("requestfinished", finished)
    return sizes, outside


def _first_view(browser, base: str, path: str) -> dict:
    context = browser.new_context(viewport=PHONE)  # a fresh context: nothing cached
    try:
        page = context.new_page()
        sizes, outside = _downloads(page, base)
        page.goto(base + path, wait_until="networkidle")
        return {"gzip": sum(sizes.values()), "files": {url.removeprefix(base): size for url, size in sizes.items()}, "outside": outside}
    finally:
        context.close()


def _query(browser, base: str, root: str, query: str) -> dict:
    """Everything the search downloads to answer its first query, from the language's home page
    (wide: the search field shows without opening it)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        sizes, _ = _downloads(page, base)
        page.goto(base + root, wait_until="networkidle")
        page_files = set(sizes)
        page.locator(".md-search__input").first.click()
        search = page.locator("input.md-search__input")
        search.fill(query)
        search.press("End")  # Material reads the query on keyup
        page.locator(".md-search-result__item > a").first.wait_for(timeout=60_000)
        search = {url: size for url, size in sizes.items() if url not in page_files and SEARCH_FILES.search(url)}
        return {"query": query, "gzip": sum(search.values()), "files": sorted(url.removeprefix(base) for url in search)}
    finally:
        context.close()
