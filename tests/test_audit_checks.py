"""The in-page checks of the audit (planpub/qa/audit_checks.js) on small pages made to fail them, so
that a check that finds nothing on the site is known to be able to find something."""

from __future__ import annotations

import pytest

from planpub.qa.audit import AXE_AAA_TAGS, AXE_SCRIPT, CHECKS_SCRIPT, HIGH_CONTRAST


@pytest.fixture(scope="module")
def tab(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def colour_only(tab, body: str) -> list[str]:
    tab.set_content(f"<!doctype html><html lang=en><body><div class=md-content>{body}</div></body></html>")
    tab.add_script_tag(path=str(CHECKS_SCRIPT))
    return tab.evaluate("() => __audit.structure().colourOnly")


RED, GREEN = "#b3261e", "#1a5e20"


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (f"<p>Done: <span style='color:{RED}'>not met</span></p>", "text in colour alone"),
        (f"<div style='height:8px;background:{RED}'></div><div style='height:8px;background:{GREEN}'></div>", "shapes"),
        (f"<style>td::before{{content:'';display:block;height:4px;border-top:4px solid {RED}}} .b::before{{border-color:{GREEN}}}</style>"
         "<table><tr><td>2022</td><td class=b>2023</td></tr></table>", "shapes"),
        (f"<svg role=img aria-label=chart><circle r=3 fill='{RED}'/><circle r=3 fill='{GREEN}'/></svg>", "chart marks"),
    ],
)
def test_colour_as_the_only_difference_is_found(tab, body, kind):
    found = colour_only(tab, body)
    assert len(found) == 1 and found[0].startswith(kind), found


@pytest.mark.parametrize(
    "body",
    [
        f"<p>Done: <strong style='color:{RED}'>not met</strong></p>",  # bold as well as red
        f"<p>Badge: <span style='color:#fff;background:{RED}'>新</span></p>",  # its own text says what it is
        f"<div style='height:8px;background:{RED}'></div><div style='height:8px;background:{RED}'></div>",  # one colour
        f"<div style='height:8px;background:{RED}'></div><div style='height:8px;border-radius:4px;background:{GREEN}'></div>",
        f"<svg role=img aria-label=chart><circle r=3 fill='{RED}'/><rect width=3 height=3 fill='{GREEN}'/></svg>",  # shapes differ
        "<p>Text with a <a href='#' style='color:#1a73e8'>link</a> (axe's link-in-text-block)</p>",
    ],
)
def test_colour_with_another_cue_passes(tab, body):
    assert colour_only(tab, body) == []


def test_what_a_closed_disclosure_holds_is_not_expected_in_the_tab_order(tab):
    """Links inside a closed <details> keep their boxes but are not shown: Tab rightly passes them."""
    tab.set_content("<!doctype html><html lang=en><body><a href='#a'>shown</a>"
                    "<details><summary>Notes (1)</summary><ul><li><a href='#b'>hidden</a></li></ul></details></body></html>")
    tab.add_script_tag(path=str(CHECKS_SCRIPT))
    tab.evaluate("() => document.querySelector('details a').getBoundingClientRect()")  # laid out, as once it has been open
    visible = tab.evaluate("() => __kb.record()")
    assert tab.evaluate("keys => __kb.outerHtml(keys)", visible) == ['<a href="#a" data-kb="kb0">shown</a>',
                                                                   '<summary data-kb="kb1">Notes (1)</summary>']


# Issue 26, failure 2: states (the current page, the section being read) told by colour alone.
NAV = "<style>a{{text-decoration:none}}</style><nav><ul><li><a href='#a' {current}>Here</a></li><li><a class=md-nav__link href='#b'>There</a></li></ul></nav>"


@pytest.mark.parametrize(
    ("current", "found"),
    [
        (f"class=md-nav__link aria-current=page style='color:{RED}'", 1),  # hue alone
        (f"class='md-nav__link md-nav__link--active' style='color:{RED}'", 1),
        (f"class=md-nav__link aria-current=page style='color:{RED};font-weight:700'", 0),  # bold too
        (f"class=md-nav__link aria-current=page style='color:{RED};text-decoration:underline'", 0),  # underlined too
        ("class=md-nav__link aria-current=page", 0),  # not told apart at all: nothing shown by colour
    ],
)
def test_a_state_told_by_colour_alone_is_found(tab, current, found):
    tab.set_content(f"<!doctype html><html lang=en><body>{NAV.format(current=current)}</body></html>")
    tab.add_script_tag(path=str(CHECKS_SCRIPT))
    states = tab.evaluate("() => __audit.states()")
    assert len(states) == found, states


