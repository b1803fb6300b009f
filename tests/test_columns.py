"""The engine evaluating a title's applicants as columns gives what deciding each one
directly gives, and results held as columns are written and read like any others.

The reference below decides one applicant the plain way, the way the engine did before it
worked on columns: every item from the applicant's own values, the council's scores, the
decision from the item results. No memory of answers or decisions, no columns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.test_exact_properties import FAST, IDS, read_fields, records, value_of

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.engine import evaluate as engine_evaluate
from hoctap_cli.engine.columns import Decision, RecordApplicants, ResultColumns
from hoctap_cli.engine.evaluate import Engine
from hoctap_cli.engine.results import (
    ApplicantResult,
    GroupScore,
    ItemResult,
    NearMiss,
    Outcome,
    Reason,
    ReasonCode,
    RollupFigure,
    VerdictKind,
)
from hoctap_cli.outputs.data.formats import write_csv, write_json
from hoctap_cli.outputs.data.json_columns import ColumnEncoder
from hoctap_cli.outputs.data.json_text import ResultEncoder
from hoctap_cli.outputs.data.line_columns import LineEncoder
from hoctap_cli.outputs.data.serialise import evaluation_to_dict, result_to_dict
from hoctap_cli.outputs.data.streaming import write_lines
from hoctap_cli.records.record import SourceRow
from hoctap_cli.workflow.mismatches import score_mismatches
from hoctap_cli.workflow.run import Evaluation, TitleResult

ENTRIES = shipped_catalog().entries
AS_OF = dt.date(2025, 12, 31)


def reference(
    engine: Engine,
    values: dict[str, Any],
    source: SourceRow,
    rollups: tuple[RollupFigure, ...] = (),
) -> ApplicantResult:
    """One applicant decided directly from its own values."""
    if rollups:
        values = {**values, **{r.field: r.value for r in rollups if r.value is not None}}
    items = [engine._item(g, i, citation, values) for g, i, citation in engine._items]
    scores = engine._scores
    if scores is not None:
        items = scores.apply(items, values, source.columns) or items
    decision = engine._decide(tuple(items))
    identity = engine.criteria.identity
    return ApplicantResult(
        str(values.get(identity.id, "")),
        values.get(identity.name),
        values.get(identity.village) if identity.village else None,
        engine.criteria.id,
        decision.verdict,
        decision.level,
        decision.total,
        engine._max_total,
        decision.groups,
        decision.items,
        decision.reasons,
        decision.near_miss,
        decision.provisional,
        source,
        values,
        rollups,
    )


def applicants(compiled: CompiledCriteria) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Up to 12 applicants, each with some of its values left blank; many alike."""
    fields = sorted(read_fields(compiled))
    one = st.tuples(records(compiled), st.sets(st.sampled_from(fields) if fields else st.nothing()))
    partial = one.map(lambda drawn: {k: v for k, v in drawn[0].items() if k not in drawn[1]})
    return st.lists(partial, min_size=1, max_size=6).flatmap(
        lambda distinct: st.lists(st.sampled_from(distinct), min_size=1, max_size=12)
    )


def _figures(
    compiled: CompiledCriteria, values: dict[str, Any], data: st.DataObject
) -> tuple[RollupFigure, ...]:
    """The applicant's roll-up values moved out of ``values`` into members' figures; a
    figure that cannot be computed leaves the value read, if the row has one."""
    figures = []
    for rollup in compiled.criteria.rollups:
        value = values.pop(rollup.id, None)
        if data.draw(st.booleans()):
            value = None
            if data.draw(st.booleans()):
                values[rollup.id] = data.draw(
                    value_of(compiled.criteria.rule_fields()[rollup.id], compiled)
                )
        figures.append(
            RollupFigure(
                rollup.id, rollup.title, "m", "p", True, 1, 1, 1, ("x",), (), (), (), value
            )
        )
    return tuple(figures)


