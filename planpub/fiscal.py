"""Fiscal years, stored as the calendar year they start in, shown per language.

Japanese public documents name a fiscal year by era and add the Western year:
2022 → 令和4（2022）年度. The fiscal year that began in April 2019 is 令和元年度 (the era began
on 1 May 2019, and the year a new era starts is written 元年); earlier fiscal years are 平成.
"""

from __future__ import annotations

# (first fiscal year of the era, era name), newest first.
ERAS = ((2019, "令和"), (1989, "平成"))


def era_year(year: int) -> str:
    """2019 → 令和元, 2022 → 令和4, 2018 → 平成30."""
    for first_year, name in ERAS:
        if year >= first_year:
            number = year - first_year + 1
            return f"{name}{'元' if number == 1 else number}"
    raise ValueError(f"fiscal year {year} is before the eras this tool knows")


def fiscal_year(year: int, language: str) -> str:
    if language == "ja":
        return f"{era_year(year)}（{year}）年度"
    return f"FY{year}"


def fiscal_span(start: int, end: int, language: str) -> str:
    """A span of fiscal years; a single year is shown once."""
    if start == end:
        return fiscal_year(start, language)
    separator = "～" if language == "ja" else "–"
    return f"{fiscal_year(start, language)}{separator}{fiscal_year(end, language)}"
