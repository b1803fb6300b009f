"""Property tests: normalisers and the workbook reader never crash nor lose a row."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.loader import load_criteria
from hoctap_cli.criteria.model import Choice, FieldType, InputField
from hoctap_cli.problems import LAYOUT_NOTICES, ROW_FATAL, ProblemCode
from hoctap_cli.records.legacy_text import could_be_legacy
from hoctap_cli.records.reader import open_input, read_input
from hoctap_cli.records.values import BadValue, absent_defaults, is_blank, normaliser
from hoctap_cli.text import column_letter

from .conftest import ALL_TYPES, build_book

PYTHON_TYPES: dict[FieldType, type] = {
    FieldType.text: str,
    FieldType.integer: int,
    FieldType.number: Decimal,  # exact, as written (hoctap_cli.exact)
    FieldType.boolean: bool,
    FieldType.date: dt.date,
    FieldType.choice: str,
}
WORDS = [
    "x",
    "X",
    "có",
    "Có",
    "không",
    "đạt",
    "Đạt",
    "1",
    "0",
    "2.0",
    "2.5",
    "7,5",
    " 12 ",
    "+3",
    "-1",
    "1.000",
    "31/02/2024",
    "15/03/2025",
    "2025-03-15",
    "Tốt",
    "khá",
    "TB",
    "Xuất sắc",
    "hai",
    "nan",
    "inf",
    "1e5",
    "",
    "   ",
]
CELLS = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.text(),
    st.text(alphabet="0123456789.,+- /", max_size=14),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(),  # nan, infinities, subnormals, -0.0
    st.booleans(),
    st.dates(),
    st.datetimes(),
)


def _fields() -> list[InputField]:
    declared = list(load_criteria(ALL_TYPES).criteria.fields)
    grades = [Choice(value=v, label=v.upper()) for v in ("a", "b")]
    extra = [
        InputField(id="dem", type=FieldType.integer, label="Đếm", when_blank=0),
        InputField(id="diem", type=FieldType.number, label="Điểm", when_blank=0, min=-5, max=5),
        InputField(id="tu", type=FieldType.integer, label="Từ", min=3),
        InputField(id="den", type=FieldType.number, label="Đến", max=-1.5),
        InputField(id="co", type=FieldType.boolean, label="Có", when_blank=True),
        InputField(id="loai", type=FieldType.choice, label="Loại", choices=grades),
    ]
    return declared + extra


FIELDS = _fields()


@pytest.mark.parametrize("field", FIELDS, ids=[f.id for f in FIELDS])
@settings(max_examples=100, deadline=None)
@given(cell=CELLS)
@example(cell=float("nan"))
@example(cell=float("inf"))
@example(cell=-float("inf"))
@example(cell=10**400)
@example(cell="9" * 5000)
@example(cell=dt.datetime(2025, 3, 5, 23, 59))
def test_normaliser_returns_its_type_or_raises_bad_value(field: InputField, cell: Any) -> None:
    """It turns any cell into a value of the field's type, the blank value, or a BadValue."""
    convert = normaliser(field)
    try:
        value = convert(cell)
    except BadValue as exc:
        assert exc.expected  # something to tell people
        return
    if is_blank(cell):
        assert value == field.when_blank
        if value is None:
            return
    assert value is not None
    assert type(value) is PYTHON_TYPES[field.type], (field.id, cell, value)
    if field.type in (FieldType.integer, FieldType.number):
        assert isinstance(value, int) or math.isfinite(value)
        assert field.min is None or value >= field.min
        assert field.max is None or value <= field.max
    if field.type is FieldType.choice:
        assert value in {choice.value for choice in field.choices}
    if field.type is FieldType.text:
        assert value and value == value.strip()


def _outcome(convert: Any, cell: Any) -> tuple[str, Any]:
    """What a normaliser made of ``cell``: its value with its type, or the refusal's kind."""
    try:
        value = convert(cell)
    except BadValue as exc:
        return "refused", (exc.expected, repr(exc.params))
    return "value", (type(value), repr(value))


@pytest.mark.parametrize("field", FIELDS, ids=[f.id for f in FIELDS])
@settings(max_examples=60, deadline=None)
@given(
    cells=st.lists(
        st.one_of(CELLS, st.sampled_from([True, False, 1, 1.0, 0, 0.0, -0.0])), max_size=30
    )
)
def test_remembered_cells_read_as_a_first_reading_does(field: InputField, cells: list[Any]) -> None:
    """A column's normaliser remembers what it made of each cell; reading a column through
    it gives, cell by cell, what a normaliser that never saw the column gives: True, 1 and
    1.0 are equal as keys but not as cells, and refusals are refused again."""
    remembering = normaliser(field)
    for cell in cells:
        assert _outcome(remembering, cell) == _outcome(normaliser(field), cell), cell


# --- Random workbooks ----------------------------------------------------------------------

CRITERIA_FIELDS = FIELDS[:10]  # the ones declared in all-types.yaml
IDS = st.sampled_from([None, "", "  ", "H1", "H2", " H1 ", "h1", "H3", 1, 1.0, 2, "1"])
# Text made of Latin-1 letters only ("aà") has the shape of TCVN3/VNI text and is converted
# on reading (tested in tests/badinputs); the model here reads cells as they are.
TEXT = st.text(alphabet="aăbcdđeêgiklmnoôơpqrstuưvxyáàảãạ0123456789 ,./-", max_size=10).filter(
    lambda text: not could_be_legacy(text)
)
WORKBOOK_CELLS = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    TEXT,
    st.integers(min_value=-(10**9), max_value=10**9),
    # openpyxl writes 16 significant digits: keep to floats that survive that exactly
    st.floats(min_value=-1e6, max_value=1e6).map(lambda x: round(x, 3)),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1)).map(
        lambda d: d.replace(second=0, microsecond=0)
    ),
)


