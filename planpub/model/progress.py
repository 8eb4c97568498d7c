"""What the City reports each fiscal year about an item, an action or an initiative."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .text import Source, Text


class ProgressStatus(StrEnum):
    """The status of a fiscal year, in the words of the previous plans' results tables;
    NOT_RECORDED where nothing is reported yet: counted, never guessed."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    ACHIEVED = "achieved"
    CONTINUING = "continuing"
    DISCONTINUED = "discontinued"
    RECONSIDERED = "reconsidered"
    NOT_RECORDED = "not-recorded"


@dataclass(frozen=True)
class Progress:
    """The status of an item, action or initiative in one fiscal year, as the City reported it."""

    year: int
    status: ProgressStatus
    note: Text | None = None
    source: Source | None = None


def latest_progress(progress: tuple[Progress, ...]) -> Progress | None:
    """The record of the latest year with a reported status."""
    return max(progress, key=lambda record: record.year, default=None)


def by_latest_status(entities: tuple[Any, ...]) -> dict[ProgressStatus, tuple[Any, ...]]:
    """Items, actions or initiatives grouped by their latest reported status: every status in its
    order, NOT_RECORDED last; empty where none is in it."""
    groups: dict[ProgressStatus, list[Any]] = {status: [] for status in ProgressStatus}
    for entity in entities:
        latest = latest_progress(entity.progress)
        groups[latest.status if latest else ProgressStatus.NOT_RECORDED].append(entity)
    return {status: tuple(members) for status, members in groups.items()}
