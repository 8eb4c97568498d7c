"""Markup fixes MkDocs hooks make where no theme block reaches (planpub/page_hooks.py)."""

from __future__ import annotations

from types import SimpleNamespace

from planpub import page_hooks


def test_checkboxes_lose_the_autocomplete_attribute_html_does_not_allow_there():
    html = ('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" class="md-search__input" autocomplete="off">')
    fixed = page_hooks.on_post_page(html)
    assert fixed == ('<input class="md-toggle" type="checkbox" id="__drawer">'
                     '<input type="text" class="md-search__input" autocomplete="off">')
    assert page_hooks.on_post_template(html) == fixed


def toc_after_hook(language: str) -> list[str]:
    child = SimpleNamespace(title="Plan (to 令和3年度)", children=[])
    page = SimpleNamespace(toc=[SimpleNamespace(title="Plans", children=[child])])
    page_hooks.on_page_content("", page=page, config=SimpleNamespace(theme={"language": language}))
    return [page.toc[0].title, child.title]


def test_japanese_in_english_table_of_contents_is_marked():
    assert toc_after_hook("en") == ["Plans", 'Plan (to <span lang="ja">令和3年度</span>)']
    assert toc_after_hook("ja") == ["Plans", "Plan (to 令和3年度)"]
