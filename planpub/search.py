"""Japanese search: cut the Japanese site's search index into words at build time.

Material's search (lunr) matches whole words, and Japanese has no spaces: a word inside a compound
(デジタル化, 窓口のデジタル化, キャッシュレス化) was never found. Measured options are in
bench/search/REPORT.md; this is the one that found all 25 test queries. At build time Sudachi
(split mode A, small dictionary) cuts every Japanese run of the index into words, separated by
U+200B (zero-width space, invisible in result snippets), and the index keeps those words as they
are (no TinySegmenter, stemmer or trimmer). A hidden field adds dictionary spellings (手続 →
手続き). In the browser, ``assets/search_ja_worker.js`` wraps Material's own worker and cuts each
query with the index's own words, so query and text are cut alike. Material's search dialog, and
the theme's keyboard and screen-reader work on it, stay as they are. English is not touched.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .markup import JAPANESE_LETTER

TAG = re.compile(r"(<[^>]+>)")
WORD_BREAK = "\u200b"
WORKER_WRAPPER = Path(__file__).with_name("assets") / "search_ja_worker.js"


@lru_cache(maxsize=1)
def _tokenizer():
    from sudachipy import Dictionary, SplitMode

    tokenizer = Dictionary(dict="small").tokenizer(mode=SplitMode.A)
    return lambda text: [(m.surface(), m.normalized_form()) for m in tokenizer.tokenize(text)]


def segment(text: str, spellings: set[str], analyze=None) -> str:
    """Put a word break between the words of each Japanese run outside HTML tags; collect the
    dictionary spellings that differ from the text's into ``spellings``. ``analyze`` (text →
    [(surface, dictionary form)]) is Sudachi's unless given (bench/search tries others)."""
    analyze = analyze or _tokenizer()
    out = []
    for piece in TAG.split(text):
        if not piece or piece.startswith("<") or not JAPANESE_LETTER.search(piece):
            out.append(piece)
            continue
        words: list[str] = []
        for surface, normalized in analyze(piece):
            if normalized != surface and JAPANESE_LETTER.search(normalized):
                spellings.add(normalized)
            if words and not words[-1][-1:].isspace() and not surface[:1].isspace():
                words.append(WORD_BREAK)
            words.append(surface)
        out.append("".join(words))
    return "".join(out)


def segment_index(index: dict) -> dict:
    """Material's search index with its Japanese cut into words, kept as cut."""
    for document in index["docs"]:
        spellings: set[str] = set()
        document["title"] = segment(document["title"], spellings)
        document["text"] = segment(document["text"], spellings)
        if spellings:
            document["alt"] = " ".join(sorted(spellings))
    config = index["config"]
    config["separator"] = config["separator"].replace("[\\s", "[\\s\\u200b", 1)
    config["lang"] = ["en"]  # lunr's English setup with an empty pipeline: the words stay as cut
    config["pipeline"] = []
    config.setdefault("fields", {})["alt"] = {"boost": 1.0}
    return index


def install(site: Path) -> None:
    """Rewrite the built Japanese site's index and put the query-cutting wrapper in place of
    Material's worker, which the wrapper loads under a new name."""
    index_file = site / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    index_file.write_text(json.dumps(segment_index(index), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    worker, = (site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    material = worker.with_name(worker.name.replace(".min.js", ".material.js"))
    if material.exists():  # a preview's rebuild of some pages: the wrapper is in place
        return
    worker.rename(material)
    worker.write_text(f'self.MATERIAL_WORKER = "{material.name}";\n' + WORKER_WRAPPER.read_text(encoding="utf-8"), encoding="utf-8")
