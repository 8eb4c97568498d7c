"""ふりがな (issue 27, WCAG 3.1.6 Pronunciation): the readings of the kanji in Japanese text.

They are computed when the site is built, never by a service: Sudachi (split mode C, small
dictionary) gives each word's reading, and the plan's readings list (``readings:`` in plan.yaml:
place names, department names, this plan's terms) wins over it for the words it lists. Only the
kanji of a word get a reading, each run of kanji its own part of it (取り組み: 取 と, 組 く); kana,
Latin letters, digits and symbols never get one.

Each Japanese page gets a ``readings.json`` beside it: the readings of each of its text nodes, by
the node's text, as offsets in UTF-16 code units (JavaScript's string indices). The page's
ふりがな button loads it only when asked and writes the ruby itself, so the page, its search index
and the open data never contain a reading.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

# CJK ideographs: the unified ones with extension A, the compatibility ones, and the
# supplementary planes (extensions B onwards, 𠮷 among them).
KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
HAS_KANJI = re.compile(f"[{KANJI}]")
# 々 (repeat the kanji before), 〆 and ヶ (3ヶ所) are written in kanji words and read with them.
_KANJI_LIKE = KANJI + "々〆ヶ"
_KANA = "ぁ-ゖァ-ヵヷ-ヺー"
_RUNS = re.compile(f"(?P<kanji>[{_KANJI_LIKE}]+)|(?P<kana>[{_KANA}]+)|(?P<other>[^{_KANJI_LIKE}{_KANA}]+)")
_HIRAGANA = re.compile("[ぁ-ゖー]+")
_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
# Sudachi refuses a text longer than this many bytes of UTF-8; a text node is cut below it.
_MOST_BYTES = 30_000
FILE_NAME = "readings.json"


class Ruby(NamedTuple):
    """A reading over ``text[start:end]``, in hiragana."""

    start: int
    end: int
    reading: str


def hiragana(text: str) -> str:
    return text.translate(_TO_HIRAGANA)


# --- one word ---------------------------------------------------------------------------------


def align(surface: str, reading: str, offset: int = 0) -> tuple[Ruby, ...]:
    """Each run of kanji of a word with its own part of the word's reading, the kana of the word
    matched in the reading: 取り組み とりくみ → 取 と, 組 く. Where the kana are not found in the
    reading, the whole word gets it; beside digits or Latin letters, whose reading is not known
    (4月 よんがつ), a run of kanji gets none rather than a wrong one."""
    return tuple(Ruby(offset + start, offset + end, part) for start, end, part in _alignment(surface, hiragana(reading)))


@lru_cache(maxsize=None)  # a plan repeats its words thousands of times
def _alignment(surface: str, reading: str) -> tuple[Ruby, ...]:
    runs = [(found.lastgroup, found.start(), found.end()) for found in _RUNS.finditer(surface)]
    matched = re.fullmatch("".join(_pattern(kind, surface[start:end]) for kind, start, end in runs), reading)
    if matched is None:
        return (Ruby(0, len(surface), reading),)
    parts = zip((run for run in runs if run[0] != "kana"), matched.groups())
    return tuple(Ruby(start, end, part) for (kind, start, end), part in parts
                 if kind == "kanji" and not _beside_other(runs, start, end))


def _pattern(kind: str, text: str) -> str:
    return re.escape(hiragana(text)) if kind == "kana" else "(.+?)" if kind == "kanji" else "(.*?)"


def _beside_other(runs: list[tuple[str, int, int]], start: int, end: int) -> bool:
    return any(kind == "other" and (other_end == start or other_start == end) for kind, other_start, other_end in runs)


# --- the readings list and the dictionary -----------------------------------------------------


@dataclass(frozen=True, eq=False)  # one list a build: compared and hashed as itself, for the cache
class ReadingList:
    """The plan's readings list: ``{word: reading}``, which wins over the dictionary."""

    readings: dict[str, str]

    @classmethod
    def of(cls, entries: Iterable[tuple[str, str]]) -> ReadingList:
        return cls(dict(entries))

    @cached_property
    def pattern(self) -> re.Pattern | None:
        """The listed words, longest first: where one is inside another (墨田 in 墨田区), the longer wins."""
        words = sorted(self.readings, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, words))) if words else None

    def pieces(self, text: str) -> Iterator[tuple[int, str, bool]]:
        """The text cut at the listed words: (offset, piece, listed or not), in order."""
        position = 0
        for found in self.pattern.finditer(text) if self.pattern else ():
            if found.start() > position:
                yield position, text[position:found.start()], False
            yield found.start(), found[0], True
            position = found.end()
        if position < len(text):
            yield position, text[position:], False


EMPTY = ReadingList({})


