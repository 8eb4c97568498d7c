"""Shared helpers for the search benchmark scripts in bench/search/.

Each option script builds (or reuses) the site, runs the queries of tests/fixtures/search_queries.yaml against its search
engine, and calls `report()` to print a per-query table and write results/<option>.json, which
summarize.py turns into the table in REPORT.md.

A query counts as FOUND when its expected page is among the first 10 result pages, which is what
Material shows before the reader scrolls (Pagefind's default UI shows 5, then a "load more"
button); the rank and the total number of result pages are recorded too.

Environment: SEARCHBENCH_DIR (default /tmp/searchbench) holds the built site (site/), the extra
venv (venv/) and each option's working copy.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
QUERIES = PROJECT / "tests" / "fixtures"  # the queries the tests run too
WORKER_HARNESS = PROJECT / "tests" / "search_worker.js"  # runs Material's real worker in Node
WORK = Path(os.environ.get("SEARCHBENCH_DIR", "/tmp/searchbench"))
SITE = WORK / "site"
VENV = WORK / "venv"
RESULTS = HERE / "results"
TOP = 10
LANG_ROOT = {"ja": "", "en": "en/"}


def queries(lang: str | None = None, probes: bool = False) -> list[dict]:
    """tests/fixtures/search_queries.yaml (the benchmark), or with probes=True also search_probes.yaml (scored apart)."""
    items = [{**q, "set": "main"} for q in yaml.safe_load((QUERIES / "search_queries.yaml").read_text(encoding="utf-8"))]
    if probes:
        items += [{**q, "set": "probe"} for q in yaml.safe_load((QUERIES / "search_probes.yaml").read_text(encoding="utf-8"))]
    return [q for q in items if lang is None or q["lang"] == lang]


def ensure_site(rebuild: bool = False) -> Path:
    """Build the project site into SITE once (about 10-20 s); later runs reuse it."""
    if rebuild or not (SITE / "search" / "search_index.json").exists():
        started = time.monotonic()
        subprocess.run([sys.executable, "build.py", "build", "--out", str(SITE)], cwd=PROJECT, check=True)
        print(f"built site in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return SITE


def extra_python() -> Path:
    """The separate venv with the benchmark-only packages (see README lines of each script)."""
    python = VENV / "bin" / "python"
    if not python.exists():
        sys.exit(f"{python} is missing: python3 -m venv {VENV} && {VENV}/bin/pip install "
                 "'pagefind[extended]' sudachipy sudachidict-core janome fugashi unidic-lite pyyaml")
    return python


def dir_size(path: Path, pattern: str = "**/*") -> int:
    return sum(p.stat().st_size for p in path.glob(pattern) if p.is_file())


def normalize(page: str) -> str:
    """'/en/items/04/index.html#x' or 'items/04/' → 'items/04/' (relative to its language root)."""
    page = page.split("#")[0].split("?")[0]
    page = page.removesuffix("index.html")
    for prefix in ("/en/", "en/", "/"):
        if page.startswith(prefix):
            page = page[len(prefix):]
            break
    return page


_TEXTS: dict[str, dict[str, str]] = {}


def page_texts(lang: str) -> dict[str, str]:
    """Page → its words as indexed (titles and text of the stock search_index.json, tags removed),
    lower-cased: the ground truth for 'which pages contain this query literally'."""
    if lang not in _TEXTS:
        index = json.loads((SITE / LANG_ROOT[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
        texts: dict[str, str] = {}
        for doc in index["docs"]:
            page = doc["location"].split("#")[0]
            texts[page] = texts.get(page, "") + " " + doc["title"] + " " + html.unescape(re.sub(r"<[^>]+>", "", doc["text"]))
        _TEXTS[lang] = {page: text.lower() for page, text in texts.items()}
    return _TEXTS[lang]


def score(results: dict[str, list[str]], lang: str) -> list[dict]:
    """results: query → ordered list of result pages (relative to the language root).
    recall: of the pages that contain the query literally, the share among the results (None when
    no page has it literally, e.g. 手続き)."""
    rows = []
    for q in queries(lang, probes=True):
        pages = [normalize(p) for p in results.get(q["query"], [])]
        rank = pages.index(q["expect"]) + 1 if q["expect"] in pages else None
        literal = {p for p, text in page_texts(lang).items() if q["query"].lower() in text}
        recall = round(len(literal & set(pages)) / len(literal), 2) if literal else None
        rows.append({**q, "rank": rank, "count": len(pages), "found": rank is not None and rank <= TOP,
                     "literal_pages": len(literal), "recall": recall, "top": pages[:3]})
    return rows


def report(option: str, rows: list[dict], facts: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    summary = {}
    for lang, kind in (("ja", "main"), ("en", "main"), ("ja", "probe")):
        mine = [r for r in rows if r["lang"] == lang and r["set"] == kind]
        recalls = [r["recall"] for r in mine if r["recall"] is not None]
        summary[lang if kind == "main" else f"{lang}_probes"] = {
            "found": sum(r["found"] for r in mine), "anywhere": sum(r["rank"] is not None for r in mine), "total": len(mine),
            "mean_recall": round(sum(recalls) / len(recalls), 2) if recalls else None}
    out = {"option": option, "summary": summary, "facts": facts, "rows": rows}
    (RESULTS / f"{option}.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    for r in rows:
        mark = "ok  " if r["found"] else "MISS"
        print(f"{mark} {r['lang']}{'?' if r['set'] == 'probe' else ' '}{r['query']:<22} expect {r['expect']:<16} rank {r['rank']!s:<5} of {r['count']:<3} recall {r['recall']!s:<4} of {r['literal_pages']:<3} top: {', '.join(r['top'])}")
    for lang, s in summary.items():
        print(f"{option} {lang}: found {s['found']}/{s['total']} in top {TOP} ({s['anywhere']} anywhere), mean literal recall {s['mean_recall']}")
    print(json.dumps(facts, ensure_ascii=False))
