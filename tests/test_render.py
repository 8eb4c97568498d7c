import dataclasses
import difflib
import json
import re
import shutil
from xml.etree import ElementTree

import markdown
import pytest
from mkdocs.utils.meta import get_data

from planpub.accessibility import load_report
from planpub.load import load_plan
from planpub.model import Indicator, Target, Term, Text, Unit, build_plan
from planpub.markup import render_prose
from planpub.pdf import print_html
from planpub.formatting import Formatter, roman
from planpub.html_text import HtmlText
from planpub.page_contexts import Sources, shared_target_year
from planpub.render import front_matter, page_context, render_site
from planpub.strings import ui_strings
from planpub.urls import Urls
from tests.conftest import MINIMAL, PROJECT
from tests.hostile import LINK, hostile_plan, injected_markup
from tests.cases import COST_TARGET, PROGRESS, PROGRESS_AT, RESULT, STATUS_CASES, TARGET

REPORT = load_report(PROJECT / "content" / "accessibility")

MAN_YEN = Unit("man-yen", "{}万円", "¥{}", 10000)
OKU_YEN = Unit("oku-yen", "{}億円", "¥{} billion", 0.1)
PERCENT = Unit("percent", "{}%", "{}%")


@pytest.fixture(scope="module")
def site():
    plan = build_plan(load_plan(MINIMAL).data)
    urls = Urls(plan)
    return plan, urls, {r.language: r for r in render_site(plan, urls, PROJECT / "content", REPORT)}


GOLDEN = PROJECT / "tests" / "golden"


def test_every_page_of_the_fixture_is_rendered_as_its_golden_file(site, request):
    """The Markdown of every page of the fixture plan, and the navigation, in both languages, as
    reviewed: a change shows as a diff of tests/golden/. After an intended change, run
    `pytest tests/test_render.py --update-golden` and review the diff before committing."""
    _, _, rendered = site
    made = {f"{language}/{name}": text for language, result in rendered.items() for name, text in result.files.items()}
    made |= {f"{language}/nav.json": json.dumps(result.nav, ensure_ascii=False, indent=1) + "\n" for language, result in rendered.items()}
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, text in made.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
    kept = {str(path.relative_to(GOLDEN)): path.read_text(encoding="utf-8") for path in GOLDEN.rglob("*") if path.is_file()}
    assert sorted(kept) == sorted(made), "pages added or removed: run with --update-golden and review"
    changed = [name for name in made if made[name] != kept[name]]
    first = "".join(difflib.unified_diff(kept[changed[0]].splitlines(True), made[changed[0]].splitlines(True), "golden", "made")) if changed else ""
    assert changed == [], f"{len(changed)} pages differ from tests/golden/ (run with --update-golden and review):\n{first}"


def formatter(site, language):
    plan, _, _ = site
    return Formatter(language, plan)


def test_quantities_in_each_language(site):
    ja, en = formatter(site, "ja"), formatter(site, "en")
    assert (ja.quantity(53, MAN_YEN), en.quantity(53, MAN_YEN)) == ("53万円", "¥530,000")
    assert (ja.quantity(108, OKU_YEN), en.quantity(108, OKU_YEN)) == ("108億円", "¥10.8 billion")
    assert en.quantity(86.5, PERCENT) == "86.5%"
    assert (ja.compare("greater-than", ja.quantity(0, OKU_YEN)), en.compare("greater-than", en.quantity(0, OKU_YEN))) == ("＞0億円", "more than ¥0 billion")


def test_file_sizes_to_two_significant_figures(site):
    """A download's size as a reader judges it, and as a small edit of the plan leaves it."""
    ja, en = formatter(site, "ja"), formatter(site, "en")
    assert [en.file_size(size) for size in (212, 1884, 36003, 834486, 834999, 2038806, 16130000)] == [
        "1.0 kB", "1.9 kB", "36 kB", "830 kB", "830 kB", "2.0 MB", "16 MB"]
    assert (ja.file_size(834486), ja.file_size(2038806)) == ("830KB", "2.0MB")


def test_targets_with_share_reference_and_condition(site):
    ja, en = formatter(site, "ja"), formatter(site, "en")
    share = Target(2025, 30, "approximately", PERCENT, of=Text("標準財政規模", "the standard fiscal scale"))
    assert ja.target(share, column_year=2025) == "標準財政規模の30%程度"
    assert en.target(share, column_year=2025) == "about 30% of the standard fiscal scale"
    bonds = Target(2025, 350, "within", OKU_YEN, condition=Text("除却分を除く", "excluding demolition"))
    assert ja.target(bonds, column_year=2025) == "350億円以内〔除却分を除く〕"
    assert en.target(bonds, column_year=2022) == "no more than ¥35 billion (excluding demolition) (FY2025)"
    assert ja.target(bonds, column_year=None) == "350億円以内〔除却分を除く〕（令和7（2025）年度）"


def test_a_target_column_names_its_year_only_when_every_row_shares_it(site):
    plan, _, _ = site
    kpis = plan.guidelines[0].kpis
    assert shared_target_year(kpis) == 2025
    mixed = [kpis[0], Indicator("x", Text("x", "x"), PERCENT, (), Target(2022, 1, "exactly", PERCENT))]
    assert shared_target_year(mixed) is None


def test_every_page_is_rendered_in_both_languages(site):
    _, urls, rendered = site
    for language in ("ja", "en"):
        assert set(rendered[language].files) == {page.source_file for page in urls.pages}


