"""The column labels of a table that stacks into cards on a narrow screen (plan.css): each row
becomes a card, and each data cell is shown after the header of its column, which the stylesheet
takes from the cell's ``data-label``. The labels are read from the table's own header row, so
that no template repeats them and a label can never disagree with its column.

Nothing else changes in the markup. In particular the parts of the table get no ARIA roles
(role="row", "cell" …), the usual remedy for browsers that stopped exposing a table whose parts
are laid out as blocks: ARIA in HTML forbids them on the parts of an HTML table, and the Nu HTML
Checker reports each as an error. The browsers in use keep the table's semantics as it is
(Chromium and Firefox; Safari since version 17, which fixed tables with display: block, flex or
grid), so screen readers announce the same headers for each cell at every width;
tests/test_tables_browser.py checks it in Chromium.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

# The tags that decide where a cell stands, with their attributes (quoted values may hold ">").
# The rows are the project's own template output, never a resident's text, so a scan of their
# tags reads them as a parser would, several times faster on the long tables of the appendices.
_TAG = re.compile(r"""<(/?)(thead|tbody|tfoot|tr|th|td)\b((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.IGNORECASE)
_SPAN = {name: re.compile(rf"""\b{name}\s*=\s*["']?(\d+)""", re.IGNORECASE) for name in ("colspan", "rowspan")}
_MARKUP = re.compile(r"<[^>]*>")


def label_cells(rows: str, separator: str) -> Markup:
    """The rows of a table (its ``thead`` and ``tbody``, written by a template as trusted HTML)
    with the header of its column and ``separator`` in the ``data-label`` of each data cell."""
    html_rows = str(rows)
    cells = _read_cells(html_rows)
    labels = _column_labels(cells, html_rows)
    pieces, written = [], 0
    for cell in cells:
        label = labels.get(cell.column)
        if cell.name == "td" and cell.group != "thead" and label:
            pieces += [html_rows[written:cell.end], f' data-label="{escape(label + separator)}"']
            written = cell.end
    return Markup("".join(pieces) + html_rows[written:])


@dataclass
class _Cell:
    """A cell's start tag: where its attributes end (just before ``>``), its column counted from 0
    as the HTML table model counts it (spans taken into account), and where its content lies."""

    name: str
    end: int
    group: str
    column: int
    content_end: int = 0


def _read_cells(rows: str) -> list[_Cell]:
    """The cells of one table's rows, in the order they are written."""
    cells: list[_Cell] = []
    group, open_cell = "", None
    taken: dict[int, int] = {}  # column → how many more rows a cell above spans it
    next_column = 0
    for tag in _TAG.finditer(rows):
        closing, name, attributes = tag[1], tag[2].lower(), tag[3]
        if open_cell is not None and (not closing or name in ("th", "td")):  # a cell ends at its end tag or where another part starts
            open_cell.content_end, open_cell = tag.start(), None
        if closing:
            continue
        if name in ("thead", "tbody", "tfoot"):
            group, taken = name, {}
        elif name == "tr":
            taken = {column: span - 1 for column, span in taken.items() if span > 1}
            next_column = 0
        else:
            column = next_column
            while column in taken:
                column += 1
            for spanned in range(column, column + _span("colspan", attributes)):
                taken[spanned] = _span("rowspan", attributes)
            next_column = column + _span("colspan", attributes)
            open_cell = _Cell(name, tag.end() - 1, group, column)
            cells.append(open_cell)
    if open_cell is not None:
        open_cell.content_end = len(rows)
    return cells


def _span(name: str, attributes: str) -> int:
    match = _SPAN[name].search(attributes)
    return int(match[1]) if match and int(match[1]) > 0 else 1


def _column_labels(cells: list[_Cell], rows: str) -> dict[int, str]:
    """Each column's header: the text of the header cell above it in the table head."""
    return {cell.column: " ".join(html.unescape(_MARKUP.sub("", rows[cell.end + 1:cell.content_end])).split())
            for cell in cells if cell.name == "th" and cell.group == "thead"}
