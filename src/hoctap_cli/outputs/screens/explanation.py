"""The full trace of one applicant: every cell read, rule, points and citation. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.model import Item
from hoctap_cli.engine.results import ApplicantResult, ItemResult
from hoctap_cli.exact import plain
from hoctap_cli.outputs.data.serialise import (
    criteria_stamp,
    missing_groups,
    near_miss_to_dict,
    reason_to_dict,
    rollup_to_dict,
)


def trace(
    result: ApplicantResult, compiled: CompiledCriteria, raw: Mapping[str, Any]
) -> dict[str, Any]:
    """Everything that decided ``result``; ``raw`` is its source row (column → stored cell)."""
    criteria = compiled.criteria
    items = {item.id: item for _, item in criteria.items()}
    return {
        "title": criteria.id,
        "criteria": criteria_stamp(compiled),
        "id": result.id,
        "name": result.name,
        "village": result.village,
        "verdict": result.verdict.value,
        "level": result.level,
        "total": plain(result.total),
        "max_total": plain(result.max_total),
        "total_complete": not missing_groups(result.items),
        "source": result.source.to_dict(),
        "items": [
            {
                "id": item.item_id,
                **_described(item, items, compiled),
                "outcome": item.outcome.value,
                "points": plain(item.points),
                "max_points": plain(item.max_points),
                "citation": item.citation,
                "provisional": item.provisional,
                "by_council": item.by_council,
                "cells": [_cell(f, result, compiled, raw) for f in item.fields],
            }
            for item in result.items
        ],
        "rollups": [rollup_to_dict(figure) for figure in result.rollups],
        "reasons": [reason_to_dict(reason) for reason in result.reasons],
        "near_miss": near_miss_to_dict(result.near_miss),
    }


def _described(
    item: ItemResult, items: Mapping[str, Item], compiled: CompiledCriteria
) -> dict[str, str]:
    """What a criterion is and how it was decided; for a group given as one council score,
    the group and the column its score was read from."""
    criteria = compiled.criteria
    if item.by_council:
        group = next(g for g in criteria.groups if g.id == item.group_id)
        column = criteria.field(item.fields[0]).label
        return {"label": group.label, "rule": f"điểm do hội đồng chấm cả tiêu chí, cột '{column}'"}
    declared = items[item.item_id]
    rule = declared.rule or f"điểm hội đồng ở cột '{criteria.field(declared.field or '').label}'"
    return {"label": declared.label, "rule": rule}


def _cell(
    field_id: str, result: ApplicantResult, compiled: CompiledCriteria, raw: Mapping[str, Any]
) -> dict[str, Any]:
    """Where one value came from: a cell of the input, or a roll-up of members."""
    rollups = {r.id for r in compiled.criteria.rollups}
    column = result.source.columns.get(field_id)
    return {
        "field": field_id,
        "label": compiled.criteria.rule_fields()[field_id].label,
        "from": "rollup" if field_id in rollups else ("cell" if column else "absent"),
        "sheet": result.source.sheet,
        "row": result.source.row,
        "column": column,
        "raw": plain(raw.get(column)) if column else None,
        "value": plain(result.values.get(field_id)),
    }
