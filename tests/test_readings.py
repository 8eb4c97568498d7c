"""ふりがな at build time (planpub/readings.py): each kanji run's reading, the plan's readings list
winning over the dictionary, the readings of a page's text nodes in UTF-16 units, the list's
validation, the unknown words the check names, and the accuracy on the committed sample."""

from __future__ import annotations

import json
import os
import re

import pytest
import yaml

from bench.readings.sample import SAMPLE, score
from planpub.diagnostics import Severity
from planpub.export import PLAN_JSON, write_data
from planpub.load import load_plan
from planpub.model import build_plan
from planpub import readings
from planpub.readings import KANJI, ReadingList, Ruby, align, japanese_texts, page_readings, text_readings, unknown_words, write_readings
from planpub.urls import Urls
from planpub.validate import validate
from tests.conftest import MINIMAL, PROJECT, line_of


def shown(text: str, listed: ReadingList = ReadingList({})) -> list[tuple[str, str]]:
    """Each reading with the text it stands over."""
    return [(text[ruby.start:ruby.end], ruby.reading) for ruby in text_readings(text, listed)]


@pytest.mark.parametrize(("word", "reading", "rubies"), [
    ("行う", "おこなう", [Ruby(0, 1, "おこな")]),
    ("取り組み", "とりくみ", [Ruby(0, 1, "と"), Ruby(2, 3, "く")]),
    ("申し込み", "もうしこみ", [Ruby(0, 1, "もう"), Ruby(2, 3, "こ")]),
    ("墨田区", "すみだく", [Ruby(0, 3, "すみだく")]),
    ("お知らせ", "おしらせ", [Ruby(1, 2, "し")]),
    ("データ化", "データカ", [Ruby(3, 4, "か")]),  # katakana in the word and in the reading alike
])
def test_each_run_of_kanji_gets_its_own_part_of_the_reading(word, reading, rubies):
    assert list(align(word, reading)) == rubies


def test_a_word_whose_kana_are_not_in_its_reading_gets_the_reading_whole():
    assert align("取り組み", "しゅそ") == (Ruby(0, 4, "しゅそ"),)


def test_kanji_beside_digits_get_no_reading_rather_than_a_wrong_one():
    assert align("4月", "しがつ") == ()


def test_only_kanji_are_read_never_kana_latin_letters_digits_or_symbols():
    text = "令和4年度にICTとデータを活用し、窓口の手続を見直す（30%）。"
    assert shown(text) == [("令", "れい"), ("和", "わ"), ("年度", "ねんど"), ("活用", "かつよう"), ("窓口", "まどぐち"),
                           ("手続", "てつづき"), ("見直", "みなお")]
    assert all(re.fullmatch(f"[{KANJI}]+", text[ruby.start:ruby.end]) for ruby in text_readings(text))


def test_the_readings_list_wins_over_the_dictionary_longest_word_first():
    listed = ReadingList.of([("墨田", "すみだ"), ("墨田区", "すみだく"), ("押上", "おしあげ"), ("一日", "ついたち")])
    assert shown("墨田区の押上で一日に行う", listed) == [("墨田区", "すみだく"), ("押上", "おしあげ"), ("一日", "ついたち"), ("行", "おこな")]
    assert shown("一日") != [("一日", "ついたち")]  # the dictionary's own reading differs


def test_readings_are_in_utf16_units_as_javascript_counts_them():
    listed = ReadingList.of([("𠮷田", "よしだ")])
    page = '<html lang="ja"><body><p>𠮷田さんの行政</p></body></html>'
    assert json.loads(json.dumps(page_readings(page, listed))) == {"𠮷田さんの行政": [[0, 3, "よしだ"], [6, 8, "ぎょうせい"]]}


PAGE = """<!doctype html><html lang="ja"><head><title>計画</title><script>var 計画 = 1;</script>
<style>p::before { content: "区" }</style></head><body>
<p>区の計画&amp;改革<br>第二の文</p><!-- 注 --><p>文<!-- 注 -->書</p>
<svg><title>図の説明</title><text>図</text></svg><code>区</code><pre>区</pre>
<p lang="en">Sumida <span>City</span> <span lang="ja">墨田区</span></p>
<ruby>漢字<rt>かんじ</rt></ruby><textarea>区</textarea><template>区</template><math><mi>区</mi></math>
</body></html>"""


