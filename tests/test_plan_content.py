"""The real plan.yaml carries the content this edition promises, faithfully to the draft."""

import csv
import html
import json
import re
from datetime import date
import subprocess

from pypdf import PdfReader


def test_metadata_keeps_the_unknown_issue_month(real_plan):
    meta = real_plan.metadata
    assert (meta.period_start, meta.period_end, meta.status) == (2022, 2025, "draft")
    assert (meta.issued.year, meta.issued.month) == (2022, None)
    assert [n.id for n in real_plan.notes_about("plan")]


def test_front_matter(real_plan):
    assert [s.id for s in real_plan.front][:2] == ["introduction", "plan-period"]
    assert "令和4（2022）年度から令和7（2025）年度" in real_plan.front[1].blocks[0].text.ja


def _blocks(section):
    yield from section.blocks
    for subsection in section.subsections:
        yield from _blocks(subsection)


def _part_blocks(part, kind):
    sections = [s for chapter in part.chapters for s in chapter.sections] + list(part.appendices)
    return [b for s in sections for b in _blocks(s) if b.kind == kind]


def test_all_fourteen_indicators_of_section_5(real_plan):
    section_5 = {g.group.id for g in _part_blocks(real_plan.parts[0], "indicator_group") if not g.group.id.startswith("previous-")}
    indicators = [i for group in real_plan.indicator_groups if group.id in section_5 for i in group.indicators]
    assert len(indicators) == 14
    by_id = {i.id: i for i in indicators}
    cost = by_id["indicator-admin-cost-per-resident"]
    assert [(v.year, v.value) for v in cost.values] == [(2019, 53), (2020, 65)]
    assert (cost.target.year, cost.target.value) == (2025, 50)
    assert all(group.achieved for group in real_plan.indicator_groups if group.id in section_5)


def test_discrepancies_in_the_draft_are_kept_and_noted(real_plan):
    fund = {i.id: i for i in real_plan.indicators}["indicator-fiscal-adjustment-fund-balance"]
    assert fund.values[0].value == 180  # as section 5-2 prints it; the appendix says 181
    assert real_plan.notes_about(fund.id)
    assert real_plan.notes_about("indicator-ordinary-balance-ratio")


def test_part_1_has_every_pillar_viewpoint_and_item(real_plan):
    """Draft chapter 3: pillars I–IV, viewpoints I-1 … IV-1, items No.1–No.24."""
    viewpoints = {p.number: [v.number for v in p.viewpoints] for p in real_plan.pillars}
    assert viewpoints == {1: [1, 2], 2: [1, 2], 3: [1, 2], 4: [1]}
    items = real_plan.items
    assert [i.number for i in items] == list(range(1, 25))
    for item in items[:21]:
        assert item.purpose and item.actions, item.id
        assert all(a.schedule for a in item.actions), item.id
        assert item.departments or all(a.departments for a in item.actions), item.id
    assert [i.guideline.number for i in items[21:]] == [1, 2, 3]
    actions = {i.number: len(i.actions) for i in items[:21]}
    assert sum(actions.values()) == 39 and actions[17] == 4
    assert [i.number for i in items if i.new] == [2, 7, 17, 22, 23, 24]


def test_part_1_chapter_1_sections_and_figures(real_plan):
    chapter = real_plan.parts[0].chapters[0]
    assert [len(s.subsections) for s in chapter.sections] == [7, 5, 3, 0]
    figures = [b for s in chapter.sections for b in _blocks(s) if b.kind == "figure"]
    assert len(figures) == 9 and sum(1 for f in figures if f.source) == 6
    boxes = [b.term.id for s in chapter.sections for b in _blocks(s) if b.kind == "term"]
    assert "term-2040-problem" in boxes and len(boxes) == 7


def test_part_1_reference_materials_are_complete(real_plan):
    part = real_plan.parts[0]
    history, = _part_blocks(part, "history")
    assert len(history.rows) == 21
    assert history.rows[0].when.fiscal_year == 1977 and (history.rows[-1].when.year, history.rows[-1].when.month) == (2019, 9)
    previous = [b.group for b in _part_blocks(part, "indicator_group") if b.group.id.startswith("previous-")]
    series = [i for g in previous for i in g.indicators]
    assert len(series) == 10
    assert all([v.year for v in i.values] == [2016, 2017, 2018, 2019, 2020] and i.target.year == 2020 for i in series)
    results, = _part_blocks(part, "reform_results")
    assert [i.number for i in results.items] == list(range(1, 22))
    assert sum(len(i.actions) for i in results.items) == 42
    facilities, = _part_blocks(part, "facilities")
    assert len(facilities.groups) == 14 and sum(len(g.names) for g in facilities.groups) == 56
    members, = _part_blocks(part, "members")
    assert [m.role for m in members.members].count("member") == 6 and len(members.members) == 9
    meetings, = _part_blocks(part, "meetings")
    assert [m.date.isoformat() for m in meetings.meetings] == ["2021-07-09", "2021-08-25", "2021-10-15"]


