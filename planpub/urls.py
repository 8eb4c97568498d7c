"""The one place that turns ids into pages, URLs and anchors (site, PDF and open data alike).

Page paths come from stable numbers and ids, never from titles, and are the same in every
language: ``items/01/`` in Japanese is ``en/items/01/`` in English.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any

from .model import PLAN_ID, BlockKind, Chapter, Guideline, Initiative, Item, Part, Pillar, Plan, Section
from .page_types import FIXED, PAGE_TYPES, YEAR, path

LANGUAGES = ("ja", "en")
LANGUAGE_ROOTS = {"ja": "", "en": "en/"}
ACCESSIBILITY_POLICY = PAGE_TYPES["accessibility_policy"].path
ACCESSIBILITY_RESULTS = PAGE_TYPES["accessibility_results"].path
PROGRESS = PAGE_TYPES["progress"].path
DOWNLOADS = PAGE_TYPES["downloads"].path  # the downloads page and the print PDFs, in each language's root
DATA = "data/"  # the open data, once at the root of the site: it has both languages
REVISIONS = PAGE_TYPES["revisions"].path
PDF_NAMES = {"ja": "plan-ja.pdf", "en": "plan-en.pdf"}
ABOUT = PAGE_TYPES["about"].path


def record_path(entity: Item | Initiative) -> str:
    """Where an item's or initiative's own open-data record is, from the site's root."""
    folder = "items" if isinstance(entity, Item) else "initiatives"
    return f"{DATA}{folder}/{entity.id}.json"


@dataclass(frozen=True)
class Page:
    """One generated page: its type (which template renders it), its path and its subject."""

    kind: str
    path: str
    subject: Any = None

    @property
    def source_file(self) -> str:
        """The Markdown file MkDocs reads for this page (a/index.md → a/, a section's index page)."""
        return self.path + "index.md"


@dataclass(frozen=True)
class Location:
    page: Page
    anchor: str | None = None
    entity: Any = field(default=None, compare=False)  # what the anchor is the place of


class Urls:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.pages: list[Page] = []
        self._locations: dict[str, Location] = {}
        self._anchors: dict[str, list[Location]] = {}  # page path → its anchors, in the order the page shows them
        self._parent_pages: dict[str, Page] = {}  # page path → the page it sits under in navigation
        self._index(plan)

    # --- building the index ---

    def _add_page(self, kind: str, path: str, subject: Any = None, parent: Page | None = None, *, locates: bool = True) -> Page:
        """Add a page; ``locates`` makes it the place that links to its subject lead to."""
        page = Page(kind, path, subject)
        self.pages.append(page)
        if parent is not None:
            self._parent_pages[path] = parent
        if locates and subject is not None and getattr(subject, "id", None):
            self._locations[subject.id] = Location(page)
        return page

    def _anchor(self, entity: Any, page: Page) -> None:
        self._locations[entity.id] = location = Location(page, entity.id, entity)
        self._anchors.setdefault(page.path, []).append(location)

    def _index(self, plan: Plan) -> None:
        home = self._add_page("home", path("home"))
        self._locations[PLAN_ID] = Location(home)
        self._index_sections(plan.front, home)
        for part in plan.parts:
            part_page = self._add_page("part", path("part", number=part.number), part)
            for chapter in part.chapters:
                self._index_chapter(part.number, chapter, part_page)
            if part.appendices:
                self._index_appendices(part, part_page)
        fixed: dict[str, Page] = {}
        for page_type in FIXED:
            page = fixed[page_type.kind] = self._add_page(page_type.kind, page_type.path, parent=fixed.get(page_type.parent))
            for entity in getattr(plan, page_type.anchors) if page_type.anchors else ():
                self._anchor(entity, page)
            if page_type.kind == YEAR.parent:  # a page per fiscal year, after the page that lists them
                for year in plan.metadata.fiscal_years:
                    self._add_page(YEAR.kind, path(YEAR.kind, number=year), year, page)

    def _index_chapter(self, part_number: int, chapter: Chapter, part_page: Page) -> None:
        page = self._add_page("chapter", path("chapter", part=part_number, number=chapter.number), chapter, part_page)
        self._index_sections(chapter.sections, page)
        for pillar in chapter.pillars:
            self._index_pillar(pillar, page)
        for guideline in chapter.guidelines:
            self._index_guideline(guideline, page)

    def _index_pillar(self, pillar: Pillar, chapter_page: Page) -> None:
        pillar_page = self._add_page("pillar", path("pillar", number=pillar.number), pillar, chapter_page)
        for viewpoint in pillar.viewpoints:
            self._anchor(viewpoint, pillar_page)
        for item in pillar.items:
            item_page = self._add_page("item", path("item", number=item.number), item, pillar_page)
            for action in item.actions:
                self._anchor(action, item_page)

    def _index_guideline(self, guideline: Guideline, chapter_page: Page) -> None:
        page = self._add_page("guideline", path("guideline", number=guideline.number), guideline, chapter_page)
        for entity in guideline.kpis + guideline.measures:  # as the page shows them
            self._anchor(entity, page)
        for initiative in guideline.initiatives:
            self._add_page("initiative", path("initiative", number=initiative.number), initiative, page)

    def _index_appendices(self, part: Part, part_page: Page) -> None:
        """The part's reference material: a contents page, then one page per appendix."""
        contents = self._add_page("appendices", path("appendices", number=part.number), part, part_page, locates=False)
        for position, appendix in enumerate(part.appendices, start=1):
            page = self._add_page("appendix", path("appendix", part=part.number, position=position), appendix, contents)
            self._index_sections((appendix,), page)

    def _index_sections(self, sections: tuple[Section, ...], page: Page) -> None:
        for section in sections:
            self._anchor(section, page)
            for block in section.blocks:
                if block.kind == BlockKind.INDICATOR_GROUP:
                    self._anchor(block.group, page)
                    for indicator in block.group.indicators:
                        self._anchor(indicator, page)
            self._index_sections(section.subsections, page)

    # --- answering ---

    def parent_page(self, page: Page) -> Page | None:
        return self._parent_pages.get(page.path)

    def children(self, page: Page) -> list[Page]:
        """Pages that sit under ``page`` in navigation."""
        return [child for child in self.pages if (parent := self.parent_page(child)) and parent.path == page.path]

    def location(self, entity_id: str) -> Location | None:
        return self._locations.get(entity_id)

    def anchors_on(self, page: Page) -> tuple[Location, ...]:
        """The places within ``page`` that links lead to (its sections, actions, indicators …)."""
        return tuple(self._anchors.get(page.path, ()))

    def href(self, from_page: Page, entity_id: str) -> str:
        """A relative link from ``from_page`` to an entity, in the same language."""
        location = self._locations[entity_id]
        link = self.relative(from_page.path, location.page.path)
        return f"{link}#{location.anchor}" if location.anchor else link

    def to_site_root(self, from_path: str, language: str) -> str:
        """The relative link from a page to the root of the site, above every language's root."""
        return "../" * (from_path.count("/") + LANGUAGE_ROOTS[language].count("/")) or "./"

    @staticmethod
    @lru_cache(maxsize=None)  # every page links to the same few pages many times over
    def relative(from_path: str, to_path: str) -> str:
        if from_path == to_path:
            return "./"
        link = posixpath.relpath(to_path or ".", from_path or ".")
        return "./" if link == "." else link + "/"