def test_same_template_writes_each_language(site):
    _, _, rendered = site
    body, front_matter = get_data(rendered["ja"].files["items/01/index.md"])  # as MkDocs reads it
    assert front_matter == {"description": "効率化する。"}
    body = body.lstrip("\n")
    assert body.startswith("# 第1編 取組項目 No\\.1 事務" + _note_link("注※") + "の見直し "
                           '{ #item-01 data-toc-label="第1編 取組項目 No.1 事務の見直し" data-bookmark-label="第1編 取組項目 No.1 事務の見直し" }')
    assert rendered["en"].files["items/01/index.md"].split("---\n\n", 1)[1].startswith(
        "# Part 1: Reform item No\\.1 Reviewing work" + _note_link("Note ※") +
        ' { #item-01 data-toc-label="Part 1: Reform item No.1 Reviewing work" data-bookmark-label="Part 1: Reform item No.1 Reviewing work" }')


def _note_link(name: str) -> str:
    """A note mark's link, named (注※, issue 26) and with an id its note links back to."""
    return f'<sup class="plan-note-ref" data-search-exclude><a id="ref-item-01-note-0" href="#item-01-note-0" aria-label="{name}">※</a></sup>'


def test_a_note_mark_in_a_title_links_to_its_note_and_stays_out_of_the_title(site):
    plan, urls, rendered = site
    html = markdown.markdown(get_data(rendered["en"].files["items/01/index.md"])[0], extensions=["attr_list", "toc"])
    assert '<dt id="item-01-note-0">※</dt>' in html and 'href="#item-01-note-0"' in html
    item = plan.pillars[0].items[0]
    assert (item.title.en, item.title_marked.en) == ("Reviewing work", "Reviewing work※")
    assert all("※" not in title for entry in rendered["en"].nav for title in _nav_titles(entry))


def _nav_titles(entry):
    for title, value in entry.items():
        yield title
        for child in value[1:] if isinstance(value, list) else ():
            yield from _nav_titles(child)


def test_front_matter_reads_back_as_written_whatever_the_text():
    meta = {"description": "引用「x」 \"quoted\" \\ tab\t line\u2028sep next\x85line c1\x9f 😀 ---", "scripts": ["a.js"]}
    body, read = get_data(f"---\n{front_matter(meta)}\n---\n\nText")
    assert read == meta and body.strip() == "Text"


def test_pending_translation_shows_japanese_marked_as_japanese(site):
    _, _, rendered = site
    english = rendered["en"].files["items/01/index.md"]
    assert '<div class="plan-prose" lang="ja"><p class="plan-pending">' in english
    assert "<p>見直す。</p>" in english


def test_schedule_cells_span_their_years(site):
    _, _, rendered = site
    html = markdown.markdown(rendered["en"].files["items/01/index.md"], extensions=["attr_list"])
    assert '<th scope="col">FY2022</th>' in html
    assert '<td colspan="3" class="plan-schedule__cell"><span class="plan-visually-hidden">FY2023–FY2025: </span>Implement</td>' in html


def test_indicator_table_and_kpi_with_initiative_link(site):
    _, _, rendered = site
    chapter = rendered["ja"].files["part-1/chapter-1/index.md"]
    assert '<td class="plan-number" data-label="令和2（2020）年度：">65.5万円</td>' in chapter
    assert "50万円以下" in chapter
    guideline = rendered["en"].files["guidelines/1/index.md"]
    assert '<a href="../../initiatives/01/">Initiative 1</a>' in guideline
    assert "Baseline (FY2021)" in guideline and "Target (FY2025)" in guideline
    # A note mark in a table links to its note, which has a stable id on the page and links back;
    # both links name the indicator too, as two tables of a page can each have a note 1 (issue 27).
    reference = '<sup class="plan-note-ref" data-search-exclude><a id="ref-guideline-1-note-1" href="#guideline-1-note-1" aria-label="{0}">{1}</a></sup>'
    assert 'Procedures online' + reference.format("Note 1 (Procedures online)", "Note 1") in guideline
    assert '<dt id="guideline-1-note-1">Note 1</dt>' in guideline
    assert '<a href="#ref-guideline-1-note-1" aria-label="Back to where Note 1 (Procedures online) is referred to">' in guideline
    assert 'オンライン化手続数' + reference.format("注1（オンライン化手続数）", "注1") in rendered["ja"].files["guidelines/1/index.md"]
    initiative = rendered["en"].files["initiatives/01/index.md"]
    assert "Baseline (FY2021)" in initiative and '<dt id="initiative-01-note-1">Note 1</dt>' in initiative
    assert 'href="#initiative-01-note-1" aria-label="Note 1 (Procedures online)">Note 1</a>' in initiative


def test_japanese_quoted_in_english_is_marked(site):
    _, _, rendered = site
    notes = rendered["en"].files["editorial-notes/index.md"]
    assert '<span lang="ja">「事務」</span>' in notes


def test_hostile_titles_cannot_become_html_or_markdown(site):
    plan, _, _ = site
    l10n = HtmlText(Formatter("en", plan))
    heading = l10n.heading(2, Text("<script>", "<img src=x onerror=alert(1)> [a](javascript:x)"), "h")
    plain = markdown.markdown(l10n.heading(2, Text("x", "A & B's | *c* 1. #"), "p"), extensions=["attr_list"])
    assert plain == '<h2 id="p">A &amp; B\'s | *c* 1. #</h2>'
    html = markdown.markdown(heading, extensions=["attr_list"])
    assert "<img" not in html and "<a" not in html and "<em>" not in html
    assert "<h2 id=\"h\">&lt;img src=x onerror=alert(1)&gt; [a](javascript:x)</h2>" in html