def test_part_2_has_every_guideline_measure_initiative_and_kpi(real_plan):
    measures = {g.number: [m.number for m in g.measures] for g in real_plan.guidelines}
    assert measures == {1: [1, 2, 3, 4], 2: [5, 6, 7, 8], 3: [9, 10, 11]}
    initiatives = real_plan.initiatives
    assert [i.number for i in initiatives] == list(range(1, 27))
    assert all(i.description and i.goals and i.departments for i in initiatives)
    # The draft prints no schedule for initiatives 17, 18 and 20; every other one has its table.
    assert [i.number for i in initiatives if not i.schedule_rows] == [17, 18, 20]
    assert [i.number for i in initiatives if i.dx_priority] == [3, 7, 11, 17, 19, 23, 24]
    assert [len(g.kpis) for g in real_plan.guidelines] == [5, 4, 3]
    assert all(k.target for k in real_plan.kpis)
    assert [k.initiative_id for k in real_plan.kpis if not k.values] == ["initiative-19", "initiative-21"]  # printed "—"


def test_part_2_footnotes_one_to_eighteen(real_plan):
    import dataclasses

    def notes(node):
        if dataclasses.is_dataclass(node):
            yield from getattr(node, "notes", ())
            for field in dataclasses.fields(node):
                if not field.name.startswith("_"):
                    yield from notes(getattr(node, field.name))
        elif isinstance(node, tuple):
            for child in node:
                yield from notes(child)

    marks = [n.mark.ja for n in notes(real_plan.parts[1]) if n.mark.ja.isdigit()]  # its chapters hold the guidelines
    assert sorted(marks, key=int) == [str(n) for n in range(1, 19)]


def test_part_2_reference_materials_are_complete(real_plan):
    part = real_plan.parts[1]
    results, = _part_blocks(part, "program_results")
    assert len(results.programs) == 15 and sum(p.added for p in results.programs) == 5
    rules, = _part_blocks(part, "legal_text")
    assert [a.number for a in rules.articles] == list(range(1, 9))
    assert [d.isoformat() for d in rules.supplementary] == ["2001-12-25", "2017-04-01", "2021-04-01"]


def test_guideline_one_with_initiatives_and_kpis(real_plan):
    guideline = real_plan.guidelines[0]
    numbers = [i.number for i in guideline.initiatives]
    assert numbers[:3] == [1, 2, 3]
    assert len(guideline.kpis) == 5
    assert {k.initiative_id for k in guideline.kpis} <= {i.id for i in guideline.initiatives}
    online = guideline.kpis[0]
    assert (online.values[0].year, online.target.year, online.target.value) == (2021, 2022, 24)
    assert guideline.initiatives[2].dx_priority


def test_every_text_has_english_in_this_edition(real_loaded):
    pending = []

    def walk(node, path):
        if isinstance(node, dict):
            if "ja" in node and "en" not in node and node.get("translation") == "pending":
                pending.append(path)
            for key, value in node.items():
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}[{index}]")

    walk(real_loaded.data, "")
    assert pending == []


def test_each_indicator_is_better_the_way_its_text_says(real_plan):
    """Costs and incidents are better lower, everything else higher (rates, counts of services,
    satisfaction, the fund kept for emergencies), whether the indicator says it or its comparator."""
    lower = {i.id for i in real_plan.indicators if i.direction == "lower"}
    assert lower == {
        "indicator-admin-cost-per-resident", "previous-indicator-net-administrative-cost", "kpi-security-incidents",
        "indicator-ordinary-balance-ratio", "previous-indicator-ordinary-balance-ratio",  # at-most
        "indicator-special-ward-bond-balance", "previous-indicator-special-ward-bond-balance",  # within
        "indicator-average-overtime-per-staff",  # at-most
    }
    incidents, = (k for k in real_plan.indicators if k.id == "kpi-security-incidents")
    assert (incidents.values[0].value, incidents.target.comparator, incidents.target.value, incidents.better) == (0, "reach", 0, "lower")


