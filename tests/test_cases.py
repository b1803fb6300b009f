"""Golden cases: one YAML file per applicant with the verdict the criteria must give."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.engine.titles import evaluate_titles
from hoctap_cli.problems import Problem
from hoctap_cli.workflow.checked import read_mappings
from hoctap_cli.workflow.mismatches import score_mismatches

CASES = sorted((Path(__file__).parent / "cases").glob("*/*.yaml"))


def _evaluate(case: dict[str, Any]) -> tuple[ApplicantResult, list[Problem]]:
    """Evaluate the case's applicant together with its members, bottom-up, each record read
    as a workbook row would be ("có" → True, constraints checked) by the checked entry."""
    as_of = case.get("as_of", dt.date(2025, 12, 1))
    catalog = shipped_catalog()
    main = catalog.resolve(case["criteria"], as_of)
    criteria = {main.criteria.id: main}
    read = read_mappings(main, [case["record"]], "case.yaml")
    batches = {main.criteria.id: read.records}
    problems = list(read.problems)
    for name, records in case.get("members", {}).items():
        compiled = catalog.resolve(name, as_of)
        criteria[compiled.criteria.id] = compiled
        members = read_mappings(compiled, records, f"case.yaml ({name})")
        batches[compiled.criteria.id] = members.records
        problems += members.problems
    outcome = evaluate_titles(batches, criteria, as_of.year, as_of)
    result = outcome.results[main.criteria.id][0]
    # Council scores checked against the row, as ``evaluate`` does after the engine.
    problems += score_mismatches(main, [result])
    return result, problems + outcome.problems


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_case(path: Path) -> None:
    """It gives each golden case its expected verdict, total, items and near-miss."""
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    expect = case["expect"]
    result, problems = _evaluate(case)
    assert result.verdict.value == expect["verdict"], case["description"]
    if "level" in expect:
        assert result.level == expect["level"]
    if "total" in expect:
        assert result.total == Decimal(str(expect["total"]))  # exactly, not approximately
    groups = {g.group_id: g.points for g in result.groups}
    for group_id, points in expect.get("groups", {}).items():
        assert groups[group_id] == Decimal(str(points)), group_id
    outcomes = {item.item_id: item.outcome.value for item in result.items}
    for item_id, expected_outcome in expect.get("items", {}).items():
        assert outcomes[item_id] == expected_outcome, item_id
    if "reasons" in expect:
        assert [r.code.value for r in result.reasons] == expect["reasons"]
    if "near_miss" in expect:
        _check_near_miss(result, expect["near_miss"])
    figures = {figure.field: figure for figure in result.rollups}
    for field_id, expected in expect.get("rollups", {}).items():
        for key, value in expected.items():
            actual = getattr(figures[field_id], key)
            if isinstance(value, list):
                assert list(actual) == value, (field_id, key)
            else:
                assert actual == pytest.approx(value), (field_id, key)
    if "problems" in expect:
        assert sorted(p.code.value for p in problems) == sorted(expect["problems"])


def _check_near_miss(result: ApplicantResult, expected: dict[str, Any] | None) -> None:
    if expected is None:
        assert result.near_miss is None
        return
    assert result.near_miss is not None
    assert result.near_miss.level == expected["level"]
    assert result.near_miss.points_missing == Decimal(str(expected["points_missing"]))
    assert list(result.near_miss.items) == expected["items"]


def test_cases_exist() -> None:
    """It finds golden cases for every shipped title."""
    titles = {p.parent.name for p in CASES}
    assert titles >= set(shipped_catalog().titles())
