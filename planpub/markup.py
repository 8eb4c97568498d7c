"""The small Markdown subset that prose fields of plan.yaml accept, rendered to safe HTML.

Allowed: paragraphs, *emphasis*, **strong**, bullet and numbered lists, backslash escapes and
links to http, https or mailto targets. Raw HTML is shown as text, never passed through; a link to
any other target (javascript:, data:, //host, a path …) is an error for `build.py check`, and
would be shown as the literal text the editor typed. Every other text of the plan is plain text
(``plain_html``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import lru_cache
from html import unescape

from markupsafe import Markup, escape

ALLOWED_RULES = ["list", "emphasis", "link", "escape"]
_SAFE_TARGET = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def is_allowed_link(url: str) -> bool:
    return bool(_SAFE_TARGET.match(url.strip()))


@lru_cache(maxsize=1)
def _parser():
    # Imported here: build.py check runs this module's checks but renders nothing.
    from markdown_it import MarkdownIt

    parser = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    parser.enable(ALLOWED_RULES)
    parser.validateLink = is_allowed_link
    return parser


@lru_cache(maxsize=4096)  # the same text shows on several pages (an item, its pillar, its chapter)
def render_prose(source: str) -> Markup:
    """Markdown subset → HTML. Safe to mark as Markup: markdown-it escapes everything else."""
    return Markup(_parser().render(source))


# What Python-Markdown (the site's and the PDF's converter) reads as syntax in text that is already
# HTML-escaped: links and images ([ ]), emphasis (* _), code (`), attribute lists ({ }) and
# backslash escapes; as character references they are only text. A line break would let the next
# line start a heading or a list.
_MARKDOWN_SYNTAX = re.compile(r"[\[\]*_`{}\\]")


def plain_html(text: str) -> Markup:
    """Text from plan.yaml that is not prose, as HTML that neither a browser nor Markdown reads as
    markup, wherever a template puts it (a heading, a table cell, a paragraph, an attribute)."""
    escaped = str(escape(" ".join(text.splitlines()) if "\n" in text else text))
    return Markup(_MARKDOWN_SYNTAX.sub(lambda match: f"&#{ord(match[0])};", escaped))


# A numbered footnote is referred to in prose as [^1]; markdown-it leaves that text alone.
FOOTNOTE_REFERENCE = re.compile(r"\[\^(\d+)\]")


def link_footnotes(html: str, label: str) -> Markup:
    """[^1] in rendered prose → a superscript link to the footnote's anchor (footnote-1)."""
    return Markup(
        FOOTNOTE_REFERENCE.sub(
            lambda m: f'<sup class="plan-footnote-ref"><a href="#footnote-{m[1]}" aria-label="{label} {m[1]}">{m[1]}</a></sup>',
            str(html),
        )
    )


# A note mark's link (in a heading, an indicator's row, prose, or another note) and a note of a
# notes list.
_NOTE_REFERENCE = re.compile(r'(<sup class="plan-(?:note|footnote)-ref"[^>]*><a|<a class="plan-note-mention") href="#([^"]+)"')
_NOTE = re.compile(r'<dt id="([^"]+)">(.*?)</dt>(\s*<dd>.*?)</dd>', re.DOTALL)
_NOTES = re.compile(r'<dl class="plan-notes">.*?</dl>', re.DOTALL)
_NUMBERED_MARK = re.compile(r"※\d+(?!\d)")
_LINK_NAME = re.compile(r'href="#([^"]+)" aria-label="([^"]*)"')  # a mark's link and its name


def link_note_mentions(html: str, name: Callable[[str], str]) -> str:
    """A note that mentions another note of its list by mark (「経常費用（※2）」) links to it, the
    link named ``name(mark)``."""
    def in_list(notes: re.Match) -> str:
        ids = {mark: anchor for anchor, mark, _ in _NOTE.findall(notes[0]) if _NUMBERED_MARK.fullmatch(mark)}
        parts = _TAG.split(notes[0])
        in_link = in_term = False
        for index, part in enumerate(parts):
            if index % 2:  # a tag
                in_link = part.startswith("<a") or (in_link and not part.startswith("</a"))
                in_term = part.startswith("<dt") or (in_term and not part.startswith("</dt"))
            elif not (in_link or in_term):
                parts[index] = _NUMBERED_MARK.sub(
                    lambda mark: (f'<a class="plan-note-mention" href="#{ids[mark[0]]}" aria-label="{escape(name(mark[0]))}">{mark[0]}</a>'
                                  if mark[0] in ids else mark[0]), part)
        return "".join(parts)
    return _NOTES.sub(in_list, html)


