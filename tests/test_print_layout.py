"""The print edition's layout as a print designer checks it (planpub/print_layout.py, and what
planpub/pdf.py and content/print/print.css do for it): nothing that introduces a block ends a page, no table column narrower than its words,
text large enough for residents, running heads on one line, page references and addresses not
broken. The real plan's PDFs are the session's (built once); the checks themselves are tried on
small documents that have each fault."""

from __future__ import annotations

import re
import subprocess
from html import unescape

import pytest

from planpub.formatting import Formatter
from planpub.pdf import RUNNING_HEAD_EMS, layout_warnings, print_html, running_heads, shortened, typeset, write_pdf
from planpub.print_layout import narrow_columns, small_text, stranded_headings
from planpub.urls import DOWNLOADS, LANGUAGE_ROOTS, LANGUAGES, PDF_NAMES, Urls
from tests.conftest import PROJECT

pytestmark = pytest.mark.pdf

MM = 72 / 25.4  # PDF units (points) per millimetre


def rendered(body: str, language: str = "ja"):
    """A small document laid out with the print stylesheet."""
    from weasyprint import CSS, HTML

    html = f'<!doctype html><html lang="{language}"><title>t</title><body>{typeset(body)}</body></html>'
    return HTML(string=html, base_url=str(PROJECT / "content" / "print")).render(
        stylesheets=[CSS(filename=str(PROJECT / "content" / "print" / "print.css"))])


FILLER = '<div style="height: 232mm">本文</div>'  # leaves a few lines at the foot of the first page
TALL = '<div style="height: 60mm; break-inside: avoid; border: 1pt solid"></div>'


def test_a_heading_at_the_foot_of_a_page_is_found_and_the_stylesheet_keeps_it_with_what_follows():
    assert stranded_headings(rendered(f'{FILLER}<h2 style="break-after: auto">見出し</h2>{TALL}')) == [
        "page 1: “見出し” ends the page, apart from what it introduces"]
    kept = rendered(f"{FILLER}<h2>見出し</h2>{TALL}")
    assert stranded_headings(kept) == [] and len(kept.pages) == 2


def test_a_caption_and_a_breadcrumb_stay_with_what_they_introduce():
    table = '<table><caption>表の名前</caption><thead><tr><th>列</th></tr></thead><tbody><tr><td style="height: 40mm">値</td></tr></tbody></table>'
    assert stranded_headings(rendered(FILLER + table)) == []
    assert stranded_headings(rendered(f'<h1>項目</h1><div style="height: 226mm">本文</div><h2>見出し</h2><p class="plan-context">位置付け</p>{TALL}')) == []


def test_a_column_narrower_than_its_word_is_found_and_a_short_word_is_never_broken():
    crowded = "".join(f"<td>{'区民サービスの向上のための情報化の推進' * 3}</td>" for _ in range(3))
    table = f"<table><thead><tr><th>事業名</th><th>成果目標</th><th>実施状況</th><th>達成状況</th></tr></thead><tbody><tr>{crowded}<td>継続</td></tr></tbody></table>"
    assert narrow_columns(rendered(table)) == []  # typeset marks 「達成状況」 and 「継続」 as words
    unmarked = table.replace("<th>達成状況</th>", "<th><span>達成状況</span></th>").replace("<td>継続</td>", "<td><span>継続</span></td>")
    assert narrow_columns(rendered(unmarked)) == ["page 1: a table column too narrow for “達|成”",
                                                  "page 1: a table column too narrow for “継|続”"]
    split = '<table style="width: 40mm"><tr><td style="width: 8mm; overflow-wrap: anywhere">Implementation</td><td>x</td></tr></table>'
    assert narrow_columns(rendered(split, "en")) and "Implementation" not in str(narrow_columns(rendered(split.replace("Implementation", "Plan of work"), "en")))


def test_text_too_small_for_residents_is_found():
    assert small_text(rendered("<p>本文</p><table><tr><td>表</td></tr></table><p>注<sup>5</sup></p>")) == []
    assert small_text(rendered('<p style="font-size: 9.5pt">小さな本文</p><table style="font-size: 8.5pt"><tr><td>小さな表</td></tr></table>')) == [
        "page 1: “小さな本文” is set in 9.5 pt", "page 1: “小さな表” is set in 8.5 pt"]