def test_the_text_nodes_are_those_of_the_browser_outside_code_scripts_figures_and_other_languages():
    texts = [text for text in japanese_texts(PAGE) if text.strip()]
    assert texts == ["区の計画&改革", "第二の文", "文", "書", "墨田区", "漢字"]


def test_each_page_gets_its_readings_file_written_only_when_it_changes(tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<html lang="ja"><p>行政</p></html>', encoding="utf-8")
    write_readings(page, ReadingList({}))
    assert (tmp_path / "readings.json").read_text(encoding="utf-8") == '{"行政":[[0,2,"ぎょうせい"]]}'
    before = (tmp_path / "readings.json").stat().st_mtime_ns
    write_readings(page, ReadingList({}))
    assert (tmp_path / "readings.json").stat().st_mtime_ns == before


def test_a_page_is_read_again_only_when_it_is_newer_than_its_readings(tmp_path, monkeypatch):
    """The preview's dirty build rewrites a few pages, and the post-build pass sees them all."""
    page = tmp_path / "index.html"
    page.write_text('<html lang="ja"><p>行政</p></html>', encoding="utf-8")
    write_readings(page, ReadingList({}))
    monkeypatch.setattr("planpub.readings.page_readings", lambda html, listed: pytest.fail("read an unchanged page"))
    write_readings(page, ReadingList({}))
    monkeypatch.undo()
    page.write_text('<html lang="ja"><p>区民</p></html>', encoding="utf-8")
    os.utime(page, ns=((stamp := (tmp_path / "readings.json").stat().st_mtime_ns + 1_000_000), stamp))
    write_readings(page, ReadingList({}))
    assert (tmp_path / "readings.json").read_text(encoding="utf-8") == '{"区民":[[0,2,"くみん"]]}'


# --- the readings list in plan.yaml ---------------------------------------------------------

ENTRIES = "readings:\n  - {word: 企画課, reading: きかくか}\n"


def problems(path) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.line, d.column, d.path) for d in validate(load_plan(path))]


def test_a_reading_is_in_hiragana_and_a_word_has_kanji(variant):
    path, text = variant((ENTRIES, "readings:\n  - {word: 企画課, reading: キカクカ}\n  - {word: です, reading: です}\n"))
    found = validate(load_plan(path))
    assert [(d.code, d.line, d.path) for d in found] == [
        ("schema-pattern", line_of(text, "reading: キカクカ"), "readings[0].reading"),
        ("schema-pattern", line_of(text, "word: です,"), "readings[1].word")]
    assert "expected a reading in hiragana" in found[0].message and "expected a word with at least one kanji" in found[1].message


def test_a_listed_word_is_in_the_plan_and_listed_once(variant):
    path, text = variant((ENTRIES, ENTRIES + "  - {word: 錦糸町, reading: きんしちょう}\n  - {word: 企画課, reading: きかくか}\n"))
    line, column = line_of(text, "word: 錦糸町"), len("  - {word: ") + 1
    assert problems(path) == [("reading-not-in-plan", line, column, "readings[1].word"), ("duplicate-reading", line + 1, column, "readings[2].word")]
    assert f"line {line_of(text, 'word: 企画課')}" in validate(load_plan(path))[1].message


def test_the_check_names_each_unknown_word_once_where_it_first_occurs_as_a_warning(variant):
    path, text = variant(("最初の段落です。", "最初の段落で𠮷を見る。"), ("ja: 説明です。", "ja: 𠮷の説明です。"))
    found = validate(load_plan(path))
    assert [(d.code, d.severity, d.line, d.path, d.said.values) for d in found] == [
        ("unknown-word", Severity.WARNING, line_of(text, "段落で𠮷"), "front[introduction].blocks[0].text.ja", (("word", "𠮷"),))]
    path, _ = variant(("最初の段落です。", "最初の段落で𠮷を見る。"), (ENTRIES, ENTRIES + "  - {word: 𠮷, reading: よし}\n"))
    assert validate(load_plan(path)) == []