def notes_linked_back(html: str, back: Callable[[str, str, str], str], name: Callable[[str], str]) -> str:
    """Each note mark's link gets an id (ref-<note's id>), and the note it leads to a link back
    there at its end, ``back(reference id, the note's mark as HTML, the name of the mark's link)``;
    a note's mention of another is a link named ``name(mark)`` (issue 26: a reader who followed a
    mark had no way back). Each note is referred to once in a page at most."""
    html = link_note_mentions(html, name)
    referenced = {match[2] for match in _NOTE_REFERENCE.finditer(html)}
    names: dict[str, str] = {}
    for note, label in _LINK_NAME.findall(html):
        names.setdefault(note, unescape(label))
    html = _NOTE_REFERENCE.sub(lambda match: f'{match[1]} id="ref-{match[2]}" href="#{match[2]}"', html)
    return _NOTE.sub(lambda note: f'<dt id="{note[1]}">{note[2]}</dt>{note[3]}{back("ref-" + note[1], note[2], names.get(note[1], ""))}</dd>'
                     if note[1] in referenced else note[0], html)


_TRIANGLE_MINUS = re.compile(r"▲(?=\d)")


def spoken_minus(html: str, word: str) -> Markup:
    """▲ before a number, the draft's minus sign, shown as it is but read as ``word`` (issue 26:
    screen readers said "black up-pointing triangle"). Only text between tags is touched."""
    if "▲" not in html:
        return Markup(html)
    parts = _TAG.split(str(html))
    spoken = f'<span aria-hidden="true">▲</span><span class="plan-visually-hidden" data-search-exclude>{escape(word)}</span>'
    return Markup("".join(part if index % 2 else _TRIANGLE_MINUS.sub(spoken, part) for index, part in enumerate(parts)))


_LINK_TARGET = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)")  # one level of brackets, as markdown-it reads


def disallowed_links(source: str) -> list[str]:
    """Link targets in ``source`` that are not allowed (in prose they would be shown as text)."""
    return [target for target in _LINK_TARGET.findall(source) if not is_allowed_link(target)]


# Japanese letters (kana, kanji and the marks 々 〆 that repeat or close a word): where words are.
_LETTERS = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆"
JAPANESE_LETTER = re.compile(f"[{_LETTERS}]")
# The letters with CJK punctuation and full-width forms: a run of these in English text is Japanese.
_JAPANESE = _LETTERS + "\u3000-\u303f\uff01-\uff60\uffe0-\uffef"
_JAPANESE_RUN = re.compile(rf"(?:\d[\d.,]*)?[{_JAPANESE}]+(?:[ ・]?[{_JAPANESE}0-9０-９]+)*")
_JAPANESE_CHAR = re.compile(rf"[{_JAPANESE}]")  # a quick test before the run pattern, slow to try
_TAG = re.compile(r"(<[^>]*>)")


def mark_japanese(html: str) -> Markup:
    """Wrap Japanese runs in English HTML in <span lang="ja">, so screen readers switch voice
    (WCAG 3.1.2). Only text between tags is touched, never attribute values."""
    if not _JAPANESE_CHAR.search(str(html)):  # most English texts: nothing to mark
        return Markup(html)
    parts = _TAG.split(str(html))
    for index in range(0, len(parts), 2):  # even indexes are text, odd ones are tags
        if _JAPANESE_CHAR.search(parts[index]):
            parts[index] = _JAPANESE_RUN.sub(r'<span lang="ja">\g<0></span>', parts[index])
    return Markup("".join(parts))


_LINK_OPEN = re.compile(r"<a[\s>]", re.IGNORECASE)
# Quotation marks as prose HTML has them (markdown-it escapes the straight double quote).
_QUOTE = re.compile(r"([「『“」』”]|&quot;|&#34;)")
_OPENING, _CLOSING = "「『“", "」』”"


class _Quotations:
    """Whether the text read so far is inside a quotation, as its quotation marks open and close."""

    def __init__(self) -> None:
        self.open = 0
        self.straight = False  # inside "…" written with straight quotes, which open and close alike

    def passes(self, mark: str) -> None:
        if mark in _OPENING:
            self.open += 1
        elif mark in _CLOSING:
            self.open = max(0, self.open - 1)
        else:
            self.straight = not self.straight

    @property
    def inside(self) -> bool:
        return self.open > 0 or self.straight


