"""Option b: Pagefind (extended build, which segments Chinese and Japanese at index time).

Copies the built site, marks each page's <article class="md-content__inner"> with
data-pagefind-body (what a theme override in theme/main.html would do: without it Pagefind also
indexes the navigation, header and footer, so every nav title matches on every page; 404.html is
left unmarked and so not indexed), runs Pagefind on the copy, then runs the queries through
Pagefind's own pagefind.js (its browser API, with Intl.Segmenter query segmentation) in Node via
pagefind_harness.mjs. browser_check.py confirms in Chromium.

Setup (benchmark-only venv, not the project's):
    python3 -m venv /tmp/searchbench/venv
    /tmp/searchbench/venv/bin/pip install 'pagefind[extended]' pyyaml
Run: cd /work/main && .venv/bin/python bench/search/pagefind_option.py [--no-body-marker]
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common

HARNESS = common.HERE / "pagefind_harness.mjs"
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')


def prepare(site: Path, target: Path, body_marker: bool = True) -> None:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(site, target)
    if not body_marker:
        return
    for page in target.rglob("*.html"):
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        page.write_text(ARTICLE.sub('<article class="md-content__inner md-typeset" data-pagefind-body', html, count=1), encoding="utf-8")


def index(target: Path) -> tuple[float, str]:
    python = common.extra_python()
    started = time.monotonic()
    out = subprocess.run([str(python), "-m", "pagefind", "--site", str(target), "--output-subdir", "pagefind"],
                         capture_output=True, text=True, check=True)
    return time.monotonic() - started, out.stdout


def sizes(target: Path) -> dict:
    bundle = target / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    fragments = {}
    # fragments are shared in one folder; attribute them by the page URL inside each fragment is
    # costly, so report the folder totals plus each language's meta file.
    out = {"bundle_total_bytes": common.dir_size(bundle),
           "index_chunks_bytes": common.dir_size(bundle / "index"),
           "fragments_bytes": common.dir_size(bundle / "fragment"),
           "files": sum(1 for p in bundle.rglob("*") if p.is_file()),
           "languages": {lang: {"pages": info["page_count"], "wasm": info["wasm"],
                                "meta_bytes": (bundle / f"pagefind.{info['hash']}.pf_meta").stat().st_size}
                         for lang, info in entry["languages"].items()},
           "js_ui_bytes": {p.name: p.stat().st_size for p in sorted(bundle.glob("*.js"))},
           "wasm_bytes": {p.name: p.stat().st_size for p in sorted(bundle.glob("wasm.*"))}}
    del fragments
    return out


def run_queries(target: Path, lang: str, query_list: list[str]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(query_list, handle, ensure_ascii=False)
    out = subprocess.run(["node", str(HARNESS), str(target), lang, handle.name], capture_output=True, text=True, check=True)
    Path(handle.name).unlink()
    return json.loads(out.stdout)


def main() -> None:
    body_marker = "--no-body-marker" not in sys.argv
    option = "b_pagefind" if body_marker else "b_pagefind_no_body_marker"
    site = common.ensure_site()
    target = common.WORK / option / "site"
    prepare(site, target, body_marker)
    seconds, log = index(target)
    print(log.strip().splitlines()[-12:], file=sys.stderr)
    rows, facts = [], {"index_seconds": round(seconds, 2), "sizes": sizes(target)}
    for lang in ("ja", "en"):
        data = run_queries(target, lang, [q["query"] for q in common.queries(lang, probes=True)])
        results = {q: r["urls"] for q, r in data["results"].items()}
        # a result outside its language's root would mean the indexes are mixed
        foreign = [u for r in results.values() for u in r if (u.startswith("/en/") != (lang == "en"))]
        rows += common.score(results, lang)
        facts[lang] = {"setup_ms_node": data["setup_ms"], "bytes_fetched_for_all_queries": data["fetched_bytes"],
                       "results_outside_own_language": len(foreign)}
    facts["build_seconds_added"] = round(seconds, 2)
    common.report(option, rows, facts)


if __name__ == "__main__":
    main()
