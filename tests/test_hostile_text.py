"""A plan with script, HTML and Markdown in every one of its texts (tests/hostile.py) builds; every
page and both PDFs show the text literally and run nothing."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from planpub.pipeline import build
from planpub.qa.audit import serve
from planpub.markup import render_prose
from planpub.urls import DOWNLOADS, LANGUAGE_ROOTS, LANGUAGES, PDF_NAMES
from tests.conftest import MINIMAL
from tests.hostile import LINK, MARKER, PAYLOAD, hostile_plan, injected_markup

pytestmark = pytest.mark.build

SHOWN = PAYLOAD.split(" [link]")[0]  # the part of the payload every text shows as it is


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """The site and PDFs of the hostile plan, and the numbers of the texts rendered as prose."""
    folder = tmp_path_factory.mktemp("hostile")
    prose = []
    with pytest.MonkeyPatch.context() as patch:
        for module in ("planpub.html_text", "planpub.render"):  # prose on the page, and in its description
            patch.setattr(f"{module}.render_prose", lambda source: prose.append(source) or render_prose(source))
        build(hostile_plan(MINIMAL, folder / "plan.yaml"), folder / "site")
    return folder / "site", {number for source in prose for number in re.findall(r"example\.org/(\d+)\)", source)}


def test_no_page_has_markup_made_from_text_and_only_prose_makes_links(hostile_build):
    site, prose_numbers = hostile_build
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50 and prose_numbers
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert injected_markup(html) == [], page
        assert set(LINK.findall(html)) <= prose_numbers, page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdfs_print_the_text_and_carry_no_script(hostile_build, language):
    site, _ = hostile_build
    pdf = site / LANGUAGE_ROOTS[language] / DOWNLOADS / PDF_NAMES[language]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert SHOWN in " ".join(text.split())
    reader = PdfReader(pdf)
    assert "/JavaScript" not in reader.trailer["/Root"].get("/Names", {})
    actions = [annotation.get_object().get("/A", {}) for page in reader.pages for annotation in page.get("/Annots", [])]
    assert actions and all(action.get("/S") != "/JavaScript" for action in actions)
    assert not [action["/URI"] for action in actions if re.match(r"\s*(javascript|data):", str(action.get("/URI", "")), re.I)]


@pytest.mark.parametrize("path", ["", "en/", "en/items/01/", "pillars/1/", "en/part-1/chapter-2/", "en/roadmap/", "progress/"])
def test_in_the_browser_the_text_runs_nothing(hostile_build, browser, path):
    site, _ = hostile_build
    with serve(site) as url:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url + path)
        page.wait_for_load_state("load")
        for link in page.locator("a, button").all()[:40]:  # handlers made from text would run on focus or hover
            link.focus()
        assert page.evaluate(f"() => typeof window.{MARKER}") == "undefined"
        assert dialogs == []
        assert SHOWN in page.locator("article").inner_text() and "<script>" in page.title()
        page.close()
