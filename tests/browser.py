"""Helpers for browser tests: serve a built site on 127.0.0.1 and drive Debian's Chromium."""

from __future__ import annotations

import asyncio
import functools
import http.server
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import async_playwright
from playwright.sync_api import sync_playwright

from tests.conftest import PROJECT

AXE_SCRIPT = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


WIDE, PHONE, NARROWEST = ({"width": 1280, "height": 900}, {"width": 390, "height": 844}, {"width": 320, "height": 640})
AXE_RUN = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"


def _violations(result: dict) -> list[dict]:
    return [
        {"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@dataclass
class PageReport:
    """What one page showed: enough for the per-page assertions of the browser tests."""

    status: int
    lang: str | None
    switcher_lang: str | None
    switcher_href: str | None
    violations: list[dict]
    narrow_violations: list[dict]
    sideways_scroll: int  # CSS px the page itself scrolls sideways at 320 px wide (WCAG 1.4.10)
    requests: list[str] = field(default_factory=list)


async def _report(page, url: str, other_language: str) -> PageReport:
    requests: list[str] = []
    listener = lambda request: requests.append(request.url)  # noqa: E731 - removed again below
    page.on("request", listener)
    try:
        await page.set_viewport_size(WIDE)
        response = await page.goto(url)
        switcher = page.locator(f"a.md-select__link[hreflang={other_language}]")
        await page.add_script_tag(path=str(AXE_SCRIPT))
        wide = _violations(await page.evaluate(AXE_RUN, WCAG_TAGS))
        await page.set_viewport_size(PHONE)
        narrow = _violations(await page.evaluate(AXE_RUN, WCAG_TAGS))
        await page.set_viewport_size(NARROWEST)
        sideways = await page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        return PageReport(
            status=response.status,
            lang=await page.get_attribute("html", "lang"),
            switcher_lang=await switcher.get_attribute("lang"),
            switcher_href=await switcher.evaluate("a => a.href"),
            violations=wide,
            narrow_violations=narrow,
            sideways_scroll=sideways,
            requests=requests,
        )
    finally:
        page.remove_listener("request", listener)


async def _reports(targets: dict, concurrency: int) -> dict:
    """A few tabs, each working through a shared queue: the browser's cache keeps the theme's
    scripts and styles between pages, as it would for a reader."""
    queue: asyncio.Queue = asyncio.Queue()
    for key, target in targets.items():
        queue.put_nowait((key, target))
    reports: dict = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)

        async def tab():
            page = await browser.new_page()
            # Each page load would make Material's search worker index the whole plan, which
            # doubles the CPU time of this check; search has its own tests.
            await page.route("**/search/search_index.json", lambda route: route.abort())
            while not queue.empty():
                key, (url, other_language) = queue.get_nowait()
                reports[key] = await _report(page, url, other_language)
            await page.close()

        try:
            await asyncio.gather(*(tab() for _ in range(concurrency)))
        finally:
            await browser.close()
    return reports


def page_reports(targets: dict, concurrency: int = 2) -> dict:
    """Open every target {key: (url, other language)} in one browser, a few pages at a time, and
    report on each. Runs in its own thread so that its event loop never meets the sync API's."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, _reports(targets, concurrency)).result()
