"""Dates as people type them: 31/12/2025 as well as 2025-12-31, checked for real days."""

from __future__ import annotations

import calendar
import datetime as dt
import re

EXPECTED = "cần ngày dạng ngày/tháng/năm, ví dụ 31/12/2025 (hoặc 2025-12-31)"

_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class DateError(ValueError):
    """A date that cannot be read; the message is for people (Vietnamese)."""


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
        raise DateError(f"'{given}' không phải một ngày: {EXPECTED}")
    return real_day(year, month, day, given)


def real_day(year: int, month: int, day: int, given: str) -> dt.date:
    """The date, or a message saying why it does not exist."""
    if not 1 <= month <= 12:
        raise DateError(f"ngày '{given}' không có thật: tháng phải từ 1 đến 12")
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise DateError(f"ngày '{given}' không có thật: năm {year} ngoài khoảng dùng được")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(
            f"ngày '{given}' không có thật: tháng {month} năm {year} chỉ có {last} ngày"
        )
    return dt.date(year, month, day)
