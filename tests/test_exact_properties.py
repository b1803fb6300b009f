"""Verdicts you can sign, over every shipped criteria file and every rule kind.

Parametrised on the catalogue, so a new criteria file is covered without a new test:

- a pass or fail is unchanged by every completion of the missing values within their
  bounds (so whenever some completion would change it, the verdict is incomplete);
- points with one decimal that add up exactly to a pass mark meet it, in any order; a
  share exactly at a threshold meets it;
- an incomplete member never counts as holding a title;
- raising an awarded score, or an item's outcome, never lowers a verdict or a level.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.constraints import broken
from hoctap_cli.criteria.model import (
    Constraint,
    ConstraintOp,
    FieldType,
    IncompleteMembers,
    InputField,
    RollupMeasure,
)
from hoctap_cli.criteria.probe import _literals
from hoctap_cli.engine.evaluate import Engine
from hoctap_cli.engine.results import ApplicantResult, VerdictKind
from hoctap_cli.engine.titles import _measure, evaluate_titles
from hoctap_cli.exact import exact_or_none
from hoctap_cli.outputs.words.rollup_wording import MAX_IDS, describe
from hoctap_cli.records.record import Record, SourceRow

ENTRIES = shipped_catalog().entries
IDS = [f"{e.criteria.id}@{e.criteria.version}" for e in ENTRIES]
ENGINES = {id(e): Engine(e) for e in ENTRIES}
RANK = {VerdictKind.failed: 0, VerdictKind.incomplete: 1, VerdictKind.passed: 2}
# HOCTAP_EXAMPLES=500 for a deeper search than the CI default.
FAST = settings(
    max_examples=int(os.environ.get("HOCTAP_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
every_file = pytest.mark.parametrize("compiled", ENTRIES, ids=IDS)


def read_fields(compiled: CompiledCriteria) -> dict[str, InputField]:
    """Every field a rule or an awarded item reads, roll-up figures included."""
    fields = compiled.criteria.rule_fields()
    used = {f for rule in compiled.rules.values() for f in rule.fields}
    used |= {item.field for _, item in compiled.criteria.items() if item.field}
    return {f: fields[f] for f in sorted(used)}


def _bounds(field: InputField, default_high: int) -> tuple[int, int]:
    low = int(field.min) if field.min is not None else 0
    return low, int(field.max) if field.max is not None else low + default_high


def value_of(
    field: InputField, compiled: CompiledCriteria, high: bool = False
) -> st.SearchStrategy[Any]:
    """Values as the readers give them: counts, one-decimal Decimals, shares as fractions.

    ``high`` draws every score from the top fifth of its range: verdicts are decided near
    the pass marks, which values drawn evenly seldom reach all at once."""
    rollup = next((r for r in compiled.criteria.rollups if r.id == field.id), None)
    if rollup is not None and rollup.measure is RollupMeasure.share:
        counted = st.integers(1, 30)
        return counted.flatmap(
            lambda n: st.integers(n * 4 // 5 if high else 0, n).map(lambda h: Fraction(100 * h, n))
        )
    if field.type is FieldType.integer:
        low, top = _bounds(field, 40)
        return st.integers(low, top) | st.sampled_from(sorted({low, low + 1, top}))
    if field.type is FieldType.number:
        low, top = _bounds(field, 100)
        tenths = st.integers(top * 8, top * 10) if high else st.integers(low * 10, top * 10)
        return tenths.map(lambda t: Decimal(t) / 10)
    if field.type is FieldType.boolean:
        return st.booleans()
    if field.type is FieldType.choice:
        return st.sampled_from([choice.value for choice in field.choices])
    if field.type is FieldType.date:
        return st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))
    return st.sampled_from(["A", "B"])


def records(compiled: CompiledCriteria, high: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    """Complete records that are possible: the file's constraints hold (a part never exceeds
    its whole), as the reader guarantees for every record it passes on."""
    fields = read_fields(compiled)
    drawn = st.fixed_dictionaries(
        {f: value_of(field, compiled, high) for f, field in fields.items()}
    )
    constraints = compiled.criteria.constraints
    return drawn.map(lambda values: possible(values, constraints)).filter(
        lambda values: not broken(values, constraints)
    )


def possible(values: dict[str, Any], constraints: list[Constraint]) -> dict[str, Any]:
    """``values`` with each part lowered to its whole (raised for '>='), in the file's order."""
    fixed = dict(values)
    for constraint in constraints:
        left, right = fixed.get(constraint.field), fixed.get(constraint.other)
        if left is None or right is None:
            continue
        if constraint.op is ConstraintOp.at_most:
            fixed[constraint.field] = min(left, right)
        elif constraint.op is ConstraintOp.at_least:
            fixed[constraint.field] = max(left, right)
    return fixed


