"""The order of lists a reader looks things up in, and the initials of their index: Japanese by
reading in あいうえお order, as a dictionary sorts it, under the rows あ行 … わ行; English
alphabetically, a leading "the" aside, under the letters A … Z.
"""

from __future__ import annotations

import re
import unicodedata

# The rows of the kana table (五十音図), each with the romanized name its anchor is made from.
KANA_ROWS = (("あいうえお", "a"), ("かきくけこ", "ka"), ("さしすせそ", "sa"), ("たちつてと", "ta"), ("なにぬねの", "na"),
             ("はひふへほ", "ha"), ("まみむめも", "ma"), ("やゆよ", "ya"), ("らりるれろ", "ra"), ("わゐゑをん", "wa"))
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

_SMALL = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
_VOICING = "\u3099\u309a"  # the combining marks of が and ぱ, once NFD has taken them apart
# The vowel each kana ends in: the long-vowel mark ー sorts as that vowel (こーど as こおど).
_VOWEL = {kana: vowel for vowel, column in zip("あいうえお", ("あかさたなはまやらわ", "いきしちにひみりゐ", "うくすつぬふむゆる",
                                                             "えけせてねへめれゑ", "おこそとのほもよろを"))
          for kana in column}


def plain_kana(reading: str) -> str:
    """The reading as a dictionary first compares it: voiced and small kana as their plain kana
    (が → か, ゃ → や), the long-vowel mark as the vowel before it."""
    plain = "".join(c for c in unicodedata.normalize("NFD", reading) if c not in _VOICING).translate(_SMALL)
    kana: list[str] = []
    for character in plain:
        kana.append(_VOWEL.get(kana[-1], character) if character == "ー" and kana else character)
    return "".join(kana)


def reading_key(reading: str) -> tuple[str, str]:
    """あいうえお order: by the plain kana, then, where those are the same, か before が before ぱ."""
    return plain_kana(reading), reading


def english_key(name: str) -> str:
    """Alphabetical order, without case and a leading "the": "the 2040 problem" as "2040 problem"."""
    return re.sub(r"^the ", "", name.strip(), flags=re.IGNORECASE).casefold()


def kana_initial(reading: str) -> str | None:
    """The row (by its first kana) that a reading is found under: かんけい and がいかく → か."""
    first = plain_kana(reading)[:1]
    return next((row[0] for row, _ in KANA_ROWS if first and first in row), None)


def letter_initial(name: str) -> str | None:
    """The letter that an English name is found under, None for a digit or any other sign."""
    first = english_key(name)[:1].upper()
    return first if first and first in LETTERS else None


def initial_anchor(initial: str | None) -> str:
    """The id of an initial's heading: か → kana-ka, A → letter-a; names starting otherwise → other."""
    if initial is None:
        return "other"
    row = next((name for row, name in KANA_ROWS if row[0] == initial), None)
    return f"kana-{row}" if row else f"letter-{initial.lower()}"
