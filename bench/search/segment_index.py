"""Segment the Japanese text of a Material search_index.json with a morphological analyzer.

Run with the benchmark venv (it needs the analyzer packages), normally via segment_option.py:
    /tmp/searchbench/venv/bin/python bench/search/segment_index.py IN OUT --analyzer sudachi [--mode tinyseg|vocab]

Between the words of every Japanese run in title and text (outside HTML tags) it inserts U+200B
(zero-width space: invisible in the result list, unlike a space) and adds it to the separator.
--mode tinyseg: keeps lang ja, so Material's worker still re-cuts every piece with TinySegmenter.
--mode vocab:   sets lang to en with an empty pipeline, so the index keeps exactly these words (no
                TinySegmenter, no stemmer/trimmer), and adds a hidden field "alt" holding each
                word's dictionary form where it differs (Sudachi: 手続→手続き, 取組→取り組み,
                漏えい→漏洩) so that spellings a reader types also match. For search_ja_worker.js.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project, for planpub.search
from planpub.search import segment  # noqa: E402


def analyzer(name: str):
    """Return a function text → list of (surface, normalized form)."""
    if name == "sudachi":
        from sudachipy import Dictionary, SplitMode
        tok = Dictionary(dict="core").tokenizer(mode=SplitMode.A)
        return lambda text: [(m.surface(), m.normalized_form()) for m in tok.tokenize(text)]
    if name == "sudachi-small":
        from sudachipy import Dictionary, SplitMode
        tok = Dictionary(dict="small").tokenizer(mode=SplitMode.A)
        return lambda text: [(m.surface(), m.normalized_form()) for m in tok.tokenize(text)]
    if name == "sudachi-c":
        from sudachipy import Dictionary, SplitMode
        tok = Dictionary(dict="core").tokenizer(mode=SplitMode.C)
        return lambda text: [(m.surface(), m.normalized_form()) for m in tok.tokenize(text)]
    if name == "janome":
        from janome.tokenizer import Tokenizer
        tok = Tokenizer()
        return lambda text: [(t.surface, t.base_form if t.base_form != "*" else t.surface) for t in tok.tokenize(text)]
    if name == "fugashi":
        import fugashi
        tagger = fugashi.Tagger()
        return lambda text: [(w.surface, getattr(w.feature, "lemma", None) or w.surface) for w in tagger(text)]
    raise SystemExit(f"unknown analyzer {name}")


def segment_text(text: str, analyze, alts: set[str]) -> str:
    """The site's own cutting (planpub/search.py), with the analyzer under test."""
    return segment(text, alts, analyze)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--analyzer", default="sudachi")
    parser.add_argument("--mode", choices=["tinyseg", "vocab"], default="vocab")
    args = parser.parse_args()
    started = time.monotonic()
    analyze = analyzer(args.analyzer)
    loaded = time.monotonic()
    index = json.load(open(args.source, encoding="utf-8"))
    for doc in index["docs"]:
        alts: set[str] = set()
        doc["title"] = segment_text(doc["title"], analyze, alts)
        doc["text"] = segment_text(doc["text"], analyze, alts)
        if args.mode == "vocab" and alts:
            doc["alt"] = " ".join(sorted(alts))
    config = index["config"]
    config["separator"] = config["separator"].replace("[\\s", "[\\s\\u200b", 1)
    if args.mode == "vocab":
        config["lang"] = ["en"]
        config["pipeline"] = []
        config["fields"]["alt"] = {"boost": 1.0}
    with open(args.target, "w", encoding="utf-8") as handle:
        json.dump(index, handle, ensure_ascii=False, separators=(",", ":"))
    print(json.dumps({"analyzer_load_s": round(loaded - started, 2), "segment_s": round(time.monotonic() - loaded, 2)}))


if __name__ == "__main__":
    sys.exit(main())
