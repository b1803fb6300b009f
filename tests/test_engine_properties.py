"""Properties of the engine that must hold for any household, drawn by hypothesis."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.model import FieldType, InputField
from hoctap_cli.engine.evaluate import Engine
from hoctap_cli.engine.group_scores import GroupScores
from hoctap_cli.engine.results import ApplicantResult, VerdictKind
from hoctap_cli.exact import ZERO, exact_or_none
from hoctap_cli.records.record import Record, SourceRow

COMPILED = shipped_catalog().resolve("gia-dinh-hoc-tap@448-2015", dt.date(2025, 12, 1))
ENGINE = Engine(COMPILED)
GROUP_SCORES = GroupScores(COMPILED)
CRITERIA = COMPILED.criteria
SCORED = [f for f in CRITERIA.fields if f.type in (FieldType.integer, FieldType.number)]
AWARDED = [item.field for _, item in CRITERIA.items() if item.kind == "awarded" and item.field]
PASS_MARK = exact_or_none(CRITERIA.verdict.levels[0].min_total) or ZERO


def _value(field: InputField) -> st.SearchStrategy[Any]:
    low, high = int(field.min or 0), int(field.max or 10)
    if field.type is FieldType.integer:
        return st.integers(low, high)
    return st.integers(low * 2, high * 2).map(lambda half: half / 2)


complete_records = st.fixed_dictionaries({f.id: _value(f) for f in SCORED})
partial_records = st.fixed_dictionaries({}, optional={f.id: _value(f) for f in SCORED})


def _run(values: dict[str, Any]) -> ApplicantResult:
    return ENGINE.evaluate_one(Record({"ma_ho": "H", **values}, SourceRow("p", None, 1)))


@given(partial_records)
def test_total_is_sum_of_items_and_groups(values: dict[str, Any]) -> None:
    """It makes the total the sum of item points, and of group points."""
    result = _run(values)
    assert result.total == sum(item.points or 0 for item in result.items)
    assert result.total == sum(group.points for group in result.groups)
    for group in result.groups:
        assert 0 <= group.points <= group.max_points


@given(complete_records)
def test_complete_record_passes_exactly_at_the_mark(values: dict[str, Any]) -> None:
    """It passes a complete record exactly when its total reaches the pass mark."""
    result = _run(values)
    assert result.verdict is not VerdictKind.incomplete
    assert (result.verdict is VerdictKind.passed) == (result.total >= PASS_MARK)


@given(complete_records, st.sampled_from(AWARDED), st.integers(1, 20))
def test_more_points_never_turn_pass_into_fail(
    values: dict[str, Any], field: str, extra: int
) -> None:
    """It never turns a pass into a fail when a council awards more points."""
    before = _run(values)
    limit = CRITERIA.field(field).max or 0
    raised = dict(values, **{field: min(limit, values[field] + extra)})
    after = _run(raised)
    assert after.total >= before.total
    if before.verdict is VerdictKind.passed:
        assert after.verdict is VerdictKind.passed


@settings(max_examples=60)
@given(partial_records, st.data())
def test_decided_verdicts_survive_any_completion(
    values: dict[str, Any], data: st.DataObject
) -> None:
    """It decides pass or fail with missing data only when every completion agrees.

    A group the council scored as a whole (its score given, and none of its items given or
    none of them decidable) has no missing items: completing them would ask for the row to
    be scored from its items instead, another reading of the row, not a completion of it."""
    result = _run(values)
    by_council = {item.group_id for item in result.items if item.by_council}
    not_missing = {
        name
        for scored in GROUP_SCORES.scored
        if scored.group.id in by_council
        for name in scored.reads
    }
    filled = {
        f.id: values[f.id] if f.id in values else data.draw(_value(f))
        for f in SCORED
        if f.id in values or f.id not in not_missing
    }
    completed = _run(filled)
    if result.verdict is VerdictKind.incomplete:
        assert any(f.id not in values for f in SCORED)
    else:
        assert completed.verdict is result.verdict


@given(partial_records)
def test_near_miss_closes_the_gap(values: dict[str, Any]) -> None:
    """It proposes near-miss items whose remaining points cover the missing points."""
    result = _run(values)
    near = result.near_miss
    if result.verdict is VerdictKind.passed:
        return
    assert near is not None
    assert near.points_missing == max(ZERO, PASS_MARK - result.total)
    by_id = {item.item_id: item for item in result.items}
    room = sum((by_id[i].max_points or 0) - (by_id[i].points or 0) for i in near.items)
    assert room >= near.points_missing
