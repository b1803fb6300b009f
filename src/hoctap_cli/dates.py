"""Dates as people type them: 31/12/2025 as well as 2025-12-31, checked for real days."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from hoctap_cli.errors import ErrorCode, HoctapError

_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class DateError(HoctapError, ValueError):
    """A date that cannot be read: its code and what was given (``given``).

    Still a ``ValueError``, as pydantic validators that call ``parse_day`` need.
    """

    def __init__(self, code: ErrorCode, **params: Any) -> None:
        super().__init__(code=code, params=params)


def parse_day(text: str) -> dt.date:
    """``31/12/2025``, ``31-12-2025``, ``31.12.2025`` or ``2025-12-31`` as a date.

    A well-formed date that does not exist ("31/02/2025") gets its own message.
    """
    given = text.strip()
    day_first = _DAY_FIRST.match(given)
    year_first = _YEAR_FIRST.match(given)
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
    elif year_first:
        year, month, day = (int(part) for part in year_first.groups())
    else:
        raise DateError(ErrorCode.not_a_date, given=given)
    return real_day(year, month, day, given)


def real_day(year: int, month: int, day: int, given: str) -> dt.date:
    """The date, or a message saying why it does not exist."""
    if not 1 <= month <= 12:
        raise DateError(ErrorCode.bad_month, given=given)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise DateError(ErrorCode.bad_year, given=given, year=year)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(ErrorCode.bad_day, given=given, month=month, year=year, last=last)
    return dt.date(year, month, day)
