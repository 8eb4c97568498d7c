"""The print edition (planpub/pdf.py): the PDFs that `make site` writes, read back with poppler
and pypdf: text in plan order, every indicator value, no stray Japanese in English, tagged with
language, title and outline, fonts embedded, no blank page; and the print HTML's links and ids."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from html import unescape
from html.parser import HTMLParser

import pytest
from PIL import Image
from pypdf import PdfReader

from planpub.pdf import CHART_HALO, PrintError, advisories, build_pdfs, pdfua_failures, print_html, write_pdf
from planpub.formatting import Formatter
from planpub.page_contexts import progress_recorded
from planpub.urls import DOWNLOADS, LANGUAGE_ROOTS, LANGUAGES, PDF_NAMES, Urls
from tests.conftest import PROJECT

pytestmark = pytest.mark.pdf

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")


@pytest.fixture(scope="module")
def urls(real_plan):
    return Urls(real_plan)


@pytest.fixture(scope="module")
def pdf_paths(built_site):
    return {language: built_site / LANGUAGE_ROOTS[language] / DOWNLOADS / PDF_NAMES[language] for language in LANGUAGES}


@pytest.fixture(scope="module")
def texts(pdf_paths):
    return {language: subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
            for language, path in pdf_paths.items()}


def flat(text: str) -> str:
    """PDF text without the line breaks and spaces that layout adds."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_item_and_initiative_title_appears_in_plan_order(texts, real_plan, language):
    text = flat(texts[language])
    position = 0
    for entity in (*real_plan.items, *real_plan.initiatives):
        title = flat(entity.title.shown(language))
        found = text.find(title, position)
        assert found >= 0, f"{title} is missing or out of order"
        position = found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_indicator_value_appears(texts, real_plan, urls, language):
    text = flat(texts[language])
    l10n = Formatter(language, real_plan)
    for indicator in real_plan.indicators:
        for value in indicator.values:
            assert flat(l10n.quantity(value.value, indicator.unit)) in text, (indicator.id, value)


