"""Option a: Material's current search (lunr + lunr-languages + TinySegmenter), measured by running
Material's own search worker (the built site's assets/javascripts/workers/search.*.min.js) in Node
with tests/search_worker.js, so the same code as in the browser builds the index from
search/search_index.json and answers the queries. browser_check.py confirms it in Chromium.

Setup: Node 18+ on PATH (no npm packages). Run: cd /work/main && .venv/bin/python bench/search/lunr_material.py
Other scripts reuse run_worker() with a modified search_index.json (option c).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import common

HARNESS = common.WORKER_HARNESS


def run_worker(lang_root: Path, query_list: list[str]) -> tuple[dict[str, list[str]], int]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(query_list, handle, ensure_ascii=False)
    out = subprocess.run(["node", str(HARNESS), str(lang_root), handle.name], capture_output=True, text=True, check=True)
    Path(handle.name).unlink()
    data = json.loads(out.stdout)
    return data["results"], data["setup_ms"]


def main() -> None:
    site = common.ensure_site()
    rows, facts = [], {}
    for lang in ("ja", "en"):
        root = site / common.LANG_ROOT[lang]
        results, setup_ms = run_worker(root, [q["query"] for q in common.queries(lang, probes=True)])
        rows += common.score(results, lang)
        index = root / "search" / "search_index.json"
        facts[lang] = {"index_bytes": index.stat().st_size, "worker_index_build_ms_node": setup_ms}
    facts["build_seconds_added"] = 0
    common.report("a_lunr_material", rows, facts)


if __name__ == "__main__":
    main()