def link_terms(html: str, terms: list[tuple[str, str]], linked: set[str], ignore_case: bool = False) -> Markup:
    """Link the first occurrence of each glossary term in ``html`` not yet in ``linked`` (the
    terms already linked on this page, updated here). ``terms`` are (surface text, href), longest
    first so that 純資産比率 wins over 純資産. Text inside links is left alone, and so is text
    inside quotations (「…」, "…"): a quotation is given as it was written, and the print edition
    would put a page number after the term, inside it."""
    # Only the terms the text contains go into the pattern: a long alternation is slow to run.
    text = str(html).casefold() if ignore_case else str(html)
    wanted = [(surface, href) for surface, href in terms
              if href not in linked and (_casefolded(surface) if ignore_case else surface) in text]
    if not wanted:
        return Markup(html)
    pattern = re.compile("|".join(_term_pattern(surface) for surface, _ in wanted), re.IGNORECASE if ignore_case else 0)
    hrefs = {surface: href for surface, href in wanted}
    parts = _TAG.split(str(html))
    depth, quotations = 0, _Quotations()
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            depth += 1 if _LINK_OPEN.match(part) else -1 if part.lower().startswith("</a") else 0
            continue
        pieces = _QUOTE.split(part)  # text and, at odd indexes, the quotation marks in it
        for position, piece in enumerate(pieces):
            if position % 2:
                quotations.passes(piece)
            elif depth == 0 and not quotations.inside:
                pieces[position] = pattern.sub(lambda match: _term_link(match[0], hrefs, linked), piece)
        parts[index] = "".join(pieces)
    return Markup("".join(parts))


@lru_cache(maxsize=4096)  # every term is looked for in every prose text of every page
def _casefolded(surface: str) -> str:
    return surface.casefold()


def _term_pattern(surface: str, ending: str = "") -> str:
    """A term matches as a whole word where it begins or ends with a Latin letter or digit,
    followed by ``ending`` (a pattern) if given."""
    before = r"(?<![A-Za-z0-9])" if surface[:1].isascii() and surface[:1].isalnum() else ""
    after = r"(?![A-Za-z0-9])" if surface[-1:].isascii() and surface[-1:].isalnum() else ""
    return f"{before}{re.escape(surface)}{ending}{after}"


def _term_link(text: str, hrefs: dict[str, str], linked: set[str]) -> str:
    href = hrefs.get(text) or next(h for s, h in hrefs.items() if s.casefold() == text.casefold())
    if href in linked:
        return text
    linked.add(href)
    return f'<a class="plan-term-link" href="{href}">{text}</a>'