def run(compiled: CompiledCriteria, values: Mapping[str, Any]) -> ApplicantResult:
    record = Record({compiled.criteria.identity.id: "A1", **values}, SourceRow("p", None, 1))
    return ENGINES[id(compiled)].evaluate_one(record)


def extremes(compiled: CompiledCriteria, missing: set[str], high: bool) -> dict[str, Any]:
    """Every missing value at one end of its bounds (all yes, or all no)."""
    fields = read_fields(compiled)
    chosen: dict[str, Any] = {}
    for name in missing:
        field = fields[name]
        if field.type is FieldType.boolean:
            chosen[name] = high
        elif field.type is FieldType.choice:
            chosen[name] = field.choices[-1 if high else 0].value
        elif field.type in (FieldType.integer, FieldType.number):
            low, top = _bounds(field, 40)
            if field.type is FieldType.integer:
                chosen[name] = top if high else low
            else:
                chosen[name] = Decimal(top if high else low)
        elif field.type is FieldType.date:
            chosen[name] = dt.date(2030, 12, 31) if high else dt.date(2015, 1, 1)
        else:
            chosen[name] = "B" if high else "A"
    return chosen


@every_file
@FAST
@given(data=st.data())
def test_a_decided_verdict_holds_for_every_completion(
    compiled: CompiledCriteria, data: st.DataObject
) -> None:
    """It keeps a pass or fail whatever the missing values turn out to be."""
    full = data.draw(records(compiled, high=data.draw(st.booleans())))
    missing = data.draw(st.sets(st.sampled_from(sorted(full)))) if full else set()
    partial = {k: v for k, v in full.items() if k not in missing}
    verdict = run(compiled, partial).verdict
    completions = [full]
    completions += [{**full, **extremes(compiled, missing, high)} for high in (False, True)]
    # Only possible completions: one that breaks a constraint is no record the reader passes.
    completions = [c for c in completions if not broken(c, compiled.criteria.constraints)]
    outcomes = {run(compiled, completed).verdict for completed in completions}
    if verdict is not VerdictKind.incomplete:
        assert outcomes == {verdict}, (partial, missing)
    if len(outcomes) > 1:  # some completion changes it: only incomplete may be said
        assert verdict is VerdictKind.incomplete


POINT_FILES = [
    e
    for e in ENTRIES
    if any(level.min_total is not None for level in e.criteria.verdict.levels)
    and any(item.kind == "awarded" for _, item in e.criteria.items())
]


@pytest.mark.parametrize("compiled", POINT_FILES, ids=[IDS[ENTRIES.index(e)] for e in POINT_FILES])
@FAST
@given(data=st.data())
def test_b_one_decimal_points_adding_up_to_a_mark_meet_it(
    compiled: CompiledCriteria, data: st.DataObject
) -> None:
    """It meets a pass mark reached exactly by council scores with one decimal."""
    criteria = compiled.criteria
    level = data.draw(st.sampled_from([lv for lv in criteria.verdict.levels if lv.min_total]))
    values = data.draw(records(compiled))
    awarded = [item for _, item in criteria.items() if item.kind == "awarded"]
    for item in awarded:
        values.pop(item.field or "", None)
    computed = sum((r.points or 0 for r in run(compiled, values).items), Decimal(0))
    mark = exact_or_none(level.min_total) or Decimal(0)
    room = [int((exact_or_none(item.points) or 0) * 10) for item in awarded]
    wanted = int((mark - computed) * 10)
    assume(wanted <= sum(room))  # the computed items left too much for the council to give
    if wanted < 0:  # the computed items alone pass: the council gives nothing
        wanted, mark = 0, computed
    order = data.draw(st.permutations(range(len(awarded))))
    left = wanted
    for index in order:  # split the tenths in a drawn order, each within its item's points
        share = data.draw(
            st.integers(max(0, left - sum(room) + room[index]), min(room[index], left))
        )
        values[awarded[index].field or ""] = Decimal(share) / 10
        left -= share
        room[index] = 0
    result = run(compiled, values)
    assert result.total == mark
    assert not any(r.code.value == "total_below" and r.level == level.id for r in result.reasons), (
        result.reasons
    )
    assert float(result.total) == float(mark)  # written as the mark, never 79.99999999999999