@lru_cache(maxsize=1)
def _tokenizer():
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="small").tokenizer(mode=SplitMode.C, fields={"reading_form", "pos"})


def morphemes(text: str) -> Iterator:
    """Sudachi's words of ``text``, cut into pieces it accepts; ``begin()`` counts from the piece."""
    for offset, piece in _short_pieces(text):
        for morpheme in _tokenizer().tokenize(piece):
            yield offset, morpheme


def _short_pieces(text: str) -> Iterator[tuple[int, str]]:
    """The text in pieces of at most _MOST_BYTES, cut after a line or a sentence where one ends."""
    start = 0
    while len(text[start:].encode("utf-8")) > _MOST_BYTES:
        end = start + _MOST_BYTES // 4  # a character is at most four bytes
        cut = max(text.rfind("\n", start, end), text.rfind("。", start, end))
        end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end
    yield start, text[start:]


# --- a text -------------------------------------------------------------------------------------


class Word(NamedTuple):
    """A word of a text that has kanji, with the readings of its kanji (none where not known)."""

    start: int
    end: int
    rubies: tuple[Ruby, ...]


def words(text: str, listed: ReadingList = EMPTY) -> Iterator[Word]:
    """The words with kanji of ``text``: listed words first, Sudachi's words between them."""
    for offset, piece, is_listed in listed.pieces(text):
        if is_listed:
            yield Word(offset, offset + len(piece), align(piece, listed.readings[piece], offset))
        elif HAS_KANJI.search(piece):
            yield from _dictionary_words(piece, offset)


def _dictionary_words(text: str, offset: int) -> Iterator[Word]:
    for start, morpheme in morphemes(text):
        surface, begin = morpheme.surface(), offset + start + morpheme.begin()
        reading = hiragana(morpheme.reading_form())
        if surface == "日":
            reading = _day_of_month(text, begin - offset) or reading
        if HAS_KANJI.search(surface):
            yield Word(begin, begin + len(surface), align(surface, reading, begin) if _HIRAGANA.fullmatch(reading) else ())


# Sudachi reads 日 after a number as にち, or as か whatever the number (25日): a day of the month
# (after 月) is read by its number (4月1日 ついたち, 3日 みっか, 20日 はつか, 25日 にじゅうごにち).
_DAY = re.compile("月([0-9０-９]{1,2})$")
_DAY_READINGS = {1: "ついたち", **dict.fromkeys((2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 20, 24), "か")}


def _day_of_month(text: str, index: int) -> str | None:
    number = _DAY.search(text, max(0, index - 3), index)
    return _DAY_READINGS.get(int(number[1]), "にち") if number else None


def text_readings(text: str, listed: ReadingList = EMPTY) -> tuple[Ruby, ...]:
    """The readings of the kanji of ``text``."""
    return tuple(ruby for word in words(text, listed) for ruby in word.rubies)


def unknown_words(texts: Iterable[tuple[object, str]], listed: ReadingList, cache: Path | None = None) -> dict[str, object]:
    """The words with kanji that Sudachi does not know and the list does not give, each with the
    key of the first text it is in. Numbers written in kanji (一, 二十) are known. With ``cache``
    (a file), what Sudachi said of each piece of text is remembered there."""
    pieces: dict[str, object] = {}  # a piece the plan repeats (a department's name …) is read once
    for key, text in texts:
        for _, piece, is_listed in listed.pieces(text):
            if not is_listed and HAS_KANJI.search(piece):
                pieces.setdefault(piece, key)
    remembered = _UnknownWordsCache(cache)
    found: dict[str, object] = {}
    for piece, key in pieces.items():
        for word in remembered.words(piece):
            found.setdefault(word, key)
    remembered.save()
    return found


def _unknown_in(piece: str) -> list[str]:
    return [morpheme.surface() for _, morpheme in morphemes(piece)
            if morpheme.is_oov() and HAS_KANJI.search(morpheme.surface()) and morpheme.part_of_speech()[1] != "数詞"]


