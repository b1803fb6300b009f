"""Points as a person reads them, where missing never looks like zero.

A group or total the engine could not compute (every item not assessable) is "–" on
screen; one computed in part reads "72 + ?" (72 points known, more may come). In a CSV
file or an annotated copy, where a cell is a number or nothing, both are left empty: an
officer reading 0 would take it for the council's zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from hoctap_cli.engine.results import ApplicantResult, ItemResult, Outcome
from hoctap_cli.exact import Shown, number

UNKNOWN = "–"


def _state(items: Iterable[ItemResult]) -> str:
    """'complete', 'partial' or 'none': how much of these items could be assessed."""
    missing = known = 0
    for item in items:
        if item.outcome is Outcome.not_assessable:
            missing += 1
        else:
            known += 1
    if not missing:
        return "complete"
    return "partial" if known else "none"


def _shown(points: Decimal, state: str) -> str:
    if state == "none":
        return UNKNOWN
    return number(points) + (" + ?" if state == "partial" else "")


def group_text(result: ApplicantResult, group_id: str, points: Decimal) -> str:
    """A group's points for the screen: '20', '10 + ?' or '–'."""
    return _shown(points, _state(i for i in result.items if i.group_id == group_id))


def total_text(result: ApplicantResult) -> str:
    """The total for the screen: '85', '72 + ?' or '–'."""
    return _shown(result.total, _state(result.items))


def known_text(points: Shown, complete: bool) -> str:
    """Points known so far for a paper cell: '84', or '84 + ?' when an item is missing."""
    return number(points) + ("" if complete else " + ?")


def group_value(result: ApplicantResult, group_id: str, points: Decimal) -> Decimal | None:
    """A group's points for a file cell: None (empty) unless every item was assessed."""
    complete = _state(i for i in result.items if i.group_id == group_id) == "complete"
    return points if complete else None


def total_value(result: ApplicantResult) -> Decimal | None:
    """The total for a file cell: None (empty) unless every item was assessed."""
    return result.total if _state(result.items) == "complete" else None


def council_groups(results: Iterable[ApplicantResult]) -> list[str]:
    """Groups given as one council score in any of ``results``, in order of appearance."""
    found: dict[str, None] = {}
    for result in results:
        for item in result.items:
            if item.by_council:
                found.setdefault(item.group_id)
    return list(found)
