"""The tags of a written PDF made to conform (planpub/pdf_structure.py), on a small document that
has what the plan's print edition has: a running head, a table over two pages, an internal link
with its page number printed after it, an address in the text made a link (as planpub/pdf.py
makes it) and a Japanese name in English."""

from __future__ import annotations

import pikepdf
import pytest

from planpub.pdf import pdfua_failures, print_html, write_pdf
from planpub.urls import Urls
from tests.conftest import PROJECT

pytestmark = pytest.mark.pdf

ROWS = "".join(f'<tr><th scope="row">Row {number}</th><td>{number}</td></tr>' for number in range(90))
DOCUMENT = f"""<!doctype html><html lang="en"><title>Plan</title>
<section class="print-page print-page--part"><h1>Part one</h1>
<p>See <a href="#terms">the terms</a>, and (<a class="print-url" href="https://www.city.sumida.lg.jp/index.html">https://www.city.sumida.lg.jp/index.html</a>).</p>
<p>The plan of <span lang="ja">墨田区</span>.</p>
<table><caption>Values</caption><thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead>
<tbody>{ROWS}</tbody></table>
<h2 id="terms">Terms</h2><p>Words.</p></section></html>"""


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("structure") / "plan.pdf"
    check = write_pdf(DOCUMENT, PROJECT / "content", path)
    assert check.problems == [] and check.pdfua_failures == []
    with pikepdf.open(path) as document:
        yield document


def elements(node):
    kids = node.get("/K")
    for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


def of_role(pdf, role):
    return [element for element in elements(pdf.Root.StructTreeRoot) if element.S == role]


def annotations(pdf):
    return [annotation for page in pdf.pages for annotation in page.obj.get("/Annots", [])]


def test_a_table_over_two_pages_is_one_table_whose_headers_have_a_scope_and_resolve(pdf):
    assert len(pdf.pages) >= 2
    (table,) = of_role(pdf, "/Table")
    assert len(of_role(pdf, "/THead")) == 1 and len(of_role(pdf, "/TR")) == 91  # the repeated header is an artifact
    scopes = [str(cell.A.Scope) for cell in of_role(pdf, "/TH")]
    assert scopes == ["/Column"] * 2 + ["/Row"] * 90
    ids = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
    for cell in of_role(pdf, "/TD"):
        assert len(cell.A.Headers) == 2 and all(str(header) in ids for header in cell.A.Headers)


def test_every_link_has_one_annotation_that_says_where_it_leads(pdf):
    links = annotations(pdf)
    assert len(links) == 2 == len(of_role(pdf, "/Link"))
    internal, external = sorted(links, key=lambda annotation: "/A" in annotation)
    assert str(internal.Contents) == f"Go to “Terms”, page {len(pdf.pages)}"
    assert str(external.A.URI) == "https://www.city.sumida.lg.jp/index.html"
    assert str(external.Contents) == "Open https://www.city.sumida.lg.jp/index.html"


def test_japanese_text_in_english_has_its_language(pdf):
    assert [str(element.Lang) for element in elements(pdf.Root.StructTreeRoot) if "/Lang" in element] == ["ja"]


def test_the_running_head_and_page_number_are_artifacts(pdf):
    """Page 2 has both (the first page has none); every marked content left is held by an element."""
    parents = dict(zip(list(pdf.Root.StructTreeRoot.ParentTree.Nums)[::2], list(pdf.Root.StructTreeRoot.ParentTree.Nums)[1::2]))
    artifacts = 0
    for index, page in enumerate(pdf.pages):
        for operands, operator in pikepdf.parse_content_stream(page):
            if operator == pikepdf.Operator("BDC") and operands[0] == "/Artifact" and operands[1].get("/Type") == "/Pagination":
                artifacts += index == 1
            elif operator == pikepdf.Operator("BDC") and "/MCID" in operands[1]:
                assert "/S" in parents[index][int(operands[1].MCID)]
    assert artifacts >= 3  # the running heads, the page number and the table's repeated header


def test_the_pdf_claims_pdf_ua_1_when_the_checker_finds_nothing_wrong(pdf):
    assert pdf.open_metadata()["pdfuaid:part"] == "1"


def test_a_pdf_the_checker_fails_does_not_claim_pdf_ua(tmp_path):
    """A drawing without a text alternative: WeasyPrint writes it, the checker refuses it."""
    html = '<!doctype html><html lang="en"><title>t</title><p><svg width="9" height="9"><rect width="9" height="9"/></svg></p></html>'
    check = write_pdf(html, PROJECT / "content", tmp_path / "figure.pdf")
    assert any("FIGURE" in failure for failure in check.pdfua_failures)
    with pikepdf.open(tmp_path / "figure.pdf") as written:
        assert "pdfuaid:part" not in written.open_metadata()
    assert pdfua_failures(tmp_path / "figure.pdf")  # no claim, so no PDF/UA conformance either


def test_a_pdf_the_checker_cannot_read_is_a_failure_in_words_not_an_exception(tmp_path):
    """The checker's own exceptions cannot be sent back from the process that wrote the PDF."""
    unreadable = tmp_path / "unreadable.pdf"
    unreadable.write_bytes(b"%PDF-1.7\nnot a document")
    [failure] = pdfua_failures(unreadable)
    assert failure.startswith("the PDF/UA-1 checker could not read the PDF: ")
