"""Indicators and KPIs: the values the plan prints, its targets, the results published since, and
the rules that judge a result against its target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

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
    note: Text | None = None  # a definition or basis that differs from the plan's, as the source states it


class Comparator(StrEnum):
    """How a target's value is meant: the ``comparator`` of plan.schema.json says what each means."""

    REACH = "reach"
    EXACTLY = "exactly"
    AT_LEAST = "at-least"
    AT_MOST = "at-most"
    WITHIN = "within"
    GREATER_THAN = "greater-than"
    APPROXIMATELY = "approximately"
    ABOUT = "about"


class Better(StrEnum):
    """Which way is better: higher values or lower ones."""

    HIGHER = "higher"
    LOWER = "lower"


# Which way is better, where the target's comparator says it. reach, exactly, approximately and
# about do not, so the indicator says it itself (``better``): validation makes sure that it does.
BETTER_BY_COMPARATOR = {
    Comparator.AT_LEAST: Better.HIGHER,
    Comparator.GREATER_THAN: Better.HIGHER,
    Comparator.AT_MOST: Better.LOWER,
    Comparator.WITHIN: Better.LOWER,
}


class IndicatorStatus(StrEnum):
    """How the latest published result stands against the target (``Indicator.status``)."""

    ON_TRACK = "on-track"
    NOT_YET = "not-yet"
    MET = "met"
    NOT_MET = "not-met"
    NO_RESULT = "no-result"
    NOT_COMPARABLE = "not-comparable"


@dataclass(frozen=True)
class Reference:
    year: int
    value: float
    unit: Unit
    comparator: Comparator


@dataclass(frozen=True)
class Target:
    year: int
    value: float
    comparator: Comparator
    unit: Unit
    of: Text | None = None
    condition: Text | None = None
    reference: Reference | None = None


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
    better: Better | None = None  # as plan.yaml gives it

    @property
    def latest_result(self) -> Result | None:
        return max(self.results, key=lambda result: result.year, default=None)

    @property
    def direction(self) -> Better:
        """Which way is better, as the indicator or its target's comparator says."""
        return self.better or BETTER_BY_COMPARATOR[self.target.comparator]

    def status(self) -> IndicatorStatus:
        """How the latest published result stands against the target. Before the target year:
        "on-track" when it already meets the target, else "not-yet"; from the target year on,
        "met" or "not-met". "no-result" when nothing is published, "not-comparable" when the
        target is in another unit or a share of something else. Never a projection."""
        result, target = self.latest_result, self.target
        if result is None:
            return IndicatorStatus.NO_RESULT
        if target.of is not None or target.unit != self.unit:
            return IndicatorStatus.NOT_COMPARABLE
        meets = self.meets_target(result.value)
        if result.year < target.year:
            return IndicatorStatus.ON_TRACK if meets else IndicatorStatus.NOT_YET
        return IndicatorStatus.MET if meets else IndicatorStatus.NOT_MET

    def meets_target(self, value: float) -> bool:
        """Whether ``value`` meets the target as worded: exactly only by the target value itself,
        greater-than only above it; the other comparators (reach, a plain printed value, among them:
        the plan reads 96.27% against a target of 96% as met) by the target value or anything on
        the better side of it."""
        target = self.target
        if target.comparator == Comparator.EXACTLY:
            return value == target.value
        if target.comparator == Comparator.GREATER_THAN:
            return value > target.value
        return value >= target.value if self.direction == Better.HIGHER else value <= target.value


@dataclass(frozen=True)
class IndicatorGroup:
    id: str
    title: Text
    indicators: tuple[Indicator, ...]
    description: Text | None = None
    notes: tuple[Note, ...] = ()
    achieved: Text | None = None
