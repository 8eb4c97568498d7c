"""The plain parts that every other kind of the model is made of: texts in both languages,
units, departments, glossary terms, abbreviations, notes and sources."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """A human-readable text; ``en`` is None while its translation is pending."""

    ja: str
    en: str | None = None

    def get(self, language: str) -> str | None:
        return self.ja if language == "ja" else self.en

    def shown(self, language: str) -> str:
        """The text to show in ``language``: Japanese while a translation is pending."""
        return self.get(language) or self.ja


@dataclass(frozen=True)
class Unit:
    id: str
    ja: str
    en: str
    en_multiplier: float = 1


@dataclass(frozen=True)
class Department:
    id: str
    name: Text
    reading: str = ""  # in hiragana: the order of Japanese lists of departments
    is_group: bool = False  # a group such as 関係各課 that the plan names, not one department


@dataclass(frozen=True)
class Term:
    id: str
    term: Text
    definition: Text
    reading: str = ""  # in hiragana: the Japanese glossary's order


@dataclass(frozen=True)
class Abbreviation:
    """An abbreviation the plan uses (DX, ICT), with what it stands for in each language: the
    plan's own expansion where it gives one. ``term`` is the glossary term that explains it, if any."""

    abbreviation: str
    expansion: Text
    term: Term | None = None

    @property
    def anchor(self) -> str:
        """Its anchor in the glossary's list of abbreviations: abbreviation-gov-cloud."""
        return "abbreviation-" + re.sub("[^a-z0-9]+", "-", self.abbreviation.lower()).strip("-")


@dataclass(frozen=True)
class TerminologyEntry:
    ja: str
    en: str
    avoid: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """A word of the plan's readings list, read as ``reading`` (hiragana) by the Japanese pages'
    ふりがな instead of as the dictionary reads it."""

    word: str
    reading: str


@dataclass(frozen=True)
class Note:
    mark: Text  # a symbol such as ※1 is the same text in every language
    text: Text


@dataclass(frozen=True)
class Source:
    title: Text
    url: str
