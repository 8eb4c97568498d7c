"""Formatting that needs only a language: interface strings, labels and numbering, fiscal years,
dates, quantities and targets, page titles. Text, never markup: the plan's texts become HTML in
html_text.HtmlText, and links from a page are links.PageLinks.

The language is data: one Formatter a language, and nothing here knows which language it writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .collation import KANA_ROWS, LETTERS, english_key, initial_anchor, kana_initial, letter_initial, reading_key
from .fiscal import calendar_date, calendar_month, calendar_year, fiscal_span, fiscal_year, fiscal_year_short
from .model import Indicator, Plan, Target, Text, Unit, When
from .numbers import decimal_text
from .strings import ui_strings
from .urls import Page

ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"  # the plan prints pillar numbers with these single characters
BULLETS = ("●",)  # markers that only decorate a heading
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@lru_cache(maxsize=None)  # each term, on every page that may link it
def roman(number: int) -> str:
    """1 → Ⅰ … 12 → Ⅻ; beyond that, the number itself (no plan has that many pillars)."""
    return ROMAN[number - 1] if 1 <= number <= len(ROMAN) else str(number)


@dataclass(frozen=True)
class IndexInitial:
    """One initial of the glossary's index (あ, か … or A, B …) with the terms found under it."""

    initial: str  # what the index shows and links
    heading: str  # "か行", "K"
    anchor: str
    terms: tuple  # none: the index shows the initial without a link, and no heading follows


