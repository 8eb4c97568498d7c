"""What every language's site gets once the engine has built it: markup fixes where no theme
block reaches (Material's base template, and the table of contents the engine derives from
headings), the theme's own stylesheets and scripts minified, then the Japanese search and the
Japanese pages' readings (ふりがな, planpub/readings.py).

A pass over the files written rather than MkDocs hooks, so that it does not depend on the engine
running them: ProperDocs does, Zensical silently runs none.
"""

from __future__ import annotations

import re
from pathlib import Path

import rjsmin
import tinycss2
from tinycss2.ast import WhitespaceToken

from .markup import mark_japanese
from .readings import EMPTY, ReadingList, write_readings
from .search import install as install_japanese_search
from .urls import LANGUAGE_ROOTS, LANGUAGES

# Material gives its hidden #__drawer and #__search checkboxes autocomplete="off" so that Firefox
# does not restore them as checked on reload; HTML allows the attribute on text-like inputs only
# (Nu HTML Checker error, WCAG 4.1.1). theme/assets/javascripts/a11y.js unchecks them on load.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')

# An entry of the table of contents (Material's partials/toc-item.html, in the sidebar and in the
# drawer): a link to a heading of the page, whose title the engine copied from it as plain text.
_TOC_LINK = re.compile(r'(<a href="#[^"]*" class="md-nav__link">)(.*?)(</a>)', re.DOTALL)


def finish(site: Path, language: str, theme: Path | None = None, readings: ReadingList = EMPTY) -> None:
    """Finish the pages of ``language`` built into ``site``, and the stylesheets and scripts of
    the ``theme`` folder (its custom_dir) that the engine copied; Japanese pages get their
    readings, with the plan's ``readings`` list. Only files that change are written: after the
    preview's rebuild of some pages, the others are finished already and keep their timestamps
    (MkDocs's next dirty build compares them)."""
    for page in _pages(site, language):
        _rewrite(page, lambda html: finish_page(html, language))
        if language == "ja":
            write_readings(page, readings)
    for asset in own_assets(site, theme):
        _rewrite(asset, MINIFIERS[asset.suffix])
    if language == "ja":  # Japanese has no spaces between words: see planpub/search.py
        install_japanese_search(site)


def _rewrite(file: Path, change) -> None:
    text = file.read_bytes().decode("utf-8")  # bytes: line endings stay as written
    changed = change(text)
    if changed != text:
        file.write_bytes(changed.encode("utf-8"))


def minify_css(css: str) -> str:
    """The stylesheet without its comments and with each run of white space made one space. No
    space is removed: in a selector one can be a combinator (".wrap :is(th, td)" is not
    ".wrap:is(th, td)", which a full minifier tried here wrote)."""
    return tinycss2.serialize(_one_space(tinycss2.parse_component_value_list(css, skip_comments=True)))


def _one_space(nodes: list) -> list:
    for node in nodes:
        if isinstance(node, WhitespaceToken):
            node.value = " "
        for inner in (getattr(node, "content", None), getattr(node, "arguments", None)):
            if isinstance(inner, list):
                _one_space(inner)
    return nodes


# The theme's own files are written to be read, with comments that say why; every page loads them,
# and on a phone each kilobyte counts (bench/weight.py). Material's own come minified already.
MINIFIERS = {".css": minify_css, ".js": rjsmin.jsmin}


def own_assets(site: Path, theme: Path | None) -> list[Path]:
    """The theme's stylesheets and scripts as the engine copied them into ``site``."""
    if theme is None:
        return []
    return [site / source.relative_to(theme) for source in sorted(theme.rglob("*"))
            if source.suffix in MINIFIERS and (site / source.relative_to(theme)).is_file()]


# Material's base template wraps the sidebars, the breadcrumbs and the content in <main>; the
# theme's main.html puts a <main> around the page's content alone (issue 26: no navigation
# landmark inside main), and Material's becomes a <div>, its last closing tag with it.
_MATERIAL_MAIN = '<main class="md-main" data-md-component="main">'


def _one_main(html: str) -> str:
    if _MATERIAL_MAIN not in html:  # finished already (a page the preview did not rebuild)
        return html
    before, _, after = html.replace(_MATERIAL_MAIN, '<div class="md-main" data-md-component="main">', 1).rpartition("</main>")
    return before + "</div>" + after


def finish_page(html: str, language: str) -> str:
    html = _one_main(_CHECKBOX_AUTOCOMPLETE.sub(r"\1", html))
    return html if language == "ja" else _TOC_LINK.sub(_mark_toc_entry, html)


def _mark_toc_entry(link: re.Match) -> str:
    """In English pages, Japanese quoted in a heading is marked lang="ja" in the heading
    (html_text.HtmlText.heading); the engine copies headings into the table of contents as plain
    text, so the mark is put back there (WCAG 3.1.2)."""
    opening, title, closing = link.groups()
    if 'lang="ja"' in title:  # marked by an earlier pass: a page the preview did not rebuild
        return link[0]
    return opening + str(mark_japanese(title)) + closing


def _pages(site: Path, language: str) -> list[Path]:
    """The language's HTML files. The root language's site holds the other languages' folders
    (en/) in the preview, and their own builds finish those, at the same time."""
    others = {LANGUAGE_ROOTS[other].rstrip("/") for other in LANGUAGES if other != language} - {""}
    return [page for page in site.rglob("*.html") if page.relative_to(site).parts[0] not in others]