def test_the_unknown_words_are_remembered_per_piece_of_text_and_read_again_when_a_piece_changes(tmp_path, monkeypatch):
    cache, listed = tmp_path / "cache" / "unknown-words.json", ReadingList.of([("墨田区", "すみだく")])
    texts = [("a", "墨田区の𠮷野です。"), ("b", "𠮷野の説明です。"), ("c", "墨田区の𠮷野です。")]
    assert unknown_words(texts, listed, cache) == unknown_words(texts, listed) == {"𠮷": "a"}
    read: list[str] = []
    real = readings._unknown_in
    monkeypatch.setattr(readings, "_unknown_in", lambda piece: read.append(piece) or real(piece))
    assert unknown_words(texts, listed, cache) == {"𠮷": "a"} and read == []  # all remembered
    assert unknown_words([("b", "𠮷野の説明です。"), ("d", "髙橋と𠮷野。")], listed, cache) == {"𠮷": "b", "髙橋": "d"}
    assert read == ["髙橋と𠮷野。"]  # only the new piece; the listed word is never a piece
    stored = json.loads(cache.read_text(encoding="utf-8"))["words"]
    assert sorted(stored.values()) == [["髙橋", "𠮷"], ["𠮷"]]  # the pieces of the last run only


def test_a_cache_from_another_dictionary_or_unreadable_is_not_trusted(tmp_path, monkeypatch):
    cache, texts = tmp_path / "unknown-words.json", [("a", "𠮷野です。")]
    unknown_words(texts, readings.EMPTY, cache)
    stored = json.loads(cache.read_text(encoding="utf-8"))
    stored["words"] = dict.fromkeys(stored["words"], ["偽"])
    cache.write_text(json.dumps(stored | {"stamp": ["another dictionary"]}), encoding="utf-8")
    assert unknown_words(texts, readings.EMPTY, cache) == {"𠮷": "a"}
    cache.write_text("{not json", encoding="utf-8")
    assert unknown_words(texts, readings.EMPTY, cache) == {"𠮷": "a"}
    cache.unlink()
    cache.mkdir()  # a file that cannot be written: the check still answers
    assert unknown_words(texts, readings.EMPTY, cache) == {"𠮷": "a"}


def test_the_open_data_has_no_readings(tmp_path):
    loaded = load_plan(MINIMAL)
    plan = build_plan(loaded.data)
    assert plan.readings and "readings" in loaded.data
    write_data(loaded.data, plan, Urls(plan), tmp_path)
    data = json.loads((tmp_path / PLAN_JSON).read_text(encoding="utf-8"))
    assert "readings" not in data


# --- accuracy ---------------------------------------------------------------------------------


def test_the_engine_reads_at_least_99_percent_of_the_reader_checked_sample_right(real_loaded):
    entries = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["words"]
    listed = ReadingList.of((entry["word"], entry["reading"]) for entry in real_loaded.data["readings"])
    right, total = score(entries, listed)
    assert total >= 300 and len({entry["word"] for entry in entries}) == total
    assert right / total >= 0.99


def test_the_search_index_and_the_pages_carry_no_reading(built_site, real_plan):
    """The readings are only in readings.json, beside each Japanese page; the search index is made
    from the pages, and the ふりがな button's script writes the ruby only when asked."""
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    plan_text = (PROJECT / "plan.yaml").read_text(encoding="utf-8")
    assert [entry.word for entry in real_plan.readings if entry.reading in index and entry.reading not in plan_text] == []
    assert "readings.json" not in index and "<rt" not in (built_site / "index.html").read_text(encoding="utf-8")
    assert (built_site / "readings.json").is_file() and (built_site / "items" / "01" / "readings.json").is_file()
    assert (built_site / "404.readings.json").is_file()  # served at any address, it asks by the root
    assert not (built_site / "en" / "readings.json").exists() and not list(built_site.glob("en/**/*readings.json"))