@pytest.mark.parametrize("compiled", ENTRIES, ids=IDS)
@FAST
@given(data=st.data())
def test_columns_give_what_each_applicant_alone_gives(
    compiled: CompiledCriteria, data: st.DataObject
) -> None:
    """It decides every applicant of a batch as the plain way decides it alone, on every
    shipped criteria file, the second batch read from the engine's memories."""
    identity = compiled.criteria.identity.id
    rows = [dict(row) for row in data.draw(applicants(compiled))]  # drawn rows repeat
    rollups = [_figures(compiled, row, data) for row in rows]
    values = [{identity: f"A{n}", **row} for n, row in enumerate(rows)]
    sources = [SourceRow("p.xlsx", "S", n + 2, {identity: "B"}) for n in range(len(rows))]
    engine = Engine(compiled)
    with_figures = rollups if compiled.criteria.rollups else None
    for _ in range(2):
        got = engine.evaluate_many(RecordApplicants(values, sources), with_figures)
        expected = [
            reference(Engine(compiled), v, s, r if with_figures else ())
            for v, s, r in zip(values, sources, rollups, strict=True)
        ]
        assert [repr(r) for r in got] == [repr(r) for r in expected]
        # Council scores and part marks are checked on the rows that give one, from the
        # columns: the same problems as checking every result.
        assert score_mismatches(compiled, got) == score_mismatches(compiled, list(got))


def test_one_applicant_is_a_column_of_one() -> None:
    """It gives ``evaluate_one`` the result of a batch of that one applicant."""
    compiled = shipped_catalog().resolve("gia-dinh-hoc-tap@448-2015", AS_OF)
    values = {"ma_ho": "H1", "so_tre_do_tuoi": 2, "so_tre_di_hoc": 1, "diem_tc3": Decimal("7.5")}
    source = SourceRow("p.xlsx", None, 3)
    one = Engine(compiled).evaluate_one(_record(values, source))
    assert one == reference(Engine(compiled), values, source)
    assert one.verdict is VerdictKind.failed  # a child of school age not at school
    assert one.items[0].outcome is Outcome.not_met


def _record(values: dict[str, Any], source: SourceRow) -> Any:
    from hoctap_cli.records.record import Record

    return Record(values, source)


# --- Results held as columns behave as a sequence of results ---------------------------

_ITEM = ItemResult("1.1", "TC1", Outcome.met, Decimal(10), Decimal(10), ("a", "b"), "x", False)
_ODD_TEXT = ['a"b\\c', "tab\there", "line\nbreak", "\x00\x1f\x7f", "\u2028\u2029", "50% hộ"]
_ODD_VALUES: list[Any] = [*_ODD_TEXT, "%s", None, True, False, 0, -0.0, 1.0, 2.5, 1e-7, 1e300]
_ODD_VALUES += [float("nan"), 10**30, dt.date(2025, 1, 2), Decimal("7.50"), Fraction(2, 3)]
_NOT_NAMES = (dt.date, Decimal, Fraction)  # a name is read as text, never as these
_NUMBERED = list(enumerate(_ODD_VALUES))


class _Table:
    """Applicants as columns, built by hand."""

    def __init__(self, rows: list[dict[str, Any]], sources: list[SourceRow]) -> None:
        self.rows, self.sources = rows, sources

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, field: str) -> Sequence[Any]:
        from hoctap_cli.criteria.expr import MISSING

        return [row.get(field, MISSING) for row in self.rows]

    def values(self, index: int) -> dict[str, Any]:
        return self.rows[index]

    def source(self, index: int) -> SourceRow:
        return self.sources[index]


def _decisions() -> list[Decision]:
    """Decisions with odd parts: %, no items, a near miss, shared or not."""
    empty = ItemResult("1.2", "TC%", Outcome.partial, Decimal("-0.0"), None, (), "%", True)
    near = NearMiss("dat", Decimal("77.5"), ("1.1",))
    reasons = (Reason(ReasonCode.total_below, "dat", None, Decimal("2.5"), Decimal(80)),)
    made = []
    for index in range(6):
        items = ((_ITEM, empty) if index % 2 else (_ITEM,)) if index % 3 else ()
        made.append(
            Decision(
                items,
                [VerdictKind.failed, VerdictKind.passed, VerdictKind.incomplete][index % 3],
                None if index % 2 else "dat",
                Decimal("2.5") if index % 2 else Decimal(10),
                (GroupScore("TC%", Decimal("2.5"), Decimal(10)),),
                reasons if index % 2 else (),
                near if index % 3 else None,
                bool(index % 2),
            )
        )
    return made


