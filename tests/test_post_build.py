"""What every language's site gets after the engine, whatever the engine (planpub/post_build.py)."""

from __future__ import annotations

import os

from planpub import post_build

CHECKBOXES = ('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
              '<input type="text" class="md-search__input" autocomplete="off">')


def toc_entry(title: str) -> str:
    """An entry of Material's table of contents, as the engine writes it."""
    return f'<li class="md-nav__item">\n  <a href="#plan-4" class="md-nav__link">\n    <span class="md-ellipsis">\n      {title}\n    </span>\n  </a>\n</li>'


def test_checkboxes_lose_the_autocomplete_attribute_html_does_not_allow_there():
    for language in ("ja", "en"):
        assert post_build.finish_page(CHECKBOXES, language) == ('<input class="md-toggle" type="checkbox" id="__drawer">'
                                                                '<input type="text" class="md-search__input" autocomplete="off">')


def test_japanese_in_english_table_of_contents_is_marked():
    page = toc_entry("Plan (to 令和3年度)") + '<a href="#plan-4" class="md-skip">Skip</a>'
    assert post_build.finish_page(page, "en") == toc_entry('Plan (to <span lang="ja">令和3年度</span>)') + '<a href="#plan-4" class="md-skip">Skip</a>'
    assert post_build.finish_page(page, "ja") == page


def test_a_finished_page_stays_as_it_is():
    page = CHECKBOXES + toc_entry("Plan (to 令和3年度)")
    once = post_build.finish_page(page, "en")
    assert post_build.finish_page(once, "en") == once


def test_material_s_main_becomes_a_div_and_the_theme_s_main_around_the_content_stays():
    """Issue 26: the main landmark holds the page's content, not the navigation sidebars."""
    page = ('<main class="md-main" data-md-component="main"><div class="md-sidebar"><nav>…</nav></div>'
            '<div class="md-content"><nav class="md-path">…</nav><main class="plan-main"><article>…</article></main></div></main><footer>')
    finished = post_build.finish_page(page, "ja")
    assert finished == ('<div class="md-main" data-md-component="main"><div class="md-sidebar"><nav>…</nav></div>'
                        '<div class="md-content"><nav class="md-path">…</nav><main class="plan-main"><article>…</article></main></div></div><footer>')
    assert post_build.finish_page(finished, "ja") == finished


def write(site, name: str, text: str) -> None:
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    (site / name).write_text(text, encoding="utf-8")


def test_only_pages_that_change_are_written(tmp_path):
    write(tmp_path, "index.html", post_build.finish_page(CHECKBOXES, "en"))
    write(tmp_path, "items/01/index.html", CHECKBOXES)
    os.utime(tmp_path / "index.html", ns=(10**18, 10**18))
    post_build.finish(tmp_path, "en")
    assert (tmp_path / "index.html").stat().st_mtime_ns == 10**18
    assert (tmp_path / "items/01/index.html").read_text(encoding="utf-8") == (tmp_path / "index.html").read_text(encoding="utf-8")


def test_the_root_language_leaves_the_other_languages_folders_to_their_own_builds(tmp_path):
    """In the preview the English site is built into the Japanese one's en/, at the same time."""
    write(tmp_path, "index.html", CHECKBOXES)
    write(tmp_path, "en/index.html", CHECKBOXES)
    write(tmp_path, "search/search_index.json", '{"config": {"separator": "[\\\\s\\\\-]+"}, "docs": []}')
    write(tmp_path, "assets/javascripts/workers/search.0.min.js", "")
    post_build.finish(tmp_path, "ja")
    assert (tmp_path / "index.html").read_text(encoding="utf-8") != CHECKBOXES
    assert (tmp_path / "en/index.html").read_text(encoding="utf-8") == CHECKBOXES


def test_the_theme_s_own_stylesheets_and_scripts_are_minified_and_nothing_else(tmp_path):
    theme, site = tmp_path / "theme", tmp_path / "site"
    write(theme, "assets/stylesheets/plan.css", "/* why */\n.plan-a {\n  color: red;\n}\n.wrap :is(th, td) { display: block }\n")
    write(theme, "assets/javascripts/a11y.js", "// why\nconst answer = 42;  /* the answer */\nwindow.answer = answer;\n")
    write(theme, "main.html", "<!-- a template: not copied as it is -->")
    write(site, "assets/stylesheets/plan.css", (theme / "assets/stylesheets/plan.css").read_text(encoding="utf-8"))
    write(site, "assets/javascripts/a11y.js", (theme / "assets/javascripts/a11y.js").read_text(encoding="utf-8"))
    material = "/* Material's */\n.md-a { color: blue }\n"
    write(site, "assets/stylesheets/main.0.min.css", material)
    post_build.finish(site, "en", theme)
    assert (site / "assets/stylesheets/plan.css").read_text(encoding="utf-8") == " .plan-a { color: red; } .wrap :is(th, td) { display: block } "
    assert (site / "assets/javascripts/a11y.js").read_text(encoding="utf-8") == "const answer=42;window.answer=answer;"
    assert (site / "assets/stylesheets/main.0.min.css").read_text(encoding="utf-8") == material
    os.utime(site / "assets/stylesheets/plan.css", ns=(10**18, 10**18))
    post_build.finish(site, "en", theme)  # minified already: left as it is
    assert (site / "assets/stylesheets/plan.css").stat().st_mtime_ns == 10**18
