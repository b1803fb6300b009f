"""Which criteria set was in force on a date, and the notice when hoctap falls back. Pure.

The national sets for families, clans and villages (QĐ 448, 2016–2020) were replaced for
2021–2030 by a document whose content hoctap does not have. hoctap still evaluates with
the latest set it ships, but every output then says so, in words and as data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hoctap_cli.criteria.model import Criteria


@dataclass(frozen=True)
class Fallback:
    """A criteria set used outside its period because its successor is not shipped."""

    criteria_id: str
    version: str
    period: str | None
    successor: str | None  # the replacing document, when known
    successor_available: bool
    message: str  # the Vietnamese notice every output carries

    def to_dict(self) -> dict[str, Any]:
        return {
            "criteria_id": self.criteria_id,
            "version": self.version,
            "period": self.period,
            "superseded_by": self.successor,
            "superseded_content_available": self.successor_available,
            "message": self.message,
        }


def in_force_on(criteria: Criteria, on: dt.date) -> bool:
    """Whether ``on`` falls between the set's first and last day in force."""
    until = criteria.effective_until
    return criteria.effective_from <= on and (until is None or on <= until)


def fallback_for(criteria: Criteria, on: dt.date) -> Fallback | None:
    """The notice for using ``criteria`` on ``on``; None when the set was in force then."""
    if in_force_on(criteria, on):
        return None
    successor = criteria.superseded_by
    return Fallback(
        criteria.id,
        criteria.version,
        criteria.period,
        successor.document if successor else None,
        bool(successor and successor.content_available),
        fallback_message(criteria, on),
    )


def fallback_message(criteria: Criteria, on: dt.date) -> str:
    """'Bộ tiêu chí 448 thuộc giai đoạn 2016–2020, đã được thay bằng …; hãy dùng …'."""
    number = criteria.document.number.split("/")[0]
    if criteria.period:
        when = f"thuộc giai đoạn {criteria.period}"
    elif criteria.effective_until and on > criteria.effective_until:
        when = f"hết hiệu lực sau ngày {criteria.effective_until:%d/%m/%Y}"
    else:
        when = f"chỉ có hiệu lực từ ngày {criteria.effective_from:%d/%m/%Y}"
    successor = criteria.superseded_by
    if successor is None:
        replaced = "chưa rõ văn bản nào thay thế"
    else:
        year = successor.year or (successor.date.year if successor.date else None)
        replaced = f"đã được thay bằng {successor.document}" + (f" năm {year}" if year else "")
        if not successor.content_available:
            replaced += " mà công cụ chưa có nội dung"
    return (
        f"Bộ tiêu chí {number} ({criteria.title}) {when}, {replaced}; kết quả năm {on.year} "
        "chỉ là tạm xét theo bộ này: hãy dùng bộ tiêu chí của tỉnh."
    )
