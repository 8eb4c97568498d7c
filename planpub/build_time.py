"""When a build says it was made: ``SOURCE_DATE_EPOCH`` when it is set (the reproducible-builds
convention), otherwise the plan's last revision, never the clock, so that two builds of the same
plan.yaml are byte-identical. (MkDocs reads the clock only for the sitemaps it writes, which the
site stage replaces with one of its own, without dates.)"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

from .diagnostics import StageError

W3C_TIME = "%Y-%m-%dT%H:%M:%SZ"  # as the data package and the PDF's metadata write it


def build_time(revised: date) -> datetime:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return datetime(revised.year, revised.month, revised.day, tzinfo=timezone.utc)
    try:
        return datetime.fromtimestamp(int(value), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise StageError(f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds since 1970-01-01 UTC "
                         "(https://reproducible-builds.org/specs/source-date-epoch/)") from None
