"""The column labels of stacked tables (planpub/tables.py): each data cell gets the header of its
column, counted as the HTML table model counts columns."""

from __future__ import annotations

import re

from markupsafe import Markup

from planpub.tables import label_cells


def labels(rows: str, separator: str = ": ") -> list[str | None]:
    """The data-label of each cell, in order; None for a cell without one."""
    return [match[1] for match in re.finditer(r'<t[hd]\b[^>]*?(?: data-label="([^"]*)")?>', str(label_cells(rows, separator)))]


def test_each_data_cell_gets_the_header_of_its_column_and_the_separator():
    rows = ('<thead><tr><th scope="col">Indicator</th><th scope="col">FY2024</th><th scope="col">Target</th></tr></thead>\n'
            '<tbody>\n<tr><th scope="row">Rate</th><td>10%</td><td>20%</td></tr>\n</tbody>')
    assert labels(rows, "：") == [None, None, None, None, "FY2024：", "Target："]


def test_headers_are_not_labelled_and_nothing_else_changes():
    rows = ('<thead><tr><th scope="col">What</th><th scope="col">Size</th></tr></thead>'
            '<tbody><tr><th scope="row"><a href="a.csv">a.csv</a></th><td class="plan-number">2 kB</td></tr></tbody>')
    labelled = label_cells(rows, ": ")
    assert isinstance(labelled, Markup)
    assert str(labelled) == rows.replace('<td class="plan-number">', '<td class="plan-number" data-label="Size: ">')


def test_cells_under_a_header_of_several_rows_keep_their_columns():
    """The overviews: a pillar heads several rows and spans them; the rows below it start one
    column further right."""
    rows = ('<thead><tr><th scope="col">Pillar</th><th scope="col">Item</th><th scope="col">Actions</th></tr></thead>\n'
            '<tbody>\n'
            '<tr><th scope="rowgroup" rowspan="2">I</th><th scope="row">No.1</th><td>a</td></tr>\n'
            '<tr><th scope="row">No.2</th><td>b</td></tr>\n'
            '<tr><td>no pillar</td><th scope="row">No.3</th><td>c</td></tr>\n'
            '</tbody>')
    assert labels(rows)[3:] == [None, None, "Actions: ", None, "Actions: ", "Pillar: ", None, "Actions: "]


def test_a_cell_spanning_columns_takes_the_header_of_its_first():
    rows = ('<thead><tr><th scope="col">Item</th><th scope="col">2024</th><th scope="col">2025</th><th scope="col">Note</th></tr></thead>'
            '<tbody><tr><th scope="row">A</th><td colspan="2">both years</td><td>n</td></tr></tbody>')
    assert labels(rows)[4:] == [None, "2024: ", "Note: "]


def test_a_header_is_its_text_with_markup_and_spacing_removed():
    rows = ('<thead><tr><th scope="col">Item</th><th scope="col">Target\n(<span lang="ja">目標</span>) &amp; year</th></tr></thead>'
            '<tbody><tr><th scope="row">A</th><td>1</td></tr></tbody>')
    assert labels(rows)[-1] == "Target (目標) &amp; year: "


def test_a_table_without_a_header_row_gets_no_labels():
    assert labels("<tbody><tr><th scope=\"row\">A</th><td>1</td></tr></tbody>") == [None, None]


def test_a_header_cell_without_its_end_tag_ends_where_the_next_cell_starts():
    rows = ('<thead><tr><th scope="col">Item<th scope="col" title="a > b">Size</tr></thead>'
            '<tbody><tr><th scope="row">A<td>1</tbody>')
    assert labels(rows)[-1] == "Size: "
