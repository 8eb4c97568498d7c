"""Fiscal years, months and dates, shown per language.

Japanese public documents name a fiscal year by era and add the Western year:
2022 → 令和4（2022）年度. The fiscal year that began in April 2019 is 令和元年度 (the era began
on 1 May 2019, and the year a new era starts is written 元年); earlier fiscal years are 平成,
and before April 1989 昭和. Calendar months and days take the era in force on that day.
"""

from __future__ import annotations

from datetime import date

# (first fiscal year named after the era, era name, calendar year the era began), newest first.
ERAS = ((2019, "令和", 2019), (1989, "平成", 1989), (1927, "昭和", 1926))
# (first month of the era, era name, calendar year the era began), newest first. Heisei began on
# 8 January 1989; a plan never dates anything in that first week, so the month is enough.
ERA_MONTHS = (((2019, 5), "令和", 2019), ((1989, 1), "平成", 1989), ((1926, 12), "昭和", 1926))
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS_JA = "月火水木金土日"
WEEKDAYS_EN = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _numbered(name: str, first_year: int, year: int) -> str:
    number = year - first_year + 1
    return f"{name}{'元' if number == 1 else number}"


def era_year(year: int) -> str:
    """Fiscal year → era and year: 2019 → 令和元, 2022 → 令和4, 2018 → 平成30, 1977 → 昭和52."""
    for first_fiscal_year, name, first_year in ERAS:
        if year >= first_fiscal_year:
            return _numbered(name, first_year, year)
    raise ValueError(f"fiscal year {year} is before the eras this tool knows")


def era_month(year: int, month: int) -> str:
    """Calendar month → era and year: (2019, 9) → 令和元, (2019, 4) → 平成31, (1985, 12) → 昭和60."""
    for first_month, name, first_year in ERA_MONTHS:
        if (year, month) >= first_month:
            return _numbered(name, first_year, year)
    raise ValueError(f"{year}-{month:02d} is before the eras this tool knows")


def fiscal_year(year: int, language: str) -> str:
    if language == "ja":
        return f"{era_year(year)}（{year}）年度"
    return f"FY{year}"


def fiscal_year_short(year: int, language: str) -> str:
    """For tight spaces such as chart axes: 令和4年度 / FY2022."""
    return f"{era_year(year)}年度" if language == "ja" else f"FY{year}"


def fiscal_span(start: int, end: int, language: str) -> str:
    """A span of fiscal years; a single year is shown once."""
    if start == end:
        return fiscal_year(start, language)
    separator = "～" if language == "ja" else "–"
    return f"{fiscal_year(start, language)}{separator}{fiscal_year(end, language)}"


def calendar_year(year: int, language: str) -> str:
    """A calendar year without its month: 2022 → 令和4（2022） / 2022. A year in which the era
    changed (2019, 1989) has no one era name, and is written as the Western year alone."""
    if language != "ja" or era_month(year, 1)[:2] != era_month(year, 12)[:2]:
        return str(year)
    return f"{era_month(year, 1)}（{year}）"


def calendar_month(year: int, month: int, language: str) -> str:
    """(1985, 12) → 昭和60（1985）年12月 / December 1985."""
    if language == "ja":
        return f"{era_month(year, month)}（{year}）年{month}月"
    return f"{MONTHS[month - 1]} {year}"


def calendar_date(day: date, language: str, weekday: bool = False) -> str:
    """2021-07-09 → 令和3（2021）年7月9日（金） / Friday, July 9, 2021 (weekday on request)."""
    if language == "ja":
        text = f"{era_month(day.year, day.month)}（{day.year}）年{day.month}月{day.day}日"
        return text + (f"（{WEEKDAYS_JA[day.weekday()]}）" if weekday else "")
    text = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f"{WEEKDAYS_EN[day.weekday()]}, {text}" if weekday else text
