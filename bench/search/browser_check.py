"""Runs the queries in headless Chromium through the real search UIs, and checks them with axe.

  a   Material's stock search (the built site as it is): types each query in the search field
      and reads the result list (Material shows 10 results, then more as the list scrolls).
  b   Pagefind: pagefind.js's search() in a page of the site (so the language comes from the
      page's <html lang>), plus its default UI (PagefindUI) on a test page for axe and keyboard.
  c2  Material's UI with the Japanese index segmented by Sudachi and search_ja_worker.js in place
      of the stock worker (file renamed, no template change), typed in the search field as in a.

Needs: the site and option folders made by lunr_material.py, pagefind_option.py and
segment_option.py (run them first), /usr/bin/chromium, Playwright (in the project's .venv) and
node_modules/axe-core (npm ci). Serves each folder on 127.0.0.1 with python -m http.server.
Run: cd /work/main && .venv/bin/python bench/search/browser_check.py [a] [b] [c2]
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

import common

AXE = common.PROJECT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@contextlib.contextmanager
def serve(directory: Path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(directory)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"]), "help": v["help"]} for v in result["violations"]]


def material_queries(page, base: str, lang: str) -> tuple[dict, list[dict], list[str]]:
    page.goto(f"{base}/{common.LANG_ROOT[lang]}")
    field = page.locator("input.md-search__input")
    page.locator("label.md-search__icon, label[for=__search]").first.wait_for(state="attached")
    page.evaluate("document.getElementById('__search').click()")
    field.wait_for(state="visible")
    meta = page.locator(".md-search-result__meta")
    results = {}
    for q in common.queries(lang, probes=True):
        field.fill("")
        field.fill(q["query"])
        field.press("End")
        page.wait_for_function(
            """() => { const m = document.querySelector('.md-search-result__meta');
                       return m && !/初期化|Initializing/.test(m.textContent) }""", timeout=20000)
        page.wait_for_timeout(350)
        links = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link",
                                          "els => els.map(a => a.getAttribute('href'))")
        results[q["query"]] = [link_path(base, lang, href) for href in links]
    # axe and a short keyboard walk with the last query's results open
    field.fill(common.queries(lang)[0]["query"])
    field.press("End")
    page.wait_for_timeout(800)
    violations = axe(page)
    field.focus()
    tab = []
    for _ in range(4):
        page.keyboard.press("Tab")
        tab.append(page.evaluate("() => { const e = document.activeElement; return e.tagName + (e.className ? '.' + String(e.className).split(' ')[0] : '') + ' ' + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30) }"))
    status = page.eval_on_selector("[data-a11y-search-status]", "e => e.textContent") if page.locator("[data-a11y-search-status]").count() else None
    return results, violations, tab + [f"live region: {status!r}", f"meta: {meta.text_content()!r}"]


def link_path(base: str, lang: str, href: str) -> str:
    href = re.sub(r"^https?://[^/]+", "", href)
    return common.normalize(href.lstrip("./").replace("../", "") if not href.startswith("/") else href)


def check_material(option: str, site: Path, browser) -> dict:
    out = {"option": option, "rows": [], "axe": {}, "keyboard": {}}
    with serve(site) as base:
        for lang in ("ja", "en"):
            page = browser.new_page()
            results, violations, tab = material_queries(page, base, lang)
            out["rows"] += common.score(results, lang)
            out["axe"][lang] = violations
            out["keyboard"][lang] = tab
            page.close()
    return out


PAGEFIND_TEST = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title><link href="{root}pagefind/pagefind-ui.css" rel="stylesheet"></head>
<body><main><h1>{title}</h1><div id="search"></div></main>
<script src="{root}pagefind/pagefind-ui.js"></script>
<script>new PagefindUI({{ element: "#search", showSubResults: true, bundlePath: "{root}pagefind/" }})</script>
</body></html>
"""


