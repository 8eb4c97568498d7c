"""Problems found in a plan, each with a stable code and the place it was found.

Editors read these in a terminal or a pull-request log, so every diagnostic prints as one line:
``file:line:column: field.path: message [code]``, in English or in Japanese: the wording of
each message is in strings/<language>.yaml under ``messages``. Tests assert the code, not the
wording.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .strings import FAST_LOADER, ui_strings

LANGUAGES = ("en", "ja")


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Message:
    """A message by its key in the catalogue, with the values it names. A value may itself be
    a Message (a word to translate, such as the kind of a thing)."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, language: str) -> str:
        catalogue = ui_strings(language)["messages"]
        values = {name: _shown(value, language) for name, value in self.values}
        if self.key in ("or", "and"):  # a list of words joined as the language joins them
            return catalogue[self.key].join(values["items"])
        return catalogue[self.key].format(**values)


def _shown(value: Any, language: str) -> Any:
    if isinstance(value, Message):
        return value.text(language)
    if isinstance(value, tuple):
        return [str(_shown(item, language)) for item in value]
    return value


def message(key: str, /, **values: Any) -> Message:
    return Message(key, tuple(values.items()))


def one_of(items: tuple[Any, ...], joined_by: str = "or") -> Message:
    """"a, b or c" ("and" with ``joined_by="and"``), the words themselves possibly Messages."""
    return Message(joined_by, (("items", tuple(items)),))


@dataclass(frozen=True)
class Code:
    """A diagnostic code of the catalogue (diagnostic_codes.yaml): how serious, and what it means."""

    code: str
    severity: Severity
    meaning: dict[str, str]  # by language


@lru_cache(maxsize=1)
def codes() -> dict[str, Code]:
    """Every code a check can report, in the order of the catalogue."""
    catalogue = yaml.load(resources.files(__package__).joinpath("diagnostic_codes.yaml").read_text(encoding="utf-8"), Loader=FAST_LOADER)
    return {code: Code(code, Severity(entry["severity"]), {language: entry[language] for language in LANGUAGES})
            for code, entry in catalogue.items()}


def code_table(language: str) -> str:
    """The catalogue as the Markdown table the editing guide of ``language`` shows."""
    heading = ui_strings(language)["messages"]["code-table"]
    rows = [f"| `{code.code}` | {ui_strings(language)['messages'][code.severity.value]} | {code.meaning[language]} |"
            for code in codes().values()]
    return "\n".join([heading, "|---|---|---|", *rows]) + "\n"


@dataclass(frozen=True)
class Diagnostic:
    code: str  # from the catalogue: an unknown code fails here, not in an editor's terminal
    said: Message
    file: str
    line: int
    column: int
    path: str = ""

    def __post_init__(self) -> None:
        if self.code not in codes():
            raise KeyError(f"diagnostic code {self.code!r} is not in planpub/diagnostic_codes.yaml")

    @property
    def severity(self) -> Severity:
        return codes()[self.code].severity

    @property
    def message(self) -> str:
        return self.said.text("en")

    def text(self, language: str = "en") -> str:
        field = f" {self.path}:" if self.path else ""
        prefix = "" if self.severity is Severity.ERROR else f" {ui_strings(language)['messages']['warning']}:"
        return f"{self.file}:{self.line}:{self.column}:{field}{prefix} {self.said.text(language)} [{self.code}]"

    def __str__(self) -> str:
        return self.text("en")


class PlanError(Exception):
    """Raised with every problem found, so that an editor can fix them all in one round."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__(self.text("en"))

    def text(self, language: str = "en") -> str:
        return "\n".join(d.text(language) for d in self.diagnostics)


class StageError(Exception):
    """A stage after validation could not finish (a tool missing, MkDocs or the PDF refusing the
    generated pages): a problem of the set-up or the theme, not of the editor's data."""


def errors_only(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def message_language(requested: str | None = None) -> str:
    """The language of messages: ``--lang`` when given, else Japanese where the locale is
    Japanese (LC_ALL, LC_MESSAGES or LANG, the first that is set, as gettext reads them)."""
    if requested:
        return requested
    locale = next((os.environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(name)), "")
    return "ja" if locale.lower().startswith("ja") else "en"
