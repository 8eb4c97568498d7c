"""The accessibility report behind the policy and test-results pages (JIS X 8341-3:2016 Annex JB).

Three files in ``content/accessibility/`` make it: ``criteria.yaml`` (the 38 success criteria of
levels A and AA, the 23 of level AAA, the criteria WCAG 2.1 added, and which automated checks settle
which),
``manual-checks.yaml`` (verifications people recorded) and ``results.json`` (what ``make audit``
found, written by planpub/qa/audit.py). A criterion passes only when a check that settles it found
nothing or a recorded manual check says so; with neither it is "not yet verified", never passed.

The conformance label follows from the verdicts of the 38 JIS criteria, as the WAIC guideline for
labels (ウェブコンテンツの JIS X 8341-3:2016 対応度表記ガイドライン) defines it: 準拠 when all were
tested and all pass or do not apply; 一部準拠 when all were tested, some fail and a plan to fix each
is stated; 配慮 otherwise. The level AAA criteria and the WCAG 2.1 additions are tested and shown,
but are not part of it: the claim names the level AAA criteria met besides (issue 27).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from .diagnostics import Diagnostic, PlanError, message
from .strings import FAST_LOADER
from .model import Text

RESULTS = ("passed", "failed", "not-applicable", "not-verified")
JIS = "jis"  # the group of the 38 criteria of JIS X 8341-3:2016 levels A and AA
AAA = "aaa"  # the group of its 23 criteria of level AAA
GROUPS = (JIS, AAA, "wcag21")  # criteria.yaml ``group``: absent means JIS, or AAA for level AAA
LABELS = ("conforms", "partially-conforms", "considered")  # 準拠, 一部準拠, 配慮


# Which success criteria each check of the audit (planpub/qa/audit.py) speaks to (axe rules name
# theirs in their tags): the results page reads the committed findings by these.
CHECK_CRITERIA = {
    "html": ["4.1.1"],
    "structure": ["1.1.1", "1.3.1"],
    "titles": ["2.4.2"],
    "colour": ["1.4.1"],
    "language": ["3.1.1", "3.1.2"],
    "zoom": ["1.4.4"],
    "reflow": ["1.4.10"],
    "keyboard": ["2.1.1", "2.1.2", "2.1.3", "2.4.3", "2.4.7"],
    "shortcuts": ["2.1.4"],  # issue 26, failure 5: WCAG 2.1, not in JIS X 8341-3:2016
    "links": ["2.4.9"],  # issue 27: link texts that alone do not say where the link leads
    "presentation": ["1.4.8"],  # issue 27: line length, line and paragraph spacing, no justified text (AAA)
    "media": ["1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.2.6", "1.2.7", "1.2.8", "1.2.9", "1.4.2", "1.4.7",
              "2.2.2", "2.3.1", "2.3.2"],
}
# The runs of axe-core, each with the key of the results that maps criteria to its rules: the
# level A and AA rules and best practices, and the level AAA rules in the high-contrast theme.
AXE_RUNS = {"axe": "axe_rules", "axe_aaa": "axe_aaa_rules"}


@dataclass(frozen=True)
class ManualCheck:
    criterion: str
    date: date
    result: str
    method: Text
    pages: tuple[str, ...]  # the pages checked, as site paths ("/items/15/")
    evidence: Text  # what was observed
    plan: Text | None = None  # for a failed criterion: how and when it is to be fixed


@dataclass(frozen=True)
class Finding:
    """What one automated check found about a criterion: ``problems`` over all pages tested."""

    check: str  # a check of CHECK_CRITERIA, or a run of axe (AXE_RUNS)
    problems: int
    rules: tuple[str, ...] = ()  # for a run of axe: the rules that test the criterion


@dataclass(frozen=True)
class Verdict:
    id: str
    level: str
    group: str  # one of GROUPS
    name: Text
    result: str  # one of RESULTS
    findings: tuple[Finding, ...]
    manual: ManualCheck | None
    decided_by_tools: bool  # the result follows from automated checks alone


@dataclass(frozen=True)
class Check:
    """One automated check over all pages: the criteria it speaks to and the problems it found."""

    name: str
    criteria: tuple[str, ...]
    problems: int


@dataclass(frozen=True)
class Report:
    date: date
    tools: dict[str, str]
    browser: str
    pages: tuple[str, ...]
    checks: tuple[Check, ...]
    verdicts: tuple[Verdict, ...]

    @property
    def groups(self) -> tuple[tuple[str, tuple[Verdict, ...]], ...]:
        """The verdicts by group (GROUPS), the JIS criteria first: a table each on the results page."""
        return tuple((name, self.group(name)) for name in GROUPS)

    @property
    def jis(self) -> tuple[Verdict, ...]:
        return self.group(JIS)

    def group(self, name: str) -> tuple[Verdict, ...]:
        return tuple(verdict for verdict in self.verdicts if verdict.group == name)

    @property
    def label(self) -> str:
        return conformance_label(self.jis)

    @property
    def aaa_met(self) -> tuple[Verdict, ...]:
        """The level AAA criteria that passed, which the claim names beside the label."""
        return tuple(verdict for verdict in self.group(AAA) if verdict.result == "passed")

    @property
    def failed(self) -> tuple[Verdict, ...]:
        """The JIS criteria not met: with 一部準拠, each with its plan."""
        return tuple(verdict for verdict in self.jis if verdict.result == "failed")

    def count(self, result: str) -> int:
        """How many of the JIS criteria have ``result``."""
        return sum(verdict.result == result for verdict in self.jis)


def conformance_label(verdicts) -> str:
    """The label (one of LABELS) that ``verdicts`` support, under the WAIC guideline: 準拠 and 一部準拠
    both need every criterion tested; 一部準拠 also a stated plan for each one not met."""
    if any(verdict.result == "not-verified" for verdict in verdicts):
        return "considered"
    failed = [verdict for verdict in verdicts if verdict.result == "failed"]
    if not failed:
        return "conforms"
    return "partially-conforms" if all(verdict.manual and verdict.manual.plan for verdict in failed) else "considered"


def load_report(folder: Path) -> Report:
    criteria = _read_yaml(folder / "criteria.yaml")
    manual = _manual_checks(folder / "manual-checks.yaml", {c["id"] for c in criteria})
    results_file = folder / "results.json"
    try:
        results = json.loads(results_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _error(results_file, f"cannot read the audit results ({error}); run `make audit`") from None
    verdicts = tuple(_verdict(criterion, results, manual.get(criterion["id"])) for criterion in criteria)
    return Report(
        date=date.fromisoformat(results["date"]),
        tools=results["tools"],
        browser=results["browser"],
        pages=tuple(results["pages"]),
        checks=_checks(results),
        verdicts=verdicts,
    )


def _error(path: Path, detail: str, line: int = 1) -> PlanError:
    """A problem in the accessibility records, which maintainers keep: said in English only."""
    return PlanError([Diagnostic("accessibility-data", message("as-written", detail=detail), str(path), line, 1)])


def _read_yaml(path: Path) -> list[dict]:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER) or []
    except (OSError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        raise _error(path, f"cannot read: {error}", mark.line + 1 if mark else 1) from None


def _manual_checks(path: Path, criteria: set[str]) -> dict[str, ManualCheck]:
    """The latest recorded manual check of each criterion."""
    latest: dict[str, ManualCheck] = {}
    for number, record in enumerate(_read_yaml(path), start=1):
        if problem := _record_problem(record, criteria):
            raise _error(path, f"record {number}: {problem}")
        plan = record.get("plan")
        check = ManualCheck(record["criterion"], record["date"], record["result"], _text(record["method"]),
                            tuple(record["pages"]), _text(record["evidence"]), _text(plan) if plan else None)
        if check.criterion not in latest or latest[check.criterion].date <= check.date:
            latest[check.criterion] = check
    return latest


def _text(both: dict) -> Text:
    return Text(both["ja"], both["en"])


def _checks(results: dict) -> tuple[Check, ...]:
    """The checks the results have (a new one is missing until `make audit` runs again)."""
    by_criteria = {**{run: results.get(key) for run, key in AXE_RUNS.items()}, **CHECK_CRITERIA}
    return tuple(Check(name, tuple(criteria), len(results["checks"][name]))
                 for name, criteria in by_criteria.items() if criteria is not None and name in results["checks"])


def _record_problem(record, criteria: set[str]) -> str | None:
    if not isinstance(record, dict):
        return "must be a mapping of criterion, pages, method, date, result and evidence"
    if record.get("criterion") not in criteria:
        return f"criterion {record.get('criterion')!r} is not one of criteria.yaml"
    if not isinstance(record.get("date"), date):
        return "date must be a date (YYYY-MM-DD)"
    if record.get("result") not in RESULTS[:3]:
        return f"result must be one of {', '.join(RESULTS[:3])}"
    pages = record.get("pages")
    if not (isinstance(pages, list) and pages and all(isinstance(page, str) and page.startswith("/") for page in pages)):
        return "pages must list the pages checked, as site paths starting with / (\"/items/15/\")"
    for field in ("method", "evidence") + (("plan",) if record["result"] == "failed" else ()):
        if not _both_languages(record.get(field)):
            return f"{field} must give the text in ja and en" + (" (a failed check states the plan to fix it)" if field == "plan" else "")
    return None


def _both_languages(value) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(language), str) and value[language].strip() for language in ("ja", "en"))


def _findings(criterion_id: str, results: dict) -> tuple[Finding, ...]:
    findings = [  # a check the results do not have yet (a new one, before `make audit`) decides nothing
        Finding(check, len(results["checks"][check]))
        for check, criteria in CHECK_CRITERIA.items()
        if criterion_id in criteria and check in results["checks"]
    ]
    for run, key in AXE_RUNS.items():
        if axe := results.get(key, {}).get(criterion_id):
            findings.append(Finding(run, len(axe["failed"]), tuple(axe["rules"])))
    return tuple(findings)


def _verdict(criterion: dict, results: dict, manual: ManualCheck | None) -> Verdict:
    findings = _findings(criterion["id"], results)
    by_check = {finding.check: finding for finding in findings}
    absent = criterion.get("not_applicable_without")
    deciders = [by_check.get(check) for check in criterion.get("decided_by", [])]
    decided = bool(deciders) and all(finding is not None and finding.problems == 0 for finding in deciders)
    if absent and not results["checks"][absent]:
        result, decided = "not-applicable", True
    elif any(finding.problems for finding in findings if finding.check != "media"):
        result, decided = "failed", True
    elif manual:
        result, decided = manual.result, False
    else:
        result = "passed" if decided else "not-verified"
    group = criterion.get("group", AAA if criterion["level"] == "AAA" else JIS)
    return Verdict(criterion["id"], criterion["level"], group, Text(criterion["ja"], criterion["en"]), result, findings, manual, decided)
