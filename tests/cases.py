"""Cases that the tests of several modules share: the same target judged by the model and shown
by the pages, and lines of the fixture plan that record a result or a status."""

import re

import pytest

from tests.conftest import MINIMAL

# Which results meet a target of 50 (below it, the value itself, above it) for each comparator
# and each way of being better that it allows; None where the comparator says it itself.
TARGET = 50
BELOW_EQUAL_ABOVE = (40, 50, 60)
MEETS = (
    ("reach", "higher", (False, True, True)),  # a plain printed value: it, or better
    ("reach", "lower", (True, True, False)),
    ("exactly", "higher", (False, True, False)),  # only the value itself, whichever way is better
    ("exactly", "lower", (False, True, False)),
    ("at-least", None, (False, True, True)),
    ("at-least", "higher", (False, True, True)),  # saying what the comparator says is allowed
    ("greater-than", None, (False, False, True)),
    ("at-most", None, (True, True, False)),
    ("within", None, (True, True, False)),
    ("within", "lower", (True, True, False)),
    ("approximately", "higher", (False, True, True)),
    ("approximately", "lower", (True, True, False)),
    ("about", "higher", (False, True, True)),
    ("about", "lower", (True, True, False)),
)
# The fiscal year of the result against the target year (2025), and the statuses it can have.
WHEN = (("before", 2024, ("on-track", "not-yet")), ("at", 2025, ("met", "not-met")), ("after", 2026, ("met", "not-met")))


# (comparator, better, result year, result value, status): every comparator × way of being better
# × before, at or after the target year × a result below, at or above the target.
STATUS_CASES = [
    pytest.param(comparator, better, year, value, meeting if met else failing, id=f"{comparator}-{better or 'implied'}-{when}-{value}")
    for comparator, better, meets in MEETS
    for when, year, (meeting, failing) in WHEN
    for value, met in zip(BELOW_EQUAL_ABOVE, meets)
]


# Lines of tests/fixtures/minimal.yaml, and what to add after them: a result of the cost indicator
# and a status of item 1.
RESULT = "results: [{year: 2023, value: 48, date: '2024-09-30', source: {title: {ja: 決算書, en: Settlement}, url: 'https://example.jp/r'}}]"
COST_TARGET = "        target: {year: 2025, value: 50, comparator: at-most}\n"
PROGRESS_AT = "              departments: [planning, related-divisions]\n"
PROGRESS = "              progress: [{year: 2023, status: in-progress, note: {ja: 実施中, en: Under way}, source: {title: {ja: 取組状況, en: Progress report}, url: 'https://example.jp/p'}}]\n"


# Each scalar line of the fixture plan with each kind of wrong value in turn (line number, line).
SCALAR_LINE = re.compile(r"^(\s*-?\s*[\w-]+: )(?![|>])(\S.*)$")
WRONG_VALUES = ["[]", "{}", "~", "12", "yes", "'x'", ".nan", "-.inf", "2022-04-01"]


def mutations():
    lines = MINIMAL.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        match = SCALAR_LINE.match(line)
        if match:
            for value in WRONG_VALUES:
                yield number, match.group(1) + value