class _Marked(HTMLParser):
    """The text of an HTML document, split into what is inside lang="ja" and what is not."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = [False]
        self.marked, self.unmarked = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "img", "meta", "link", "hr", "input"):
            self.stack.append(dict(attrs).get("lang", "").startswith("ja") or self.stack[-1])

    def handle_endtag(self, tag):
        if len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        (self.marked if self.stack[-1] else self.unmarked).append(data)


def test_the_english_pdf_has_no_japanese_outside_names_marked_as_japanese(texts, real_plan, urls):
    parser = _Marked()
    parser.feed(print_html(real_plan, urls, PROJECT / "content", "en"))
    assert [text for text in parser.unmarked if JAPANESE.search(text)] == []
    allowed = Counter(JAPANESE.findall("".join(parser.marked)))
    printed = Counter(JAPANESE.findall(texts["en"]))
    assert printed - allowed == Counter()


def structure_types(node, seen=None) -> set[str]:
    """The structure element types (/H1, /TH …) in a PDF's structure tree."""
    seen = set() if seen is None else seen
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for kid in node:
            structure_types(kid, seen)
    elif hasattr(node, "get"):
        if "/S" in node:
            seen.add(str(node["/S"]))
        if "/K" in node:
            structure_types(node["/K"], seen)
    return seen


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_is_tagged_titled_in_its_language_with_an_outline(pdf_paths, real_plan, urls, language):
    reader = PdfReader(pdf_paths[language])
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert {"/H1", "/Table", "/TH", "/TD", "/Link"} <= structure_types(root["/StructTreeRoot"])
    assert root["/Lang"] == language
    assert reader.metadata.title == real_plan.metadata.title.shown(language)
    assert reader.metadata.author == real_plan.metadata.publisher.shown(language)

    def titles(outline) -> list[str]:
        return [t for entry in outline for t in (titles(entry) if isinstance(entry, list) else [entry.title])]

    outline = {re.sub(r"\s+", " ", title) for title in titles(reader.outline)}
    l10n = Formatter(language, real_plan)
    for page in urls.pages:
        if page.kind in ("part", "chapter", "pillar", "item", "guideline", "initiative"):
            assert re.sub(r"\s+", " ", l10n.page_title(page)) in outline


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_opens_with_its_bookmarks_shown(pdf_paths, language):
    assert PdfReader(pdf_paths[language]).trailer["/Root"]["/PageMode"] == "/UseOutlines"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_font_is_embedded(pdf_paths, language):
    fonts = subprocess.run(["pdffonts", str(pdf_paths[language])], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    assert any("Noto-Sans-CJK-JP" in line for line in fonts) and any("Noto-Serif-CJK-JP" in line for line in fonts), fonts


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_is_blank(pdf_paths, language, tmp_path):
    subprocess.run(["pdftoppm", "-r", "12", "-gray", "-png", str(pdf_paths[language]), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(pdf_paths[language]).pages) > 10
    blank = [page.name for page in pages if Image.open(page).convert("L").getextrema()[0] > 200]  # no dark pixel at all
    assert blank == []


def test_every_page_links_to_its_languages_pdf_with_its_size(built_site, pdf_paths):
    for language in LANGUAGES:
        size = pdf_paths[language].stat().st_size
        for page in ("", "items/01/", "glossary/"):
            html = (built_site / LANGUAGE_ROOTS[language] / page / "index.html").read_text(encoding="utf-8")
            link = re.search(rf'<a href="([^"]*{PDF_NAMES[language]})" type="application/pdf" download>([^<]*)</a>', html)
            assert link, (language, page)
            assert f"{size / 1_000_000:.1f}" in link.group(2)


def test_print_html_links_and_labels_resolve_inside_the_document_and_every_id_is_referred_to(real_plan, urls):
    html = print_html(real_plan, urls, PROJECT / "content", "ja")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    links = set(re.findall(r'href="#([^"]+)"', html))
    labels = {identifier for named in re.findall(r'\saria-(?:labelledby|describedby)="([^"]+)"', html) for identifier in named.split()}
    assert sorted((links | labels) - set(ids)) == []
    assert sorted(set(ids) - links - labels) == []  # WeasyPrint's cost grows with the square of the ids
    assert labels and all(identifier.startswith("page-") for identifier in labels)  # prefixed like the ids
    assert not re.search(r'href="(?!#|https?:|mailto:|tel:)', html)  # no link to a web page of the site


@pytest.fixture(scope="module")
def print_htmls(real_plan, urls):
    return {language: print_html(real_plan, urls, PROJECT / "content", language) for language in LANGUAGES}


def visible_text(html: str) -> str:
    """The text a reader sees: without tags, the charts' SVG source and the head."""
    body = re.sub(r"<svg\b.*?</svg>", " ", html.split("<body>", 1)[1], flags=re.S)
    return unescape(re.sub(r"<[^>]*>", "", body))


# Interface strings that speak of the site (its pages, search, filters, data records): the print
# edition says what print can say instead.
SITE_ONLY_KEYS = ("progress_none", "about_source", "about_translation", "page_info", "last_revised", "search_task",
                  "roadmap_filter", "roadmap_filter_status", "record_link", "progress_where_published", "progress_overview_more",
                  "abbreviations_intro")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_print_edition_has_no_wording_of_the_site(print_htmls, real_plan, language):
    text, l10n = visible_text(print_htmls[language]), Formatter(language, real_plan)
    for key in SITE_ONLY_KEYS:
        assert not re.search(wording(l10n.ui(key)), text), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_print_edition_adds_no_expansion_and_opens_each_item_and_initiative_in_brief(print_htmls, real_plan, language):
    """WCAG 3.1.4 and 3.1.5 on paper: a title attribute shows nowhere there, so the text stays as the
    plan writes it and the glossary lists the abbreviations; each item and initiative opens with the
    box in brief, which holds its purpose or goals (shown nowhere else on its page: no repetition)."""
    html = print_htmls[language]
    assert "<abbr" not in html
    assert html.count('<div class="plan-brief">') == len(real_plan.items) + len(real_plan.initiatives)
    assert all(f"<dt>{abbreviation.abbreviation}</dt>" in html for abbreviation in real_plan.abbreviations)


def wording(string: str) -> str:
    """A pattern of an interface string with any values in its placeholders."""
    return r"[^\n]*?".join(map(re.escape, re.split(r"\{[^}]*\}", string)))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_print_edition_says_once_how_many_statuses_are_recorded(print_htmls, real_plan, language):
    l10n, html = Formatter(language, real_plan), print_htmls[language]
    assert len(re.findall(wording(l10n.ui("print_progress_recorded")), visible_text(html))) == 1
    headings = html.count(f">{l10n.ui('progress_heading')}</h2>")
    assert headings == sum(1 for entity in (*real_plan.items, *real_plan.initiatives) if progress_recorded(entity))


QUOTATIONS = re.compile(r"「[^「」]*」|『[^『』]*』|“[^“”]*”|(?:&quot;|&#34;)(?:(?!&quot;|&#34;|</p>).)*(?:&quot;|&#34;)", re.S)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_glossary_link_inside_a_quotation(print_htmls, language):
    linked = [quotation for quotation in QUOTATIONS.findall(print_htmls[language]) if "plan-term-link" in quotation]
    assert linked == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_editorial_notes_are_numbered_in_page_order(print_htmls, real_plan, language):
    l10n, html = Formatter(language, real_plan), print_htmls[language]
    listed = html[html.index('<dl class="plan-editorial-list">'):]
    label = re.escape(l10n.ui("editorial_note_number", number="@")).replace("@", r"(\d+)")
    assert [int(n) for n in re.findall(rf'<dt id="[^"]+">{label} ', listed)] == list(range(1, len(real_plan.editorial_notes) + 1))
    full = re.escape(l10n.ui("edition_note_full", number="@")).replace("@", r"(\d+)")
    referred = [int(n) for n in re.findall(full, html[:html.index('<dl class="plan-editorial-list">')])]
    assert referred and referred == sorted(referred)  # the pages refer to them in order


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_cover_dates_the_draft_and_this_edition_like_the_rest_of_the_document(print_htmls, real_plan, language):
    html, l10n, meta = print_htmls[language], Formatter(language, real_plan), real_plan.metadata
    cover = visible_text(html[:html.index("</section>")] + "</section>")
    assert l10n.ui("print_draft_issued", date=l10n.issued()) in cover
    assert l10n.ui("print_edition_revised", date=l10n.day(meta.revised)) in cover
    assert l10n.ui("last_revised") not in cover
    if language == "ja":
        assert re.findall(r"(?<!（)\d{4}年", cover) == []  # every year with its era: 令和4（2022）年


def chart_text_boxes(html: str, monkeypatch) -> list[list[tuple[str, tuple[float, float, float, float], float]]]:
    """Every chart of the print HTML laid out and drawn by WeasyPrint as in the PDF (80 mm wide):
    per chart, each text's (text, (x, y, width, height) in the chart's units, the chart's width).
    The boxes are WeasyPrint's own, recorded as it draws each <text> and <tspan>."""
    import weasyprint.svg
    from weasyprint import HTML

    charts = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    drawn: dict[int, list] = {}
    draw_text = weasyprint.svg.text

    def recording(svg, node, font_size):
        draw_text(svg, node, font_size)
        box = getattr(node, "text_bounding_box", None)
        if node.text and box and box[0] != float("inf") and node.get("stroke") != CHART_HALO:  # not the halo under a text
            drawn.setdefault(id(svg), []).append((node.text, box, svg.inner_width))

    monkeypatch.setattr(weasyprint.svg, "text", recording)  # draw_node tells text nodes by this function
    for tag in ("text", "tspan"):
        monkeypatch.setitem(weasyprint.svg.TAGS, tag, recording)
    document = "".join(f'<div style="width: 80mm">{chart}</div>' for chart in charts)
    HTML(string=f"<!doctype html><html><body>{document}</body></html>").write_pdf()
    assert len(drawn) == len(charts)
    return list(drawn.values())


def test_every_value_of_a_printed_chart_has_the_halo_the_site_gives_it(print_htmls):
    """The site's CSS draws it with paint-order, which WeasyPrint's SVG lacks: the print edition
    draws the values' texts once more under them, outlined in the paper's colour."""
    html = print_htmls["en"]
    halos = re.findall(r'<g class="plan-chart-halo"[^>]*>(.*?)</g><g class="plan-chart-values">(.*?)</g>', html)
    assert halos and len(halos) == html.count('<g class="plan-chart-values">')
    assert all(halo == values for halo, values in halos)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_of_a_printed_chart_meets_another_or_leaves_the_chart(print_htmls, language, monkeypatch):
    for texts in chart_text_boxes(print_htmls[language], monkeypatch):
        for index, (text, (x, y, width, height), chart_width) in enumerate(texts):
            assert 0 <= x and x + width <= chart_width, f"{texts[0][0]}: {text} is cut off"
            for other, (x2, y2, width2, height2), _ in texts[index + 1:]:
                apart = x + width <= x2 or x2 + width2 <= x or y + height <= y2 or y2 + height2 <= y
                assert apart, f"{texts[0][0]}: {text} meets {other}"


def test_a_table_wider_than_the_page_is_a_failure(tmp_path):
    cell = "wide " * 80
    html = f'<!doctype html><html lang="en"><title>t</title><table><tr><td style="white-space:nowrap">{cell}</td></tr></table></html>'
    problems = write_pdf(html, PROJECT / "content", tmp_path / "wide.pdf").problems
    assert problems and problems[0].startswith("page 1: <table> sticks out of the page")


def test_a_character_no_font_can_draw_is_a_failure(tmp_path):
    html = '<!doctype html><html lang="ja"><title>t</title><p>墨田区 \U00013000 ⁵</p></html>'
    problems = write_pdf(html, PROJECT / "content", tmp_path / "glyph.pdf").problems
    assert problems == ["no font can draw U+13000 EGYPTIAN HIEROGLYPH A001 (\U00013000)"]


def test_a_library_advisory_is_a_warning_shown_once_not_a_failure(monkeypatch, tmp_path):
    """Without HarfBuzz's subsetter WeasyPrint subsets with fontTools and says so for every font:
    the PDF is the same, so the build warns once and goes on."""
    monkeypatch.setattr("weasyprint.pdf.fonts.harfbuzz_subset", None)
    html = '<!doctype html><html lang="ja"><title>t</title><p>墨田区の計画</p></html>'
    check = write_pdf(html, PROJECT / "content", tmp_path / "plain.pdf")
    assert check.problems == [] and (tmp_path / "plain.pdf").stat().st_size > 0
    assert any("Using fontTools instead of HarfBuzz-Subset" in advisory for advisory in check.advisories)
    once = advisories({"ja": check, "en": check})  # what build.py shows, each after "warning: "
    assert len(once) == len(set(check.advisories)) and all(line.startswith("WeasyPrint: ") for line in once)


def test_without_the_japanese_fonts_no_pdf_is_written_and_the_install_command_is_given(monkeypatch, tmp_path, real_plan, urls):
    monkeypatch.setattr("planpub.pdf.missing_fonts", lambda: ["Noto Sans CJK JP"])
    with pytest.raises(PrintError, match="apt-get install -y fonts-noto-cjk"):
        build_pdfs(real_plan, urls, PROJECT / "content", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_each_pages_headings_start_at_its_depth_and_every_header_cell_has_a_scope(real_plan, urls):
    html = print_html(real_plan, urls, PROJECT / "content", "ja")
    for level, section in re.findall(r'class="print-page [^"]* print-level-(\d)">\s*(.*?)</section>', html, flags=re.S):
        assert re.match(r"<h(\d)", section).group(1) == level
    assert not re.search(r"<th(?=[\s>])(?![^>]*\sscope=)", html)


def test_printed_addresses_are_links(real_plan, urls):
    html = print_html(real_plan, urls, PROJECT / "content", "en")
    text = re.sub(r"<a\b.*?</a>|<[^>]*>", " ", html, flags=re.S)
    assert "https://" not in text
    assert len(re.findall(r'<a class="print-url" href="https://', html)) >= 14


@pytest.fixture(scope="module")
def opened(pdf_paths):
    import pikepdf

    documents = {language: pikepdf.open(path) for language, path in pdf_paths.items()}
    yield documents
    for document in documents.values():
        document.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_claims_pdf_ua_1_and_the_checker_finds_it_holds(pdf_paths, opened, language):
    failures = pdfua_failures(pdf_paths[language])
    assert failures == [], "\n".join(failures)
    assert opened[language].open_metadata()["pdfuaid:part"] == "1"


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_table_element_per_table_with_scoped_headers_and_one_annotation_per_link(opened, real_plan, urls, language):
    from tests.test_pdf_structure import annotations, of_role

    pdf = opened[language]
    html = print_html(real_plan, urls, PROJECT / "content", language)
    tables = of_role(pdf, "/Table")
    assert len(tables) == html.count("<table")
    assert all(of_role_kids(table) != {"/Caption"} for table in tables)
    assert all("/Scope" in cell.A for cell in of_role(pdf, "/TH"))
    links = annotations(pdf)
    parents = dict(zip(list(pdf.Root.StructTreeRoot.ParentTree.Nums)[::2], list(pdf.Root.StructTreeRoot.ParentTree.Nums)[1::2]))
    assert all(parents[int(link.StructParent)].S == "/Link" for link in links)
    assert len({int(link.StructParent) for link in links}) == len(links)
    assert not [str(link.Contents) for link in links if str(link.Contents).startswith("page-")]
    assert len([link for link in links if "/A" in link]) >= 14  # the printed addresses


def of_role_kids(element) -> set[str]:
    return {str(kid.S) for kid in element.K if hasattr(kid, "get") and "/S" in kid}


def test_japanese_names_in_the_english_pdf_have_their_language(opened):
    from tests.test_pdf_structure import elements

    marked = [element for element in elements(opened["en"].Root.StructTreeRoot) if "/Lang" in element]
    assert len(marked) > 500 and {str(element.Lang) for element in marked} == {"ja"}
