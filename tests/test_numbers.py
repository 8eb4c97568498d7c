from decimal import Decimal

import pytest

from planpub.numbers import decimal_text


@pytest.mark.parametrize("value, grouped, text", [
    (30.0, True, "30"), (1234.5, True, "1,234.5"), (1234.5, False, "1234.5"), (Decimal("5300000"), True, "5,300,000"),
    (0.30000000000000004, True, "0.30000000000000004"), (round(0.1 + 0.2, 9), True, "0.3"), (-0.0, True, "0"),
    (1e-7, False, "0.0000001"), (99999999999999999999.0, False, "100000000000000000000"),
])
def test_numbers_as_given_never_rounded_for_show_never_scientific(value, grouped, text):
    assert decimal_text(value, grouped) == text
