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

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markupsafe import Markup, escape

_GROUPS = ("thead", "tbody", "tfoot")
_CELLS = ("th", "td")


def label_cells(rows: str, separator: str) -> Markup:
    """The rows of a table (its ``thead`` and ``tbody``, written by a template as trusted HTML)
    with the header of its column and ``separator`` in the ``data-label`` of each data cell."""
    reader = _TableReader()
    reader.feed(str(rows))
    reader.close()
    labels = reader.column_labels()
    html = str(rows)
    for cell in reversed(reader.cells):
        label = labels.get(cell.column)
        if cell.name == "td" and cell.group != "thead" and label:
            html = html[:cell.end] + f' data-label="{escape(label + separator)}"' + html[cell.end:]
    return Markup(html)


@dataclass
class _Cell:
    """A cell's start tag: where its attributes end (just before ``>``), its column counted from 0
    as the HTML table model counts it (spans taken into account), and its text."""

    name: str
    end: int
    group: str
    column: int
    text: list[str] = field(default_factory=list)


class _TableReader(HTMLParser):
    """The cells of one table's rows, in the order they are written."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells: list[_Cell] = []
        self._line_starts = [0]
        self._group = ""
        self._cell: _Cell | None = None
        self._taken: dict[int, int] = {}  # column → how many more rows a cell above spans it
        self._next_column = 0

    def feed(self, data: str) -> None:
        # The parser tells where a tag starts as (line, column), counting lines at "\n" only.
        self._line_starts += [match.end() for match in re.finditer("\n", data)]
        super().feed(data)

    def handle_starttag(self, tag, attrs):
        if tag in _GROUPS:
            self._group, self._taken = tag, {}
        elif tag == "tr":
            self._taken = {column: rows - 1 for column, rows in self._taken.items() if rows > 1}
            self._next_column = 0
        elif tag in _CELLS:
            attributes = dict(attrs)
            column = self._place(int(attributes.get("colspan") or 1), int(attributes.get("rowspan") or 1))
            self._cell = _Cell(tag, self._end_of_start_tag(), self._group, column)
            self.cells.append(self._cell)

    def _place(self, columns: int, rows: int) -> int:
        column = self._next_column
        while column in self._taken:
            column += 1
        for taken in range(column, column + columns):
            self._taken[taken] = rows
        self._next_column = column + columns
        return column

    def _end_of_start_tag(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column + len(self.get_starttag_text()) - 1

    def handle_endtag(self, tag):
        if tag in _CELLS:
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.text.append(data)

    def column_labels(self) -> dict[int, str]:
        """Each column's header: the text of the header cell above it in the table head."""
        return {cell.column: " ".join("".join(cell.text).split())
                for cell in self.cells if cell.name == "th" and cell.group == "thead"}