def test_typeset_marks_superscripts_words_addresses_and_row_groups_in_text_only():
    html = typeset('<p title="注⁵">記号¹³⁾ (https://www.soumu.go.jp/main/a.pdf)</p><svg><text>⁵</text></svg>'
                   '<table><tbody><tr><th scope="rowgroup">柱</th><td>継続</td></tr><tr><td>次の行の長い説明の文章</td></tr>'
                   '<tr><td data-label="年度">令和4（2022）年度</td></tr></tbody></table><p>令和4年度</p>')
    assert '<p title="注⁵">記号<sup>13)</sup> (<span class="print-word">https://www.soumu.go.jp/</span>main/a.pdf)</p>' in html
    assert "<svg><text>⁵</text></svg>" in html
    assert '<td><span class="print-word">継続</span></td></tr><tr class="print-group-continues"><td>次の行の長い説明の文章</td>' in html
    assert '<td data-label="年度">令和4（2022）年\u2060度</td>' in html and "<p>令和4年度</p>" in html  # 「年度」 whole in tables


def test_a_running_head_is_shortened_to_one_line():
    assert shortened("第1章 行財政を取り巻く環境", 46) == "第1章 行財政を取り巻く環境"
    long = "Chapter 1 The environment surrounding the City's administration and finances, and what it asks of the City"
    assert shortened(long, 46).endswith("…") and " " + shortened(long, 46)[:-1].split()[-1] + " " in long + " "


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_running_head_of_the_real_plan_fits_its_line(real_plan, language):
    l = Formatter(language, real_plan)
    for page in Urls(real_plan).pages:
        for name, text in running_heads(l, page).items():
            assert shortened(text, RUNNING_HEAD_EMS[name]) == text or text.endswith("…"), (page.path, text)


# --- the real plan's PDFs, as the session built them ------------------------------------------


@pytest.fixture(scope="module")
def pdf_paths(built_site):
    return {language: built_site / LANGUAGE_ROOTS[language] / DOWNLOADS / PDF_NAMES[language] for language in LANGUAGES}


def test_the_real_plan_prints_without_a_layout_fault(real_build):
    """No heading, breadcrumb or caption ends a page; no column is narrower than its words;
    running text is 10.5 pt or more, tables, notes, marks and page references 9 pt or more."""
    assert [notice for notice in real_build[1].notices if notice.startswith("PDF layout")] == []


def words_with_boxes(pdf) -> list[tuple[int, float, float, str]]:
    """(page, top, bottom, word) of every word, in points from the top of the page."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    result = []
    for number, page in enumerate(xhtml.split("<page ")[1:], start=1):
        for top, bottom, word in re.findall(r'<word xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)">([^<]*)</word>', page):
            result.append((number, float(top), float(bottom), unescape(word)))
    return result


@pytest.mark.parametrize("language", LANGUAGES)
def test_running_heads_are_one_line_well_inside_the_trim(pdf_paths, language):
    heads: dict[int, set[int]] = {}
    for page, top, bottom, _ in words_with_boxes(pdf_paths[language]):
        if bottom < 20 * MM:  # above the text area
            assert top > 10 * MM, (page, top)
            heads.setdefault(page, set()).add(round(bottom))
    assert len(heads) > 100 and all(len(lines) == 1 for lines in heads.values()), {page: lines for page, lines in heads.items() if len(lines) > 1}


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_references_and_addresses_are_not_broken_after_their_start(pdf_paths, language):
    text = subprocess.run(["pdftotext", "-layout", str(pdf_paths[language]), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.rstrip() for line in text.splitlines()]
    assert [line for line in lines if re.search(r"(\(p\.|https?://|（)$", line)] == []
    assert [line for line in lines if re.match(r"\s*ページ）", line)] == []


def test_layout_faults_are_warnings_named_with_their_language(tmp_path):
    check = write_pdf('<!doctype html><html lang="ja"><title>t</title><p style="font-size: 8pt">小さい</p></html>',
                      PROJECT / "content", tmp_path / "small.pdf")
    assert check.problems == [] and layout_warnings({"ja": check}) == ["PDF layout (ja): page 1: “小さい” is set in 8.0 pt"]


def test_print_html_has_no_superscript_digit_left_in_its_text(real_plan):
    html = print_html(real_plan, Urls(real_plan), PROJECT / "content", "en")
    text = re.sub(r"<svg\b.*?</svg>|<[^>]*>", "", html, flags=re.S)
    assert not re.search("[⁰¹²³⁴⁵⁶⁷⁸⁹]", text)
