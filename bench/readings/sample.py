"""How often the ふりがな read a word right (issue 27): a sample of the plan's words, checked by a reader.

  draw   Every word with kanji in the plan's Japanese text, as the engine cuts it (the words of
         the readings list, Sudachi's words between them), each time it occurs, in a random order
         (seed 27); the first SIZE distinct words, each with the sentence it came from, go to
         sample.yaml with the engine's reading. Words that occur often are likelier to be drawn,
         as a reader meets them more often. A reader then writes, for each word, its correct
         reading in that sentence (``correct``) and whether the engine's was right (``right``).
  score  The share of the sample that the engine reads as the reader's ``correct`` now
         (tests/test_readings.py asserts it stays at 99 % or more).

A reading is compared as the word's whole reading in hiragana, its kana included (取り組み
とりくみ), however the engine splits it over the kanji; a word that the readings list reads as part
of a longer listed word (錦糸 in 錦糸町) is compared with the longer word's reading.

Run: .venv/bin/python bench/readings/sample.py draw|score
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from planpub.load import load_plan  # noqa: E402
from planpub.readings import ReadingList, Ruby, hiragana, text_readings, words  # noqa: E402
from planpub.validate import _texts, walk  # noqa: E402

SAMPLE = Path(__file__).with_name("sample.yaml")
SIZE = 320
SEED = 27
_SENTENCE = re.compile(r"[^。\n]+。?")


def plan_sentences(plan_file: Path = ROOT / "plan.yaml") -> tuple[list[str], ReadingList]:
    """The sentences of the plan's Japanese text, in plan order, and its readings list."""
    data = load_plan(plan_file).data
    sentences = [found[0] for _, text in _texts(walk(data)) for found in _SENTENCE.finditer(text["ja"])]
    return sentences, ReadingList.of((entry["word"], entry["reading"]) for entry in data.get("readings", ()))


def occurrences(sentences: list[str], listed: ReadingList) -> Iterator[tuple[str, str, int]]:
    """(word, sentence, where the word starts in it) for every word with kanji."""
    for sentence in sentences:
        for word in words(sentence, listed):
            yield sentence[word.start:word.end], sentence, word.start


def reading_of(sentence: str, start: int, end: int, rubies: tuple[Ruby, ...]) -> str:
    """The reading of ``sentence[start:end]`` as the ふりがな give it: each kanji run with a reading
    replaced by it, the kana in hiragana, anything else (a kanji without a reading) as it is. A
    reading that reaches outside the span widens it."""
    inside = [ruby for ruby in rubies if ruby.start < end and ruby.end > start]
    start, end = min([start, *(ruby.start for ruby in inside)]), max([end, *(ruby.end for ruby in inside)])
    text, position = "", start
    for ruby in inside:
        text += hiragana(sentence[position:ruby.start]) + ruby.reading
        position = ruby.end
    return text + hiragana(sentence[position:end])


def engine_reading(sentence: str, at: int, word: str, listed: ReadingList) -> str:
    return reading_of(sentence, at, at + len(word), text_readings(sentence, listed))


def draw() -> list[dict]:
    sentences, listed = plan_sentences()
    every = list(occurrences(sentences, listed))
    random.Random(SEED).shuffle(every)
    sample: dict[str, dict] = {}
    for word, sentence, at in every:
        if word not in sample:
            reading = engine_reading(sentence, at, word, listed)
            sample[word] = {"word": word, "sentence": sentence, "at": at, "engine": reading, "correct": reading, "right": None}
        if len(sample) == SIZE:
            break
    return list(sample.values())


def score(entries: list[dict], listed: ReadingList) -> tuple[int, int]:
    """How many of the sample the engine reads as the reader's correct reading, of how many."""
    right = sum(engine_reading(entry["sentence"], entry["at"], entry["word"], listed) == entry["correct"] for entry in entries)
    return right, len(entries)


def main(command: str) -> None:
    if command == "draw":
        if SAMPLE.exists():
            sys.exit(f"{SAMPLE} holds a reader's judgements: remove it first to draw again")
        SAMPLE.write_text(yaml.safe_dump({"words": draw()}, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    else:
        entries = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["words"]
        right, total = score(entries, plan_sentences()[1])
        before = sum(entry["right"] is True for entry in entries)
        print(f"engine as drawn: {before}/{total} = {before / total:.1%}; now: {right}/{total} = {right / total:.1%}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "score")
