"""The incremental preview: after a change to one item, only what changed is rewritten, and the
search still finds every page."""

from __future__ import annotations

import json

import pytest

from planpub.pipeline import prepare
from planpub.project import PROJECT
from planpub.preview import SEARCH_INDEX, Preview
from tests.conftest import MINIMAL

pytestmark = pytest.mark.build


@pytest.fixture
def preview(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    site = tmp_path / "site"
    previewing = Preview(PROJECT.root, site, tmp_path / "work")

    def update(old: str | None = None, new: str | None = None) -> set[str]:
        if old is not None:
            text = plan.read_text(encoding="utf-8")
            assert old in text
            plan.write_text(text.replace(old, new), encoding="utf-8")
        downloads = tmp_path / "downloads"
        downloads.mkdir(exist_ok=True)
        prepared = prepare(plan, downloads, pdf=False)
        return previewing.update(prepared.plan, prepared.rendered, prepared.downloads)

    return update, site, tmp_path / "work" / "docs"


def stamps(folder, pattern: str) -> dict[str, tuple[int, bytes]]:
    return {file.relative_to(folder).as_posix(): (file.stat().st_mtime_ns, file.read_bytes()) for file in folder.rglob(pattern)}


def search_documents(site, root: str) -> list[dict]:
    return json.loads((site / root / SEARCH_INDEX).read_text(encoding="utf-8"))["docs"]


def test_a_change_to_one_item_rebuilds_only_its_pages(preview):
    update, site, docs = preview
    everything = update()
    markdown_before, html_before = stamps(docs, "*.md"), stamps(site, "*.html")
    documents_before = {root: len(search_documents(site, root)) for root in ("", "en/")}

    rebuilt = update("en: To work more efficiently.", "en: To work far more efficiently.")

    assert len(everything) > 10
    assert rebuilt == {"en/items/01/"}
    markdown_after, html_after = stamps(docs, "*.md"), stamps(site, "*.html")
    assert {name for name in markdown_after if markdown_after[name] != markdown_before[name]} == {"en/items/01/index.md"}
    rewritten = {name for name in html_after if html_after[name] != html_before[name]}
    assert rewritten - {"404.html", "en/404.html"} == {"en/items/01/index.html"}  # MkDocs writes its 404 page every time
    assert "far more efficiently" in (site / "en/items/01/index.html").read_text(encoding="utf-8")
    assert {root: len(search_documents(site, root)) for root in ("", "en/")} == documents_before
    assert any("far more efficiently" in document["text"] for document in search_documents(site, "en/"))


def test_a_change_to_the_navigation_rebuilds_every_page(preview):
    update, site, _ = preview
    everything = update()
    assert update("en: Reviewing work}", "en: Reviewing our work}") == everything
    assert "Reviewing our work" in (site / "en/items/02/index.html").read_text(encoding="utf-8")  # in its navigation


def test_a_japanese_change_is_cut_into_words_in_the_merged_index(preview):
    update, site, _ = preview
    update()
    assert update("ja: 効率化する。", "ja: 窓口を効率化する。") == {"items/01/"}
    texts = [document["text"] for document in search_documents(site, "")]
    assert any("窓口\u200bを" in text for text in texts)
    workers = site / "assets" / "javascripts" / "workers"
    assert len(list(workers.glob("search.*.material.js"))) == 1
    assert next(workers.glob("search.*.min.js")).read_text(encoding="utf-8").startswith("self.MATERIAL_WORKER")
