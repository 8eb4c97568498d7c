"""What the City reports each fiscal year about an item, an action or an initiative."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .text import Source, Text


@dataclass(frozen=True)
class Progress:
    """The status of an item, action or initiative in one fiscal year, as the City reported it."""

    year: int
    status: str
    note: Text | None = None
    source: Source | None = None


PROGRESS_STATUSES = ("not-started", "in-progress", "achieved", "continuing", "discontinued", "reconsidered")
NO_STATUS = "not-recorded"  # nothing reported yet: counted, never guessed


def latest_progress(progress: tuple[Progress, ...]) -> Progress | None:
    """The record of the latest year with a reported status."""
    return max(progress, key=lambda record: record.year, default=None)


def by_latest_status(entities: tuple[Any, ...]) -> dict[str, tuple[Any, ...]]:
    """Items, actions or initiatives grouped by their latest reported status: every status of the
    vocabulary in its order, then NO_STATUS; empty where none is in it."""
    groups: dict[str, list[Any]] = {status: [] for status in (*PROGRESS_STATUSES, NO_STATUS)}
    for entity in entities:
        latest = latest_progress(entity.progress)
        groups[latest.status if latest else NO_STATUS].append(entity)
    return {status: tuple(members) for status, members in groups.items()}