# Where an abbreviation is left as it is (WCAG 3.1.4, html_text.HtmlText.abbreviations_expanded):
# a heading, whose text the engine copies into the table of contents and the page title as plain
# text; a link, whose text says where it goes; code; SVG, which has no <abbr>; controls.
_NOT_EXPANDED_IN = frozenset({"a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "svg", "script",
                              "style", "textarea", "title", "option", "button"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_LANG = re.compile(r'\slang="([^"]*)"')
_BADGE = 'class="plan-badge'
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s")


@lru_cache(maxsize=4096)
def _element(tag: str, language: str) -> tuple[bool, str, bool] | None:
    """Of a tag: whether it closes, the element's name, and whether an abbreviation inside is left
    alone; None for a comment, a declaration, a self-closed or void element. Cached: a page
    repeats its tags (<td>, </li>) thousands of times."""
    found = _TAG_NAME.match(tag)
    if found is None or tag.endswith("/>"):
        return None
    name = found[2].lower()
    if found[1]:
        return True, name, False
    if name in _VOID:
        return None
    lang = _LANG.search(tag)
    excluded = (name in _NOT_EXPANDED_IN or _BADGE in tag  # a mark's badge is its words alone ("DX重点"), read as one
                or (lang is not None and not lang[1].startswith(language)))
    return False, name, excluded


_TAG_ON_LINE = re.compile(r"<[^>\n]*>")  # a tag as a line's HTML has it: a "<" without its ">" on the line is text
# The start of a tag that may begin an element abbreviations are left alone in, or the attribute
# that may make one of it.
_MAY_EXCLUDE = re.compile(r"<(?:(?:" + "|".join(sorted(_NOT_EXPANDED_IN)) + r")(?![A-Za-z0-9-])|[A-Za-z][^>\n]*?(?:\slang=\"|" + _BADGE + "))",
                          re.IGNORECASE)


class _Reader:
    """Reads a page from its start, to say of a point whether it is in a tag, in a Markdown
    heading, or in an element that abbreviations are not expanded in (_NOT_EXPANDED_IN, and text
    in another language than the page's, whose expansion would be in the wrong language). It looks
    only for the tags that may begin such an element, and from one for the tag that ends it."""

    def __init__(self, page: str, language: str) -> None:
        self.page, self.language = page, language
        self.read = 0  # the page before this is read (never inside a tag)
        self.excluded_until = 0  # the end of the element left alone that the reading is in
        self._lines: dict[int, tuple[list[int], list[re.Match]]] = {}

    def expands_at(self, point: int) -> re.Match | bool:
        """The tag that ``point`` is in, if it is; else whether an abbreviation there is expanded."""
        tag = self._tag_at(point)
        if tag is not None:
            self._read_to(tag.start())
            if self.read >= self.excluded_until:
                self._pass(tag)
            self.read = max(self.read, tag.end())
            return tag
        self._read_to(point)
        line_start = self.page.rfind("\n", 0, point) + 1
        return point >= self.excluded_until and _MARKDOWN_HEADING.match(self.page, line_start) is None  # "## DX の推進 { #dx }"

    def _read_to(self, point: int) -> None:
        while self.read < point:
            if self.read < self.excluded_until:
                self.read = min(point, self.excluded_until)
                continue
            hint = _MAY_EXCLUDE.search(self.page, self.read, point)
            tag = hint and self._tag_at(hint.start())
            if hint is None or tag is not None and tag.end() > point:
                break
            if tag is None:  # a "<a" that is text
                self.read = hint.start() + 1
                continue
            self._pass(tag)
            self.read = max(self.read, tag.end())
        self.read = max(self.read, point)

    def _pass(self, tag: re.Match) -> None:
        element = _element(tag[0], self.language)
        if element is not None and element[2]:
            self.excluded_until = _end_of(self.page, element[1], tag.end())

    def _tag_at(self, point: int) -> re.Match | None:
        line_start = self.page.rfind("\n", 0, point) + 1
        if line_start not in self._lines:
            line_end = self.page.find("\n", point)
            tags = list(_TAG_ON_LINE.finditer(self.page, line_start, len(self.page) if line_end < 0 else line_end))
            self._lines[line_start] = [tag.start() for tag in tags], tags
        starts, tags = self._lines[line_start]
        index = bisect.bisect_right(starts, point) - 1
        return tags[index] if index >= 0 and point < tags[index].end() else None


def _end_of(page: str, name: str, start: int) -> int:
    """Where the element ``name`` opened just before ``start`` ends: after its closing tag, the
    same elements opened inside it counted; the end of the page if it is never closed."""
    depth = 1
    for tag in _same_name_tags(name).finditer(page, start):
        element = _element(tag[0], "")
        if element is not None:
            depth += -1 if element[0] else 1
            if depth == 0:
                return tag.end()
    return len(page)


@lru_cache(maxsize=64)
def _same_name_tags(name: str) -> re.Pattern:
    return re.compile(rf"</?{re.escape(name)}(?![A-Za-z0-9-])[^>\n]*>", re.IGNORECASE)


def term_surface(term: str) -> str:
    """How a glossary term appears in running text: without the reading or expansion the
    glossary adds in brackets, and without a leading article. "DX（デジタル・…）" → "DX"."""
    surface = re.split(r"（| \(", term, maxsplit=1)[0].strip()
    return re.sub(r"^the ", "", surface, flags=re.IGNORECASE)


def abbreviation_pattern(abbreviation: str) -> str:
    """An abbreviation as a whole word, or with the English plural's s (KPIs): RPA is not found
    inside a longer word."""
    return _term_pattern(abbreviation, "s?")


def mark_abbreviations(page: str, expansions: dict[str, str], expanded: set[str], language: str) -> str:
    """A page (Markdown with HTML) whose first use of each abbreviation not in ``expanded`` (those
    already marked on this page, updated here) is marked <abbr title="its expansion">, the
    expansion given in the page's language by ``expansions``. Headings, links, code and text in
    another language are left alone (_NOT_EXPANDED_IN); where abbreviations overlap, the longer
    one wins (AI-OCR, not AI inside it)."""
    marked, newly_expanded = _marked(page, tuple(expansions.items()), frozenset(expanded), language)
    expanded |= newly_expanded
    return marked


# The preview renders the whole site again at each save, and most pages come out as they were:
# those are marked once (a page's marking is most of its rendering after its templates).
@lru_cache(maxsize=1024)
def _marked(page: str, expansions: tuple[tuple[str, str], ...], already: frozenset[str], language: str) -> tuple[str, frozenset[str]]:
    expanded = set(already)
    return _mark(page, dict(expansions), expanded, language), frozenset(expanded - already)


def _mark(page: str, expansions: dict[str, str], expanded: set[str], language: str) -> str:
    used = _used(tuple(expansions), page)
    wanted = {abbreviation: title for abbreviation, title in expansions.items() if abbreviation not in expanded and abbreviation in used}
    if not wanted:
        return page
    ordered = tuple(sorted(wanted, key=len, reverse=True))
    pattern, letters = _patterns(ordered)
    reader = _Reader(page, language)

    def mark(match: re.Match) -> str:
        abbreviation = ordered[match.lastindex - 1]
        if abbreviation in expanded:
            return match[0]
        expanded.add(abbreviation)
        return f'<abbr title="{plain_html(wanted[abbreviation])}">{match[0]}</abbr>'

    pieces, done, position = [], 0, 0
    while not wanted.keys() <= expanded and (candidate := letters.search(page, position)) is not None:
        where = reader.expands_at(candidate.start())
        found = pattern.match(page, candidate.start()) if where is True else None
        if isinstance(where, re.Match):
            position = where.end()
        elif found is None:
            position = candidate.start() + 1
        else:
            pieces += [page[done:found.start()], mark(found)]
            done = position = found.end()
    return "".join(pieces) + page[done:] if pieces else page


def _used(abbreviations: tuple[str, ...], page: str) -> set[str]:
    """Those of ``abbreviations`` whose letters are in ``page``, found in a pass or two (asking the
    page of each in turn took a tenth of rendering it). A match can hide another that it contains
    or overlaps (AI in AI-OCR): those are looked for again, until a pass finds none of them."""
    overlapping = _overlapping(abbreviations)
    found: set[str] = set()
    hidden = set(abbreviations)
    while hidden and (newly := set(_any_of(tuple(sorted(hidden))).findall(page))):
        found |= newly
        hidden = {abbreviation for abbreviation in hidden - newly if not newly.isdisjoint(overlapping[abbreviation])}
    return found


@lru_cache(maxsize=64)
def _any_of(abbreviations: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(abbreviations, key=len, reverse=True))))