def test_no_text_of_the_plan_becomes_markup_on_any_page_but_through_prose(tmp_path, monkeypatch):
    """Every text of the plan carries script, HTML and Markdown (tests/hostile.py): on every page
    of both languages and in the print HTML, none of it becomes an element, and its Markdown link
    becomes a link only where the text is prose (the Markdown subset that allows web links)."""
    prose = []
    for module in ("planpub.html_text", "planpub.render"):  # prose on the page, and in its description
        monkeypatch.setattr(f"{module}.render_prose", lambda source, real=render_prose: prose.append(source) or real(source))
    plan = build_plan(load_plan(hostile_plan(MINIMAL, tmp_path / "plan.yaml")).data)
    urls = Urls(plan)
    pages = {f"{rendered.language}/{name}": markdown.markdown(get_data(text)[0], extensions=["attr_list", "toc"])
             for rendered in render_site(plan, urls, PROJECT / "content", REPORT) for name, text in rendered.files.items()}
    pages |= {f"print-{language}": print_html(plan, urls, PROJECT / "content", language) for language in ("ja", "en")}
    prose_numbers = {number for source in prose for number in re.findall(r"example\.org/(\d+)\)", source)}
    assert len(pages) > 50 and prose_numbers
    for name, html in pages.items():
        assert injected_markup(html) == [], name
        assert set(LINK.findall(html)) <= prose_numbers, name


def test_navigation_titles_are_escaped(site):
    _, _, rendered = site
    nav = rendered["en"].nav
    assert nav[0] == {"The plan in brief": "index.md"}
    part = dict(pair for entry in nav for pair in entry.items())["Full text of the plan"][0]["Part 1 Reform"]
    assert part[0] == "part-1/index.md"


def test_navigation_offers_the_ways_in_first_and_the_document_under_one_entry(site):
    """The ways in at the top; items under their pillar under "by theme", two levels down; the
    parts, with their chapters and reference material, under "full text"."""
    _, _, rendered = site
    nav = rendered["en"].nav
    assert [next(iter(entry)) for entry in nav] == [
        "The plan in brief", "By theme", "By fiscal year", "By department", "Indicators and KPIs", "Progress",
        "Full text of the plan", "Downloads: PDF and open data", "Glossary", "Roadmap", "About this edition", "Accessibility policy"]
    themes = nav[1]["By theme"]
    assert themes[0] == "themes/index.md"
    assert themes[1] == {"Reform pillar Ⅰ Better management": [
        "pillars/1/index.md", {"Part 1: Reform item No.1 Reviewing work": "items/01/index.md"},
        {"Part 1: Reform item No.2 Informatization for residents": "items/02/index.md"}]}
    assert themes[2] == {"Guideline 1 Services for residents": [
        "guidelines/1/index.md", {"Part 2: Initiative 1 Procedures online": "initiatives/01/index.md"}]}
    assert nav[2]["By fiscal year"][1] == {"FY2022": "years/2022/index.md"}
    part_1 = nav[6]["Full text of the plan"][0]["Part 1 Reform"]
    assert part_1[1:3] == [{"Chapter 1 Indicators": "part-1/chapter-1/index.md"}, {"Chapter 2 Items": "part-1/chapter-2/index.md"}]


def test_interface_strings_have_the_same_keys_in_every_language():
    def flat(strings, prefix=""):
        for key, value in strings.items():
            yield from flat(value, f"{prefix}{key}.") if isinstance(value, dict) else ((f"{prefix}{key}", value),)

    ja, en = dict(flat(ui_strings("ja"))), dict(flat(ui_strings("en")))
    assert len(ja) > 450 and sorted(ja) == sorted(en)  # every key, at every depth


def test_labels_for_high_numbers(site):
    ja, en = formatter(site, "ja"), formatter(site, "en")
    item = type("Item", (), {"number": 24})()
    assert (ja.label("item", item), en.label("item", item)) == ("取組項目 No.24", "Reform item No.24")
    plan, urls, _ = site
    titles = {page.kind: (ja.page_title(page), en.page_title(page)) for page in urls.pages if page.kind in ("item", "initiative")}
    assert titles == {"item": ("第1編 取組項目 No.2 区民サービスの情報化", "Part 1: Reform item No.2 Informatization for residents"),
                      "initiative": ("第2編 取組1 手続のオンライン化", "Part 2: Initiative 1 Procedures online")}
    assert (roman(3), roman(12), roman(13)) == ("Ⅲ", "Ⅻ", "13")
    assert formatter(site, "ja").action_marker(type("Action", (), {"number": None})()) == "●"


def test_department_page_lists_duties_and_item_pages_link_there(site):
    _, _, rendered = site
    page = rendered["en"].files["departments/index.md"]
    sections, collective = page.split("## Entries covering several divisions")
    assert "### Planning Division { #planning }" in sections
    assert '<a href="../items/01/">Reform item No.1 Reviewing work</a>' in sections
    assert '<a href="../initiatives/01/">Initiative 1 Procedures online</a>' in sections
    assert "### General Affairs Division { #general-affairs }" in sections and "The plan names no item" in sections
    assert "### Related divisions { #related-divisions }" in collective and "### Related divisions" not in sections
    assert '<a href="../../departments/#planning">Planning Division</a>' in rendered["en"].files["items/01/index.md"]