# Issue 26, failure 1: a focused element partly under a sticky header.
HEADER = ("<header class=md-header style='position:sticky;top:0;height:48px;background:#3f51b5'>title</header>"
          "<div style='height:2000px'><a href='#x' style='display:block;margin-top:1000px'>link</a></div>")


@pytest.mark.parametrize(("scroll_to", "under"), [(1000 + 48 - 10, True), (1000 - 100, False)])
def test_focus_under_a_sticky_header_is_found(tab, scroll_to, under):
    tab.set_viewport_size({"width": 800, "height": 600})
    tab.set_content(f"<!doctype html><html lang=en><body style='margin:0'>{HEADER}</body></html>")
    tab.add_script_tag(path=str(CHECKS_SCRIPT))
    tab.evaluate("() => document.querySelector('a').focus({preventScroll: true})")
    tab.evaluate(f"() => window.scrollTo(0, {scroll_to})")
    assert tab.evaluate("() => __kb.active()")["underHeader"] is under


def test_a_link_that_wraps_onto_two_lines_is_not_taken_as_covered(tab):
    """The middle of the box around a wrapped link's two lines is its neighbour's text."""
    tab.set_viewport_size({"width": 800, "height": 600})
    tab.set_content("<!doctype html><html lang=en><body><p style='width:12em;font:16px/1.5 sans-serif'>"
                    "Responsible: <a href='#x'>Service Counter Division</a> <span>Related divisions (not one department)</span>"
                    "</p></body></html>")
    tab.add_script_tag(path=str(CHECKS_SCRIPT))
    tab.evaluate("() => document.querySelector('a').focus()")
    assert tab.evaluate("() => document.querySelector('a').getClientRects().length") == 2
    assert tab.evaluate("() => __kb.active()")["onTop"] is True


# Issue 27 (WCAG 2.4.9): a link's text alone says where it leads.
def link_purpose(tab, body: str) -> list[str]:
    """What the link purpose check finds in ``body`` (links elsewhere are absolute: the page has no address)."""
    tab.set_content(f"<!doctype html><html lang=ja><body>{body}</body></html>")
    tab.add_script_tag(path=str(CHECKS_SCRIPT))
    return tab.evaluate("() => __audit.structure().links")


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("<a href='https://example.org/part-1/appendices/'>参考資料</a> <a href='https://example.org/part-2/appendices/'>参考資料</a>", "the link text “参考資料” leads to 2 places"),
        ("<p>資料は<a href='https://example.org/downloads/'>こちら</a></p>", "link text says nothing of where it leads: “こちら”"),
        ("<a href='https://example.org/items/01/'>Read more.</a>", "link text says nothing of where it leads: “Read more.”"),
        ("<a href='https://example.org/a/' aria-label='詳細'>第1章 行財政を取り巻く環境</a>", "link text says nothing"),  # the name is the label
        ("<a href='#fy2022-only'>この年度だけの予定</a><a href='#fy2023-only'>この年度だけの予定</a>", "the link text “この年度だけの予定” leads to 2 places"),
    ],
)
def test_a_link_whose_text_alone_does_not_say_where_it_leads_is_found(tab, body, kind):
    found = link_purpose(tab, body)
    assert len(found) == 1 and found[0].startswith(kind), found


@pytest.mark.parametrize(
    "body",
    [
        "<a href='https://example.org/part-1/appendices/'>第1編の参考資料</a> <a href='https://example.org/part-2/appendices/'>第2編の参考資料</a>",
        "<a href='https://example.org/glossary/'>用語集</a> <a href='https://example.org/glossary/'>用語集</a>",  # one name, one place
        # the table of contents leads to a heading that links to its subject's page: one subject
        "<nav><a href='#pillar-1'>改革の柱Ⅰ</a></nav><h2 id='pillar-1'><a href='https://example.org/pillars/1/'>改革の柱Ⅰ</a></h2>",
        # a note about an indicator's row, under the indicator's heading that the contents lead to: one section
        "<nav><a href='#t'>純資産比率</a></nav><h4 id='t'>純資産比率</h4><table><tr id='r'><th>純資産比率</th></tr></table>"
        "<ul><li><a href='#r'>純資産比率</a></li></ul>",
        # what assistive technology does not read is not part of the name
        "<a href='https://example.org/a/'>詳細<span aria-hidden='true'>→</span> 第1章</a> <a href='https://example.org/b/'><ruby>詳細<rt aria-hidden='true'></rt></ruby>（第2章）</a>",
        "<a href='https://example.org/a/'><img src='x.png' alt='工程表'></a> <a href='https://example.org/b/'><img src='x.png' alt='用語集'></a>",
    ],
)
def test_links_whose_texts_say_where_they_lead_pass(tab, body):
    assert link_purpose(tab, body) == []


