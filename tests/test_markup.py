import random
import re
from html import unescape

import markdown
import pytest

from planpub.markup import (_used, disallowed_links, link_terms, mark_abbreviations, mark_japanese, notes_linked_back, plain_html, render_prose,
                            spoken_minus)


def test_paragraphs_lists_emphasis_and_links():
    html = render_prose("One *two* **three**\n\n- a\n- [b](https://example.jp/)\n\n1. c")
    assert "<p>One <em>two</em> <strong>three</strong></p>" in html
    assert '<li><a href="https://example.jp/">b</a></li>' in html
    assert "<ol>" in html


def test_raw_html_is_shown_as_text():
    html = render_prose('<script>alert(1)</script> <img src=x onerror="alert(2)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unsafe_link_targets_stay_literal_text():
    for target in ("javascript:alert(1)", "data:text/html,x", "//evil.example/", "vbscript:x"):
        html = render_prose(f"[click]({target})")
        assert "<a" not in html
        assert "[click]" in html


def test_web_and_mail_links_are_allowed_and_nothing_else():
    html = render_prose("[a](https://example.jp/) [b](mailto:info@example.jp) [c](/items/01/) [d](items/01/)")
    assert html.count("<a ") == 2


@pytest.mark.parametrize("text", [
    "[a](https://example.jp/) ![i](x.png) <b>b</b> *em* _u_ `code` {: onclick=x } \\* & \" '",
    "Title\n# Heading\n- item\n1. one",
])
def test_plain_text_is_never_markup_in_html_or_markdown(text):
    html = plain_html(text)
    for rendered in (html, markdown.markdown(f"<p>{html}</p>"), markdown.markdown(str(html), extensions=["attr_list"]),
                     markdown.markdown(f"## {html} {{ #h }}", extensions=["attr_list"])):
        assert not re.search(r"<(?!/?(p|h2)\b)", rendered), rendered  # no element but the paragraph or heading
    assert "onclick=" not in markdown.markdown(str(html), extensions=["attr_list"]).split(">")[0]
    assert unescape(re.sub(r"<[^>]+>", "", markdown.markdown(str(html)))) == " ".join(text.splitlines())


def test_headings_tables_and_images_are_not_part_of_the_subset():
    html = render_prose("# Title\n\n![alt](https://example.jp/x.png)")
    assert "<h1>" not in html and "<img" not in html


def test_disallowed_links_are_reported():
    assert disallowed_links("[a](javascript:x) [b](https://ok.jp) [c](ftp://x)") == ["javascript:x", "ftp://x"]


def test_japanese_in_english_is_marked_outside_tags_only():
    html = mark_japanese('<a title="墨田">The draft says 「有休休暇」 and 180億円.</a>')
    assert 'title="墨田"' in html
    assert '<span lang="ja">「有休休暇」</span>' in html
    assert '<span lang="ja">180億円</span>' in html


def test_first_use_of_each_term_links_to_the_glossary_and_longest_term_wins():
    linked: set[str] = set()
    terms = [("純資産比率", "g#ratio"), ("純資産", "g#assets"), ("DX", "g#dx")]
    html = link_terms("<p>純資産比率と純資産。DXとODX。純資産</p>", terms, linked)
    assert html == ('<p><a class="plan-term-link" href="g#ratio">純資産比率</a>と'
                    '<a class="plan-term-link" href="g#assets">純資産</a>。'
                    '<a class="plan-term-link" href="g#dx">DX</a>とODX。純資産</p>')
    assert link_terms("<p>DX again</p>", terms, linked) == "<p>DX again</p>"  # once per page


def test_a_quotation_is_left_as_written_and_the_term_is_linked_where_the_text_uses_it_next():
    terms = [("2040年問題", "g#2040"), ("DX", "g#dx")]
    html = link_terms("<p>いわゆる「2040年問題」は、2040年問題として</p>", terms, set())
    assert html == '<p>いわゆる「2040年問題」は、<a class="plan-term-link" href="g#2040">2040年問題</a>として</p>'
    quoted = "<p>the &quot;DX plan&quot;, “DX”, 『「DX」とDX』</p>"
    assert link_terms(quoted, terms, set()) == quoted
    assert link_terms("<p>「DX」, DX</p>", terms, set()) == '<p>「DX」, <a class="plan-term-link" href="g#dx">DX</a></p>'


def test_terms_inside_links_stay_as_they_are_and_english_ignores_case():
    terms = [("segment analysis", "g#s")]
    assert link_terms('<p><a href="x">segment analysis</a></p>', terms, set()) == '<p><a href="x">segment analysis</a></p>'
    assert link_terms("<p>Segment analysis</p>", terms, set(), ignore_case=True) == '<p><a class="plan-term-link" href="g#s">Segment analysis</a></p>'


EXPANSIONS = {"AI": "artificial intelligence", "AI-OCR": "AI optical character recognition", "RPA": "robotic process automation",
              "KPI": "key performance indicator", "DX": "digital transformation"}


def abbr(text: str, title: str) -> str:
    return f'<abbr title="{title}">{text}</abbr>'


def test_first_use_of_each_abbreviation_on_a_page_is_expanded_and_the_longest_wins():
    """WCAG 3.1.4: the first use on the page only, a page being one set of what has been expanded;
    AI-OCR is one abbreviation, AI inside it is not AI; RPA inside a word is no abbreviation."""
    expanded: set[str] = set()
    page = "<p>AI-OCR and AI, then AI again; RPAS and RPA. Two KPIs.</p>"
    assert mark_abbreviations(page, EXPANSIONS, expanded, "en") == (
        f"<p>{abbr('AI-OCR', 'AI optical character recognition')} and {abbr('AI', 'artificial intelligence')}, then AI again; "
        f"RPAS and {abbr('RPA', 'robotic process automation')}. Two {abbr('KPIs', 'key performance indicator')}.</p>")
    assert mark_abbreviations("<p>AI and RPA</p>", EXPANSIONS, expanded, "en") == "<p>AI and RPA</p>"  # once per page
    assert mark_abbreviations("<p>ICTとDXの推進</p>", {"DX": "デジタル・トランスフォーメーション"}, set(), "ja") == (
        f"<p>ICTと{abbr('DX', 'デジタル・トランスフォーメーション')}の推進</p>")


def test_a_page_marked_again_is_marked_alike_and_says_what_it_expanded():
    """The marking of a page is remembered (the preview renders every page at each save): a page
    seen before gives the same text and still adds what it expanded to the page's set."""
    page = "<p>DX and RPA</p>"
    first, second = set(), set()
    assert mark_abbreviations(page, EXPANSIONS, first, "en") == mark_abbreviations(page, EXPANSIONS, second, "en")
    assert first == second == {"DX", "RPA"}
    assert mark_abbreviations(page, EXPANSIONS, {"DX"}, "en") == f"<p>DX and {abbr('RPA', 'robotic process automation')}</p>"


def test_the_abbreviations_a_page_uses_are_found_in_one_pass_even_inside_or_across_one_another():
    """_used finds the same abbreviations as asking the page of each (``in``), including those that
    a longer match contains or overlaps (AI in AI-OCR, IO across CIO and OCR)."""
    assert _used(("AI", "AI-OCR", "OCR", "CIO", "IO", "DX"), "AI-OCR and CIO") == {"AI", "AI-OCR", "OCR", "CIO", "IO"}
    generator = random.Random(27)
    for _ in range(2000):
        abbreviations = tuple({"".join(generator.choices("AIOC-", k=generator.randint(1, 4))) for _ in range(5)})
        page = "".join(generator.choices("AIOC- あ", k=generator.randint(0, 30)))
        assert _used(abbreviations, page) == {a for a in abbreviations if a in page}, (abbreviations, page)


@pytest.mark.parametrize("page", [
    "## DX in a Markdown heading { #dx }\n\n<p>DX</p>",
    '<h2 id="x">DX</h2>\n<p>DX</p>',
    '<p><a href="g#dx">DX</a> and DX</p>',
    "<p><code>DX</code> and DX</p>",
    '<p><span lang="ja">DX推進計画</span> and DX</p>',
    '<div lang="ja"><p>DX</p></div><p>DX</p>',
    '<svg><text>DX</text></svg><p>DX</p>',
    '<span class="plan-badge plan-badge--dx">DX priority</span><p>DX</p>',
])
def test_no_abbreviation_is_expanded_in_headings_links_code_svg_badges_or_another_language(page):
    """A heading's text becomes the table of contents and the title as plain text; a link's text
    says where it goes; a mark's badge is its words alone; Japanese quoted in an English page would
    get an English expansion. The first use outside them is the one expanded."""
    marked = mark_abbreviations(page, EXPANSIONS, set(), "en")
    assert marked.count("<abbr") == 1 and marked.endswith(f"{abbr('DX', 'digital transformation')}</p>"), marked


def test_an_element_left_open_inside_another_closes_with_it_and_attributes_stay_as_they_are():
    page = '<ul><li><a href="x">DX<li>x</a></ul><p title="DX">DX<br>AI</p>'
    assert mark_abbreviations(page, EXPANSIONS, set(), "en") == (
        f'<ul><li><a href="x">DX<li>x</a></ul><p title="DX">{abbr("DX", "digital transformation")}<br>'
        f'{abbr("AI", "artificial intelligence")}</p>')


def test_an_expansion_is_escaped_in_its_attribute():
    assert mark_abbreviations("<p>A&amp;B</p><p>QA</p>", {"QA": 'quality "assurance" <&>'}, set(), "en") == (
        '<p>A&amp;B</p><p><abbr title="quality &#34;assurance&#34; &lt;&amp;&gt;">QA</abbr></p>')


def test_notes_link_back_to_their_marks_and_a_note_s_mention_of_another_links_to_it():
    """Issue 26: each note mark's link gets an id that its note links back to; a note that
    mentions another of its list by mark (（※2）) links to it; a note nothing refers to is left
    as it was."""
    html = ('<th>Cost<sup class="plan-note-ref" data-search-exclude><a href="#n-1" aria-label="Note ※1">※1</a></sup></th>\n'
            '<dl class="plan-notes">\n<dt id="n-1">※1</dt>\n<dd><p>Expenses (※2) and <a href="#x">※2</a>, ※12.</p></dd>\n'
            '<dt id="n-2">※2</dt>\n<dd><p>Two.</p></dd>\n<dt id="n-3">※3</dt>\n<dd><p>Three.</p></dd>\n</dl>')
    linked = notes_linked_back(html, lambda reference, mark, name: f'<p><a href="#{reference}">back to {name}</a></p>', lambda mark: f"Note {mark}")
    assert '<a id="ref-n-1" href="#n-1" aria-label="Note ※1">※1</a>' in linked
    assert ('Expenses (<a class="plan-note-mention" id="ref-n-2" href="#n-2" aria-label="Note ※2">※2</a>) and '
            '<a href="#x">※2</a>, ※12.</p><p><a href="#ref-n-1">back to Note ※1</a></p></dd>') in linked
    assert '<dt id="n-2">※2</dt>\n<dd><p>Two.</p><p><a href="#ref-n-2">back to Note ※2</a></p></dd>' in linked
    assert '<dt id="n-3">※3</dt>\n<dd><p>Three.</p></dd>' in linked


def test_a_triangle_before_a_number_is_read_as_minus_and_shown_as_it_is():
    """Issue 26: ▲7.5% was read "black up-pointing triangle 7.5%"."""
    assert spoken_minus('<td title="▲1">▲7.5%</td>', "減") == (
        '<td title="▲1"><span aria-hidden="true">▲</span><span class="plan-visually-hidden" data-search-exclude>減</span>7.5%</td>')
    assert spoken_minus("▲ marks a note", "minus") == "▲ marks a note"