SHARE_FILES = [
    e for e in ENTRIES if any(r.measure is RollupMeasure.share for r in e.criteria.rollups)
]


@pytest.mark.parametrize("compiled", SHARE_FILES, ids=[IDS[ENTRIES.index(e)] for e in SHARE_FILES])
@FAST
@given(data=st.data())
def test_b_a_share_exactly_at_a_threshold_meets_it(
    compiled: CompiledCriteria, data: st.DataObject
) -> None:
    """It computes a share of members as the exact ratio, so 7 of 10 is 70 and meets 70."""
    shares = {r.id for r in compiled.criteria.rollups if r.measure is RollupMeasure.share}
    for item_id, rule in compiled.rules.items():
        if not shares & set(rule.fields):
            continue
        numbers, _ = _literals(rule.source)
        for threshold in sorted(n for n in numbers if 0 < n <= 100):
            step = 100 // _gcd(100, int(threshold)) if float(threshold).is_integer() else 0
            if not step:
                continue
            counted = step * data.draw(st.integers(1, 5))
            held = counted * int(threshold) // 100
            value = _measure(RollupMeasure.share, held, counted)
            assert value == threshold, (item_id, held, counted)
            other = data.draw(records(compiled))
            exact = rule.run({**other, **dict.fromkeys(shares & set(rule.fields), value)})
            as_number = rule.run({**other, **dict.fromkeys(shares & set(rule.fields), threshold)})
            assert exact == as_number, (item_id, held, counted)


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


@every_file
@FAST
@given(data=st.data())
def test_d_raising_an_outcome_or_a_score_never_lowers_the_verdict(
    compiled: CompiledCriteria, data: st.DataObject
) -> None:
    """It never lowers a verdict or a level when an awarded score rises, or when a blank
    indicator gets its full points."""
    values = data.draw(records(compiled))
    before = run(compiled, values)
    awarded = [item for _, item in compiled.criteria.items() if item.kind == "awarded"]
    raised = dict(values)
    if awarded and data.draw(st.booleans()):
        item = data.draw(st.sampled_from(awarded))
        top = exact_or_none(item.points) or Decimal(0)
        current = raised.get(item.field or "", Decimal(0))
        raised[item.field or ""] = data.draw(
            st.integers(int(current * 10), int(top * 10)).map(lambda t: Decimal(t) / 10)
        )
    else:  # drop a value: missing data may only move pass/fail towards incomplete
        name = data.draw(st.sampled_from(sorted(values))) if values else None
        raised.pop(name or "", None)
        after = run(compiled, raised)
        assert after.verdict in (before.verdict, VerdictKind.incomplete)
        return
    after = run(compiled, raised)
    assert RANK[after.verdict] >= RANK[before.verdict], (values, raised)
    levels = [level.id for level in compiled.criteria.verdict.levels]
    if before.level is not None:
        assert after.level is not None
        assert levels.index(after.level) >= levels.index(before.level)


PAIRS = [
    (parent, member, rollup.id)
    for parent in ENTRIES
    for rollup in parent.criteria.rollups
    for member in shipped_catalog().versions(rollup.title)
]


def test_c_every_file_is_a_parent_or_a_member() -> None:
    """It covers every shipped file that counts members or is counted, in the member-counting
    property below (a file with no roll-up that no other file counts has no members)."""
    covered = {id(p) for p, _, _ in PAIRS} | {id(m) for _, m, _ in PAIRS}
    counted = {rollup.title for e in ENTRIES for rollup in e.criteria.rollups}
    taking_part = {id(e) for e in ENTRIES if e.criteria.rollups or e.criteria.id in counted}
    assert covered == taking_part