def _titles_in_json(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "title":
                yield json.dumps(value, ensure_ascii=False)
            yield from _titles_in_json(value)
    elif isinstance(node, list):
        for value in node:
            yield from _titles_in_json(value)


def _published_titles(site):
    """Every title the built site, its search, its open data and its PDFs give, with where."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for pattern in (r"<title>(.*?)</title>", r"<caption>(.*?)</caption>", r'class="md-nav__link[^"]*"[^>]*>(.*?)</', r'role="region" aria-label="([^"]*)"'):
            yield from ((f"{page}: {pattern[:12]}", title) for title in re.findall(pattern, html, re.S))
    for index in site.rglob("search_index.json"):
        yield from ((str(index), doc["title"]) for doc in json.loads(index.read_text(encoding="utf-8"))["docs"])
    for data in (site / "data").rglob("*.json"):
        yield from ((str(data), title) for title in _titles_in_json(json.loads(data.read_text(encoding="utf-8"))))
    for table in (site / "data").glob("*.csv"):
        for row in csv.DictReader(table.read_text(encoding="utf-8-sig").splitlines()):
            yield from ((str(table), value) for column, value in row.items() if column.startswith("title"))
    for pdf in site.rglob("*.pdf"):
        yield from ((str(pdf), title) for title in _outline_titles(PdfReader(pdf).outline))


def _outline_titles(outline):
    for entry in outline:
        yield from _outline_titles(entry) if isinstance(entry, list) else (entry.title,)


def test_no_title_anywhere_carries_a_note_mark(built_site, real_plan):
    """A note mark printed in a title (item No.15's ※) is a link in the heading, never title text.
    An indicator's name may carry its own ※ with the note's words after it, inside the name (as
    the draft prints 特別区民税(普通徴収分※年金特徴含む)): that is the name, and points nowhere else."""
    inline = [name for name in (indicator.name.ja for indicator in real_plan.indicators) if re.search("※[^)）]+[)）]", name)]
    titles = list(_published_titles(built_site))
    assert len(titles) > 1000 and inline
    unmarked = [(where, title) for where, title in titles
                if "※" in title and not any(name in title.replace("\u200b", "") for name in inline)]  # the search index cuts words with U+200B
    assert unmarked == []


def test_nothing_published_tells_maintainers_what_to_do(built_site):
    """Instructions to the editors (a file or field to update) belong in the contributor guides."""
    maintenance = re.compile(r"plan\.yaml|official_source|build\.py")
    pages = [page for page in built_site.rglob("*.html")
             if maintenance.search(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))]
    assert pages == []
    for pdf in built_site.rglob("*.pdf"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert not maintenance.search(text), pdf


def test_every_recorded_result_has_a_dated_source_with_an_address_and_follows_the_plan_s_values(real_plan):
    """What the City published since the plan (issue 23): each result with its source's title in
    both languages, its address and its date, for a year after those the plan prints, and
    published after that fiscal year ended (a settled figure cannot come sooner)."""
    results = [(indicator, result) for indicator in real_plan.indicators for result in indicator.results]
    assert results
    for indicator, result in results:
        assert result.source.url.startswith("https://") and result.source.title.ja and result.source.title.en, indicator.id
        assert result.year > max(value.year for value in indicator.values), indicator.id
        assert date(result.year + 1, 4, 1) <= result.published <= date.today(), indicator.id


# Plain (常体) endings of a Japanese sentence, and the polite ones (敬体) that end alike (〜ました).
PLAIN_ENDING = re.compile(r"(?:る|た|だ|ない|である)$")
POLITE_ENDING = re.compile(r"(?:ます|ました|です|でした|ません|ませんでした)$")


def _sentences_outside_quotations(text: str) -> list[str]:
    """The sentences of a Japanese text, with what it quotes (「…」『…』, printed as the draft
    prints it) and a closing aside in brackets left out."""
    unquoted = re.sub(r"「[^「」]*」|『[^『』]*』", "「」", text)
    return [re.sub(r"（[^（）]*）$", "", sentence.strip()) for sentence in unquoted.split("。") if sentence.strip()]


def test_the_editorial_notes_are_written_in_one_register(real_plan):
    """The print edition lists the notes one after another: each in です・ます (issue 24)."""
    plain = [(note.id, sentence[-20:]) for note in real_plan.editorial_notes
             for sentence in _sentences_outside_quotations(note.text.ja)
             if PLAIN_ENDING.search(sentence) and not POLITE_ENDING.search(sentence)]
    assert plain == []


_TERM_BOX = re.compile(r'<aside class="plan-box" aria-label="[^"]*">\s*<p class="plan-box__title">(.*?)</p>(?:(?!</aside>).)*?'
                       r'<p class="plan-box__more"><a href="[^"]*">(.*?)</a></p>', re.DOTALL)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_every_glossary_box_s_link_names_its_term(built_site):
    """Issue 26, failure 4 (WCAG 2.4.4): a chapter page's four boxes each linked to a different
    term with the same text, "See the glossary" (用語集で見る), the term only in the box's title.
    Each link now names its term, and no link anywhere reads as the old generic text."""
    boxes = [(page, *match) for page in built_site.rglob("index.html")
             for match in _TERM_BOX.findall(page.read_text(encoding="utf-8"))]
    assert len(boxes) >= 8
    for page, title, link in boxes:
        term = re.search(r"『(.*)』|What is (.*)\?$", html.unescape(_text(title)))
        assert (term[1] or term[2]) in html.unescape(_text(link)), (page, title, link)
    generic = re.compile(r">\s*(用語集で見る|See the glossary)\s*</a>")
    assert [page for page in built_site.rglob("*.html") if generic.search(page.read_text(encoding="utf-8"))] == []


def test_the_main_landmark_holds_the_content_and_no_navigation(built_site):
    """Issue 26: Material's <main> held the navigation sidebars and the breadcrumbs, and the
    year navigation and the glossary's index were <nav> inside the content."""
    pages = list(built_site.rglob("*.html"))
    mains = {page: re.findall(r"<main\b.*?</main>", page.read_text(encoding="utf-8"), re.DOTALL) for page in pages}
    assert len(pages) > 100
    assert [page for page, found in mains.items() if len(found) != 1 or "<nav" in found[0]] == []
