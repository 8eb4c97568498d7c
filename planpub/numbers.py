"""Numbers as the plan shows them: as given, never rounded for show, never in scientific notation."""

from __future__ import annotations

from decimal import Decimal


def decimal_text(value: float | Decimal, grouped: bool = True) -> str:
    """1234.50 → "1,234.5" (or "1234.5" ungrouped); 30.0 → "30"; -0.0 → "0". A float is read as
    its shortest repr, so 0.1 + 0.2 stays 0.30000000000000004: round it first where that is noise."""
    number = (value if isinstance(value, Decimal) else Decimal(repr(value))).normalize()
    text = f"{number:,f}" if grouped else f"{number:f}"
    return "0" if text == "-0" else text
