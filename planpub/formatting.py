"""Formatting that needs only a language: interface strings, labels and numbering, fiscal years,
dates, quantities and targets, page titles, and the plan's plain texts as HTML (headings among
them). Pages add what depends on where they are (links, glossary links in prose): render.Localizer.

The language is data: one Formatter a language, and nothing here knows which language it writes.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from .fiscal import MONTHS, calendar_date, calendar_month, fiscal_span, fiscal_year
from .markup import mark_japanese, plain_html
from .model import Indicator, Plan, ProgressStatus, Target, Text, Unit, When
from .numbers import decimal_text
from .strings import ui_strings
from .urls import Page

ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"  # the plan prints pillar numbers with these single characters
BULLETS = ("●",)  # markers that only decorate a heading
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Characters Python-Markdown treats as syntax in a heading and lets a backslash escape
# (its ESCAPED_CHARS, less ">", which becomes an entity with "<" and "&").
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


@lru_cache(maxsize=None)  # each term, on every page that may link it
def term_surface(term: str) -> str:
    """How a glossary term appears in running text: without the reading or expansion the
    glossary adds in brackets, and without a leading article. "DX（デジタル・…）" → "DX"."""
    surface = re.split(r"（| \(", term, maxsplit=1)[0].strip()
    return re.sub(r"^the ", "", surface, flags=re.IGNORECASE)


def roman(number: int) -> str:
    """1 → Ⅰ … 12 → Ⅻ; beyond that, the number itself (no plan has that many pillars)."""
    return ROMAN[number - 1] if 1 <= number <= len(ROMAN) else str(number)


class Formatter:
    """The plan's words and numbers in one language."""

    def __init__(self, language: str, plan: Plan):
        self.language = language
        self.plan = plan
        self.strings = ui_strings(language)
        self.shows_marks = False  # a 新 or ＊ mark is in what this formatter wrote …
        self.shows_legend = False  # … and what they mean, or not yet

    def marks(self, entity: Any) -> tuple[str, ...]:
        """The marks an entry carries: new (新) and DX priority (＊). The legend goes wherever one
        is shown, unless the page has its own."""
        marks = tuple(mark for mark, carried in (("new", entity.new), ("dx", getattr(entity, "dx_priority", False))) if carried)
        self.shows_marks = self.shows_marks or bool(marks)
        return marks

    def legend_shown(self) -> None:
        self.shows_legend = True

    def pending(self, text: Text | None) -> bool:
        return text is not None and text.get(self.language) is None

    def raw(self, text: Text) -> str:
        """The text in this language, falling back to Japanese while a translation is pending."""
        return text.shown(self.language)

    def text(self, text: Text | None) -> Markup:
        """Plain text for HTML; Japanese shown in an English page is marked lang="ja"."""
        if text is None:
            return Markup("")
        if self.pending(text):
            return Markup('<span lang="ja">{}</span>').format(plain_html(text.ja))
        return self._mark(plain_html(self.raw(text)))

    def ui_text(self, key: str, **values: Any) -> Markup:
        """An interface string as HTML, with the Japanese it quotes marked in English pages (its
        values may be texts of the plan: they stay text)."""
        return self._mark(plain_html(self.ui(key, **values)))

    def ui_markup(self, key: str, **values: Any) -> Markup:
        """An interface string as HTML with values that may be HTML themselves (a link); plain
        values stay text."""
        return self._mark(Markup(escape(self.ui(key))).format(**{name: value if isinstance(value, Markup) else plain_html(str(value))
                                                                for name, value in values.items()}))

    def ui_in(self, language: str, key: str) -> str:
        """An interface string of another language: the Japanese label beside an English one."""
        return Formatter(language, self.plan).ui(key)

    def _mark(self, html: Markup) -> Markup:
        """In English pages, Japanese quoted inside English text gets lang="ja"."""
        return mark_japanese(html) if self.language != "ja" else html

    def glossary_order(self, terms) -> list:
        """Japanese terms in あいうえお order by their reading, English ones alphabetically."""
        if self.language == "ja":
            return sorted(terms, key=lambda term: term.reading)
        return sorted(terms, key=lambda term: term_surface(self.raw(term.term)).casefold())

    def name(self, name: str) -> Markup:
        """A personal or proper name that is the same in every language (lang="ja" in English pages)."""
        return self._mark(plain_html(name))

    def inline_markdown(self, text: str) -> Markup:
        """Text made safe for a Markdown heading: no HTML, no Markdown syntax."""
        # Only &, < and > become entities: numeric ones (&#39;) would carry a "#" to escape.
        html = text.replace("\n", " ").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", html))

    def heading(self, level: int, text: Text, anchor: str, prefix: str = "", href: str | None = None) -> Markup:
        """A Markdown heading with a stable id (and lang="ja" while its translation is pending),
        linked to ``href`` when given. A bullet prefix (●) is shown but hidden from screen
        readers, which would read it out."""
        attributes = f"#{anchor}" + (' lang="ja"' if self.pending(text) else "")
        if prefix in BULLETS:
            title = f'<span aria-hidden="true">{prefix}</span> {self._mark(self.inline_markdown(self.raw(text)))}'
        else:
            title = self._mark(self.inline_markdown(f"{prefix} {self.raw(text)}" if prefix else self.raw(text)))
        if href is not None:
            title = f"[{title}]({href})"
        return Markup(f"{'#' * level} {title} {{ {attributes} }}")

    def titled_heading(self, level: int, subject: Any, prefix: str = "") -> Markup:
        """The heading of an item, initiative, measure or section: its title as printed, where a
        note mark (※) is a link to the note. The table of contents, search and the PDF's
        bookmarks take the title without the mark."""
        if subject.title_marked is None:
            return self.heading(level, subject.title, subject.id, prefix)
        marks = [note.mark.shown(self.language) for note in subject.notes if not note.mark.ja.isdigit()]
        pieces = re.split("(" + "|".join(map(re.escape, sorted(marks, key=len, reverse=True))) + ")", self.raw(subject.title_marked))
        title = "".join(self._note_link(piece, subject.id) if index % 2 else self._mark(self.inline_markdown(piece))
                        for index, piece in enumerate(pieces))
        label = plain_html(f"{prefix} {self.raw(subject.title)}" if prefix else self.raw(subject.title))  # no } ends the list
        attributes = f'#{subject.id} data-toc-label="{label}" data-bookmark-label="{label}"'
        attributes += ' lang="ja"' if self.pending(subject.title_marked) else ""
        prefix = f"{self._mark(self.inline_markdown(prefix))} " if prefix else ""
        return Markup(f"{'#' * level} {prefix}{title} {{ {attributes} }}")

    def _note_link(self, mark: str, owner: str) -> str:
        return (f'<sup class="plan-note-ref" data-search-exclude><a href="#{self.note_anchor(owner, mark)}" '
                f'aria-label="{escape(self.ui("footnote"))} {escape(mark)}">{escape(mark)}</a></sup>')

    def page_title(self, page: Page) -> str:
        """The title of a page in navigation and in its own H1."""
        subject = page.subject
        if subject is None:
            return self.ui(page.kind)
        if page.kind == "appendices":  # one per part: the part's label tells them apart
            return f"{self.label('part', subject)} {self.ui(page.kind)}"
        if page.kind == "appendix":
            return f"{subject.number} {self.raw(subject.title)}" if subject.number else self.raw(subject.title)
        return f"{self.label(page.kind, subject)} {self.raw(subject.title)}"

    def ui(self, key: str, **values: Any) -> str:
        value = self.strings
        for part in key.split("."):
            value = value[part]
        return value.format(**values) if values else value

    def label(self, kind: str, entity: Any) -> str:
        """"第1編", "Reform pillar Ⅰ", "取組項目 No.1" …"""
        return self.ui(kind, number=entity.number, numeral=roman(entity.number))

    def viewpoint_label(self, pillar: Any, viewpoint: Any) -> str:
        return self.ui("viewpoint", numeral=roman(pillar.number), number=viewpoint.number)

    @staticmethod
    def action_marker(action: Any) -> str:
        if not action.number:
            return "●"
        return CIRCLED[action.number - 1] if action.number <= len(CIRCLED) else f"({action.number})"

    def note_mark(self, mark: str, notes: tuple) -> Markup:
        """How an indicator's footnote mark (given as its Japanese mark) is shown in this language."""
        for note in notes:
            if note.mark.ja == mark:
                return self.text(note.mark)
        return escape(mark)

    @staticmethod
    def note_anchor(owner_id: str, mark: str) -> str:
        """The id of a table note on its page: ※1 of group x → x-note-1, a lone ※ → x-note-0."""
        return f"{owner_id}-note-{re.sub(r'[^0-9]', '', mark) or 0}"

    def progress_statuses(self) -> tuple[ProgressStatus, ...]:
        return tuple(ProgressStatus)

    def fy(self, year: int) -> str:
        return fiscal_year(year, self.language)

    def fy_span(self, start: int, end: int) -> str:
        return fiscal_span(start, end, self.language)

    def when(self, when: When) -> str:
        if when.fiscal_year is not None:
            return self.fy(when.fiscal_year)
        return calendar_month(when.year, when.month, self.language)

    def day(self, day: date, weekday: bool = False) -> str:
        return calendar_date(day, self.language, weekday)

    def issued(self) -> str:
        issued = self.plan.metadata.issued
        if issued.month is None:
            return self.ui("issued_year_only", year=issued.year)
        key = "issued_day" if issued.day else "issued_month"
        return self.ui(key, year=issued.year, month=issued.month, day=issued.day, month_name=MONTHS[issued.month - 1])

    def quantity(self, value: float, unit: Unit) -> str:
        """A value in its unit, the same way for every value, target and result: "0件", "3件"."""
        pattern = unit.ja if self.language == "ja" else unit.en
        return pattern.replace("{}", decimal_text(self._number(value, unit)))

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
        """1234567 → "1.2 MB"; under a megabyte in kB."""
        if size >= 1_000_000:
            return self.ui("size_mb", size=f"{size / 1_000_000:.1f}")
        return self.ui("size_kb", size=max(1, round(size / 1000)))