def _odd_columns() -> ResultColumns:
    rows, sources, decisions, rollups = [], [], [], []
    made = _decisions()
    for index, value in enumerate(_ODD_VALUES):
        rows.append({"a": value, "b": _ODD_VALUES[-index]} if index % 4 else {"b": value})
        file = ['tệp "x".xlsx', "bang-2.xlsx", "p"][index % 3]
        sources.append(SourceRow(file, None if index % 2 else "Trang", index or None))
        decisions.append(made[index % len(made)])
        figure = RollupFigure("f", "t", "m", "p", True, 3, 2, 1, ("y",), (), ("x",), (), value)
        rollups.append((figure,) if index % 5 == 0 else ())
    return ResultColumns(
        "gia-dinh-hoc-tap",
        Decimal(100),
        [str(v) for v in _ODD_VALUES],
        [
            v if i % 2 and not isinstance(v, _NOT_NAMES) else "Tên"
            for i, v in enumerate(_ODD_VALUES)
        ],
        [[_ODD_TEXT[i % len(_ODD_TEXT)], None, 1.0][i % 3] for i in range(len(_ODD_VALUES))],
        decisions,
        _Table(rows, sources),
        rollups,
    )


def test_results_as_columns_are_a_sequence_of_results() -> None:
    """It reads like the list of its results: length, index, slice, iteration, equality."""
    columns = _odd_columns()
    whole = list(columns)
    assert len(columns) == len(whole) == len(_ODD_VALUES)
    assert columns[-1] == whole[-1] and columns[0] == whole[0]
    assert columns[2:5] == whole[2:5]
    assert columns == whole and whole == list(columns)
    assert columns != whole[:-1]
    with pytest.raises(IndexError):
        columns[len(whole)]
    first = whole[0]
    assert first.values == {"b": _ODD_VALUES[0]} and first.rollups and first.source.row is None


def test_columns_write_the_json_the_results_write() -> None:
    """It writes results held as columns byte for byte as the same results one by one,
    and as ``json.dumps`` of the document, as JSON and as NDJSON lines: odd text, %, NaN,
    dates, no row, two files."""
    columns = _odd_columns()
    compiled = shipped_catalog().resolve("gia-dinh-hoc-tap@448-2015", AS_OF)
    as_columns = Evaluation(AS_OF, titles=[TitleResult(compiled, columns)] * 2)
    as_list = dataclasses.replace(as_columns, titles=[TitleResult(compiled, list(columns))] * 2)
    written = []
    for evaluation in (as_columns, as_list):
        stream = io.BytesIO()
        write_json(evaluation, stream)
        written.append(stream.getvalue())
    plain = json.dumps(evaluation_to_dict(as_list), ensure_ascii=False, indent=2) + "\n"
    assert written[0] == written[1] == plain.encode("utf-8")
    lines = []
    for evaluation in (as_columns, as_list):
        chunks: list[bytes] = []
        write_lines(evaluation, chunks.append)
        lines.append(b"".join(chunks))
    assert lines[0] == lines[1]
    assert len(lines[0].splitlines()) == 1 + 2 * len(columns)  # the header, then the results