@pytest.mark.parametrize(("language", "order"), [("ja", ["planning", "general-affairs"]), ("en", ["general-affairs", "planning"])])
def test_departments_are_in_reading_order_in_japanese_and_alphabetical_in_english(site, language, order):
    _, _, rendered = site
    page = rendered[language].files["departments/index.md"]
    assert re.findall(r"^### .* \{ #([a-z-]+) \}$", page, re.MULTILINE) == [*order, "related-divisions"]
    roadmap = rendered[language].files["roadmap/index.md"]
    units, groups = re.findall(r'<optgroup label="[^"]+">(.*?)</optgroup>', roadmap)
    assert re.findall(r'<option value="([a-z-]+)">', units) == ["planning"]  # the General Affairs Division has no duties
    assert re.findall(r'<option value="([a-z-]+)">', groups) == ["related-divisions"]


@pytest.mark.parametrize(("language", "shown"), [
    ("ja", '<span class="plan-department-group">関係各課（特定の部署ではありません）</span>'),
    ("en", '<span class="plan-department-group">Related divisions (not one particular department)</span>'),
])
def test_a_group_of_divisions_is_named_as_a_group_not_linked_as_a_department(site, language, shown):
    _, _, rendered = site
    item = rendered[language].files["items/01/index.md"]
    info = item[item.index('<div class="plan-page-info">'):]
    assert f"<li>{shown}</li>" in item[:item.index('<div class="plan-page-info">')]
    assert shown in info
    assert not any(re.search(r"href=\"[^\"]*#related-divisions\"", text) for text in rendered[language].files.values())


@pytest.mark.parametrize(("language", "texts"), [("ja", ["53万円", "65.5万円", "50万円以下"]), ("en", ["¥530,000", "¥655,000", "¥500,000 or less"])])
def test_each_chart_states_the_numbers_of_its_table(site, language, texts):
    _, _, rendered = site
    chapter = rendered[language].files["part-1/chapter-1/index.md"]
    table, after = chapter.split('<div class="plan-charts">', 1)
    svg = ElementTree.fromstring(re.search(r"<svg.*?</svg>", after).group(0))
    namespace = "{http://www.w3.org/2000/svg}"
    shown = [element.text for element in svg.iter(f"{namespace}text")]
    description = svg.find(f"{namespace}desc").text
    for text in texts:
        assert text in table
        assert text in description
        assert any(text in (line or "") for line in shown)
    assert svg.get("role") == "img"


def test_a_chart_is_drawn_again_when_its_indicator_changes_and_not_otherwise(site):
    """Charts are kept between builds (the preview rebuilds at each save): a changed value must
    show, and an unchanged indicator reuses its chart whatever plan object it comes from."""
    plan, _, _ = site
    indicator = next(indicator for indicator in plan.indicators if HtmlText(Formatter("en", plan)).chart(indicator))
    again = build_plan(load_plan(MINIMAL).data)
    assert HtmlText(Formatter("en", again)).chart(next(i for i in again.indicators if i.id == indicator.id)) is \
        HtmlText(Formatter("en", plan)).chart(indicator)
    first = indicator.values[0]
    changed = dataclasses.replace(indicator, values=(dataclasses.replace(first, value=first.value + 7),) + indicator.values[1:])
    before, after = (HtmlText(Formatter("en", plan)).chart(each) for each in (indicator, changed))
    assert before != after and Formatter("en", plan).quantity(first.value + 7, indicator.unit) in after


def test_roadmap_has_every_action_and_initiative_with_headers_and_spans(site):
    _, _, rendered = site
    roadmap = rendered["en"].files["roadmap/index.md"]
    assert roadmap.count('<th scope="col"><a href="../years/2022/">FY2022</a></th>') == 2  # one table per pillar and per guideline
    assert 'data-years="2022 2023 2024 2025"' in roadmap and '<option value="2024">FY2024</option>' in roadmap
    assert '<th scope="row" class="plan-roadmap__subject"><a href="../items/01/">Reform item No.1 Reviewing work</a>' in roadmap
    assert '<th scope="row"><a href="../items/01/#item-01-action-1">Common work</a>' in roadmap
    assert '<td colspan="3" class="plan-schedule__cell"><span class="plan-visually-hidden">FY2023–FY2025: </span>' in roadmap
    assert '<a href="../initiatives/01/">Initiative 1 Procedures online</a>' in roadmap
    assert '<dt><span class="plan-badge plan-badge--new">New in this plan</span></dt>' in roadmap  # the legend of the marks
    assert '<option value="dx">DX priority</option>' in roadmap


def test_glossary_order_follows_readings_in_japanese_and_letters_in_english(site):
    plan, _, _ = site
    terms = [Term("b", Text("漢字", "zebra"), Text("x", "x"), "かんじ"), Term("a", Text("ア", "The apple"), Text("x", "x"), "あ"),
             Term("c", Text("外郭", "the 2040 problem"), Text("x", "x"), "がいかく")]
    assert [t.id for t in Formatter("ja", plan).glossary_order(terms)] == ["a", "c", "b"]
    assert [t.id for t in Formatter("en", plan).glossary_order(terms)] == ["c", "a", "b"]
    assert [t.id for t in Formatter("en", plan).glossary_order(terms[::-1])] == ["c", "a", "b"]


