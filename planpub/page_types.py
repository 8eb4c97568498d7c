"""Every type of page, declared once: where its pages are, which template writes them, the scripts
only it loads, whether the print edition has it and where the home page lists it.

A page type is rendered by ``content/pages/<kind>.md.j2``, given its typed context
(page_contexts.py), and titled by the interface string ``<kind>`` (strings/*.yaml). A new page that stands alone (not one per entity of the plan) needs
an entry in FIXED, its template and its title: the site, its navigation, the home page's list and
the print edition follow from here (CONTRIBUTING.md, "Adding a page type").
"""

from __future__ import annotations

from dataclasses import dataclass

from .page_contexts import (AccessibilityContext, AppendicesContext, AppendixContext, ChapterContext, DownloadsContext,
                            EditorialNotesContext, GuidelineContext, HomeContext, IndicatorsContext, InitiativeContext,
                            ItemContext, NoContext, PartContext, PillarContext, YearContext, YearsContext)


@dataclass(frozen=True)
class PageType:
    kind: str
    path: str  # a pattern for pages of the plan's entities ("items/{number:02d}/"), else the path
    context: type = NoContext  # what its template is given (page_contexts.py), made by context.of(page, sources)
    printed: bool = False  # in the print edition, in the order of the site
    scripts: tuple[str, ...] = ()  # loaded by this type's pages only: every byte on every page counts
    parent: str | None = None  # the type of the page it sits under in navigation
    anchors: str | None = None  # the plan's list whose entries are anchors on the page ("terms")
    own_contents: bool = False  # its own list of contents takes the place of the theme's table of contents
    home_position: int | None = None  # where the home page's list of other pages has it, after the ways in (WAYS_IN), if it does

    @property
    def template(self) -> str:
        return f"pages/{self.kind}.md.j2"


# Pages of the plan itself, one per entity (the part, its chapters, pillars, items …), in the order
# urls.Urls walks the plan.
OF_THE_PLAN = (
    PageType("home", "", HomeContext, printed=True, own_contents=True),
    PageType("part", "part-{number}/", PartContext, printed=True),
    PageType("chapter", "part-{part}/chapter-{number}/", ChapterContext, printed=True),
    PageType("pillar", "pillars/{number}/", PillarContext, printed=True),
    PageType("item", "items/{number:02d}/", ItemContext, printed=True),
    PageType("guideline", "guidelines/{number}/", GuidelineContext, printed=True),
    PageType("initiative", "initiatives/{number:02d}/", InitiativeContext, printed=True),
    PageType("appendices", "part-{number}/appendices/", AppendicesContext, printed=True),
    PageType("appendix", "part-{part}/appendices/{position}/", AppendixContext, printed=True),
)
# Pages that stand alone, after the plan's, in this order.
FIXED = (
    PageType("glossary", "glossary/", printed=True, anchors="terms", home_position=7),
    PageType("indicators", "indicators/", IndicatorsContext, home_position=2),
    PageType("themes", "themes/"),  # the pillars and guidelines, with their items and initiatives
    PageType("roadmap", "roadmap/", scripts=("assets/javascripts/roadmap.js",), home_position=3),
    PageType("years", "years/", YearsContext, home_position=4),
    PageType("progress", "progress/", home_position=5),
    PageType("departments", "departments/", anchors="departments", home_position=6),
    PageType("about", "about/", printed=True, home_position=8),
    PageType("editorial_notes", "editorial-notes/", EditorialNotesContext, printed=True, parent="about", anchors="editorial_notes", home_position=9),
    PageType("revisions", "revisions/", parent="about", home_position=10),
    PageType("downloads", "downloads/", DownloadsContext, home_position=1),
    PageType("accessibility_policy", "accessibility/", AccessibilityContext, home_position=11),
    PageType("accessibility_results", "accessibility/results/", AccessibilityContext, parent="accessibility_policy"),
)
# A view of the plan, one page per fiscal year of its period (urls.Urls makes them), under the
# page that lists the years. Like the roadmap, it is not in the print edition.
YEAR = PageType("year", "years/{number}/", YearContext, parent="years")
PAGE_TYPES = {page_type.kind: page_type for page_type in OF_THE_PLAN + FIXED + (YEAR,)}
# The ways into the plan that residents use, in this order: after the home page, the navigation's
# top level starts with them, then the full text and the downloads; the home page offers them first.
WAYS_IN = ("themes", "years", "departments", "indicators", "progress")
LISTED_ON_HOME = tuple(dict.fromkeys(WAYS_IN + tuple(
    page_type.kind for page_type in sorted((t for t in FIXED if t.home_position), key=lambda t: t.home_position))))


def path(kind: str, **numbers: int) -> str:
    """The path of a page of ``kind``: items/01/ for item 1."""
    return PAGE_TYPES[kind].path.format(**numbers)
