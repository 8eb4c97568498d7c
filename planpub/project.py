"""Where a project's own files are: the plan, its templates and theme, the MkDocs configuration
and the accessibility records. One object, handed to every stage that reads them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def plan(self) -> Path:
        return self.root / "plan.yaml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def accessibility(self) -> Path:
        return self.content / "accessibility"

    @property
    def results(self) -> Path:
        """What `make audit` found, committed for the test-results page."""
        return self.accessibility / "results.json"

    @property
    def cache(self) -> Path:
        """What the tools remember between runs to be quicker (git-ignored; safe to delete)."""
        return self.root / ".cache"

    @property
    def watched(self) -> tuple[Path, ...]:
        """What the preview rebuilds on: besides the plan, everything a page is made from."""
        return (self.content, self.root / "theme", self.root / "mkdocs.yml", self.root / "planpub")


PROJECT = Project(Path(__file__).resolve().parents[1])