@pytest.mark.parametrize(("language", "groups", "empty"), [
    ("ja", [("か行", "kana-ka", ["affiliated-organizations"]), ("さ行", "kana-sa", ["test-term"])], "あ"),
    ("en", [("A", "letter-a", ["affiliated-organizations"]), ("T", "letter-t", ["test-term"])], "B"),
])
def test_the_glossary_index_links_the_heading_of_every_initial_that_has_terms(site, language, groups, empty):
    _, _, rendered = site
    page, _ = rendered[language].files["glossary/index.md"].split("\n## " + formatter(site, language).ui("abbreviations"))  # the terms
    assert '\n\n<div class="plan-index" ' in page  # a block of its own, not inside the paragraph before it
    assert "<nav" not in page  # a named list: no navigation landmark inside the main content (issue 26)
    index, body = page.split("</ul>\n</div>", 1)
    headings = [(heading, anchor) for heading, anchor in re.findall(r"^## (.+) \{ #([a-z-]+) \}$", body, re.MULTILINE)]
    assert headings == [(heading, anchor) for heading, anchor, _ in groups]
    # each link named with the heading it leads to: the letter alone does not say where (issue 27)
    name = {"ja": "{}の用語", "en": "Terms under {}"}[language]
    links = re.findall(r'<li><a href="#([a-z-]+)"(?: aria-label="([^"]+)")?>', index)
    assert links == [(anchor, name.format(heading)) for heading, anchor, _ in groups] + [("abbreviations", "")]
    for _, anchor, terms in groups:  # each heading is followed by its terms, and every term is under one
        section = body.split(f"{{ #{anchor} }}")[1].split("\n## ")[0]
        assert re.findall(r'<dt id="([a-z-]+)">', section) == terms
    assert sum(len(terms) for _, _, terms in groups) == len(re.findall(r"<dt id=", page)) == 2
    assert f'<li class="plan-index__empty">{empty}<span class="plan-visually-hidden">' in index
    assert len(re.findall(r"<li", index)) == {"ja": 10, "en": 26}[language] + 1  # and the abbreviations


def test_the_indicators_page_has_a_card_per_indicator_with_what_meeting_it_brings(site):
    _, _, rendered = site
    page = rendered["en"].files["indicators/index.md"]
    cost = page[page.index("### Cost per resident { #indicator-cost }"):page.index("### Procedures online")]
    assert '<dt>Part of</dt><dd><a href="../part-1/chapter-1/#cost-targets">Administrative cost</a></dd>' in cost
    assert "<dt>When achieved</dt><dd>Sustainable</dd>" in cost
    assert "<dt>Baseline</dt><dd><ul class=\"plan-cell-list\"><li>¥530,000 (FY2019)</li><li>¥655,000 (FY2020)</li></ul></dd>" in cost
    assert "<dt>Target</dt><dd>¥500,000 or less (FY2025)</dd>" in cost
    assert 'class="plan-chart"' in cost and "Values printed in the plan" not in page
    kpi = page[page.index("### Procedures online"):]
    assert '<a href="../initiatives/01/">Initiative 1 Procedures online</a>' in kpi
    assert "<dt>Goals</dt><dd><ul class=\"plan-cell-list\"><li>Procedures can be done at any time.</li></ul></dd>" in kpi


@pytest.mark.parametrize(("language", "heading", "sentence", "chart"), [
    ("ja", "### 前の計画の指標 { #part-1-previous }",
     "」に掲載された、前の計画の指標です。この計画の目標ではありません。値は令和元（2019）年度から令和2（2020）年度までの各年度のものです。目標値は令和2（2020）年度の目標です。",
     "グラフ：決算の行政コスト（前の計画）"),
    ("en", "### The previous plan&#39;s indicators { #part-1-previous }",
     "They are not targets of this plan. Their values are for each fiscal year from FY2019 to FY2020. Their targets were for FY2020.",
     "Chart: Settled cost (previous plan)"),
])
def test_the_previous_plan_s_indicators_are_set_apart_and_labelled(site, language, heading, sentence, chart):
    _, _, rendered = site
    page = rendered[language].files["indicators/index.md"]
    part_2 = page.index("\n## ", page.index("{ #part-1 }"))
    previous = page[page.index(heading):part_2]
    assert sentence in previous and '<a href="../part-1/appendices/2/#part-1-appendix-2">2 ' in previous
    assert "#### " in previous and "plan-indicator-card--previous" in previous and chart in previous
    assert "previous-indicator-cost" not in page[:page.index(heading)]
    appendix = rendered[language].files["part-1/appendices/2/index.md"]
    assert chart in appendix


def test_a_recorded_result_changes_the_status_and_joins_the_chart(variant):

    def indicators_page(path) -> tuple[str, str]:
        plan = build_plan(load_plan(path).data)
        urls = Urls(plan)
        en = render_site(plan, urls, PROJECT / "content", REPORT)[1]
        return en.files["indicators/index.md"], en.files["part-1/chapter-1/index.md"]

    page, _ = indicators_page(MINIMAL)
    assert '<dd class="plan-status plan-status--no-result">Cannot be judged yet (no result recorded)</dd>' in page
    assert "Indicators and KPIs of this plan with a result recorded on this site: 0 of 2 (as of" in page
    assert "<dt>Latest recorded result</dt><dd>Not recorded on this site yet</dd>" in page
    path, _ = variant((COST_TARGET, COST_TARGET + "        " + RESULT + "\n"))
    page, chapter = indicators_page(path)
    assert '<dd class="plan-status plan-status--on-track">On track (FY2023 result)</dd>' in page  # before the target year
    assert "with a result recorded on this site: 1 of 2 (as of" in page
    noted = RESULT.replace("}}]", "}, note: {ja: 算定の基準が異なる, en: Worked out on another basis}}]")
    path, _ = variant((COST_TARGET, COST_TARGET + "        " + noted + "\n"), name="noted.yaml")
    assert "(September 30, 2024)<br>Worked out on another basis</dd>" in indicators_page(path)[0]
    assert '¥480,000 (FY2023)<br><a href="https://example.jp/r">Settlement</a> (September 30, 2024)' in page
    assert "Published results: FY2023 ¥480,000" in chapter and "Published results: FY2023 ¥480,000" in page


