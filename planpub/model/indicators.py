"""Indicators and KPIs: the values the plan prints, its targets, the results published since, and
the rules that judge a result against its target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .text import Note, Source, Text, Unit


@dataclass(frozen=True)
class Value:
    year: int
    value: float


@dataclass(frozen=True)
class Result:
    """A result published after the plan: the value for a fiscal year, and where it was published."""

    year: int
    value: float
    published: date
    source: Source


@dataclass(frozen=True)
class Reference:
    year: int
    value: float
    unit: Unit
    comparator: str


@dataclass(frozen=True)
class Target:
    year: int
    value: float
    comparator: str
    unit: Unit
    of: Text | None = None
    condition: Text | None = None
    reference: Reference | None = None


# Which way is better, where the target's comparator says it. reach, exactly, approximately and
# about do not, so the indicator says it itself (``better``): validation makes sure that it does.
BETTER_BY_COMPARATOR = {"at-least": "higher", "greater-than": "higher", "at-most": "lower", "within": "lower"}


@dataclass(frozen=True)
class Indicator:
    id: str
    name: Text
    unit: Unit
    values: tuple[Value, ...]
    target: Target
    note_marks: tuple[str, ...] = ()
    initiative_id: str | None = None
    results: tuple[Result, ...] = ()
    better: str | None = None  # "higher" or "lower", as plan.yaml gives it

    @property
    def latest_result(self) -> Result | None:
        return max(self.results, key=lambda result: result.year, default=None)

    @property
    def direction(self) -> str:
        """"higher" or "lower": which way is better, as the indicator or its target's comparator says."""
        return self.better or BETTER_BY_COMPARATOR[self.target.comparator]

    def status(self) -> str:
        """How the latest published result stands against the target. Before the target year:
        "on-track" when it already meets the target, else "not-yet"; from the target year on,
        "met" or "not-met". "no-result" when nothing is published, "not-comparable" when the
        target is in another unit or a share of something else. Never a projection."""
        result, target = self.latest_result, self.target
        if result is None:
            return "no-result"
        if target.of is not None or target.unit != self.unit:
            return "not-comparable"
        meets = self.meets_target(result.value)
        if result.year < target.year:
            return "on-track" if meets else "not-yet"
        return "met" if meets else "not-met"

    def meets_target(self, value: float) -> bool:
        """Whether ``value`` meets the target as worded: exactly only by the target value itself,
        greater-than only above it; the other comparators (reach, a plain printed value, among them:
        the plan reads 96.27% against a target of 96% as met) by the target value or anything on
        the better side of it."""
        target = self.target
        if target.comparator == "exactly":
            return value == target.value
        if target.comparator == "greater-than":
            return value > target.value
        return value >= target.value if self.direction == "higher" else value <= target.value


@dataclass(frozen=True)
class IndicatorGroup:
    id: str
    title: Text
    indicators: tuple[Indicator, ...]
    description: Text | None = None
    notes: tuple[Note, ...] = ()
    achieved: Text | None = None