COMPONENT_TEST = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title><link href="/pagefind/pagefind-component-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-component-ui.js"></script></head>
<body><header><pagefind-modal-trigger></pagefind-modal-trigger></header>
<main><h1>{title}</h1><pagefind-input></pagefind-input><pagefind-summary></pagefind-summary><pagefind-results></pagefind-results></main>
<pagefind-modal></pagefind-modal>
</body></html>
"""


def check_component_ui(page, base: str, lang: str, query: str) -> dict:
    """Pagefind 1.5's Component UI: the inline searchbox (input, summary, results), then the
    modal opened from its trigger by keyboard; axe on each, and what a screen reader is told."""
    out = {}
    page.goto(f"{base}/{common.LANG_ROOT[lang]}pagefind-component/")
    field = page.locator("pagefind-input input").first
    field.wait_for(state="visible", timeout=15000)
    field.click()
    page.keyboard.type(query)
    page.wait_for_timeout(1500)
    out["inline_results"] = page.locator("pagefind-results a").count()
    out["inline_axe"] = axe(page)
    out["live_regions"] = page.evaluate("() => [...document.querySelectorAll('[aria-live],[role=status]')].map(e => e.tagName + ' ' + (e.getAttribute('aria-live') || e.getAttribute('role')) + ': ' + e.textContent.trim().slice(0, 60))")
    out["input"] = page.evaluate("() => { const i = document.querySelector('pagefind-input input'); return i && i.outerHTML.slice(0, 300) }")
    # keyboard: open the modal from its trigger, type, arrow/Tab into the results, Escape
    page.goto(f"{base}/{common.LANG_ROOT[lang]}pagefind-component/")
    page.wait_for_timeout(500)
    page.keyboard.press("Tab")
    out["first_tab"] = page.evaluate("() => document.activeElement.outerHTML.slice(0, 160)")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    out["modal_open"] = page.evaluate("() => !!document.querySelector('dialog[open]')")
    page.keyboard.type(query)
    page.wait_for_timeout(1500)
    out["modal_axe"] = axe(page)
    keys = []
    for key in ("ArrowDown", "Tab", "Tab"):
        page.keyboard.press(key)
        keys.append(key + " → " + page.evaluate("() => { let e = document.activeElement; while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement; return e.tagName + ' ' + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30) }"))
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    keys.append("Escape → modal open: " + str(page.evaluate("() => !!document.querySelector('dialog[open]')")) + ", focus on " + page.evaluate("() => document.activeElement.tagName"))
    out["keyboard"] = keys
    return out


def check_pagefind(site: Path, browser) -> dict:
    out = {"option": "b_pagefind", "rows": [], "axe": {}, "keyboard": {}, "ui": {}}
    for lang, root, title in (("ja", "/", "検索"), ("en", "/en/", "Search")):
        folder = site / root.strip("/") / "pagefind-check"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(PAGEFIND_TEST.format(lang=lang, root="/", title=title), encoding="utf-8")
        folder = site / root.strip("/") / "pagefind-component"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(COMPONENT_TEST.format(lang=lang, title=title), encoding="utf-8")
    with serve(site) as base:
        for lang in ("ja", "en"):
            page = browser.new_page()
            page.goto(f"{base}/{common.LANG_ROOT[lang]}pagefind-check/")
            results = page.evaluate("""async queries => {
                const pagefind = await import('/pagefind/pagefind.js');
                await pagefind.options({ basePath: '/pagefind/' });
                const out = {};
                for (const q of queries) {
                    const found = await pagefind.search(q);
                    out[q] = await Promise.all(found.results.slice(0, 30).map(async r => (await r.data()).url));
                }
                return out }""", [q["query"] for q in common.queries(lang, probes=True)])
            out["rows"] += common.score(results, lang)
            # default UI: type a query, then axe and the Tab order
            field = page.locator(".pagefind-ui__search-input")
            field.click()
            page.keyboard.type(common.queries(lang)[0]["query"])
            page.wait_for_selector(".pagefind-ui__result", timeout=15000)
            page.wait_for_timeout(800)
            out["axe"][lang] = axe(page)
            tab = []
            for _ in range(5):
                page.keyboard.press("Tab")
                tab.append(page.evaluate("() => { const e = document.activeElement; return e.tagName + '.' + String(e.className).split(' ')[0] + ' ' + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30) }"))
            out["keyboard"][lang] = tab
            out["ui"][lang] = page.evaluate("""() => ({
                live_regions: [...document.querySelectorAll('[aria-live],[role=status]')].map(e => e.outerHTML.slice(0, 160)),
                message: document.querySelector('.pagefind-ui__message')?.outerHTML.slice(0, 200),
                input: document.querySelector('.pagefind-ui__search-input')?.outerHTML.slice(0, 300) })""")
            out.setdefault("component_ui", {})[lang] = check_component_ui(page, base, lang, common.queries(lang)[0]["query"])
            page.close()
    return out


def c2_site() -> Path:
    """The built site with the Sudachi-segmented Japanese index and the wrapper worker."""
    source = common.WORK / "c2_sudachi_vocab" / "site" / "search" / "search_index.json"
    if not source.exists():
        sys.exit("run segment_option.py c2_sudachi_vocab first")
    target = common.WORK / "c2_browser" / "site"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(common.SITE, target)
    shutil.copy(source, target / "search" / "search_index.json")
    workers = target / "assets" / "javascripts" / "workers"
    for stock in workers.glob("search.*.min.js"):
        renamed = stock.with_name(stock.name.replace(".min.js", ".material.js"))
        stock.rename(renamed)
        wrapper = (common.HERE.parents[1] / "planpub" / "assets" / "search_ja_worker.js").read_text(encoding="utf-8")
        stock.write_text(f'self.MATERIAL_WORKER = "{renamed.name}"\n' + wrapper, encoding="utf-8")
    # en/ has its own assets/ and keeps the stock worker
    return target


def main() -> None:
    wanted = sys.argv[1:] or ["a", "b", "c2"]
    common.ensure_site()
    out_dir = common.RESULTS
    out_dir.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
        for option in wanted:
            started = time.monotonic()
            if option == "a":
                out = check_material("a_lunr_material", common.SITE, browser)
            elif option == "b":
                out = check_pagefind(common.WORK / "b_pagefind" / "site", browser)
            elif option == "c2":
                out = check_material("c2_sudachi_vocab", c2_site(), browser)
            else:
                sys.exit(f"unknown option {option}")
            out["seconds"] = round(time.monotonic() - started, 1)
            for lang in ("ja", "en"):
                mine = [r for r in out["rows"] if r["lang"] == lang and r["set"] == "main"]
                probes = [r for r in out["rows"] if r["lang"] == lang and r["set"] == "probe"]
                print(f"browser {out['option']} {lang}: found {sum(r['found'] for r in mine)}/{len(mine)} in top {common.TOP}"
                      + (f", probes {sum(r['found'] for r in probes)}/{len(probes)}" if probes else "")
                      + f"; axe violations: {[v['id'] for v in out['axe'][lang]]}")
                mine += probes
                print("   misses:", [(r["query"], r["rank"]) for r in mine if not r["found"]])
                print("   tab:", out["keyboard"][lang])
                if "component_ui" in out:
                    print("   component UI:", json.dumps(out["component_ui"][lang], ensure_ascii=False)[:1500])
            (out_dir / f"browser_{out['option']}.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        browser.close()


if __name__ == "__main__":
    main()