def test_every_page_ends_with_its_revision_date_responsibility_and_official_source(site):
    _, _, rendered = site
    for path, text in rendered["en"].files.items():
        info = text[text.index('<div class="plan-page-info">'):]
        assert '<time datetime="2026-11-01">November 1, 2026</time>' in info, path
        assert '<a href="https://city.example.jp/">The City&#39;s official website</a>' in info, path
    item = rendered["en"].files["items/01/index.md"]
    info = item[item.index('<div class="plan-page-info">'):]
    assert re.search(r'<dd><a href="[^"]*departments/#planning">[^<]+</a>, <span class="plan-department-group">Related divisions', info)
    home = rendered["ja"].files["index.md"]
    assert "Sumida" not in home and "区" in home[home.index('<div class="plan-page-info">'):]


def test_marks_are_words_explained_once_a_page_before_their_first_use(site):
    """A mark's first appearance on a page is in the legend that says what it means (before the
    list or table that uses it, or beside the entry's own marks under its heading); the page
    explains it once, and the badge is its words alone, read once."""
    _, _, rendered = site
    for language, words in (("ja", {"new": "新規", "dx": "DX重点"}), ("en", {"new": "New in this plan", "dx": "DX priority"})):
        for path, text in rendered[language].files.items():
            for mark, word in words.items():
                badge = f'<span class="plan-badge plan-badge--{mark}">{word}</span>'
                if badge not in text:
                    continue
                first = text.index(badge)
                assert text.rfind('<dl class="plan-legend"', 0, first) > text.rfind("</dl>", 0, first), (language, path, mark)
                assert text.count(f"<dt>{badge}</dt>") == 1, (language, path, mark)
    chapter = rendered["en"].files["part-1/chapter-1/index.md"]
    assert chapter.index("plan-badge--new") < chapter.index("System of administrative and financial reform")  # the legend precedes the table
    assert chapter.index("plan-badge--dx") > chapter.index("Future vision")  # and DX priority is explained where it is first used
    assert "plan-visually-hidden" not in chapter[chapter.index("plan-overview"):]  # no second, hidden reading of a badge


def test_the_print_edition_explains_the_marks_once_before_its_first_page(site):
    plan, urls, _ = site
    html = print_html(plan, urls, PROJECT / "content", "ja")
    assert html.count('<dl class="plan-legend"') == 1
    assert html.index('<dl class="plan-legend"') < html.index('class="print-page')
    assert '<span class="plan-badge plan-badge--new">新規</span>' in html and "＊</span>" not in html


def test_editorial_notes_follow_the_page_content_under_a_counted_disclosure(site):
    """A page's own content comes first; the notes about it follow, closed under a summary that
    counts them, each as its sentence for readers with a link to the full note."""
    plan, _, rendered = site
    for language, summary, full in (("ja", "この版についての注記（2件）", "編集注{}の全文"), ("en", "Notes on this edition (2)", "Full text of note {}")):
        item = rendered[language].files["items/01/index.md"]
        notes = item[item.index('<details class="plan-edition-notes">'):item.index("</details>")]
        assert item.index("<details") > item.index("{ #progress }") and item.index("</details>") < item.index('<div class="plan-page-info">')
        assert f"<summary>{summary}</summary>" in notes
        for number, note in enumerate(plan.notes_about("item-01") + plan.notes_about("item-01-action-1"), start=1):  # the first in page order
            assert getattr(note.for_readers, language) in notes and getattr(note.text, language) not in item
            assert f'<a href="../../editorial-notes/#{note.id}">{full.format(number)}</a>' in notes
        assert '<a href="#item-01-action-1">' in notes  # a note about a part of the page says which
    notes_page = rendered["en"].files["editorial-notes/index.md"]
    assert all(note.for_readers.en in notes_page for note in plan.editorial_notes)
    numbers = [int(number) for number in re.findall(r'<dt id="[^"]+">Note (\d+) ', notes_page)]
    assert numbers == list(range(1, len(plan.editorial_notes) + 1))  # numbered, in the order of the pages
    assert '<dd><p class="plan-editorial-list__for-readers">' in notes_page


def test_each_figure_says_that_this_edition_does_not_reproduce_it(site):
    plan, urls, rendered = site
    for language, words in (("ja", "原案の図はこの版には収録していません。"), ("en", "The draft&#39;s figure is not reproduced in this edition.")):
        assert words in rendered[language].files["index.md"]
        assert "印刷版" not in rendered[language].files["index.md"] and "printed edition" not in rendered[language].files["index.md"]
    assert "原案の図はこの版には収録していません。" in print_html(plan, urls, PROJECT / "content", "ja")


def test_the_home_page_says_what_this_is_then_the_main_targets_from_their_indicators(site):
    _, _, rendered = site
    home = rendered["en"].files["index.md"]
    assert home.index("# Test { #top }") < home.index("This is the draft of the Test Plan, for FY2022–FY2025.") < home.index("## The plan&#39;s main targets")
    assert ('<li><a href="guidelines/1/#kpi-online">More procedures online</a><br>\n'
            '<span class="plan-highlights__figures">From 6 procedures in FY2021 to 24 procedures (FY2025)</span></li>') in home
    assert "From ¥655,000 in FY2020 to ¥500,000 or less (FY2025)</span>" in home
    assert "令和2（2020）年度の65.5万円から、50万円以下（令和7（2025）年度）へ" in rendered["ja"].files["index.md"]
    assert home.index("## The plan&#39;s main targets") < home.index("## Find what you need") < home.index("## Progress") < home.index("## Summary")
    assert home.count('<ul class="plan-contents">') == 1 and '"hide": ["toc"]' in home.split("---")[1]