def test_a_contents_link_may_share_its_heading_s_name_with_a_link_to_the_subject_s_page_but_not_a_footnote(tab):
    toc = "<nav><a href='#pillar-1'>改革の柱Ⅰ</a></nav><h3 id='pillar-1'>改革の柱Ⅰ</h3><table><tr><th><a href='https://example.org/pillars/1/'>改革の柱Ⅰ</a></th></tr></table>"
    assert link_purpose(tab, toc) == []
    footnote = "<a href='#note-1'>注※1</a><dl><dt id='note-1'>※1</dt></dl><a href='https://example.org/other/'>注※1</a>"
    assert len(link_purpose(tab, footnote)) == 1


# Issue 27: axe-core's level AAA rules (off unless asked for by tag), in the high-contrast theme.
THEMED = ("<!doctype html><html lang=en><head><title>t</title><style>p { color: #767676 } [data-contrast=high] p { color: #000 }</style></head>"
          "<body><main><h1>Theme</h1><p>Grey text, 4.5:1 on white: enough for level AA, not for AAA.</p></main></body></html>")


def aaa_violations(tab, high_contrast: bool) -> list[str]:
    tab.set_content(THEMED)
    tab.add_script_tag(path=str(AXE_SCRIPT))
    tab.evaluate(HIGH_CONTRAST, high_contrast)
    result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_AAA_TAGS)
    return [violation["id"] for violation in result["violations"]]


def test_the_level_aaa_rules_run_and_measure_the_theme_the_attribute_switches_on(tab):
    assert aaa_violations(tab, high_contrast=False) == ["color-contrast-enhanced"]
    assert aaa_violations(tab, high_contrast=True) == []
    tab.evaluate(HIGH_CONTRAST, False)
    assert tab.evaluate("() => document.documentElement.hasAttribute('data-contrast')") is False


# Issue 27 (WCAG 1.4.8): blocks of text, measured where each character is drawn.
PLAN_CSS = CHECKS_SCRIPT.parents[2] / "theme" / "assets" / "stylesheets" / "plan.css"
ENGLISH = ("The ward will make it possible for residents to complete the procedures they need at one counter, "
           "with forms filled in for them from what they have already told the ward. ") * 4
JAPANESE = "区民の皆さんが必要な手続きを一つの窓口でまとめて行えるよう、申請書の記入を支援します。" * 4


def presentation(tab, body: str, lang: str = "en", width: int = 1280, css: bool = False) -> list[str]:
    tab.set_viewport_size({"width": width, "height": 800})
    tab.set_content(f"<!doctype html><html lang={lang}><body style='margin:0;font:16px/1.6 sans-serif'>"
                    f"<main><article class=md-typeset>{body}</article></main></body></html>")
    if css:
        tab.add_style_tag(path=str(PLAN_CSS))
    tab.add_script_tag(path=str(CHECKS_SCRIPT))
    return tab.evaluate("() => __audit.presentation()")


@pytest.mark.parametrize(
    ("lang", "body", "kind"),
    [
        ("en", f"<p>{ENGLISH}</p>", "line of"),  # a paragraph as wide as the window
        ("ja", f"<p>{JAPANESE}</p>", "full-width characters wide"),
        ("en", f"<ul><li>{ENGLISH}</li></ul>", "line of"),
        ("en", f"<p lang=ja>{JAPANESE}</p>", "full-width characters wide"),  # Japanese in an English page
        ("en", f"<p style='max-width:34em;line-height:1.3'>{ENGLISH}</p>", "line height 1.30"),
        ("en", f"<table><tr><td style='line-height:normal'>{ENGLISH[:60]}</td></tr></table>", "line height"),
        ("en", f"<p style='max-width:34em;text-align:justify'>{ENGLISH}</p>", "justified text"),
        ("en", "<p style='margin:0'>One paragraph.</p><p style='margin:0'>The next, a line below.</p>", "paragraphs"),
    ],
)
def test_a_block_of_text_too_wide_too_tight_or_justified_is_found(tab, lang, body, kind):
    found = presentation(tab, body, lang)
    assert len(found) == 1 and kind in found[0], found


@pytest.mark.parametrize("width", [1280, 1920])
def test_the_site_s_blocks_of_text_pass(tab, width):
    """plan.css on a page as wide as the window: paragraphs and list items keep their lines short."""
    body = (f"<p>{ENGLISH}</p><p>{ENGLISH}</p><ul><li>{ENGLISH}</li><li><p>{ENGLISH}</p><p>{ENGLISH}</p></li></ul>"
            f"<table><tr><td>{ENGLISH}</td></tr></table>")
    assert presentation(tab, body, "en", width, css=True) == []
    assert presentation(tab, body.replace(ENGLISH, JAPANESE), "ja", width, css=True) == []
