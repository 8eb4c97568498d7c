import pytest

from planpub.fiscal import era_year, fiscal_span, fiscal_year


@pytest.mark.parametrize(
    ("year", "japanese", "english"),
    [
        (2019, "令和元（2019）年度", "FY2019"),
        (2022, "令和4（2022）年度", "FY2022"),
        (2025, "令和7（2025）年度", "FY2025"),
        (2018, "平成30（2018）年度", "FY2018"),
        (1989, "平成元（1989）年度", "FY1989"),
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


def test_years_before_heisei_are_refused():
    with pytest.raises(ValueError):
        era_year(1988)
