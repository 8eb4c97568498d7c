"""Observations behind the manual checks of content/accessibility/manual-checks.yaml.

Run against a built and served site, to record or repeat a manual check:

    python -m tests.manual.observe http://127.0.0.1:8000/ [criterion ...]

It prints what it observed per criterion (counts, pages, what was seen), which a person reads,
judges and writes into a record's ``evidence``. It decides nothing by itself: criteria that a
tool settles are in criteria.yaml ``decided_by`` and in the audit (planpub/qa/audit.py).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from tests.browser import chromium

# A sample of the page types, in both languages (the audit covers all pages; these are read by hand).
PAGES = ["", "part-1/chapter-1/", "items/15/", "initiatives/01/", "roadmap/", "indicators/", "glossary/",
         "years/2024/", "downloads/", "accessibility/results/", "404.html"]
SAMPLE = PAGES + [f"en/{path}" for path in PAGES]
TEXT_SPACING = "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
SCRIPTS = Path(__file__).with_name("observe.js")


def opened(browser, base: str, path: str, **options):
    context = browser.new_context(viewport=options.pop("viewport", {"width": 1280, "height": 800}), **options)
    page = context.new_page()
    page.add_init_script(path=str(SCRIPTS))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    return context, page


def each_page(browser, base: str, pages, probe, **options) -> dict:
    found = {}
    for path in pages:
        context, page = opened(browser, base, path, **options)
        try:
            found["/" + path] = probe(page)
        finally:
            context.close()
    return found


def tree_roles(page) -> dict:
    """Roles in the accessibility tree (Playwright's ARIA snapshot) and the unnamed ones."""
    snapshot = page.locator("body").aria_snapshot()
    roles = re.findall(r"^\s*- (\w+)( \"[^\"]*\")?", snapshot, re.M)
    counts: dict[str, int] = {}
    unnamed: dict[str, int] = {}
    for role, name in roles:
        counts[role] = counts.get(role, 0) + 1
        if not name and role in ("link", "button", "img", "textbox", "combobox", "table", "dialog", "navigation"):
            unnamed[role] = unnamed.get(role, 0) + 1
    return {"roles": {r: counts[r] for r in sorted(counts)}, "unnamed": unnamed}


def walk(page, key: str, limit: int = 400) -> list[dict]:
    """Press ``key`` until focus comes back round; each stop as __obs.focused() sees it."""
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        stop = page.evaluate("() => __obs.focused()")
        if stop is None or (stops and stop["path"] == stops[0]["path"]):
            break
        stops.append(stop)
    return stops


def keyboard_both_ways(browser, base: str) -> dict:
    found = {}
    for path in ["roadmap/", "items/15/", "en/items/15/"]:
        for zoom, viewport in (("1280", {"width": 1280, "height": 800}), ("200%", {"width": 640, "height": 400})):
            context, page = opened(browser, base, path, viewport=viewport)
            forwards = walk(page, "Tab")
            backwards = walk(page, "Shift+Tab")
            found[f"/{path} {zoom}"] = {
                "tab stops": len(forwards), "shift+tab stops": len(backwards),
                "hidden under header (tab)": sum(s["underHeader"] for s in forwards),
                "hidden under header (shift+tab)": sum(s["underHeader"] for s in backwards),
                "url changed": page.url != base + path,
            }
            context.close()
    return found


def search_by_keyboard(browser, base: str) -> dict:
    """Tab to the search field, type, then Tab (and ArrowDown) as a keyboard user would."""
    found = {}
    for key in ("Tab", "ArrowDown"):
        context, page = opened(browser, base, "")
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.matches('.md-search__input')"):
                break
        page.keyboard.type("DX")
        page.wait_for_timeout(1500)
        found["field"] = page.evaluate("() => __obs.describe(document.activeElement)")
        found["status"] = page.evaluate("() => [...document.querySelectorAll('[role=status]')].map(e => e.textContent.trim()).filter(Boolean)")
        found["results listed"] = page.locator(".md-search-result__link").count()
        found["search dialog role"] = page.evaluate("() => document.getElementById('__search_dialog')?.getAttribute('role')")
        page.keyboard.press(key)
        found[f"after {key}"] = page.evaluate("() => ({focus: __obs.describe(document.activeElement), inResults: !!document.activeElement.closest('.md-search-result'), searchOpen: document.getElementById('__search').checked})")
        context.close()
    return found


def shortcuts(browser, base: str) -> dict:
    found = {}
    for key in ["n", "p", ".", ",", "s", "f", "/"]:
        context, page = opened(browser, base, "items/15/")
        page.locator(".md-content a").first.focus()
        page.keyboard.press(key)
        page.wait_for_timeout(500)
        found[key] = {"url": page.url.removeprefix(base), "search open": page.evaluate("() => document.getElementById('__search').checked")}
        context.close()
    return found


def filter_by_keyboard(page) -> dict:
    """3.2.2, 4.1.3: change the year filter of the roadmap with ArrowDown."""
    page.locator("select").nth(2).focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    return page.evaluate("""() => ({status: document.querySelector('.plan-roadmap-filter [role=status]').textContent,
        shown: document.querySelectorAll('tbody[data-subject]:not([hidden])').length, total: document.querySelectorAll('tbody[data-subject]').length,
        focus: document.activeElement.tagName, address: location.pathname})""")


def menu_and_pointer(browser, base: str) -> dict:
    """2.1.1: the menu by Enter and Esc at 390 px; 2.5.2: press, move away, release on the menu
    button and on a link; 1.4.13: the language list under the pointer."""
    context, page = opened(browser, base, "items/15/", viewport={"width": 390, "height": 800})
    button = page.locator("[data-a11y-drawer-open]")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    found = {"menu after Enter": {"expanded": button.get_attribute("aria-expanded"), "focus": page.evaluate("() => __obs.describe(document.activeElement)")}}
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)
    found["menu after Esc"] = {"expanded": button.get_attribute("aria-expanded"), "focus": page.evaluate("() => __obs.describe(document.activeElement)")}
    for name, target in (("menu button", button), ("content link", page.locator(".md-content a").first)):
        box = target.bounding_box()
        page.mouse.move(box["x"] + 3, box["y"] + 3)
        page.mouse.down()
        page.mouse.move(200, 700)
        page.mouse.up()
        page.wait_for_timeout(400)
        found[f"{name}: pressed, moved away, released"] = {"menu open": page.evaluate("() => document.getElementById('__drawer').checked"), "address": page.url.removeprefix(base)}
    context.close()
    context, page = opened(browser, base, "items/15/")
    page.locator("[aria-controls=__language_list]").hover()
    page.wait_for_timeout(400)
    found["language list height under the pointer"] = page.evaluate("() => document.querySelector('.md-select__inner').getBoundingClientRect().height")
    context.close()
    return found


