"""The laid-out print edition as a print designer checks it, box by box in WeasyPrint's layout:
text off the page and characters no font draws (the PDF is then withheld), and faults to send back
(headings stranded at a page's foot, table columns narrower than their words, text too small).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from functools import cache
from html import unescape

FONTS = ("Noto Sans CJK JP", "Noto Serif CJK JP")


def layout_faults(document) -> list[str]:
    """What a print designer would send back, none a reason to withhold the PDF."""
    return stranded_headings(document) + narrow_columns(document) + small_text(document)


def _font_file(family: str) -> str:
    return subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, timeout=60).stdout


@cache
def _printable_characters() -> frozenset[int]:
    """The code points the print fonts have glyphs for."""
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for family in FONTS:
        with TTFont(_font_file(family), fontNumber=0, lazy=True) as font:
            covered.update(font.getBestCmap())
    return frozenset(covered)


def _any_font_draws(character: str) -> bool:
    return bool(subprocess.run(["fc-list", f":charset={ord(character):x}", "family"],
                               capture_output=True, text=True, timeout=60).stdout.strip())


def missing_glyphs(html: str) -> list[str]:
    """Characters of the text that no font can draw: they would print as an empty box. (The few
    the print fonts lack, such as some superscript digits quoted from the draft, are drawn by
    Pango from another installed font.)"""
    text = unescape(re.sub(r"<[^>]*>", " ", html))
    invisible = ("Cc", "Cf", "Zs", "Zl", "Zp")  # controls, format marks and spaces draw nothing
    uncovered = {character for character in text
                 if ord(character) not in _printable_characters() and unicodedata.category(character) not in invisible}
    return [f"no font can draw U+{ord(character):04X} {unicodedata.name(character, '')} ({character})"
            for character in sorted(uncovered) if not _any_font_draws(character)]


def _flow(box, ancestors=()):
    """Every box of a page's main flow (the running heads left out), with its ancestors."""
    from weasyprint.formatting_structure.boxes import MarginBox

    for child in getattr(box, "children", ()):
        if not isinstance(child, MarginBox) and not child.element_tag.endswith("::marker"):
            yield child, ancestors
            yield from _flow(child, (*ancestors, child))


def _classes(box) -> set[str]:
    return set(box.element.get("class", "").split()) if box.element is not None else set()


_LEADS_IN = {"h1", "h2", "h3", "h4", "h5", "h6", "caption", "thead", "dt"}  # what must not end a page


def stranded_headings(document) -> list[str]:
    """Headings, breadcrumbs under a heading, table captions and header rows, glossary terms
    that end their page: what they introduce starts on the next one."""
    from weasyprint.formatting_structure.boxes import LineBox

    problems = []
    for number, page in enumerate(document.pages[:-1], start=1):
        lines = [(box, ancestors) for box, ancestors in _flow(page._page_box) if isinstance(box, LineBox)]
        if not lines:
            continue
        last, ancestors = lines[-1]
        if any(box.element_tag in _LEADS_IN or "plan-context" in _classes(box) for box in ancestors):
            problems.append(f"page {number}: “{_text(last)[:40]}” ends the page, apart from what it introduces")
    return problems


def _text(box) -> str:
    from weasyprint.formatting_structure.boxes import TextBox

    return "".join(child.text for child, _ in _flow(box) if isinstance(child, TextBox)).strip()


def narrow_columns(document) -> list[str]:
    """Table cells narrower than a word of theirs: lines of one character each (「達／成」), or
    a Latin word split across two lines."""
    from weasyprint.formatting_structure.boxes import LineBox, TableCellBox

    problems = []
    for number, page in enumerate(document.pages, start=1):
        for cell, _ in _flow(page._page_box):
            if not isinstance(cell, TableCellBox):
                continue
            lines = [text for line, _ in _flow(cell) if isinstance(line, LineBox) and (text := _text(line))]
            source = re.sub(r"\s+", " ", " ".join(cell.element.itertext()))  # a <br> parts words too
            for before, after in zip(lines, lines[1:]):
                if len(before) == len(after) == 1 or _split_word(before, after, source):
                    problems.append(f"page {number}: a table column too narrow for “{before[-12:]}|{after[:12]}”")
                    break
    return list(dict.fromkeys(problems))


def _split_word(before: str, after: str, source: str) -> bool:
    """Whether two lines part inside a Latin word of the text (not at a space or hyphen)."""
    latin = re.compile(r"[A-Za-z0-9]")
    return bool(latin.match(before[-1]) and latin.match(after[0]) and before[-8:] + after[:8] in source)


PT = 0.75  # points per CSS px
SMALLEST = {"body": 10.5, "table": 9, "aside": 9}  # points: running text, tables, page references and marks


def small_text(document) -> list[str]:
    """Text smaller than a resident can read comfortably: running text under 10.5 pt, tables,
    page references, notes and marks under 9 pt."""
    from weasyprint.formatting_structure.boxes import TextBox

    problems = []
    for number, page in enumerate(document.pages, start=1):
        for box, ancestors in _flow(page._page_box):
            if not isinstance(box, TextBox) or not box.text.strip():
                continue
            size = box.style["font_size"] * PT
            if size < SMALLEST[_text_kind(box, ancestors)] - 0.05:
                problems.append(f"page {number}: “{box.text.strip()[:30]}” is set in {size:.1f} pt")
    return list(dict.fromkeys(problems))


def _text_kind(box, ancestors) -> str:
    tags = {ancestor.element_tag for ancestor in (*ancestors, box)}
    if "table" in tags:
        return "table"
    if any("::" in tag for tag in tags) or tags & {"sup", "sub", "figure", "svg"} or any(
            _classes(ancestor) & {"plan-badge", "plan-notes", "print-cover", "plan-charts"} for ancestor in ancestors):
        return "aside"
    return "body"


def overflowing(document) -> list[str]:
    """Boxes that stick out of the page's content area sideways (a table too wide for A4)."""
    problems = []
    for number, page in enumerate(document.pages, start=1):
        area = page._page_box
        left, right = area.content_box_x(), area.content_box_x() + area.width
        for box in area.descendants():
            if getattr(box, "width", None) is None or not box.element_tag:
                continue
            if box.position_x < left - 1 or box.position_x + box.margin_width() > right + 1:
                problems.append(f"page {number}: <{box.element_tag}> sticks out of the page by "
                                f"{max(left - box.position_x, box.position_x + box.margin_width() - right):.0f} px")
    return list(dict.fromkeys(problems))
