import pytest

from planpub.collation import english_key, initial_anchor, kana_initial, letter_initial, plain_kana, reading_key


def test_voiced_and_small_kana_and_the_long_vowel_mark_sort_as_a_dictionary_has_them():
    assert plain_kana("ぎょうせいこすと") == "きようせいこすと"
    assert plain_kana("あーるえふあい") == "ああるえふあい"
    assert plain_kana("でーた") == "てえた"
    readings = ["きゅーおーえす", "ぎょうせいこすと", "がいかくだんたい", "かいけいかんりしつ", "ぎむてきけいひ", "ぎがすくーるこうそう"]
    assert sorted(readings, key=reading_key) == [
        "がいかくだんたい", "かいけいかんりしつ", "ぎがすくーるこうそう", "ぎむてきけいひ", "きゅーおーえす", "ぎょうせいこすと"]


def test_a_plain_kana_comes_before_its_voiced_and_semi_voiced_forms():
    assert sorted(["ぱん", "ばん", "はん"], key=reading_key) == ["はん", "ばん", "ぱん"]


def test_english_order_ignores_case_and_a_leading_the():
    names = ["the 2040 problem", "Zebra", "apple", "The Bank"]
    assert sorted(names, key=english_key) == ["the 2040 problem", "apple", "The Bank", "Zebra"]


@pytest.mark.parametrize(("reading", "initial"), [
    ("あいしーてぃー", "あ"), ("がいかく", "か"), ("じょうほう", "さ"), ("でーた", "た"), ("ぱそこん", "は"),
    ("ゆうびん", "や"), ("ゃ", "や"), ("わく", "わ"), ("ん", "わ"), ("ー", None),
])
def test_a_reading_is_found_under_the_row_of_its_first_kana(reading, initial):
    assert kana_initial(reading) == initial


def test_an_english_name_is_found_under_its_first_letter_a_leading_the_aside():
    assert [letter_initial(name) for name in ("the 2040 problem", "The Bank", "apple", "Ölpreis")] == [None, "B", "A", None]


def test_each_initial_has_an_anchor_of_its_own():
    assert [initial_anchor(initial) for initial in ("あ", "か", "わ", "A", "Z", None)] == [
        "kana-a", "kana-ka", "kana-wa", "letter-a", "letter-z", "other"]