def glossary_links(page) -> dict:
    return page.evaluate("() => __obs.sameTextOtherTargets()")


def text_spacing(page) -> dict:
    page.add_style_tag(content=TEXT_SPACING)
    page.wait_for_timeout(300)
    return page.evaluate("() => __obs.clipped()")


def forced_colours(page) -> dict:
    return page.evaluate("() => __obs.invisibleIcons()")


def orientation(browser, base: str) -> dict:
    found = {}
    for name, viewport in (("portrait 390x844", {"width": 390, "height": 844}), ("landscape 844x390", {"width": 844, "height": 390})):
        context, page = opened(browser, base, "items/15/", viewport=viewport)
        found[name] = page.evaluate("() => ({scrollWidth: document.documentElement.scrollWidth, width: innerWidth, h1: document.querySelector('h1').getBoundingClientRect().width > 0})")
        context.close()
    return found


def no_javascript(browser, base: str) -> dict:
    return each_page(browser, base, ["", "roadmap/", "items/15/", "en/glossary/"],
                     lambda page: page.evaluate("() => ({links: document.querySelectorAll('main a[href]').length, navLinks: document.querySelectorAll('.md-nav a[href]').length, h1: document.querySelector('h1')?.textContent.trim(), filterShown: !!document.querySelector('.plan-roadmap-filter:not([hidden])')})"),
                     java_script_enabled=False)


# In-page observations made on every page of SAMPLE, in one visit each: criteria → __obs function.
IN_PAGE = {
    "1.1.1 non-text": "nonText", "1.3.2 order": "readingOrder", "1.3.3 sensory": "sensoryWords",
    "1.4.5 images": "imagesOfText", "2.2.2 2.3.1 motion": "moving", "2.4.1 bypass": "bypass",
    "2.4.6 headings": "headings", "2.5.3 label in name": "labelInName", "3.2.3 3.2.4 consistency": "chrome",
    "3.1.2 parts": "unmarkedJapanese",
    # Issue 27, level AAA
    "2.4.8 location": "location", "2.4.9 link names": "linkNames", "2.4.10 sections": "sections",
    "2.2.4 2.2.5 3.2.5 2.1.3 changes": "changesOfContext", "3.3.5 help": "help", "3.1.3 terms": "terms",
    "3.1.4 abbreviations": "abbreviations", "3.1.5 in brief": "inBrief",
}


