"""The fast output path writes exactly what the plain path wrote.

The JSON, CSV and table outputs of the examples are compared byte for byte with golden
files written by the plain (pre-optimisation) code, and the streamed JSON with the plain
``json.dumps(evaluation_to_dict(...))`` built the straightforward way.

Regenerate the golden files only when an output is meant to change:
``HOCTAP_REGENERATE_GOLDEN=1 pytest tests/test_fast_path.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from tests.support import EXAMPLE_XLSX, EXAMPLE_YAML, ROOT

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.model import FieldType, InputField
from hoctap_cli.engine import evaluate as engine_evaluate
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
from hoctap_cli.records.record import Record, SourceRow
from hoctap_cli.report.console import render_evaluation
from hoctap_cli.report.formats import to_csv, to_json, write_json
from hoctap_cli.serialise import evaluation_to_dict
from hoctap_cli.service import Evaluation, LevelResult, evaluate_paths

GOLDEN = Path(__file__).with_name("fast_path")
REGENERATE = os.environ.get("HOCTAP_REGENERATE_GOLDEN") == "1"
AS_OF = dt.date(2025, 12, 31)

# name → (inputs, criteria). The commune workbook has every title, several levels deep; the
# district one is 1,000 households from bench/generate.py (shared strings, typing mistakes).
CASES: dict[str, tuple[list[Path], str | None]] = {
    "thon-xlsx": ([EXAMPLE_XLSX], None),
    "thon-yaml": ([EXAMPLE_YAML], None),
    "thon-tieu-chi-tinh": ([EXAMPLE_XLSX], str(ROOT / "examples" / "tieu-chi-tinh-vi-du.yaml")),
    "xa-nhieu-cap": ([GOLDEN / "xa-mau-nhieu-cap.xlsx"], None),
    "huyen-1000-ho": ([GOLDEN / "huyen-1000-ho.xlsx"], None),
}


def _evaluate(name: str) -> Evaluation:
    paths, criteria = CASES[name]
    return evaluate_paths(paths, shipped_catalog(), criteria, AS_OF)


def _portable(data: bytes) -> bytes:
    """Absolute paths of this checkout replaced, so golden files hold wherever it lives."""
    return data.replace(str(ROOT).encode("utf-8"), b"<ROOT>")


def _table(evaluation: Evaluation) -> bytes:
    console = Console(record=True, width=200, file=io.StringIO())
    console.print(render_evaluation(evaluation, 200))
    return console.export_text().encode("utf-8")


def _plain_json(evaluation: Evaluation) -> bytes:
    """The JSON document built the straightforward way: one dict, one ``json.dumps``."""
    document = evaluation_to_dict(evaluation)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _streamed_json(evaluation: Evaluation) -> bytes:
    stream = io.BytesIO()
    write_json(evaluation, stream)
    return stream.getvalue()


def _check_golden(name: str, suffix: str, data: bytes) -> None:
    path = GOLDEN / f"{name}.{suffix}.gz"
    data = _portable(data)
    if REGENERATE:
        with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
            handle.write(data)
    expected = gzip.decompress(path.read_bytes())
    assert data == expected, f"{name}.{suffix} differs from its golden file"


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> tuple[str, Evaluation]:
    name: str = request.param
    return name, _evaluate(name)


def test_json_equals_golden(case: tuple[str, Evaluation]) -> None:
    """It writes the same JSON bytes as the plain path did, for every example."""
    name, evaluation = case
    _check_golden(name, "json", to_json(evaluation))


def test_streamed_json_equals_golden(case: tuple[str, Evaluation]) -> None:
    """It streams the same JSON bytes to a file as ``to_json`` returns."""
    name, evaluation = case
    _check_golden(name, "json", _streamed_json(evaluation))


def test_json_equals_plain_dumps(case: tuple[str, Evaluation]) -> None:
    """It writes exactly ``json.dumps(evaluation_to_dict(...), indent=2)`` plus a newline."""
    _, evaluation = case
    plain = _plain_json(evaluation)
    assert to_json(evaluation) == plain
    assert _streamed_json(evaluation) == plain


def test_csv_equals_golden(case: tuple[str, Evaluation]) -> None:
    """It writes the same CSV bytes as the plain path did."""
    name, evaluation = case
    _check_golden(name, "csv", to_csv(evaluation))


def test_table_equals_golden(case: tuple[str, Evaluation]) -> None:
    """It prints the same verdict tables as the plain path did."""
    name, evaluation = case
    _check_golden(name, "txt", _table(evaluation))


# --- The engine's memories change nothing ----------------------------------------------

COMPILED = shipped_catalog().resolve("gia-dinh-hoc-tap@448-2015", AS_OF)
SCORED = [f for f in COMPILED.criteria.fields if f.type in (FieldType.integer, FieldType.number)]


def _field_value(field: InputField) -> st.SearchStrategy[Any]:
    """Values as readers give them, and a few they never do (-0.0, 1.0 in a count, text)."""
    low, high = int(field.min or 0), int(field.max or 10)
    if field.type is FieldType.integer:
        return st.one_of(st.integers(low, high), st.sampled_from([0.0, -0.0, 1.0, True]))
    halves = st.integers(low * 2, high * 2).map(lambda half: half / 2)
    return st.one_of(halves, st.sampled_from([0, 0.0, -0.0, 1.0, 7.25, "8", False]))


households = st.lists(
    st.fixed_dictionaries({}, optional={f.id: _field_value(f) for f in SCORED}),
    min_size=1,
    max_size=40,
)


def _records(rows: list[dict[str, Any]]) -> list[Record]:
    return [
        Record({"ma_ho": f"H{i}", "chu_ho": "Nguyễn Văn A", **row}, SourceRow("p", "s", i))
        for i, row in enumerate(rows, start=2)
    ]


def _exact(result: ApplicantResult) -> str:
    """Everything about a result, -0.0 told from 0.0 and 1 from 1.0."""
    return repr(result)


@settings(max_examples=60, deadline=None)
@given(households)
def test_shared_engine_equals_fresh_engines(rows: list[dict[str, Any]]) -> None:
    """It gives every applicant what a fresh engine with no memory gives."""
    shared = Engine(COMPILED)
    for record in _records(rows + rows):  # twice: the second round is remembered
        assert _exact(shared.evaluate_one(record)) == _exact(Engine(COMPILED).evaluate_one(record))


def test_engine_without_memory_room_gives_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """It gives the same results when its memories are full from the start."""
    records = _records([{f.id: 1 for f in SCORED}, {}, {"diem_tc3": 20.0, "so_nguoi_lon": 2}])
    roomy = [_exact(r) for r in map(Engine(COMPILED).evaluate_one, records)]
    monkeypatch.setattr(engine_evaluate, "ITEM_MEMORY", 0)
    monkeypatch.setattr(engine_evaluate, "DECISION_MEMORY", 0)
    assert [_exact(r) for r in map(Engine(COMPILED).evaluate_one, records)] == roomy


# --- The encoder writes what json.dumps writes, whatever the values --------------------

ODD_TEXT = ['a"b\\c', "tab\there", "line\nbreak", "\x00\x1f\x7f", "\u2028\u2029", "50% hộ", "%s"]
ODD_VALUES: list[Any] = [*ODD_TEXT, None, True, False, 0, -0.0, 1.0, 2.5, 1e-7, 1e300]
ODD_VALUES += [float("nan"), float("inf"), 10**30, dt.date(2025, 1, 2), [1, {"k": "v"}], {}]


def _odd_evaluation(shared: bool) -> Evaluation:
    """Results built by hand with every kind of value, shared parts or not."""
    results = []
    for index, value in enumerate(ODD_VALUES):
        citation = ODD_TEXT[index % len(ODD_TEXT)]
        item = ItemResult("1.1", "TC1", Outcome.met, 10.0, 10.0, ("a", "b"), citation, False)
        empty = ItemResult("1.2", "TC1", Outcome.partial, -0.0, None, (), "%", True)
        groups = (GroupScore("TC%", 2.5, 10.0),)
        reasons = (Reason(ReasonCode.total_below, "dat", None, 2.5, 80.0),)
        near = NearMiss("dat", 77.5, ("1.1",))
        figure = RollupFigure("f", "t", "m", "p", True, 3, 2, 1, ("y",), (), ("x",), (), value)
        base = ApplicantResult(
            id=str(value),
            name=value if index % 2 and not isinstance(value, dt.date) else "Tên",
            village=[ODD_TEXT[index % len(ODD_TEXT)], None, 1.0][index % 3],
            title="gia-dinh-hoc-tap",
            verdict=VerdictKind.failed,
            level=None,
            total=2.5 if index % 2 else 10.0,
            max_total=100.0,
            groups=groups,
            items=(item, empty) if index % 4 else (),
            reasons=reasons if index % 2 else (),
            near_miss=near if index % 3 else None,
            provisional=bool(index % 2),
            source=SourceRow('tệp "x".xlsx', None if index % 2 else "Trang", index or None),
            values={"a": value, "b": ODD_VALUES[-index]},
            rollups=(figure,) if index % 5 == 0 else (),
        )
        results.append(base)
        if shared:  # the same frozen parts again, as the engine shares them
            results.append(dataclasses.replace(base, id=f"{value}-again"))
    level = LevelResult(COMPILED, results)
    return Evaluation(AS_OF, levels=[level, level] if shared else [level])


@pytest.mark.parametrize("shared", [False, True], ids=["one-level", "two-levels-shared"])
def test_encoder_equals_json_dumps_for_odd_values(shared: bool) -> None:
    """It writes odd values (control characters, %, NaN, huge numbers, dates, lists, no
    name) exactly as ``json.dumps`` does."""
    evaluation = _odd_evaluation(shared)
    assert _streamed_json(evaluation) == _plain_json(evaluation)
