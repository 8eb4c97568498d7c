"""The plan's texts as HTML on one page: plain texts, prose with its glossary links, headings,
what the marks (new, DX priority) mean where the page first shows them, the expansion of each
abbreviation at its first use, and an indicator's chart.

It writes in the language of its Formatter (formatting.py), which gives the words; what it adds
is markup, the one way every text of the plan becomes HTML or Markdown: escaped, with Japanese
quoted in an English page marked lang="ja". One HtmlText a page, because a page links each
glossary term once, explains each mark once and expands each abbreviation once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from markupsafe import Markup, escape

from .charts import ChartSpec, Point, chart_svg, chartable
from .fiscal import fiscal_year_short
from .formatting import BULLETS, Formatter
from .markup import (link_footnotes, link_terms, mark_abbreviations, mark_japanese, notes_linked_back, plain_html, render_prose,
                     spoken_minus, term_surface)
from .model import Indicator, Text
from .page_contexts import MARKS, marks_of

# Characters Python-Markdown treats as syntax in a heading and lets a backslash escape
# (its ESCAPED_CHARS, less ">", which becomes an entity with "<" and "&").
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")

# The marks in words (UI keys; with "_long", what a mark means): "新規" / "New in this plan" for 新 in
# the draft, "DX重点" / "DX priority" for its ＊.
MARK_WORDS = {"new": "new", "dx": "dx_priority"}


class HtmlText:
    def __init__(self, formatter: Formatter, term_href=None):
        """``term_href(term_id)`` links a glossary term from this page; None where terms are not
        linked (the glossary itself, the print edition's cover)."""
        self.l = formatter
        self.language = formatter.language
        self._term_href = term_href
        self._linked_terms: set[str] = set()  # glossary links already made on this page
        self._explained_marks: set[str] = set()  # marks whose meaning this page has given
        self._expanded_abbreviations: set[str] = set()  # abbreviations whose expansion this page has given

    # --- the marks ---

    def badge(self, mark: str) -> Markup:
        return Markup(f'<span class="plan-badge plan-badge--{escape(mark)}">{escape(self.l.ui(MARK_WORDS[mark]))}</span>')

    def badges(self, entity: Any) -> Markup:
        """The marks an entry carries, as badges: written in Python, not as a macro, because
        lists by year, department and schedule show thousands of entries."""
        return Markup(" ").join(self.badge(mark) for mark in marks_of(entity))

    def mark_meaning(self, mark: str) -> Markup:
        return self.ui_text(MARK_WORDS[mark] + "_long")

    def explain(self, marks: Iterable[str]) -> tuple[str, ...]:
        """Those of ``marks`` that this page has not explained yet, in MARKS order; from now on
        they count as explained. A mark's meaning goes before its first use on a page, so a
        list or table of marked entries is preceded by the legend of the marks it brings."""
        due = tuple(mark for mark in MARKS if mark in marks and mark not in self._explained_marks)
        self._explained_marks.update(due)
        return due

    # --- texts ---

    def text(self, text: Text | None) -> Markup:
        """Plain text for HTML; Japanese shown in an English page is marked lang="ja"; ▲ as a
        minus sign is read as one."""
        if text is None:
            return Markup("")
        return _text_html(text, self.language, self.l.ui("minus"))

    def ui_text(self, key: str, **values: Any) -> Markup:
        """An interface string as HTML, with the Japanese it quotes marked in English pages (its
        values may be texts of the plan: they stay text)."""
        return self._mark(plain_html(self.l.ui(key, **values)))

    def ui_markup(self, key: str, **values: Any) -> Markup:
        """An interface string as HTML with values that may be HTML themselves (a link); plain
        values stay text."""
        return self._mark(Markup(escape(self.l.ui(key))).format(**{name: value if isinstance(value, Markup) else plain_html(str(value))
                                                                  for name, value in values.items()}))

    def name(self, name: str) -> Markup:
        """A personal or proper name that is the same in every language (lang="ja" in English pages)."""
        return self._mark(plain_html(name))

    def note_mark(self, mark: str, notes: tuple) -> Markup:
        """How an indicator's footnote mark (given as its Japanese mark) is shown in this language."""
        for note in notes:
            if note.mark.ja == mark:
                return self.text(note.mark)
        return escape(mark)

    def _mark(self, html: Markup) -> Markup:
        """In English pages, Japanese quoted inside English text gets lang="ja"."""
        return mark_japanese(html) if self.language != "ja" else html

    # --- prose ---

    def prose(self, text: Text | None) -> Markup:
        """A prose field (Markdown subset) as an HTML block."""
        if text is None:
            return Markup("")
        html = link_footnotes(render_prose(self.l.raw(text)).strip(), self.l.ui("footnote"))
        if self.l.pending(text):
            notice = Markup('<p class="plan-pending">{}</p>').format(self.l.ui("translation_pending_long"))
            return Markup('<div class="plan-prose" lang="ja">{}{}</div>').format(notice, html)
        return Markup(f'<div class="plan-prose">{self._mark(self._link_terms(html))}</div>')  # Markup: as it is

    def _link_terms(self, html: Markup) -> Markup:
        """The first use of each glossary term on a page links to its definition."""
        if self._term_href is None:
            return html
        return link_terms(html, self._term_links, self._linked_terms, ignore_case=self.language != "ja")

    def abbreviations_expanded(self, page: str) -> str:
        """The page with the first use of each abbreviation of the plan (DX, ICT) marked
        <abbr title="its expansion in this language"> (WCAG 3.1.4), outside headings, links, code
        and quoted Japanese. The site's pages only: paper shows no title, and the print edition
        gives the plan's text as it is, with the abbreviations in the glossary."""
        expansions = {abbreviation.abbreviation: self.l.raw(abbreviation.expansion) for abbreviation in self.l.plan.abbreviations}
        return mark_abbreviations(page, expansions, self._expanded_abbreviations, self.language)

    @cached_property
    def _term_links(self) -> list[tuple[str, str]]:
        """(surface, href) of every glossary term, longest first; once per page."""
        first_by_surface: dict[str, tuple[str, str]] = {}
        for term in self.l.plan.terms:  # a term defined twice links to its first definition
            surface = term_surface(self.l.raw(term.term))
            first_by_surface.setdefault(surface.casefold(), (surface, self._term_href(term.id)))
        return sorted(first_by_surface.values(), key=lambda entry: -len(entry[0]))

    # --- headings ---

    @staticmethod
    def inline_markdown(text: str) -> Markup:
        """Text made safe for a Markdown heading: no HTML, no Markdown syntax."""
        # Only &, < and > become entities: numeric ones (&#39;) would carry a "#" to escape.
        html = text.replace("\n", " ").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", html))

    def heading(self, level: int, text: Text, anchor: str, prefix: str = "", href: str | None = None, toc_label: str = "") -> Markup:
        """A Markdown heading with a stable id (and lang="ja" while its translation is pending),
        linked to ``href`` when given, named ``toc_label`` in the table of contents when given. A
        bullet prefix (●) is shown but hidden from screen readers, which would read it out."""
        attributes = f"#{anchor}" + (' lang="ja"' if self.l.pending(text) else "")
        attributes += f' data-toc-label="{plain_html(toc_label)}"' if toc_label else ""
        if prefix in BULLETS:
            title = f'<span aria-hidden="true">{prefix}</span> {self._mark(self.inline_markdown(self.l.raw(text)))}'
        else:
            title = self._mark(self.inline_markdown(f"{prefix} {self.l.raw(text)}" if prefix else self.l.raw(text)))
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
        pieces = re.split("(" + "|".join(map(re.escape, sorted(marks, key=len, reverse=True))) + ")", self.l.raw(subject.title_marked))
        title = "".join(self._note_link(piece, subject.id) if index % 2 else self._mark(self.inline_markdown(piece))
                        for index, piece in enumerate(pieces))
        label = plain_html(f"{prefix} {self.l.raw(subject.title)}" if prefix else self.l.raw(subject.title))  # no } ends the list
        attributes = f'#{subject.id} data-toc-label="{label}" data-bookmark-label="{label}"'
        attributes += ' lang="ja"' if self.l.pending(subject.title_marked) else ""
        prefix = f"{self._mark(self.inline_markdown(prefix))} " if prefix else ""
        return Markup(f"{'#' * level} {prefix}{title} {{ {attributes} }}")

    def _note_link(self, mark: str, owner: str) -> str:
        return str(self.note_reference(owner, mark, Markup(escape(mark))))

    def note_reference(self, owner: str, mark: str, shown: Markup, about: Text | None = None) -> Markup:
        """A note mark as a link to its note, named with the mark ("注※1", issue 26: a link read
        as "※1" alone said nothing) and what it is marked on, when given: two tables of a page can
        each have a note ※1 ("注※1（純資産比率）", issue 27: WCAG 2.4.9). Search leaves it out."""
        name = self.note_name(shown.striptags())
        label = escape(name + self.l.ui("parenthesized", text=self.l.raw(about)) if about else name)
        return Markup(f'<sup class="plan-note-ref" data-search-exclude><a href="#{self.l.note_anchor(owner, mark)}" '
                      f'aria-label="{label}">{shown}</a></sup>')

    def notes_linked_back(self, page_html: str) -> str:
        """A page whose notes link back to where their marks are (on the site; on paper a note
        is found by its mark)."""
        return notes_linked_back(page_html, self._note_back, self.note_name)

    def note_name(self, mark: str) -> str:
        """What a link to a note is called: a mark that is a sign or a number (※1, 1) with the
        word for note before it (注※1, Note ※1); one that is a word already (Note 1) as it is."""
        return mark if mark[:1].isalpha() else self.l.ui("note_reference", mark=mark)

    def _note_back(self, reference: str, mark: Markup, reference_name: str) -> str:
        label = escape(self.l.ui("note_back", note=reference_name or self.note_name(Markup(mark).striptags())))
        return (f'<p class="plan-note-back"><a href="#{reference}" aria-label="{label}">'
                f'<span aria-hidden="true">↩</span> {escape(self.l.ui("note_back_shown"))}</a></p>')

    # --- charts ---

    def chart(self, indicator: Indicator, previous: bool = False) -> Markup:
        """A line chart of an indicator's values and target, when it has two numbers or more.
        A target stated in another unit or as a share of something else is left out of the
        chart, which would put it on the wrong scale; the table beside the chart gives it.
        The previous plan's values are its yearly figures, not a baseline: ``previous`` says so."""
        return _indicator_chart(_Chart(self.l, self.language, indicator, previous))


@lru_cache(maxsize=8192)  # a title or a department's name shows on many pages: by year, by department, in lists
def _text_html(text: Text, language: str, minus: str) -> Markup:
    shown = text.get(language)
    if shown is None:  # its translation is pending: the Japanese, marked as such
        html = Markup('<span lang="ja">{}</span>').format(plain_html(text.ja))
    else:
        html = mark_japanese(plain_html(shown)) if language != "ja" else plain_html(shown)
    return spoken_minus(html, minus)


@dataclass(frozen=True)
class _Chart:
    """What a chart is drawn from: the indicator, and the words of its language, which are the
    Formatter's without the rest of the plan (left out of the chart's identity)."""

    l: Formatter = field(compare=False)
    language: str
    indicator: Indicator
    previous: bool


# Each chart is shown on its chapter's or guideline's page and on the indicators page, and laying
# out its labels is the dearest part of writing a page: it is drawn once, and again only when its
# indicator changes (the preview rebuilds the site at each save).
@lru_cache(maxsize=512)
def _indicator_chart(chart: _Chart) -> Markup:
    l, indicator, previous = chart.l, chart.indicator, chart.previous
    unit = indicator.unit
    points = [Point(v.year, l.shown_number(v.value, unit), kind, l.quantity(v.value, unit))
              for kind, series in (("baseline", indicator.values), ("result", indicator.results))
              for v in sorted(series, key=lambda entry: entry.year)]
    target = indicator.target
    if target.of is None and target.unit == unit:  # its condition and reference are in the description
        shown = l.compare(target.comparator, l.quantity(target.value, unit))
        points.append(Point(target.year, l.shown_number(target.value, unit), "target", shown))
    if not chartable([point.value for point in points]):
        return Markup("")
    name = l.raw(indicator.name)
    labels = {"baseline": l.ui("values_previous" if previous else "values_baseline"),
              "result": l.ui("chart_result"), "target": l.ui("chart_target")}
    target_text = l.ui("chart_target_label", year=l.fy(target.year), value=l.target(target, target.year))
    series = [l.ui("chart_series", series=labels[kind], values=l.ui("list_separator").join(
                  f"{fiscal_year_short(point.year, l.language)} {point.text}" for point in points if point.kind == kind))
              for kind in ("baseline", "result") if any(point.kind == kind for point in points)]
    return chart_svg(ChartSpec(
        chart_id=f"chart-{indicator.id}",
        name=l.ui("chart_name_previous" if previous else "chart_name", name=name),
        description=l.ui("chart_description", series=l.ui("sentence_separator").join(series), target=target_text),
        points=tuple(points),
        series_labels=labels,
        value_format=l.unit_pattern(unit),
        year_unit=l.ui("chart_year_unit"),
    ))