@pytest.mark.parametrize(
    ("parent", "member", "rollup_id"),
    PAIRS,
    ids=[f"{IDS[ENTRIES.index(p)]}<-{IDS[ENTRIES.index(m)]}:{r}" for p, m, r in PAIRS],
)
@FAST
@given(data=st.data())
def test_c_an_incomplete_member_never_holds_the_title(
    parent: CompiledCriteria, member: CompiledCriteria, rollup_id: str, data: st.DataObject
) -> None:
    """It never counts a member whose verdict is incomplete as holding the title (unless an
    earlier recognition still holds), and says how each incomplete member was counted."""
    rollup = next(r for r in parent.criteria.rollups if r.id == rollup_id)
    year = 2025
    count = 1 if rollup.link is None else data.draw(st.integers(1, 6))
    prior_field = member.criteria.recognition.prior_field
    members = []
    for index in range(count):
        full = data.draw(records(member))
        missing = data.draw(st.sets(st.sampled_from(sorted(full)))) if full else set()
        values = {k: v for k, v in full.items() if k not in missing}
        values[member.criteria.identity.id] = "P1" if rollup.link is None else f"M{index}"
        if rollup.link is not None:
            values[rollup.link] = "P1"
        if prior_field and data.draw(st.booleans()):
            values[prior_field] = data.draw(st.integers(year - 3, year))
        members.append(Record(values, SourceRow("m", None, index + 2)))
    parent_values = {**data.draw(records(parent)), parent.criteria.identity.id: "P1"}
    for r in parent.criteria.rollups:
        parent_values.pop(r.id, None)  # counted from the members, not given
    batches = {parent.criteria.id: [Record(parent_values, SourceRow("p", None, 1))]}
    batches[member.criteria.id] = members
    criteria = {parent.criteria.id: parent, member.criteria.id: member}
    outcome = evaluate_titles(batches, criteria, year)
    verdicts = {r.id: r for r in outcome.results[member.criteria.id]}
    (result,) = outcome.results[parent.criteria.id]
    figure = next(f for f in result.rollups if f.field == rollup_id)
    for held in figure.held_ids:
        by_prior = held in figure.by_prior
        assert verdicts[held].verdict is VerdictKind.passed or by_prior
        if by_prior:
            prior = verdicts[held].values.get(prior_field or "")
            assert isinstance(prior, int) and member.criteria.recognition.still_valid(prior, year)
    incomplete = {i for i, r in verdicts.items() if r.verdict is VerdictKind.incomplete}
    assert not (incomplete - set(figure.by_prior)) & set(figure.held_ids)
    assert set(figure.incomplete) == incomplete - set(figure.held_ids)
    if rollup.incomplete is IncompleteMembers.exclude:
        assert figure.counted == figure.members - len(figure.incomplete)
    else:
        assert set(figure.incomplete) <= set(figure.not_held)
    line = describe(figure, rollup.label, None, {})
    for member_id in figure.incomplete[:MAX_IDS]:
        assert member_id in line


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_a_share_is_shown_as_the_one_rounding_rule_says(part: int, whole: int) -> None:
    """It writes part/whole as a percentage rounded as points are, halves away from zero
    (1/16 is 6,3%: formatting the float rounded it to 6,2%), from the exact share or from
    the JSON's float for it alike."""
    from hoctap_cli.exact import plain_number, share
    from hoctap_cli.outputs.words.rollup_wording import percent

    exact = share(part, whole)
    assert exact is not None
    expected = (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), "ROUND_HALF_UP")
    assert percent(exact) == f"{expected:f}%".replace(".", ",")
    if exact.denominator in (1, 2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 80, 100):
        assert percent(plain_number(exact)) == percent(exact)  # a float that is exact
    assert share(part, 0) is None


def test_one_sixteenth_is_six_point_three_percent() -> None:
    """The tie the float formatting got wrong."""
    from hoctap_cli.outputs.words.rollup_wording import percent

    assert (percent(Fraction(1, 16)), percent(0.0625), percent(None)) == ("6,3%", "6,3%", "–")