class Formatter:
    """The plan's words and numbers in one language."""

    def __init__(self, language: str, plan: Plan):
        self.language = language
        self.plan = plan
        self.strings = ui_strings(language)

    def pending(self, text: Text | None) -> bool:
        return text is not None and text.get(self.language) is None

    def raw(self, text: Text) -> str:
        """The text in this language, falling back to Japanese while a translation is pending."""
        return text.shown(self.language)

    def ui_in(self, language: str, key: str) -> str:
        """An interface string of another language: the Japanese label beside an English one."""
        return Formatter(language, self.plan).ui(key)

    def glossary_order(self, terms) -> list:
        """Japanese terms in あいうえお order by their reading, English ones alphabetically."""
        return self._lookup_order(terms, lambda term: term.term)

    def departments_and_groups(self, departments) -> tuple[list, list]:
        """The departments, and apart from them the groups of divisions the plan names (関係各課),
        each in あいうえお order by reading in Japanese, alphabetically in English."""
        ordered = self._lookup_order(departments, lambda department: department.name)
        return [d for d in ordered if not d.is_group], [d for d in ordered if d.is_group]

    def _lookup_order(self, entries, name) -> list:
        if self.language == "ja":
            return sorted(entries, key=lambda entry: reading_key(entry.reading))
        return sorted(entries, key=lambda entry: english_key(self.raw(name(entry))))

    def glossary_index(self, terms) -> list[IndexInitial]:
        """Every initial of the index (あ行 … わ行, or A … Z) with its terms in glossary order; terms
        that start with a digit or another sign come first, under a heading of their own."""
        if self.language == "ja":
            initials, initial_of = [row[0] for row, _ in KANA_ROWS], lambda term: kana_initial(term.reading)
        else:
            initials, initial_of = list(LETTERS), lambda term: letter_initial(self.raw(term.term))
        by_initial: dict[str | None, list] = {}
        for term in self.glossary_order(terms):
            by_initial.setdefault(initial_of(term), []).append(term)
        keys = [None] * (None in by_initial) + initials
        return [self._index_initial(key, tuple(by_initial.get(key, ()))) for key in keys]

    def _index_initial(self, key: str | None, terms: tuple) -> IndexInitial:
        if key is None:
            other = self.ui("index_other")
            return IndexInitial(other, other, initial_anchor(None), terms)
        return IndexInitial(key, self.ui("index_heading", initial=key), initial_anchor(key), terms)

    def page_title(self, page: Page) -> str:
        """The title of a page in navigation and in its own H1."""
        subject = page.subject
        if subject is None:
            return self.ui(page.kind)
        if page.kind == "year":  # its subject is the fiscal year
            return self.fy(subject)
        if page.kind == "appendices":  # one per part: the part's label tells them apart
            return f"{self.label('part', subject)} {self.ui(page.kind)}"
        if page.kind == "appendix":
            return f"{subject.number} {self.raw(subject.title)}" if subject.number else self.raw(subject.title)
        if page.kind in ("item", "initiative"):  # "取組項目 No.4" and "取組4" are told apart by their part
            return f"{self.label_in_part(page.kind, subject)} {self.raw(subject.title)}"
        return f"{self.label(page.kind, subject)} {self.raw(subject.title)}"

    def ui(self, key: str, **values: Any) -> str:
        value = self.strings
        for part in key.split("."):
            value = value[part]
        return value.format(**values) if values else value

    def label(self, kind: str, entity: Any) -> str:
        """"第1編", "Reform pillar Ⅰ", "取組項目 No.1" …"""
        return self.ui(kind, number=entity.number, numeral=roman(entity.number))

    def label_in_part(self, kind: str, entity: Any) -> str:
        """"第1編 取組項目 No.4", "Part 2: Initiative 4": where items and initiatives meet (the
        navigation, search results, page titles)."""
        return self.ui("label_in_part", part=self.label("part", self.plan.part_of(entity.id)), label=self.label(kind, entity))

    def viewpoint_label(self, pillar: Any, viewpoint: Any) -> str:
        return self.ui("viewpoint", numeral=roman(pillar.number), number=viewpoint.number)

    @staticmethod
    def action_marker(action: Any) -> str:
        if not action.number:
            return "●"
        return CIRCLED[action.number - 1] if action.number <= len(CIRCLED) else f"({action.number})"

    @staticmethod
    def note_anchor(owner_id: str, mark: str) -> str:
        """The id of a table note on its page: ※1 of group x → x-note-1, a lone ※ → x-note-0."""
        return f"{owner_id}-note-{re.sub(r'[^0-9]', '', mark) or 0}"

    def fy(self, year: int) -> str:
        return fiscal_year(year, self.language)

    def fy_short(self, year: int) -> str:
        """令和6年度 / FY2024: the way a reader types it."""
        return fiscal_year_short(year, self.language)

    def fy_span(self, start: int, end: int) -> str:
        return fiscal_span(start, end, self.language)

    def when(self, when: When) -> str:
        if when.fiscal_year is not None:
            return self.fy(when.fiscal_year)
        return calendar_month(when.year, when.month, self.language)

    def day(self, day: date, weekday: bool = False) -> str:
        return calendar_date(day, self.language, weekday)

    def issued(self) -> str:
        """The draft's date, as precise as the draft gives it, written like every other date."""
        issued = self.plan.metadata.issued
        if issued.month is None:
            return self.ui("issued_year_only", year=calendar_year(issued.year, self.language))
        if issued.day is None:
            return calendar_month(issued.year, issued.month, self.language)
        return self.day(date(issued.year, issued.month, issued.day))

    def quantity(self, value: float, unit: Unit) -> str:
        """A value in its unit, the same way for every value, target and result: "0件", "3件"."""
        return self.unit_pattern(unit).replace("{}", decimal_text(self._number(value, unit)))

    def unit_pattern(self, unit: Unit) -> str:
        """Where the number goes in this language's way of writing the unit: "{}万円", "¥{}"."""
        return unit.ja if self.language == "ja" else unit.en

    def shown_number(self, value: float, unit: Unit) -> float:
        """The number as this language shows it: 53 (万円) is 530,000 in English's ¥."""
        return float(self._number(value, unit))

    def _number(self, value: float, unit: Unit) -> Decimal:
        number = Decimal(str(value))
        return number * Decimal(str(unit.en_multiplier)) if self.language == "en" else number

    def compare(self, comparator: str, value: str) -> str:
        return self.ui(f"comparator.{comparator}", value=value)

    def target(self, target: Target, column_year: int | None) -> str:
        """A target as a cell: its year is added when the column heading does not give it."""
        value = self.quantity(target.value, target.unit)
        if target.of:
            value = self.ui("target_of", of=self.raw(target.of), value=value)
        text = self.compare(target.comparator, value)
        if target.reference:
            reference = target.reference
            shown = self.compare(reference.comparator, self.quantity(reference.value, reference.unit))
            text += self.ui("target_reference", year=self.fy(reference.year), value=shown)
        if target.condition:
            text += self.ui("target_condition", condition=self.raw(target.condition))
        if target.year != column_year:
            text += self.ui("target_year_in_cell", year=self.fy(target.year))
        return text

    def indicator_status(self, indicator: Indicator) -> str:
        """How the latest result stands against the target, with the fiscal year of that result:
        "目標達成（令和7（2025）年度の実績）", "Target met (FY2025 result)"."""
        status, result = self.ui(f"indicator_status.{indicator.status()}"), indicator.latest_result
        return self.ui("indicator_status_of_result", status=status, year=self.fy(result.year)) if result else status

    def file_size(self, size: int) -> str:
        """A file's size to two significant figures, enough to judge a download: 2038806 → "2.0 MB",
        834486 → "830 kB", 36003 → "36 kB", 1884 → "1.9 kB", under a kilobyte "1.0 kB". A small
        edit of the plan seldom changes it, and so seldom rewrites the pages that show sizes."""
        if size >= 1_000_000:
            return self.ui("size_mb", size=_two_figures(size / 1_000_000))
        return self.ui("size_kb", size=_two_figures(max(size, 1000) / 1000))


def _two_figures(value: float) -> str:
    """1.884 → "1.9", 36.003 → "36", 834.486 → "830", 9.96 → "10"."""
    rounded = float(f"{value:.2g}")
    return f"{rounded:.1f}" if rounded < 10 else str(int(rounded))
