"""MkDocs hooks: markup fixes where no theme block reaches (Material's base template, and the
table of contents MkDocs derives from headings).

Loaded by path from the generated per-language config (see ``site.language_config``); the build
runs from the project folder, so the package is importable.
"""

from __future__ import annotations

import re

from planpub.markup import mark_japanese

# Material gives its hidden #__drawer and #__search checkboxes autocomplete="off" so that Firefox
# does not restore them as checked on reload; HTML allows the attribute on text-like inputs only
# (Nu HTML Checker error, WCAG 4.1.1). theme/assets/javascripts/a11y.js unchecks them on load.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


def _valid_markup(html: str) -> str:
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


def on_post_page(output: str, **_) -> str:
    return _valid_markup(output)


def on_post_template(output_content: str, **_) -> str:  # the 404 page
    return _valid_markup(output_content)


def on_page_content(html: str, page, config, **_) -> str:
    """In English pages, Japanese quoted in a heading is marked lang="ja" in the heading
    (render.Localizer.heading); MkDocs copies headings into the table of contents as plain text,
    so the mark is put back there (WCAG 3.1.2)."""
    if config.theme["language"] != "ja":
        _mark_titles(page.toc)
    return html


def _mark_titles(items) -> None:
    for item in items:
        item.title = str(mark_japanese(item.title))
        _mark_titles(item.children)
