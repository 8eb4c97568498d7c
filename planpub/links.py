"""Links from one page, in its language: to an entity of the plan, to another page, to the PDFs
and the open data. Every href a template writes comes from here (urls.py knows where things are;
this knows where the page is)."""

from __future__ import annotations

from typing import Any

from .page_types import path
from .urls import DOWNLOADS, LANGUAGE_ROOTS, PDF_NAMES, PROGRESS, Page, Urls, record_path


class PageLinks:
    def __init__(self, urls: Urls, page: Page, language: str, downloads=None):
        """``downloads`` (render.Downloads): what the build wrote beside the pages, with sizes."""
        self.urls = urls
        self.page = page
        self.language = language
        self.downloads = downloads

    def href(self, entity_id: str) -> str:
        return self.urls.href(self.page, entity_id)

    def page_href(self, path: str) -> str:
        """A link to the page at ``path``, in this language."""
        return self.urls.relative(self.page.path, path)

    def kind_href(self, kind: str) -> str:
        """A link to the one page of ``kind`` ("glossary", "roadmap" …), in this language."""
        return self.page_href(next(page.path for page in self.urls.pages if page.kind == kind))

    def year_href(self, year: int) -> str:
        """A link to the page of a fiscal year of the plan, in this language."""
        return self.page_href(path("year", number=year))

    def site_href(self, path: str) -> str:
        """A link to ``path`` from the root of the site (any language's page)."""
        root = self.urls.to_site_root(self.page.path, self.language)
        return root + path if path else root

    def pdf_href(self, language: str | None = None) -> str:
        """This language's PDF, or ``language``'s (which sits in that language's root)."""
        if language in (None, self.language):
            return self.page_href(DOWNLOADS) + PDF_NAMES[self.language]
        return self.site_href(LANGUAGE_ROOTS[language] + DOWNLOADS + PDF_NAMES[language])

    @staticmethod
    def progress_anchor(group: Any, status: str) -> str:
        """The id of a group's list of items or initiatives in one status, on the progress page."""
        return f"{group.id}-{status}"

    def progress_href(self, group: Any, status: str) -> str:
        return f"{self.page_href(PROGRESS)}#{self.progress_anchor(group, status)}"

    def own_record(self) -> Any:
        """The open-data record (export.DataFile) of this page's item or initiative, when the
        build wrote the open data; None on other pages."""
        if self.downloads is None or self.page.kind not in ("item", "initiative"):
            return None
        path = record_path(self.page.subject)
        return next((file for file in self.downloads.data if file.path == path), None)
