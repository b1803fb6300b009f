"""Plain-data (JSON-ready) form of results: English keys, English enum values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hoctap_cli.engine.results import (
    ApplicantResult,
    GroupScore,
    ItemResult,
    NearMiss,
    Outcome,
    Reason,
    RollupFigure,
)
from hoctap_cli.exact import plain_number


def plain(value: Any) -> Any:
    """A value as JSON carries it: dates as ISO text, whole numbers as integers, other
    decimals and shares as their shortest decimal (see ``hoctap_cli.exact``)."""
    if isinstance(value, Decimal | Fraction):
        return plain_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def result_to_dict(result: ApplicantResult) -> dict[str, Any]:
    values = result.values
    missing = missing_groups(result.items)
    return {
        "id": result.id,
        "title": result.title,
        "name": result.name,
        "village": result.village,
        "verdict": result.verdict.value,
        "level": result.level,
        "total": plain(result.total),
        "max_total": plain(result.max_total),
        "total_complete": not missing,
        "provisional": result.provisional,
        "groups": [group_to_dict(group, group.group_id not in missing) for group in result.groups],
        "items": [item_to_dict(item, values) for item in result.items],
        "reasons": [reason_to_dict(reason) for reason in result.reasons],
        "near_miss": near_miss_to_dict(result.near_miss),
        "rollups": [rollup_to_dict(figure) for figure in result.rollups],
        "source": result.source.to_dict(),
    }


def missing_groups(items: tuple[ItemResult, ...]) -> frozenset[str]:
    """Groups with an item that could not be assessed: their points, and the total, are
    only what is known (a reader must not take them for complete)."""
    return frozenset(i.group_id for i in items if i.outcome is Outcome.not_assessable)


def group_to_dict(group: GroupScore, complete: bool = True) -> dict[str, Any]:
    return {
        "id": group.group_id,
        "points": plain(group.points),
        "max_points": plain(group.max_points),
        "complete": complete,
    }


def item_to_dict(item: ItemResult, values: Mapping[str, Any]) -> dict[str, Any]:
    """One criterion's result, with the values its rule read from ``values``."""
    return {
        "id": item.item_id,
        "group": item.group_id,
        "outcome": item.outcome.value,
        "points": plain(item.points),
        "max_points": plain(item.max_points),
        "values": {f: plain(values.get(f)) for f in item.fields},
        "citation": item.citation,
        "provisional": item.provisional,
        "by_council": item.by_council,
    }


def near_miss_to_dict(near_miss: NearMiss | None) -> dict[str, Any] | None:
    if near_miss is None:
        return None
    return {
        "level": near_miss.level,
        "points_missing": plain(near_miss.points_missing),
        "items": list(near_miss.items),
    }


def rollup_to_dict(figure: RollupFigure) -> dict[str, Any]:
    return {
        "field": figure.field,
        "title": figure.title,
        "measure": figure.measure,
        "incomplete_policy": figure.policy,
        "available": figure.available,
        "members": figure.members,
        "counted": figure.counted,
        "held": figure.held,
        "held_ids": list(figure.held_ids),
        "by_prior": list(figure.by_prior),
        "value": plain(figure.value),
        "not_held": list(figure.not_held),
        "incomplete": list(figure.incomplete),
    }


def reason_to_dict(reason: Reason) -> dict[str, Any]:
    return {
        "code": reason.code.value,
        "level": reason.level,
        "subject": reason.subject,
        "actual": plain(reason.actual),
        "required": plain(reason.required),
        "items": list(reason.items),
    }
