"""Golden cases: one YAML file per applicant with the verdict the criteria must give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.engine.evaluate import Engine, Record
from hoctap_cli.engine.results import ApplicantResult, SourceRow

CASES = sorted((Path(__file__).parent / "cases").glob("*/*.yaml"))


def _evaluate(case: dict[str, Any]) -> ApplicantResult:
    compiled = shipped_catalog().resolve(case["criteria"], dt.date(2025, 12, 1))
    record = Record(dict(case["record"]), SourceRow("case.yaml", None, 1))
    return Engine(compiled).evaluate_one(record)


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_case(path: Path) -> None:
    """It gives each golden case its expected verdict, total, items and near-miss."""
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    expect = case["expect"]
    result = _evaluate(case)
    assert result.verdict.value == expect["verdict"], case["description"]
    if "level" in expect:
        assert result.level == expect["level"]
    if "total" in expect:
        assert result.total == pytest.approx(expect["total"])
    groups = {g.group_id: g.points for g in result.groups}
    for group_id, points in expect.get("groups", {}).items():
        assert groups[group_id] == pytest.approx(points), group_id
    outcomes = {item.item_id: item.outcome.value for item in result.items}
    for item_id, outcome in expect.get("items", {}).items():
        assert outcomes[item_id] == outcome, item_id
    if "reasons" in expect:
        assert [r.code.value for r in result.reasons] == expect["reasons"]
    if "near_miss" in expect:
        _check_near_miss(result, expect["near_miss"])


def _check_near_miss(result: ApplicantResult, expected: dict[str, Any] | None) -> None:
    if expected is None:
        assert result.near_miss is None
        return
    assert result.near_miss is not None
    assert result.near_miss.level == expected["level"]
    assert result.near_miss.points_missing == pytest.approx(expected["points_missing"])
    assert list(result.near_miss.items) == expected["items"]


def test_cases_exist() -> None:
    """It finds golden cases for every shipped title."""
    titles = {p.parent.name for p in CASES}
    assert titles >= set(shipped_catalog().titles())