@st.composite
def workbooks(draw: st.DrawFn) -> dict[str, Any]:
    """A header naming a random subset of fields, spelled any accepted way, and random rows."""
    others = draw(
        st.lists(st.sampled_from(CRITERIA_FIELDS[1:]), min_size=1, unique_by=lambda f: f.id)
    )
    chosen = draw(st.permutations([CRITERIA_FIELDS[0], *others]))
    header: list[Any] = []
    for field in chosen:
        name = draw(st.sampled_from([field.id, field.label, *field.aliases]))
        header.append(draw(st.sampled_from([name, name.upper(), f" {name} "])))
    if draw(st.booleans()):
        header.insert(draw(st.integers(0, len(header))), "Ghi chú")
    fields = dict(zip([h for h in header if h != "Ghi chú"], chosen, strict=True))
    width = len(header)
    rows = draw(
        st.lists(
            st.lists(WORKBOOK_CELLS, min_size=width, max_size=width),
            max_size=12,
        )
    )
    id_column = next(i for i, h in enumerate(header) if fields.get(h) is CRITERIA_FIELDS[0])
    for row in rows:
        row[id_column] = draw(IDS)
    return {
        "header": header,
        "fields": [fields.get(h) if h != "Ghi chú" else None for h in header],
        "rows": rows,
        "top": draw(st.integers(1, 4)),
        "left": draw(st.integers(1, 3)),
    }


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("random-books")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book=workbooks())
def test_random_workbook_reads_every_row_once(
    book: dict[str, Any], scratch: Path, compiled: CompiledCriteria
) -> None:
    """It reads any table with unique ids, each non-blank row a record or a skipped-row problem."""
    top, left = book["top"], book["left"]
    title = [["DANH SÁCH HỘ"]] * (top - 1)
    path = build_book(
        scratch / "random.xlsx", {"S": [*title, book["header"], *book["rows"]]}, left=left
    )
    result = read_input(open_input(path), compiled)  # an InputError would fail the test too

    header_row = top
    letters = {f.id: column_letter(left - 1 + i) for i, f in enumerate(book["fields"]) if f}
    columns = [(i, f) for i, f in enumerate(book["fields"]) if f]
    assert result.layouts[0].header_row == header_row
    assert result.layouts[0].columns == letters

    # Rows the layout step took for a heading, a total or the end of the table are each
    # reported once as a notice and never read (the corpus in tests/realbooks checks which).
    laid_out = [p.row for p in result.problems if p.code in LAYOUT_NOTICES]
    assert len(laid_out) == len(set(laid_out))
    assert all(p.is_notice for p in result.problems if p.code in LAYOUT_NOTICES)
    # A model of the reader: which rows are applicants, which ids are kept.
    expected_records: dict[int, dict[str, Any]] = {}
    skipped: dict[int, ProblemCode] = {}
    seen: set[str] = set()
    convert = {f.id: normaliser(f) for _, f in columns}
    for offset, cells in enumerate(book["rows"]):
        row = header_row + 1 + offset
        if all(is_blank(cells[i]) for i, _ in columns) or row in laid_out:
            continue
        # Columns the workbook lacks stand for their when_blank value, as a blank cell would.
        values: dict[str, Any] = absent_defaults(
            compiled.criteria.fields, {f.id for _, f in columns}
        )
        for i, f in columns:
            try:
                value = convert[f.id](cells[i])
            except BadValue:
                continue
            if value is not None:
                values[f.id] = value
        if "ma" not in values:
            skipped[row] = ProblemCode.missing_id
        elif values["ma"] in seen:
            skipped[row] = ProblemCode.duplicate_id
        else:
            seen.add(values["ma"])
            named = any(f.id == "ho_ten" for _, f in columns)
            if named and "ho_ten" not in values:  # a required value missing: not evaluated
                skipped[row] = ProblemCode.missing_required
            else:
                expected_records[row] = values

    ids = [r.values["ma"] for r in result.records]
    assert len(ids) == len(set(ids))
    assert {r.source.row: r.values for r in result.records} == expected_records
    fatal = {p.row: p.code for p in result.problems if p.code in ROW_FATAL}
    assert fatal == skipped
    assert len(result.records) + len(fatal) == len(expected_records) + len(skipped)

    for record in result.records:
        assert (record.source.file, record.source.sheet) == (str(path), "S")
    for problem in result.problems:
        assert problem.file == str(path) and problem.sheet == "S"
        if problem.code is ProblemCode.missing_column:
            assert problem.row == header_row
            continue
        if problem.code in LAYOUT_NOTICES:  # a whole row: no column, no field
            assert problem.row is not None and problem.row > header_row
            assert problem.column is None and problem.field is None
            continue
        assert problem.field is not None
        assert problem.column == letters[problem.field]
        assert problem.row is not None and problem.row > header_row
        if problem.value is not None:
            assert problem.value in problem.message