def test_score_checks_read_from_columns_find_what_every_result_finds() -> None:
    """Council scores above their points, scores that disagree with their items and part
    marks for items not met: found from the columns, in row order, as from each result."""
    households = shipped_catalog().resolve("gia-dinh-hoc-tap@448-2015", AS_OF)
    rows = [
        {"ma_ho": "H1", "diem_tc1": Decimal(40)},  # above the criterion's 30 points
        {"ma_ho": "H2"},
        {"ma_ho": "H3", "so_tre_do_tuoi": 0, "diem_1_3": Decimal(10), "diem_tc1": Decimal(12)},
    ]
    units = shipped_catalog().resolve("don-vi-hoc-tap@tt22-2020", dt.date(2022, 12, 31))
    unit_rows = [
        {"ma_don_vi": "U1", "chia_se_tri_thuc": False, "diem_3_3": Decimal(3)},
        {"ma_don_vi": "U2", "chia_se_tri_thuc": True, "diem_3_3": Decimal(3)},
    ]
    found = []
    for compiled, values in ((households, rows), (units, unit_rows)):
        sources = [SourceRow("p.xlsx", "S", n + 2) for n in range(len(values))]
        got = Engine(compiled).evaluate_many(RecordApplicants(values, sources))
        checked = score_mismatches(compiled, got)
        assert checked == score_mismatches(compiled, list(got))
        found += [(p.code.value, p.row) for p in checked]
    assert found == [
        ("out_of_range", 2),
        ("group_score_mismatch", 4),
        ("part_mark_contradiction", 2),
    ]


def test_full_memories_give_the_same_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """With room for four answers per item and no decision, a batch still gives what each
    applicant alone gives, and an answer past the memory is decided once per column."""
    monkeypatch.setattr(engine_evaluate, "ITEM_MEMORY", 4)
    monkeypatch.setattr(engine_evaluate, "DECISION_MEMORY", 0)
    compiled = shipped_catalog().resolve("gia-dinh-hoc-tap@448-2015", AS_OF)
    values = [
        {"ma_ho": f"H{n}", "so_tre_do_tuoi": n % 10, "so_tre_di_hoc": n % 7} for n in range(210)
    ]
    sources = [SourceRow("p.xlsx", "S", n + 2) for n in range(len(values))]
    engine = Engine(compiled)
    decided: list[str] = []
    item = engine._item

    def counted(group: Any, element: Any, citation: str, row: Any) -> Any:
        decided.append(element.id)
        return item(group, element, citation, row)

    monkeypatch.setattr(engine, "_item", counted)
    got = engine.evaluate_many(RecordApplicants(values, sources))
    expected = [reference(Engine(compiled), v, s) for v, s in zip(values, sources, strict=True)]
    assert [repr(r) for r in got] == [repr(r) for r in expected]
    assert decided.count("1.1") == 70  # each of its 70 distinct answers once, not per row
    assert got.alone == frozenset(range(len(values)))  # no decision could be remembered


def test_decisions_made_for_one_applicant_are_written_without_remembering() -> None:
    """A list of council scores gives each household a decision of its own: the writers
    write those results whole, remembering nothing for them, the same bytes as before."""
    compiled = shipped_catalog().resolve("gia-dinh-hoc-tap@448-2015", AS_OF)
    values = [
        {"ma_ho": f"H{n}", "diem_tc1": Decimal(n % 30), "diem_tc2": Decimal(25)} for n in range(30)
    ]
    sources = [SourceRow("p.xlsx", "S", n + 2) for n in range(len(values))]
    got = Engine(compiled).evaluate_many(RecordApplicants(values, sources))
    assert got.alone == frozenset(range(len(values)))
    encoder = ColumnEncoder("    ")
    written = list(encoder.encode_columns(got))
    assert written == [ResultEncoder("    ").encode(r) for r in got]
    assert not encoder._forms
    lines = LineEncoder()
    assert list(lines.lines(got)) == [
        lines.encode({"kind": "result", **result_to_dict(r)}) for r in got
    ]
    assert not lines._forms


def test_csv_after_other_bytes_still_starts_with_its_bom() -> None:
    """The CSV written into a stream that already holds bytes still has its BOM."""
    compiled = shipped_catalog().resolve("gia-dinh-hoc-tap@448-2015", AS_OF)
    got = Engine(compiled).evaluate_many(
        RecordApplicants([{"ma_ho": "H1"}], [SourceRow("p.xlsx", "S", 2)])
    )
    stream = io.BytesIO()
    stream.write(b"X")
    write_csv(Evaluation(AS_OF, titles=[TitleResult(compiled, got)]), stream)
    assert stream.getvalue().startswith(b"X\xef\xbb\xbfSTT,")
