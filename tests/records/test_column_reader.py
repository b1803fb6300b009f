"""Reading a table a column at a time gives what reading it row by row gives.

``RowReader.read`` reads plain tables as columns (``column_reader``) and ``records`` reads
them row by row: the records, every problem (in order) and the layout must be the same,
for random tables and for every real-shaped workbook of the tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from tests.realbooks.books import BOOKS, SAVED, SAVED_SUFFIXES, saved_path, write_xlsx
from tests.support import EXAMPLE_XLSX, ROOT

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.loader import load_criteria
from hoctap_cli.problems import Problem
from hoctap_cli.records import tabular
from hoctap_cli.records.headers import find_header
from hoctap_cli.records.reader import assign, open_input
from hoctap_cli.records.record import Record
from hoctap_cli.records.record_columns import RecordColumns
from hoctap_cli.records.sources import Table
from hoctap_cli.records.tabular import RowReader

from .conftest import ALL_TYPES
from .test_properties import WORDS, WORKBOOK_CELLS

AS_OF = dt.date(2025, 12, 31)
HOUSEHOLDS = shipped_catalog().resolve("gia-dinh-hoc-tap@448-2015", AS_OF)
ALL = load_criteria(ALL_TYPES)


def _both(
    make: Any,
) -> tuple[tuple[list[Record], list[Problem]], tuple[Sequence[Record], list[Problem]]]:
    """Each way of reading a table ``make()`` builds afresh: (records, problems)."""
    by_rows = make()
    rows = list(by_rows.records())
    by_columns = make()
    columns = by_columns.read()
    assert by_rows.layout() == by_columns.layout()
    return (rows, by_rows.problems), (columns, by_columns.problems)


def _exact(record: Record) -> tuple[Any, ...]:
    """A record with 1 told from 1.0 and True (the order of its values does not matter)."""
    values = sorted((name, type(v).__name__, repr(v)) for name, v in record.values.items())
    return tuple(values), repr(record.source)


def assert_same(make: Any) -> Sequence[Record]:
    (rows, row_problems), (columns, column_problems) = _both(make)
    assert [_exact(r) for r in columns] == [_exact(r) for r in rows]
    assert column_problems == row_problems
    return columns


# --- Random tables ----------------------------------------------------------------------

LEGACY = ["Nguyeãn", "Thoân 1", "Leâ Haø", "Lê Hà", "Hà"]  # TCVN3/VNI shapes, and real ones
CELLS = st.one_of(WORKBOOK_CELLS, st.sampled_from([*WORDS, *LEGACY, "Tổng cộng", "Cộng"]))
IDS = st.sampled_from([None, "", " ", "H1", "H2", "h1", "H3", "H 4", 1, 1.0, 2, "1", "Tổng"])
SECTIONS = st.sampled_from(["I. Thôn Quảng Tiến", "Thôn 2", "II", "Người lập biểu"])


@st.composite
def tables(draw: st.DrawFn, compiled: CompiledCriteria) -> tuple[list[Any], list[list[Any]]]:
    """A header naming some of the fields (the id first or not), and rows of any cells:
    ids repeated or missing, headings and totals among them."""
    fields = list(compiled.criteria.fields)
    identity = next(f for f in fields if f.id == compiled.criteria.identity.id)
    others = draw(
        st.lists(st.sampled_from(fields), unique_by=lambda f: f.id, min_size=2, max_size=12)
    )
    chosen = draw(st.permutations([identity, *[f for f in others if f is not identity]]))
    header: list[Any] = [f.label for f in chosen]
    width = len(header)
    rows = []
    for _ in range(draw(st.integers(0, 14))):
        if draw(st.integers(0, 9)) == 0:
            rows.append([draw(SECTIONS)] + [None] * (width - 1))
            continue
        cells = draw(st.lists(CELLS, min_size=width, max_size=width))
        cells[chosen.index(identity)] = draw(IDS)
        rows.append(cells)
    return header, rows


def _maker(
    compiled: CompiledCriteria, header: list[Any], rows: list[list[Any]], hidden: frozenset[int]
) -> Any:
    def make() -> RowReader:
        numbered = [(1, list(header))] + [(n, list(r)) for n, r in enumerate(rows, start=2)]
        table = Table("S", numbered, iter(()), hidden_rows=hidden)
        found = find_header([cells for _, cells in table.head], compiled.criteria)
        assert found is not None
        return RowReader(compiled, "t.xlsx", table, found)

    return make


@pytest.mark.parametrize("compiled", [HOUSEHOLDS, ALL], ids=["gia-dinh", "all-types"])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_table_reads_the_same_by_columns(
    compiled: CompiledCriteria, data: st.DataObject
) -> None:
    """Any table, read in blocks of any size: the same records and problems, in the same
    order, either way (ids repeated across blocks, legacy text in a later block)."""
    header, rows = data.draw(tables(compiled))
    assume(find_header([header], compiled.criteria) is not None)  # a header it recognises
    hidden = frozenset(data.draw(st.sets(st.integers(2, len(rows) + 2), max_size=3)))
    block = data.draw(st.sampled_from([1, 2, 3, tabular.COLUMN_BLOCK]))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tabular, "COLUMN_BLOCK", block)
        assert_same(_maker(compiled, header, rows, hidden))


def test_a_table_with_legacy_text_is_read_row_by_row() -> None:
    """Text in a legacy encoding is read by the row reader, which converts it as it goes."""
    header = ["Mã hộ", "Họ và tên chủ hộ", "Thôn"]
    rows = [["H0", "Lê Văn Bình", "Thôn 2"], ["H1", "Nguyeãn Vaên A", "Thoân 1"]]
    rows += [["H2", "Lê Hà", "Thôn 1"]]
    make = _maker(HOUSEHOLDS, header, rows, frozenset())
    records = assert_same(make)
    assert not isinstance(records, RecordColumns)
    assert records[1].values["chu_ho"] == "Nguyễn Văn A"


def test_a_plain_table_is_read_as_columns() -> None:
    """A plain table's records are columns: one list per field, no dict per row."""
    header = ["Mã hộ", "Họ và tên chủ hộ", "Số trẻ trong độ tuổi đi học", "Điểm tiêu chí 3"]
    rows = [["H1", "Lê Văn A", 2, "7,5"], ["H2", "Lê Văn B", "hai", 9], ["H1", "C", 1, 1]]
    records = assert_same(_maker(HOUSEHOLDS, header, rows, frozenset({3})))
    assert isinstance(records, RecordColumns)
    assert len(records) == 2 and records.column("ma_ho") == ["H1", "H2"]
    assert records[1].source.unreadable == frozenset({"so_tre_do_tuoi"})


