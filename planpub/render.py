"""Render every page of the plan to Markdown, once per language, from one template per page type.

A template is given the language as data, in three parts with one job each: ``l``, the
language's words and numbers (formatting.Formatter); ``h``, the page's texts as HTML
(html_text.HtmlText); ``to``, links from the page (links.PageLinks). With them come the plan, the
page and its type's typed context (page_contexts.py), so no template knows which language it is
writing or where the page is.
"""

from __future__ import annotations

import json
import re
from itertools import groupby
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape

from .accessibility import Report
from .formatting import Formatter
from .html_text import HtmlText
from .links import PageLinks
from .markup import FOOTNOTE_REFERENCE, render_prose
from .model import PLAN_ID, BlockKind, Plan, Text
from .page_contexts import MARKS, TEMPLATE_FUNCTIONS, Sources, page_notes
from .page_types import LISTED_ON_HOME, PAGE_TYPES, WAYS_IN
from .tables import label_cells
from .urls import LANGUAGES, Page, Urls

DESCRIPTION_LENGTH = {"ja": 120, "en": 200}  # characters: search engines show about this much


@dataclass(frozen=True)
class RenderedLanguage:
    language: str
    files: dict[str, str]  # Markdown source file → content
    nav: list[Any]  # MkDocs nav structure


@dataclass(frozen=True)
class Downloads:
    """What the build wrote beside the pages, for pages to link to with sizes: the PDFs' bytes by
    language, and the open-data files (export.DataFile) with the data package descriptor first."""

    pdf_sizes: dict[str, int] = field(default_factory=dict)
    data: tuple[Any, ...] = ()


def description(l: Formatter, page: Page) -> str:
    """A page's meta description: the plain text of its own purpose, summary or description,
    else of its first paragraph, shortened; else its title within the plan."""
    text = _first_paragraph(l.plan.front) if page.kind == "home" else _first_text(page.subject)
    if text is None:
        return f"{l.page_title(page)} — {l.raw(l.plan.metadata.title)}"
    plain = " ".join(FOOTNOTE_REFERENCE.sub("", render_prose(l.raw(text)).striptags()).split())
    limit = DESCRIPTION_LENGTH[l.language]
    if len(plain) <= limit:
        return plain
    cut = plain[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if l.language == "en" else cut).rstrip(" ,;") + "…"


def _first_text(subject: Any) -> Text | None:
    """The text that says what ``subject`` is about: its purpose or summary, else the first
    paragraph of its sections (a chapter, an appendix)."""
    for name in ("purpose", "summary", "description"):
        if isinstance(getattr(subject, name, None), Text):
            return getattr(subject, name)
    if hasattr(subject, "blocks"):
        return _first_paragraph((subject,))
    return _first_paragraph(getattr(subject, "sections", ()))


def _first_paragraph(sections) -> Text | None:
    for section in sections:
        found = next((b.text for b in section.blocks if b.kind == BlockKind.TEXT), None) or _first_paragraph(section.subsections)
        if found:
            return found
    return None


