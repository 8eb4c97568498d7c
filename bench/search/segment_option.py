"""Option c: build-time segmentation of Material's own Japanese search index, searched by
Material's own worker (lunr) in Node (tests/search_worker.js); browser_check.py confirms in
Chromium.

Variants (all keep Material's search UI; English is stock lunr, as in option a):
  c1_<analyzer>_tinyseg  words cut by the analyzer (U+200B between them), lang ja kept: Material
                         re-cuts every piece with TinySegmenter and queries are left as typed
                         (Material only splits kanji runs of the query against the index).
  c2_<analyzer>_vocab    the same cut, but the index keeps exactly those words (lang en, empty
                         pipeline) plus dictionary forms in a hidden "alt" field, and the query is
                         cut with the index's own vocabulary by search_ja_worker.js, which wraps
                         Material's worker.
Setup (benchmark-only venv, not the project's):
    python3 -m venv /tmp/searchbench/venv
    /tmp/searchbench/venv/bin/pip install sudachipy sudachidict-core sudachidict-small janome fugashi unidic-lite pyyaml
Run: cd /work/main && .venv/bin/python bench/search/segment_option.py [variant ...]
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common

HARNESS = common.WORKER_HARNESS
WRAPPER = common.HERE.parents[1] / "planpub" / "assets" / "search_ja_worker.js"  # the one the site uses
VARIANTS = {
    "c1_sudachi_tinyseg": ("sudachi", "tinyseg"),
    "c1_janome_tinyseg": ("janome", "tinyseg"),
    "c2_sudachi_vocab": ("sudachi", "vocab"),
    "c2_sudachiC_vocab": ("sudachi-c", "vocab"),
    "c2_sudachiSmall_vocab": ("sudachi-small", "vocab"),
    "c2_janome_vocab": ("janome", "vocab"),
    "c2_fugashi_vocab": ("fugashi", "vocab"),
}


def run_worker(root: Path, query_list: list[str], wrapper: Path | None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(query_list, handle, ensure_ascii=False)
    command = ["node", str(HARNESS), str(root), handle.name] + ([str(wrapper)] if wrapper else [])
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    Path(handle.name).unlink()
    return json.loads(out.stdout)


def compact_size(path: Path) -> tuple[int, int]:
    """Bytes and gzip bytes of the index written compactly (as segment_index.py writes it)."""
    data = json.dumps(json.load(open(path, encoding="utf-8")), ensure_ascii=False, separators=(",", ":")).encode()
    return len(data), len(gzip.compress(data, 9))


def prepare(site: Path, variant: str) -> tuple[Path, dict]:
    analyzer, mode = VARIANTS[variant]
    root = common.WORK / variant / "site"
    shutil.rmtree(root.parent, ignore_errors=True)
    (root / "search").mkdir(parents=True)
    os.symlink(site / "assets", root / "assets")
    started = time.monotonic()
    out = subprocess.run([str(common.extra_python()), str(common.HERE / "segment_index.py"),
                          str(site / "search" / "search_index.json"), str(root / "search" / "search_index.json"),
                          "--analyzer", analyzer, "--mode", mode], capture_output=True, text=True, check=True)
    timing = json.loads(out.stdout.strip().splitlines()[-1])
    timing["wall_s_including_python_start"] = round(time.monotonic() - started, 2)
    return root, timing


def main() -> None:
    site = common.ensure_site()
    english = run_worker(site / "en", [q["query"] for q in common.queries("en", probes=True)], None)
    stock_bytes, stock_gzip = compact_size(site / "search" / "search_index.json")
    for variant in sys.argv[1:] or VARIANTS:
        root, timing = prepare(site, variant)
        wrapper = WRAPPER if VARIANTS[variant][1] == "vocab" else None
        data = run_worker(root, [q["query"] for q in common.queries("ja", probes=True)], wrapper)
        rows = common.score(data["results"], "ja") + common.score(english["results"], "en")
        size, gz = compact_size(root / "search" / "search_index.json")
        facts = {"analyzer": VARIANTS[variant][0], "mode": VARIANTS[variant][1], "segmentation": timing,
                 "build_seconds_added": timing["wall_s_including_python_start"],
                 "ja": {"index_bytes": size, "index_gzip_bytes": gz, "stock_index_bytes_same_serialization": stock_bytes,
                        "stock_index_gzip_bytes": stock_gzip, "worker_index_build_ms_node": data["setup_ms"]},
                 "en": {"index_bytes": (site / "en" / "search" / "search_index.json").stat().st_size}}
        common.report(variant, rows, facts)
        print()


if __name__ == "__main__":
    main()
