"""The automated accessibility audit of a built site (``build.py audit``, ``make audit``).

Serves the site on 127.0.0.1 and opens every page of both languages in Debian's Chromium, a few
tabs at a time: axe-core with the search closed and open at 1280 px and at 390 px, axe-core's level
AAA rules in the high-contrast theme at 1280 px, reflow at 320 px
and at 200% zoom, page structure, and Tab walks at 1280, 1024 and 390 px (the last two with the
navigation a closed drawer) and at 200% zoom, forwards with Tab and (but at 1024 px) backwards with
Shift+Tab, that check every stop for a visible focus indicator clear of the sticky header. The Nu
HTML Checker reads every HTML file. ``summarize`` turns the findings into the results file the
test-results page is rendered from (see ``planpub/accessibility.py``); the browser tests run the
same checks and fail when that file no longer says what they find.

Needs the test dependencies: Playwright (Python), Chromium, Java, and axe-core and vnu-jar from npm.
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..accessibility import AXE_RUNS, CHECK_CRITERIA
from ..diagnostics import StageError

PROJECT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHECKS_SCRIPT = Path(__file__).with_name("audit_checks.js")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_AAA_TAGS = ["wcag2aaa"]  # issue 27: run in the high-contrast theme
AXE_RUN_TAGS = {"axe": AXE_TAGS, "axe_aaa": AXE_AAA_TAGS}  # the runs of accessibility.AXE_RUNS
WIDE, TABLET, PHONE = {"width": 1280, "height": 900}, {"width": 1024, "height": 768}, {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}
ZOOMED = {"width": 640, "height": 450}  # a 1280 × 900 window at 200% zoom
WIDEST = {"width": 1920, "height": 1080}  # issue 27: where text blocks are widest (WCAG 1.4.8)
DRAWER_BELOW = 1220  # CSS px: Material's navigation is a drawer below this width
MIN_INDICATOR_CONTRAST = 3.0  # WCAG 1.4.11 for focus indicators (UI components)
TAB_LIMIT = 600

# An empty search index: Material's worker would otherwise index the whole plan on every page
# load, doubling the CPU time of the audit. Search itself has its own tests.
EMPTY_INDEX = json.dumps({"config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": []}, "docs": []})

_AXE_CRITERION_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")


class AuditError(StageError):
    """A tool the audit needs is missing or failed."""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test and audit output readable
        pass


@contextmanager
def serve(directory: Path, handler_class: type[http.server.BaseHTTPRequestHandler] = QuietHandler):
    """Serve ``directory`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageReport:
    """What one page showed: the findings of every check, and enough for the tests' assertions."""

    status: int
    lang: str | None
    title: str
    switcher_lang: str | None
    switcher_href: str | None
    alternates: dict[str, str]  # hreflang → absolute href of the <head> alternates
    axe: dict[str, list[dict]]  # state ("1280", "1280 search open", "390") → violations
    sideways_scroll: int  # CSS px the page scrolls sideways at 320 px (WCAG 1.4.10)
    zoom: dict[str, Any]  # at 200%: sideways scroll, text cut off, header parts overlapping
    structure: dict[str, Any]
    keyboard: list[str]  # problems found by the Tab walk
    shortcuts: list[str] = field(default_factory=list)  # single keys that did something
    axe_aaa: list[dict] = field(default_factory=list)  # level AAA violations in the high-contrast theme
    presentation: list[str] = field(default_factory=list)  # text blocks at 1280 and 1920 px (WCAG 1.4.8)
    requests: list[str] = field(default_factory=list)


def _violations(result: dict) -> list[dict]:
    return [{"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


async def _axe(page, within: str | None = None, tags: list[str] = AXE_TAGS) -> list[dict]:
    """axe's violations of the rules ``tags`` select in the page, or in the part of it that
    ``within`` selects."""
    if not await page.evaluate("() => typeof axe !== 'undefined'"):
        await page.add_script_tag(path=str(AXE_SCRIPT))
    result = await page.evaluate(
        "([tags, within]) => axe.run(within || document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [tags, within],
    )
    return _violations(result)


# Contract 4 of issue 27: the high-contrast theme is the attribute data-contrast="high" on <html>.
HIGH_CONTRAST = "on => on ? document.documentElement.dataset.contrast = 'high' : delete document.documentElement.dataset.contrast"


async def _high_contrast_violations(page) -> list[dict]:
    """axe's level AAA rules (7:1 contrast among them) with the high-contrast theme on; the page is
    left in its default theme. Few rules: a small part of a page's time."""
    await page.evaluate(HIGH_CONTRAST, True)
    try:
        await page.evaluate("() => __audit.frames()")
        return await _axe(page, tags=AXE_AAA_TAGS)
    finally:
        await page.evaluate(HIGH_CONTRAST, False)
        await page.evaluate("() => __audit.frames()")


async def _search_open_violations(page) -> list[dict]:
    """axe with the search overlay open (the field focused), then closed again with Escape. Only
    the header, where the search lives, changes: the rest of the page was checked closed."""
    await page.locator("input.md-search__input").focus()
    await page.wait_for_function("() => document.getElementById('__search').checked")
    await page.evaluate("() => __audit.settle()")  # the overlay has faded in
    violations = await _axe(page, ".md-header")
    await page.keyboard.press("Escape")
    return violations


def stop_problems(stop: dict, width: int, drawer_closed: bool = True, move: str = "Tab") -> list[str]:
    """What is wrong with one element focused by ``move`` (a stop read by ``__kb.active()``)."""
    where = f"<{stop['tag']} class={stop['cls']!r}> {stop['name'][:60]!r} at {_at(width, move)}"
    problems = []
    if not (stop["visible"] and stop["inViewport"]):
        problems.append(f"takes focus but cannot be seen: {where}")
    elif not stop["onTop"]:
        problems.append(f"takes focus but is covered: {where}")
    elif stop["underHeader"]:  # issue 26, failure 1: partly, where the header stays (WCAG 2.4.7)
        problems.append(f"takes focus under the sticky header: {where}")
    if not stop["indicator"]:
        problems.append(f"shows no focus indicator ({stop['focused']}): {where}")
    elif stop["indicatorContrast"] is not None and stop["indicatorContrast"] < MIN_INDICATOR_CONTRAST:
        problems.append(f"focus indicator contrast {stop['indicatorContrast']:.2f}:1: {where}")
    if drawer_closed and width < DRAWER_BELOW and stop["inDrawer"]:
        problems.append(f"in the closed drawer, takes focus: {where}")
    return problems


def _at(width: int, move: str) -> str:
    """Where and how a walk went: "1280 px", "1280 px with Shift+Tab"."""
    return f"{width} px" if move == "Tab" else f"{width} px with {move}"


async def tab_walk(page, width: int, move: str = "Tab") -> list[str]:
    """Press ``move`` (Tab, or Shift+Tab to walk backwards from the end) from the top of the page
    until focus leaves it: every stop must be seen, clear of the sticky header, show a focus
    indicator of enough contrast and come once; everything visible must be reached; and focus
    must leave the page (no keyboard trap)."""
    await page.evaluate("backwards => __kb.reset(backwards)", move != "Tab")
    visible = await page.evaluate("() => __kb.record()")
    stops: list[dict] = []
    problems: list[str] = []
    at = _at(width, move)
    presses = TAB_LIMIT + len(visible)  # a long page's every stop, and room to leave it: a trap never leaves
    for _ in range(presses):
        await page.keyboard.press(move)
        stop = await page.evaluate("() => __kb.active()")
        # Past the last stop, focus goes to the browser's own controls; where there are none, as
        # in a headless browser, it comes round to the first stop: either way it left the page.
        if stop is None or (stops and stop["key"] == stops[0]["key"]):
            break
        stops.append(stop)
    else:
        problems.append(f"focus never left the page after {presses} presses at {at}")
    for stop in stops:
        problems += stop_problems(stop, width, move=move)
    keys = [stop["key"] for stop in stops if stop["key"]]
    if len(keys) != len(set(keys)):
        problems.append(f"focus came round again before leaving the page at {at}")
    missed = [key for key in visible if key not in set(keys)]
    problems += [f"visible but never reached at {at}: {html}" for html in await page.evaluate("keys => __kb.outerHtml(keys)", missed)]
    if sum(stop["inSearch"] for stop in stops) > 1:
        problems.append(f"the closed search takes focus at {at}")
    return problems


async def walks(page, width: int, backwards: bool = True) -> list[str]:
    """A Tab walk, and a Shift+Tab walk when ``backwards``: Shift+Tab scrolls each stop into view
    from below it, where it can end under the sticky header (issue 26, failure 1)."""
    problems = await tab_walk(page, width)
    return problems + (await tab_walk(page, width, "Shift+Tab") if backwards else [])


# Issue 26, failure 5 (WCAG 2.1 SC 2.1.4): the keys Material binds to the next page (n, .), the
# previous page (p, ,) and search (s, f, /).
SHORTCUT_KEYS = ("n", ".", "p", ",", "s", "f", "/")
FOCUS_A_LINK = """() => {
  const link = [...document.querySelectorAll('.md-content a[href]')].find(a => a.checkVisibility());
  (link || document.body).focus();
  window.__focusedForKeys = document.activeElement;
}"""
WHAT_A_KEY_DID = """() => document.getElementById('__search').checked ? 'opens search'
  : document.activeElement !== window.__focusedForKeys ? 'moves focus to ' + document.activeElement.outerHTML.slice(0, 80) : ''"""


async def shortcut_problems(page) -> list[str]:
    """Each key of ``SHORTCUT_KEYS`` pressed with focus on a link of the content: none may load
    another page, open search or move focus."""
    problems = []
    navigations: list[str] = []
    listener = lambda request: request.is_navigation_request() and navigations.append(request.url)  # noqa: E731
    page.on("request", listener)
    try:
        for key in SHORTCUT_KEYS:
            url = page.url
            await page.evaluate(FOCUS_A_LINK)
            await page.keyboard.press(key)
            await page.wait_for_timeout(100)  # Material navigates at once, but not within the press
            if navigations or page.url != url:
                problems.append(f"the key {key!r} loads {navigations[0] if navigations else page.url}")
                await page.goto(url)
                navigations.clear()  # this load too
            elif did := await page.evaluate(WHAT_A_KEY_DID):
                problems.append(f"the key {key!r} {did}")
                await page.keyboard.press("Escape")
    finally:
        page.remove_listener("request", listener)
    return problems


async def _report(page, url: str, other_language: str, walk: bool = True) -> PageReport:
    """What the checks find on one page; the Tab walk only where ``walk`` asks for it."""
    requests: list[str] = []
    listener = lambda request: requests.append(request.url)  # noqa: E731 - removed again below
    page.on("request", listener)
    try:
        await page.set_viewport_size(WIDE)
        response = await page.goto(url)
        switcher = page.locator(f"a.md-select__link[hreflang={other_language}]")
        axe = {"1280": await _axe(page)}
        structure = await page.evaluate("() => __audit.structure()")
        axe_aaa = await _high_contrast_violations(page)
        structure["colourOnly"] += await page.evaluate("() => __audit.states()")  # issue 26, failure 2
        shortcuts = await shortcut_problems(page)
        keyboard = await walks(page, WIDE["width"]) if walk else []
        axe["1280 search open"] = await _search_open_violations(page)
        presentation = await page.evaluate("() => __audit.presentation()")
        await page.set_viewport_size(WIDEST)
        await page.evaluate("() => __audit.frames()")
        presentation += await page.evaluate("() => __audit.presentation()")
        await page.set_viewport_size(TABLET)  # the navigation becomes a closed drawer
        keyboard += await walks(page, TABLET["width"], backwards=False) if walk else []
        await page.set_viewport_size(PHONE)
        await page.evaluate("() => __audit.frames()")
        axe["390"] = await _axe(page)
        keyboard += await walks(page, PHONE["width"]) if walk else []
        await page.set_viewport_size(ZOOMED)
        await page.evaluate("() => __audit.frames()")
        zoom = {
            "sideways": await page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"),
            "clipped": await page.evaluate("() => __audit.clipped()"),
            "overlaps": await page.evaluate("() => __audit.overlaps()"),
        }
        keyboard += await walks(page, ZOOMED["width"]) if walk else []
        await page.set_viewport_size(NARROWEST)
        await page.evaluate("() => __audit.frames()")
        return PageReport(
            status=response.status,
            lang=await page.get_attribute("html", "lang"),
            title=await page.title(),
            switcher_lang=await switcher.get_attribute("lang"),
            switcher_href=await switcher.evaluate("a => a.href"),
            alternates=await page.evaluate(
                "() => Object.fromEntries([...document.querySelectorAll('head link[rel=alternate][hreflang]')].map(l => [l.hreflang, l.href]))"
            ),
            axe=axe,
            sideways_scroll=await page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"),
            zoom=zoom,
            structure=structure,
            keyboard=keyboard,
            shortcuts=shortcuts,
            axe_aaa=axe_aaa,
            presentation=presentation,
            requests=requests,
        )
    finally:
        page.remove_listener("request", listener)


async def _new_tab(browser):
    context = await browser.new_context()
    await context.route("**/search/search_index.json", lambda route: route.fulfill(content_type="application/json", body=EMPTY_INDEX))
    await context.add_init_script(path=str(CHECKS_SCRIPT))
    return await context.new_page()


async def _run(targets: dict, work, concurrency: int) -> dict:
    """A few tabs, each working through a shared queue with ``work(page, *target)``."""
    queue: asyncio.Queue = asyncio.Queue()
    for key, target in targets.items():
        queue.put_nowait((key, target))
    results: dict = {}
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)

        async def tab():
            page = await _new_tab(browser)
            while not queue.empty():
                key, target = queue.get_nowait()
                results[key] = await work(page, *target)
            await page.context.close()

        try:
            await asyncio.gather(*(tab() for _ in range(concurrency)))
        finally:
            await browser.close()
    return results


def _in_thread(coroutine):
    """Run ``coroutine`` in its own thread, so that its event loop never meets another's (pytest
    tests use Playwright's sync API in the same process)."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def page_reports(targets: dict, concurrency: int = 2) -> dict:
    """Open every target {key: (url, other language)} and report on each."""
    return _in_thread(_run(targets, _report, concurrency))


def html_errors(site: Path) -> list[str]:
    """Every error the Nu HTML Checker finds in the site's HTML files, as "page:line: message"."""
    java = shutil.which("java")
    if not java or not VNU_JAR.exists():
        raise AuditError("The HTML check needs Java and node_modules/vnu-jar: run `make test` or `make audit` to install them.")
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
        capture_output=True, text=True, timeout=600,
    )
    try:
        messages = json.loads(run.stderr)["messages"]
    except (ValueError, KeyError):
        raise AuditError(f"The Nu HTML Checker failed: {run.stderr[-500:]}") from None
    root = site.resolve().as_uri()
    return sorted(f"{m.get('url', '').removeprefix(root + '/')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages)


def tool_versions() -> dict[str, str]:
    """The versions of the tools whose findings the results record (all pinned by the project)."""
    from importlib.metadata import version

    def npm(name: str) -> str:
        return json.loads((PROJECT / "node_modules" / name / "package.json").read_text(encoding="utf-8"))["version"]

    return {"axe-core": npm("axe-core"), "Nu HTML Checker (vnu-jar)": npm("vnu-jar"), "Playwright": version("playwright")}


def site_pages(site: Path) -> dict[str, str]:
    """Every HTML page of a built site as {URL path: its language}: "items/01/" → "ja"."""
    from ..urls import LANGUAGE_ROOTS

    roots = sorted(LANGUAGE_ROOTS.items(), key=lambda entry: -len(entry[1]))  # "en/" before ""
    pages = {}
    for file in sorted(site.rglob("*.html")):
        path = file.relative_to(site).as_posix().removesuffix("index.html")
        pages[path] = next(language for language, root in roots if path.startswith(root))
    return pages


def other_language(language: str) -> str:
    from ..urls import LANGUAGES

    return next(other for other in LANGUAGES if other != language)


def check_site(base_url: str, pages: dict[str, str], concurrency: int = 2, walked: set[str] | None = None) -> dict[str, PageReport]:
    """Every check on every page; the Tab walk on the ``walked`` pages only, when given."""
    return page_reports({path: (base_url + path, other_language(language), walked is None or path in walked)
                         for path, language in pages.items()}, concurrency)


def tab_walk_sample(site: Path, pages: dict[str, str]) -> set[str]:
    """The longest page of each shape of address in each language (items/N/, en/part-N/chapter-N/
    …): pages of one shape come from one template, so the tests Tab through the one with the most
    stops; the audit (`make audit`) walks every page."""
    longest: dict[str, str] = {}
    for path in sorted(pages, key=lambda path: -_html_file(site, path).stat().st_size):
        longest.setdefault(re.sub(r"\d+", "N", path), path)
    return set(longest.values())


def _html_file(site: Path, path: str) -> Path:
    return site / path if path.endswith(".html") else site / path / "index.html"


def page_problems(path: str, language: str, report: PageReport, site_name: str) -> dict[str, list[str]]:
    """The findings of one page, by check, each naming the page."""
    structure = report.structure
    from ..urls import LANGUAGE_ROOTS

    home = path == LANGUAGE_ROOTS[language]
    title_ok = report.title == site_name if home else report.title.endswith(f" — {site_name}")
    found = {
        "axe": [f"{state} px: {v['id']} {v['targets']}" for state, violations in report.axe.items() for v in violations],
        "axe_aaa": [f"1280 px, high contrast: {v['id']} {v['targets']}" for v in report.axe_aaa],
        "structure": ([f"{structure['h1']} h1 elements"] if structure["h1"] != 1 else [])
        + [f"skipped heading level: {s}" for s in structure["skipped"]] + structure["tables"]
        + [f"image without a text alternative: {s}" for s in structure["unnamedImages"]],
        "titles": [] if title_ok else [f"title {report.title!r} is not “page — {site_name}”"],
        "language": ([f"lang={report.lang!r}"] if report.lang != language else [])
        + [f"Japanese not marked lang=ja: {s}" for s in structure["unmarkedJapanese"]],
        "zoom": ([f"scrolls sideways by {report.zoom['sideways']} px"] if report.zoom["sideways"] > 0 else [])
        + [f"cut off: {s}" for s in report.zoom["clipped"]] + [f"overlap: {s}" for s in report.zoom["overlaps"]],
        "reflow": [f"scrolls sideways by {report.sideways_scroll} px at 320 px"] if report.sideways_scroll > 0 else [],
        "keyboard": report.keyboard,
        "shortcuts": report.shortcuts,
        "presentation": report.presentation,
        "colour": structure["colourOnly"],
        "links": structure["links"],
        "media": [f"{structure['media']} audio, video or moving elements"] if structure["media"] else [],
    }
    return {check: [f"/{path}: {problem}" for problem in problems] for check, problems in found.items()}


def criterion_order(criterion: str) -> tuple[int, ...]:
    """"1.4.3" before "1.4.10"."""
    return tuple(int(part) for part in criterion.split("."))


def summarize(reports: dict[str, PageReport], pages: dict[str, str], html: list[str], site_names: dict[str, str],
              axe_rules: dict[str, dict[str, list[str]]], tools: dict[str, str]) -> dict:
    """The findings of the whole site: problems per check (duplicate titles included), and for
    each run of axe (``axe_rules``, as ``axe_rules()`` gives them) and each success criterion the
    rules that test it and those that failed on some page. No dates or machine details, so that the
    same site always gives the same summary."""
    checks: dict[str, list[str]] = {**{run: [] for run in AXE_RUNS}, **{check: [] for check in CHECK_CRITERIA}, "html": list(html)}
    titles: dict[tuple[str, str], list[str]] = {}
    failed_rules: dict[str, set[str]] = {run: set() for run in AXE_RUNS}
    for path, language in pages.items():
        report = reports[path]
        for check, problems in page_problems(path, language, report, site_names[language]).items():
            checks[check] += problems
        titles.setdefault((language, report.title), []).append(path)
        failed_rules["axe"] |= {violation["id"] for violations in report.axe.values() for violation in violations}
        failed_rules["axe_aaa"] |= {violation["id"] for violation in report.axe_aaa}
    checks["titles"] += [f"same title {title!r} on {', '.join(paths)}" for (_, title), paths in titles.items() if len(paths) > 1]
    return {
        "tools": tools,
        "pages": sorted(pages),
        "checks": checks,
        **{key: _rules_found(axe_rules.get(run, {}), failed_rules[run]) for run, key in AXE_RUNS.items()},
    }


def _rules_found(rules_by_criterion: dict[str, list[str]], failed_rules: set[str]) -> dict:
    """For each criterion, in order, the rules of one run of axe that test it and those that failed."""
    return {
        criterion: {"rules": rules, "failed": [rule for rule in rules if rule in failed_rules]}
        for criterion, rules in sorted(rules_by_criterion.items(), key=lambda entry: criterion_order(entry[0]))
    }


async def _rules_by_criterion(page) -> dict[str, dict[str, list[str]]]:
    await page.add_script_tag(path=str(AXE_SCRIPT))
    return {run: _by_criterion(await page.evaluate("tags => axe.getRules(tags)", tags)) for run, tags in AXE_RUN_TAGS.items()}


def _by_criterion(rules: list[dict]) -> dict[str, list[str]]:
    by_criterion: dict[str, list[str]] = {}
    for rule in rules:
        for tag in rule["tags"]:
            if match := _AXE_CRITERION_TAG.match(tag):
                by_criterion.setdefault(".".join(match.groups()), []).append(rule["ruleId"])
    return {criterion: sorted(rules) for criterion, rules in by_criterion.items()}


def axe_rules() -> dict[str, dict[str, list[str]]]:
    """The rules of each run of axe in the audit, by the success criterion each tests:
    {"axe": {"1.4.3": [...]}, "axe_aaa": {"1.4.6": ["color-contrast-enhanced"]}}."""
    return _in_thread(_run({"rules": ()}, _rules_by_criterion, 1))["rules"]


def browser_version() -> str:
    run = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=60)
    return run.stdout.strip() or "Chromium"


def write_results(summary: dict, path: Path) -> None:
    """The results file: the summary, dated, with the browser it ran in (left out of the summary
    because the Debian package is updated under the project)."""
    from datetime import date

    results = {"date": date.today().isoformat(), "browser": browser_version(), **summary}
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def audit(site: Path, site_names: dict[str, str]) -> dict:
    """Run every automated check over a built site; returns the summary."""
    pages = site_pages(site)
    with serve(site) as base_url:
        reports = check_site(base_url, pages)
    return summarize(reports, pages, html_errors(site), site_names, axe_rules(), tool_versions())