@lru_cache(maxsize=None)
def template_environment(content_dir: Path) -> jinja2.Environment:
    """One environment per content folder: templates compile once and recompile when their file
    changes (Jinja checks modification times), so the preview server still sees edits."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(content_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.do"],  # a legend tells its page which marks it has explained
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals.update(TEMPLATE_FUNCTIONS, plan_id=PLAN_ID, listed_on_home=LISTED_ON_HOME, ways_in=WAYS_IN, all_marks=MARKS)
    environment.filters["label_cells"] = label_cells  # components/table.j2
    return environment


def render_site(plan: Plan, urls: Urls, content_dir: Path, report: Report, downloads: Downloads = Downloads()) -> list[RenderedLanguage]:
    """Every page in every language, the accessibility pages from ``report``; pages link to the
    ``downloads`` the build wrote (every page to its language's PDF). Nothing is written here:
    the caller writes files."""
    environment = template_environment(content_dir)
    return [render_language(plan, urls, environment, language, report, downloads) for language in LANGUAGES]


def render_language(plan: Plan, urls: Urls, environment: jinja2.Environment, language: str, report: Report,
                     downloads: Downloads) -> RenderedLanguage:
    files = {}
    formatter = Formatter(language, plan)
    sources = Sources(plan, urls, report, downloads)
    page_info = environment.get_template("components/page_info.j2")
    for page in urls.pages:
        page_type = PAGE_TYPES[page.kind]
        context = page_context(formatter, page, sources)
        body = context["h"].notes_linked_back(page_body(environment, page_type.template, context))
        body += "\n" + page_info.render(context, departments=getattr(page.subject, "departments", ()))
        body = context["h"].abbreviations_expanded(body)
        meta = ({"description": description(formatter, page)} | ({"scripts": list(page_type.scripts)} if page_type.scripts else {})
                | ({"hide": ["toc"]} if page_type.own_contents else {}))
        files[page.source_file] = f"---\n{front_matter(meta)}\n---\n\n{body}"
    return RenderedLanguage(language, files, _navigation(formatter, urls))


def page_body(environment: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    """A page's own content, then the editorial notes about what it shows: on the site and in
    print alike."""
    return environment.get_template(template).render(context) + environment.get_template("components/edition_notes.j2").render(context)


def page_context(formatter: Formatter, page: Page, sources: Sources) -> dict[str, Any]:
    """What a page's template is given: the language's words (l), the page's HTML of texts (h)
    and links (to), the plan, the page, the editorial notes about what it shows, and its type's own
    context."""
    to = PageLinks(sources.urls, page, formatter.language, sources.downloads)
    h = HtmlText(formatter, None if page.kind == "glossary" else to.href)  # the glossary links no term to itself
    own = PAGE_TYPES[page.kind].context.of(page, sources)
    return {"l": formatter, "h": h, "to": to, "plan": sources.plan, "page": page, "edition_notes": page_notes(page, sources),
            "note_numbers": sources.note_numbers,
            "pdf_size": sources.downloads.pdf_sizes.get(formatter.language) if sources.downloads else None,
            "print_edition": False,  # the print edition (pdf.py) says what only print can say
            **{field.name: getattr(own, field.name) for field in fields(own)}}


# What YAML reads as a line break or refuses in a quoted string, though JSON writes it as it is.
_NOT_YAML_AS_IS = re.compile("[\x80-\x9f\u2028\u2029\ufffe\uffff]")


def front_matter(meta: dict[str, Any]) -> str:
    """A page's front matter: JSON, which is YAML too and is written ten times faster than by
    PyYAML's emitter, with the characters YAML reads otherwise escaped."""
    return _NOT_YAML_AS_IS.sub(lambda match: f"\\u{ord(match[0]):04x}", json.dumps(meta, ensure_ascii=False))


# The top of the navigation, in this order: the home page (the plan in brief), the ways in
# (page_types.WAYS_IN), the full text (the parts, under one entry), the downloads; then the other
# pages, in site order.
NAVIGATION_ORDER = ("home", *WAYS_IN, "part", "downloads")
BY_THEME = ("pillar", "guideline")  # under the themes page in the navigation, not under their chapters


def _navigation(formatter: Formatter, urls: Urls) -> list[Any]:
    """MkDocs nav: the ways in first; the pillars and guidelines, with their items and
    initiatives, under "by theme"; the document's parts, with their chapters and reference
    material, under "full text". So an item or initiative sits two levels below the top of the
    menu (by theme, its pillar or guideline), a chapter two (full text, its part), and a phone's
    menu is a few taps from its top anywhere.

    Titles are HTML-escaped here because MkDocs themes print nav titles without escaping.
    """
    def below(page: Page) -> list[Page]:
        if page.kind == "themes":
            return [child for child in urls.pages if child.kind in BY_THEME]
        return [child for child in urls.children(page) if child.kind not in BY_THEME]

    def entry(page: Page) -> dict[str, Any]:
        children = [entry(child) for child in below(page)]
        return {_nav_title(formatter.page_title(page)): [page.source_file, *children] if children else page.source_file}

    def order(page: Page) -> int:
        return NAVIGATION_ORDER.index(page.kind) if page.kind in NAVIGATION_ORDER else len(NAVIGATION_ORDER)

    nav: list[Any] = []
    top = sorted((page for page in urls.pages if urls.parent_page(page) is None), key=order)
    for parts, pages in groupby(top, key=lambda page: page.kind == "part"):
        entries = [entry(page) for page in pages]
        nav += [{_nav_title(formatter.ui("full_text")): entries}] if parts else entries
    return nav


def _nav_title(title: str) -> str:
    return str(escape(title))
