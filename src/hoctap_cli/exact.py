"""Exact numbers: how points, totals, shares and thresholds are held and compared.

A verdict must not depend on binary floating point: 7.3 + 2.7 + … written by a council
must add up to the pass mark it reads as. The rule here:

- **Points, totals and thresholds are ``Decimal``** (counts stay ``int``). A number read
  from a cell or a criteria file becomes the decimal it is written as: a float that a
  spreadsheet stored for "7,3" becomes ``Decimal("7.3")`` through its shortest repr, which
  gives back the written digits for every value of up to 15 significant digits. Sums of
  decimals are exact. Decimal at a fixed scale is also what a columnar engine holds
  (polars ``Decimal`` columns, or integers scaled by 10^k), so the same numbers can move
  there unchanged.
- **Shares and quotients are ``Fraction``**: a share is ``held/counted``, a ratio of two
  counts, and a rule's division is a ratio too. They are compared exactly, ``7/10`` meets
  ``>= 70%``; a columnar engine does the same by cross-multiplying the integers
  (``held * 100 >= 70 * counted``), never by dividing.
- **Rounding happens only where a value is shown** (``shown``): halves away from zero
  (7,125 → 7,13), the way marks are rounded by hand; points to two decimal places,
  percentages to one (2/3 → 66,7%). JSON carries
  integers as integers and other values as their shortest decimal (``plain_number``).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

Exact = int | Decimal | Fraction
Shown = int | float | Decimal | Fraction  # anything a report may show as a number
ZERO = Decimal(0)


def exact(value: Any) -> Any:
    """``value`` as an exact number if it is a float; anything else is returned as it is.

    A float becomes the decimal of its shortest repr (0.1 → Decimal("0.1")), a negative
    zero becomes zero, and booleans are left alone (they are not numbers here).
    """
    if value.__class__ is float:
        return _decimal(repr(value))
    return value


def _decimal(text: str) -> Decimal:
    """The decimal written as ``text``; a whole number without its ".0", never "-0"."""
    value = Decimal(text) + 0  # "+ 0": Decimal("-0") + 0 is Decimal("0")
    return Decimal(int(value)) if value == value.to_integral_value() else value


def exact_or_none(value: float | None) -> Decimal | None:
    """A number from a criteria file (pydantic keeps them as floats) as its decimal."""
    return None if value is None else _decimal(repr(float(value)))


def ratio(value: Any) -> Fraction:
    """Any exact number (or float) as a Fraction, for arithmetic that mixes kinds."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    return Fraction(value)


def share(part: int, whole: int) -> Fraction | None:
    """``part`` of ``whole`` as an exact ratio (7 of 10 is 7/10); None of nothing."""
    return Fraction(part, whole) if whole else None


def shown(value: Shown, places: int = 2) -> Decimal:
    """The one rounding rule: halves away from zero, at two decimal places for points
    (one for percentages)."""
    if isinstance(value, Fraction):
        number = Decimal(value.numerator) / Decimal(value.denominator)
    elif isinstance(value, Decimal):
        number = value
    else:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def plain_number(value: Decimal | Fraction) -> int | float:
    """A Decimal or Fraction for JSON: an integer when whole, else its shortest decimal.

    ``float`` here is only the carrier JSON has: a decimal of up to 15 significant digits
    is written back with exactly its digits (79.9 stays 79.9); a share such as 2/3 is
    written to 16 digits (66.66666666666667), while decisions used the exact ratio.
    """
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return int(value.numerator)
        return float(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def exact_text(text: str) -> Decimal:
    """The decimal written as ``text`` (digits and one point), normalised as ``exact``."""
    return _decimal(text)


def number(value: Shown | None) -> str:
    """Points as people write them: 10, 7,5 (rounded as ``hoctap_cli.exact.shown`` says)."""
    if value is None:
        return "–"
    text = f"{shown(value):f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def plain(value: Any) -> Any:
    """A value as JSON carries it: dates as ISO text, whole numbers as integers, other
    decimals and shares as their shortest decimal (``plain_number``)."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value  # most cells: checked first, as Fraction's check goes through its ABC
    if isinstance(value, Decimal | Fraction):
        return plain_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
