"""Problems found in a plan, each with a stable code and the place it was found.

Editors read these in a terminal or a pull-request log, so every diagnostic prints as one line:
``file:line:column: field.path: message [code]``. Tests assert the code, not the wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    file: str
    line: int
    column: int
    path: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        field = f" {self.path}:" if self.path else ""
        prefix = "" if self.severity is Severity.ERROR else " warning:"
        return f"{self.file}:{self.line}:{self.column}:{field}{prefix} {self.message} [{self.code}]"


class PlanError(Exception):
    """Raised with every problem found, so that an editor can fix them all in one round."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


def errors_only(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]