@lru_cache(maxsize=8)
def _overlapping(abbreviations: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Of each, the others it can share letters with in a text."""
    return {one: frozenset(other for other in abbreviations if other != one and _overlap(one, other)) for one in abbreviations}


def _overlap(one: str, other: str) -> bool:
    """Whether the two can share letters in a text: one inside the other, or an end of one
    beginning the other."""
    return (one in other or other in one
            or any(one.endswith(other[:size]) or other.endswith(one[:size]) for size in range(1, min(len(one), len(other)))))


@lru_cache(maxsize=256)  # pages share their sets of abbreviations
def _patterns(ordered: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """A pattern of the abbreviations as words, each its own group, and one of their letters alone,
    which finds where one may be quickly: a pattern that starts with a look-behind is tried at
    every character, which took most of the English pages' rendering."""
    return (re.compile("|".join(f"({abbreviation_pattern(a)})" for a in ordered)),
            re.compile("|".join(map(re.escape, ordered))))


def _replaced(text: str, letters: re.Pattern, pattern: re.Pattern, replacement) -> str:
    """``pattern.sub(replacement, text)``, with ``pattern`` tried only where ``letters`` (what
    each of its matches begins with) is found."""
    pieces, done, start = [], 0, 0
    while (candidate := letters.search(text, start)) is not None:
        found = pattern.match(text, candidate.start())  # its look-behind still sees the text before
        if found is None:
            start = candidate.start() + 1
            continue
        pieces += [text[done:found.start()], replacement(found)]
        done = start = found.end()
    return "".join(pieces) + text[done:] if pieces else text
