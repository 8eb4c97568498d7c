"""A plan whose texts try to inject HTML or script builds, shows the text literally and runs nothing."""

from __future__ import annotations

import json

import pytest

from build import build
from planpub.audit import serve

SCRIPT = "<script>window.__injected = 'script'</script>"
IMAGE = "<img src=x onerror=\"window.__injected = 'img'\">"
LINK = "[Click me](javascript:window.__injected='link')"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from tests.conftest import MINIMAL

    text = MINIMAL.read_text(encoding="utf-8")
    # JSON strings are valid YAML strings, whatever quotes they contain.
    text = text.replace("en: Test Plan}", f"en: {json.dumps(SCRIPT)}}}")
    text = text.replace("en: Reviewing work}", f"en: {json.dumps(IMAGE + ' *x*')}}}")
    text = text.replace("en: To work more efficiently.}", f"en: {json.dumps(LINK + ' ' + SCRIPT)}}}")
    folder = tmp_path_factory.mktemp("hostile")
    plan = folder / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    build(plan, folder / "site")
    with serve(folder / "site") as url:
        yield url


@pytest.mark.parametrize("path", ["en/", "en/items/01/", "en/pillars/1/", "en/part-1/chapter-2/"])
def test_hostile_text_is_shown_literally_and_runs_nothing(hostile_site, browser, path):
    url = hostile_site
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url + path)
    page.wait_for_load_state("load")
    links = page.locator("a[href^='javascript:' i]")
    clickable = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert [href for href in clickable if "__injected" in href] == []
    assert page.evaluate("() => window.__injected") is None
    assert dialogs == []
    assert page.locator("script:not([src])").evaluate_all("s => s.filter(x => x.text.includes('__injected')).length") == 0
    body = page.locator("body").inner_text()
    assert SCRIPT in body or IMAGE in body or LINK in body
    page.close()


def test_item_page_shows_every_hostile_text(hostile_site, browser):
    url = hostile_site
    page = browser.new_page()
    page.goto(url + "en/items/01/")
    content = page.locator("article").inner_text()
    assert IMAGE + " *x*" in content
    assert LINK in content and SCRIPT in content
    assert SCRIPT in page.title()
    assert SCRIPT in page.get_attribute("meta[name=description]", "content")  # text, not markup
    page.close()