def test_the_home_page_summary_comes_before_the_introduction_and_the_themes_page_names_every_item_and_initiative(site):
    plan, urls, rendered = site
    home = rendered["en"].files["index.md"]
    assert home.index("The City will carry out administrative and financial reform") < home.index("Introduction")
    themes = rendered["en"].files["themes/index.md"]
    for entity in (*plan.items, *plan.initiatives):
        assert f"{entity.title.en}</a>" in themes
    notes_about_the_plan = [note.for_readers.en for note in plan.notes_about("plan")]
    assert notes_about_the_plan and not any(note in home for note in notes_about_the_plan)
    about = rendered["en"].files["about/index.md"]
    assert all(note in about for note in notes_about_the_plan)


def test_the_progress_and_home_pages_lead_with_what_is_recorded_as_of_the_last_revision(site):
    _, _, rendered = site
    for path in ("index.md", "progress/index.md"):
        page = rendered["en"].files[path]
        assert ('<p class="plan-lead">Reform items and initiatives with a status recorded on this site: 0 of 3 '
                '(as of <time datetime="2026-11-01">November 1, 2026</time>)</p>') in page
        assert "the plan&#39;s page on the City&#39;s website: <a href=\"https://city.example.jp/\">The City&#39;s official website</a>" in page
    assert "状況が記録されている改革項目・取組：0 / 3（" in rendered["ja"].files["progress/index.md"]


def test_a_recorded_status_shows_on_its_page_and_is_counted_in_the_overview(site, variant):

    _, _, rendered = site
    item = rendered["en"].files["items/01/index.md"]
    assert "No status has been recorded on this site for this yet." in item
    progress = rendered["en"].files["progress/index.md"]
    assert ('<li><a href="./#pillar-1-not-recorded">Not recorded on this site yet: 2<span class="plan-visually-hidden"> (Reform pillar Ⅰ)</span></a></li>'
            '<li>Total: 2</li>') in progress
    path, _ = variant((PROGRESS_AT, PROGRESS_AT + PROGRESS))
    plan = build_plan(load_plan(path).data)
    en = render_site(plan, Urls(plan), PROJECT / "content", REPORT)[1]
    item, progress, home = en.files["items/01/index.md"], en.files["progress/index.md"], en.files["index.md"]
    assert '<td data-label="FY2023: ">In progress<br>Under way<br><a href="https://example.jp/p">Progress report</a></td>' in item
    assert ('<li><a href="./#pillar-1-in-progress">In progress: 1<span class="plan-visually-hidden"> (Reform pillar Ⅰ)</span></a></li>'
            '<li><a href="./#pillar-1-not-recorded">Not recorded on this site yet: 1<span class="plan-visually-hidden"> (Reform pillar Ⅰ)</span></a></li>'
            '<li>Total: 2</li>') in progress
    assert "FY2023: In progress" in progress
    assert "Reform items and initiatives with a status recorded on this site: 1 of 3" in home


STATUS_TEXTS = {
    "ja": {"on-track": "順調", "not-yet": "未達成", "met": "目標達成", "not-met": "目標未達成"},
    "en": {"on-track": "On track", "not-yet": "Not yet met", "met": "Target met", "not-met": "Target not met"},
}
STATUS_OF_RESULT = {
    "ja": {2024: "{}（令和6（2024）年度の実績）", 2025: "{}（令和7（2025）年度の実績）", 2026: "{}（令和8（2026）年度の実績）"},
    "en": {2024: "{} (FY2024 result)", 2025: "{} (FY2025 result)", 2026: "{} (FY2026 result)"},
}


def indicators_pages(changed: dict, *, kpi: bool = False) -> dict[str, str]:
    """The indicators page in each language, for the fixture with the cost indicator (or the KPI)
    changed: its fields replaced by ``changed``, a None dropping the field."""
    import copy

    from planpub.render import template_environment

    data = copy.deepcopy(load_plan(MINIMAL).data)
    indicator = data["informatization"]["guidelines"][0]["kpis"][0] if kpi else data["indicator_groups"][0]["indicators"][0]
    indicator.update(changed)
    for name in [name for name, value in indicator.items() if value is None]:
        del indicator[name]
    plan = build_plan(data)
    urls = Urls(plan)
    page = next(page for page in urls.pages if page.kind == "indicators")
    template = template_environment(PROJECT / "content").get_template("pages/indicators.md.j2")
    return {language: template.render(page_context(Formatter(language, plan), page, Sources(plan, urls, REPORT)))
            for language in ("ja", "en")}


def result(year: int, value: float) -> list[dict]:
    return [{"year": year, "value": value, "date": f"{year + 1}-06-30", "source": {"title": {"ja": "決算書", "en": "Settlement"}, "url": "https://example.jp/r"}}]


@pytest.mark.parametrize(("comparator", "better", "year", "value", "status"), STATUS_CASES)
def test_the_status_each_page_shows_with_the_year_of_its_result(comparator, better, year, value, status):
    pages = indicators_pages({"target": {"year": 2025, "value": TARGET, "comparator": comparator}, "better": better,
                              "values": [{"year": 2020, "value": TARGET}], "results": result(year, value)})
    for language, page in pages.items():
        shown = STATUS_OF_RESULT[language][year].format(STATUS_TEXTS[language][status])
        assert f'<dd class="plan-status plan-status--{status}">{shown}</dd>' in page