class _UnknownWordsCache:
    """The unknown words of each piece of text, kept in a file between runs: `build.py check` runs
    on every save, and Sudachi then reads only the pieces that changed (about 0.2 s for the whole
    plan otherwise). A piece's words depend on the piece and the dictionary alone, so a piece is
    known by its digest, and the file holds the dictionary's stamp; it keeps the pieces of the
    last run only, so it does not grow as the plan is edited. Without a file, or with one that
    cannot be read or written, every piece is read by Sudachi."""

    _FORMAT = 1  # raise when _unknown_in changes what it finds

    def __init__(self, path: Path | None) -> None:
        self.path, self.used, self.changed = path, {}, False
        self.stored = self._read() if path else {}

    def words(self, piece: str) -> list[str]:
        digest = hashlib.blake2b(piece.encode("utf-8"), digest_size=12).hexdigest()
        if digest not in self.stored:
            self.stored[digest], self.changed = _unknown_in(piece), True
        self.used[digest] = self.stored[digest]
        return self.used[digest]

    def save(self) -> None:
        if self.path is None or not self.changed and len(self.used) == len(self.stored):
            return
        content = json.dumps({"stamp": _dictionary_stamp(), "words": self.used}, ensure_ascii=False, separators=(",", ":"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}")
            temporary.write_text(content, encoding="utf-8")
            temporary.replace(self.path)  # whole or not at all, whoever else is checking at once
        except OSError:
            pass  # a cache that cannot be written only makes the next check slower

    def _read(self) -> dict[str, list[str]]:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        fresh = isinstance(stored, dict) and stored.get("stamp") == _dictionary_stamp() and isinstance(stored.get("words"), dict)
        return stored["words"] if fresh else {}


def _dictionary_stamp() -> list:
    """What Sudachi's answers depend on, found without importing it (0.1 s): the dictionary
    file and the tokenizer's compiled module, by size and time, and this module's format."""
    stamp: list = [_UnknownWordsCache._FORMAT]
    for package in ("sudachidict_small", "sudachipy"):
        spec = importlib.util.find_spec(package)
        folder = Path(spec.origin).parent if spec and spec.origin else None
        for file in sorted(folder.glob("resources/system.dic") if package == "sudachidict_small" else folder.glob("*.so")) if folder else ():
            status = file.stat()
            stamp.append([file.name, status.st_size, status.st_mtime_ns])
    return stamp


# --- a page -------------------------------------------------------------------------------------

# Elements whose text is not read as Japanese prose (contract 1 of issue 27).
_SKIPPED = frozenset("script style svg math textarea code pre title template rt rp".split())


def japanese_texts(html: str) -> list[str]:
    """The text nodes of a page that are Japanese prose, as the browser's Text.data gives them.
    libxml2 parses the page (Python's html.parser took most of the time of the readings)."""
    import lxml.html  # here: `build.py check` uses this module without reading pages

    if not html.strip():
        return []
    parser = lxml.html.HTMLParser(encoding="utf-8")
    texts: list[str] = []
    _element_texts(lxml.html.document_fromstring(html.encode("utf-8"), parser=parser), False, False, texts)
    return texts


def _element_texts(element, skipped: bool, japanese: bool, texts: list[str]) -> None:
    """The text of ``element`` and of its children, with the text that follows each child (its
    tail, in the parent's language); comments hold none of their own."""
    lang = element.get("lang")
    japanese = lang.lower().startswith("ja") if lang is not None else japanese
    skipped = skipped or element.tag in _SKIPPED
    read = japanese and not skipped
    if element.text and read:
        texts.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            _element_texts(child, skipped, japanese, texts)
        if child.tail and read:
            texts.append(child.tail)


def page_readings(html: str, listed: ReadingList = EMPTY) -> dict[str, tuple[Ruby, ...]]:
    """Contract 1 of issue 27: {text node: [[start, end, reading], …]} (as JSON), in UTF-16 code units."""
    found = {}
    for text in japanese_texts(html):
        if text not in found and HAS_KANJI.search(text):
            found[text] = node_readings(text, listed)
    return {text: rubies for text, rubies in found.items() if rubies}


_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=None)  # the same texts recur on every page (the header, the menus)
def node_readings(text: str, listed: ReadingList = EMPTY) -> tuple[Ruby, ...]:
    """The readings of a text node, counted as JavaScript counts a string: a character beyond the
    BMP (𠮷) is two units."""
    rubies = text_readings(text, listed)
    if not _BEYOND_BMP.search(text):
        return rubies
    units = [0]
    for character in text:
        units.append(units[-1] + (2 if ord(character) > 0xFFFF else 1))
    return tuple(Ruby(units[start], units[end], reading) for start, end, reading in rubies)


def readings_file(page: Path) -> Path:
    """Where a page's readings are: readings.json beside a page of its own folder, and for the
    404 page, served at any address and so asking by the site's root, 404.readings.json."""
    return page.with_name(FILE_NAME) if page.name == "index.html" else page.with_suffix("." + FILE_NAME)


def write_readings(page: Path, listed: ReadingList) -> None:
    """readings.json beside ``page``, written only when it changes (the preview's dirty builds
    compare timestamps). A readings file newer than its page was made from it: the preview
    rebuilds a few pages and finishes them all, and reading every page again took seconds. (A
    change to the readings list changes the engine's configuration: every page is built anew.)"""
    target = readings_file(page)
    if target.exists() and target.stat().st_mtime_ns >= page.stat().st_mtime_ns:
        return
    text = json.dumps(page_readings(page.read_text(encoding="utf-8"), listed), ensure_ascii=False, separators=(",", ":"))
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
