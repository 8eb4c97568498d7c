import pytest

from datetime import date

from planpub.fiscal import calendar_date, calendar_month, era_month, era_year, fiscal_span, fiscal_year


@pytest.mark.parametrize(
    ("year", "japanese", "english"),
    [
        (2019, "令和元（2019）年度", "FY2019"),
        (2022, "令和4（2022）年度", "FY2022"),
        (2025, "令和7（2025）年度", "FY2025"),
        (2018, "平成30（2018）年度", "FY2018"),
        (1989, "平成元（1989）年度", "FY1989"),
        (1988, "昭和63（1988）年度", "FY1988"),
        (1977, "昭和52（1977）年度", "FY1977"),
    ],
)
def test_fiscal_year_in_each_language(year, japanese, english):
    assert fiscal_year(year, "ja") == japanese
    assert fiscal_year(year, "en") == english


def test_span_of_several_years():
    assert fiscal_span(2022, 2025, "ja") == "令和4（2022）年度～令和7（2025）年度"
    assert fiscal_span(2022, 2025, "en") == "FY2022–FY2025"


def test_span_of_one_year_names_it_once():
    assert fiscal_span(2023, 2023, "en") == "FY2023"


def test_years_before_showa_are_refused():
    with pytest.raises(ValueError):
        era_year(1926)  # fiscal 1926 began in Taisho 15
    with pytest.raises(ValueError):
        era_month(1926, 11)


@pytest.mark.parametrize(
    ("year", "month", "japanese", "english"),
    [
        (2019, 9, "令和元（2019）年9月", "September 2019"),
        (2019, 4, "平成31（2019）年4月", "April 2019"),  # the era changed on 1 May 2019
        (1985, 12, "昭和60（1985）年12月", "December 1985"),
    ],
)
def test_calendar_month_takes_the_era_of_that_month(year, month, japanese, english):
    assert calendar_month(year, month, "ja") == japanese
    assert calendar_month(year, month, "en") == english


def test_dates_with_computed_weekday():
    day = date(2021, 7, 9)
    assert calendar_date(day, "ja", weekday=True) == "令和3（2021）年7月9日（金）"
    assert calendar_date(day, "en", weekday=True) == "Friday, July 9, 2021"
    assert calendar_date(date(2001, 12, 25), "ja") == "平成13（2001）年12月25日"