def test_three_security_incidents_against_a_target_of_none_are_not_met():
    """The KPI as an editor records it: baseline 0 incidents, target exactly 0 in FY2025, 3 in FY2024."""
    incidents = {"values": [{"year": 2021, "value": 0}], "target": {"year": 2025, "value": 0, "comparator": "exactly"},
                 "better": "lower", "results": result(2024, 3)}
    pages = indicators_pages(incidents, kpi=True)
    assert '<dd class="plan-status plan-status--not-yet">未達成（令和6（2024）年度の実績）</dd>' in pages["ja"]
    assert '<dd class="plan-status plan-status--not-yet">Not yet met (FY2024 result)</dd>' in pages["en"]
    assert "<br>小さいほどよい</dd>" in pages["ja"] and "<br>Lower is better</dd>" in pages["en"]
    pages = indicators_pages(incidents | {"results": result(2025, 3)}, kpi=True)
    assert '<dd class="plan-status plan-status--not-met">目標未達成（令和7（2025）年度の実績）</dd>' in pages["ja"]
    assert '<dd class="plan-status plan-status--not-met">Target not met (FY2025 result)</dd>' in pages["en"]
    for page in pages.values():
        assert "plan-status--met" not in page and "plan-status--on-track" not in page


def test_values_targets_and_results_show_their_unit_the_same_way_zero_or_not():
    pages = indicators_pages({"values": [{"year": 2021, "value": 0}], "target": {"year": 2025, "value": 0, "comparator": "reach"},
                              "better": "lower", "results": result(2024, 3)}, kpi=True)
    assert "<li>0手続（令和3（2021）年度）</li>" in pages["ja"] and "<li>0 procedures (FY2021)</li>" in pages["en"]
    assert "<dd>0手続（令和7（2025）年度）<br>" in pages["ja"] and "<dd>0 procedures (FY2025)<br>" in pages["en"]
    assert "<dd>3手続（令和6（2024）年度）<br>" in pages["ja"] and "<dd>3 procedures (FY2024)<br>" in pages["en"]


@pytest.mark.parametrize(("language", "what", "achieved", "details"), [
    ("ja", "何をするか（目的）", "達成すると（目指す姿・目標）", "取組の詳しい内容"),
    ("en", "What will be done (purpose)", "When achieved (goals)", "The initiative in detail"),
])
def test_item_and_initiative_pages_open_with_the_plan_s_words_in_brief_shown_once(site, language, what, achieved, details):
    """WCAG 3.1.5: right after the title and its context, a heading the table of contents and
    screen readers find, then what will be done and what it achieves; the purpose and the goals
    are shown there only, and an initiative's full description follows under a heading of its own."""
    _, _, rendered = site
    item = rendered[language].files["items/01/index.md"].split("\n---\n", 1)[1]  # the page, not its description
    purpose = {"ja": "効率化する。", "en": "To work more efficiently."}[language]
    assert item.count(purpose) == 1 and "{ #purpose }" not in item
    heading = re.search(r"^## (.+) \{ #in-brief \.plan-brief-heading \}$", item, re.MULTILINE)
    assert heading and heading.start() < item.index(purpose) < item.index("{ #actions }")
    assert f"<dt>{what}</dt>\n<dd><div class=\"plan-prose\"><p>{purpose}</p>" in item
    carried_out = rendered[language].files["items/02/index.md"]
    assert "<dt>" + {"ja": "何をするか（指針1の概要）", "en": "What will be done (summary of Guideline 1)"}[language] in carried_out
    initiative = rendered[language].files["initiatives/01/index.md"].split("\n---\n", 1)[1]
    goal = {"ja": "いつでも手続できます。", "en": "Procedures can be done at any time."}[language]
    description = {"ja": "オンライン化します。", "en": "We put procedures online."}[language]
    assert initiative.count(goal) == 1 and "{ #goals }" not in initiative
    assert initiative.index("{ #in-brief") < initiative.index(f"<dt>{achieved}</dt>") < initiative.index(goal) \
        < initiative.index(f"## {details} {{ #details }}") < initiative.index(description) < initiative.index("{ #schedule }")


@pytest.mark.parametrize(("language", "dx", "ict"), [
    ("ja", "デジタル・トランスフォーメーション", "情報通信技術"),
    ("en", "digital transformation", "information and communication technology"),
])
def test_the_first_use_of_each_abbreviation_on_a_page_carries_its_expansion_in_the_page_s_language(site, language, dx, ict):
    """WCAG 3.1.4: on the page of the item the guideline carries out, the summary uses ICT twice
    and DX once: the first of each is expanded, in this language; the glossary lists both."""
    _, _, rendered = site
    page = rendered[language].files["items/02/index.md"]
    assert re.findall(r'<abbr title="([^"]+)">(\w+)</abbr>', page) == [(ict, "ICT"), (dx, "DX")]
    glossary = rendered[language].files["glossary/index.md"]
    heading = {"ja": "略語", "en": "Abbreviations"}[language]
    assert f"## {heading} {{ #abbreviations }}" in glossary and '<li><a href="#abbreviations">' in glossary
    # No page text before it uses ICT: the list's own entry is the glossary page's first use.
    assert f'<dt id="abbreviation-ict"><abbr title="{ict}">ICT</abbr></dt>\n<dd><p>{ict}</p>' in glossary