def in_page(browser, base: str, wanted: list[str]) -> dict:
    names = {criteria: function for criteria, function in IN_PAGE.items() if not wanted or any(w in criteria for w in wanted)}
    calls = ", ".join(f"{json.dumps(criteria)}: __obs.{function}()" for criteria, function in names.items())
    return each_page(browser, base, SAMPLE, lambda page: page.evaluate(f"() => ({{{calls}}})")) if names else {}


FURIGANA = """() => {
  const content = document.querySelector(".md-content");
  const bases = [...content.querySelectorAll("ruby.furigana")];
  const kanji = /[\u3005\u4e00-\u9fff]/g;
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  let bare = 0;
  for (let node; (node = walker.nextNode());) if (!node.parentElement.closest("ruby, svg, script, [lang=en]")) bare += (node.data.match(kanji) || []).length;
  return { rubies: bases.length, kanjiWithReading: bases.reduce((n, el) => n + (el.firstChild.data.match(kanji) || []).length, 0), kanjiWithout: bare,
           sample: bases.slice(0, 6).map(el => el.firstChild.data + "=" + el.querySelector("rt").dataset.reading) };
}"""


def furigana(page) -> dict:
    """3.1.6: the ふりがな button pressed: the readings shown in the content, and the kanji left bare."""
    button = page.locator("[data-plan-furigana]")
    button.click()
    page.wait_for_selector(".md-content ruby.furigana", state="attached")
    return {"pressed": button.get_attribute("aria-pressed"), **page.evaluate(FURIGANA)}


def observations(browser, base: str, wanted: list[str]) -> dict:
    on = lambda expression: (lambda page: page.evaluate(f"() => {expression}"))  # noqa: E731
    return {
        "1.1.1 1.3.1 4.1.2 tree": lambda: each_page(browser, base, SAMPLE, tree_roles),
        "per page": lambda: in_page(browser, base, wanted),
        "1.4.1 states": lambda: each_page(browser, base, ["part-1/chapter-1/", "en/roadmap/"], on("__obs.stateColours()")),
        "1.4.3 1.4.11 contrast": lambda: each_page(browser, base, ["indicators/", "items/15/", "en/progress/", "roadmap/"], on("__obs.contrasts()")),
        "1.4.6 high contrast": lambda: each_page(browser, base, ["indicators/", "items/15/", "en/progress/", "roadmap/", "en/indicators/"],
                                                on("(document.documentElement.dataset.contrast = 'high', __obs.contrasts())")),
        "3.1.6 furigana": lambda: each_page(browser, base, [path for path in PAGES if path != "404.html"] + ["404.html"], furigana),
        "1.4.12 text spacing": lambda: each_page(browser, base, ["items/15/", "en/items/15/", "roadmap/", "en/indicators/"], text_spacing),
        "1.4.13 hover": lambda: each_page(browser, base, ["items/15/", "roadmap/"], on("__obs.hoverContent()")),
        "forced colours": lambda: each_page(browser, base, ["items/15/", "en/part-1/"], forced_colours, forced_colors="active"),
        "1.3.4 orientation": lambda: orientation(browser, base),
        "2.1.4 shortcuts": lambda: shortcuts(browser, base),
        "2.4.4 link purpose": lambda: each_page(browser, base, ["part-1/chapter-1/", "en/part-1/chapter-1/", "items/15/", "en/items/15/"], glossary_links),
        "2.4.5 ways": lambda: each_page(browser, base, ["", "en/"], on("__obs.ways()")),
        "2.4.7 2.4.3 keyboard": lambda: keyboard_both_ways(browser, base),
        "2.4.2 titles": lambda: each_page(browser, base, ["", "items/15/", "roadmap/", "glossary/", "404.html", "en/", "en/items/15/", "en/404.html"],
                                         on("({title: document.title, h1: document.querySelector('h1').textContent.trim()})")),
        "3.2.2 4.1.3 filter": lambda: each_page(browser, base, ["roadmap/", "en/roadmap/"], filter_by_keyboard),
        "2.1.1 2.5.2 1.4.13 menu and pointer": lambda: menu_and_pointer(browser, base),
        "3.3.2 labels": lambda: each_page(browser, base, ["", "roadmap/", "en/roadmap/"], on("__obs.fields()")),
        "4.1.2 4.1.3 search": lambda: search_by_keyboard(browser, base),
        "no javascript": lambda: no_javascript(browser, base),
    }


def main(base: str, wanted: list[str]) -> None:
    with chromium() as browser:
        for name, observe in observations(browser, base, wanted).items():
            if not wanted or name == "per page" or any(w in name for w in wanted):
                if found := observe():
                    print(f"## {name}\n{json.dumps(found, ensure_ascii=False, indent=1)}\n", flush=True)


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") + "/", sys.argv[2:])