# --- Real-shaped workbooks ----------------------------------------------------------------


def _files(tmp: Path) -> list[Path]:
    written = [write_xlsx(book, tmp / f"{book.name}.xlsx") for book in BOOKS]
    saved = [saved_path(name, suffix) for name in SAVED for suffix in SAVED_SUFFIXES]
    golden = sorted((ROOT / "tests" / "fast_path").glob("*.xlsx"))
    commune = ROOT / "examples" / "xa-quang-phu-2025.xlsx"
    return [*written, *saved, *golden, EXAMPLE_XLSX, commune]


@pytest.mark.parametrize("block", [7, tabular.COLUMN_BLOCK])
def test_every_workbook_reads_the_same_by_columns(
    tmp_path: Path, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every real-shaped book, LibreOffice save and example: the same either way."""
    monkeypatch.setattr(tabular, "COLUMN_BLOCK", block)
    candidates = [shipped_catalog().in_force(t, AS_OF) for t in shipped_catalog().titles()]
    read = 0
    for path in _files(tmp_path):
        count = len(assign(open_input(path), candidates))
        for index in range(count):

            def make(path: Path = path, index: int = index) -> RowReader:
                chosen = assign(open_input(path), candidates)[index]
                return RowReader(chosen.compiled, str(path), chosen.table, chosen.header)

            read += len(assert_same(make))
    assert read > 1000
