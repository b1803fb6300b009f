"""The zip guard's two ways of measuring a sheet: its stated dimension, confirmed by
searches in C, and the exact count of every cell when the dimension cannot be trusted."""

from __future__ import annotations

import re
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoctap_cli.records import limits, xlsx_guard
from hoctap_cli.records.xlsx_scan import (
    DimensionCheck,
    SheetScanner,
    Unconfirmed,
    _beyond,
    _letters,
    stated_extent,
)

from .book_cases import LYING_BOMBS
from .corpus import HEADER, row
from .xlsx_parts import MAIN, Formula, Sheet, row_xml, write_xlsx

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@given(st.integers(1, 2_000_000), st.integers(0, 20_000_000))
def test_row_pattern_matches_exactly_the_rows_past_the_last(last: int, number: int) -> None:
    """It matches a row number if and only if it is past the stated last row."""
    pattern = re.compile(_beyond(str(last).encode(), "0123456789"))
    assert (pattern.fullmatch(str(number).encode()) is not None) == (number > last)


@given(st.integers(1, 16_384), st.integers(1, 20_000))
def test_column_pattern_matches_exactly_the_columns_past_the_last(last: int, column: int) -> None:
    """It matches column letters if and only if they name a column past the stated last one."""
    pattern = re.compile(_beyond(_letters(last), LETTERS))
    assert (pattern.fullmatch(_letters(column)) is not None) == (column > last)


def _sheet(rows: list[str], dimension: str) -> bytes:
    body = "".join(rows)
    return (
        f'<?xml version="1.0"?><worksheet xmlns="{MAIN}" xmlns:r="http://x/r">'
        f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>'
    ).encode()


HONEST = [
    row_xml(1, HEADER),
    row_xml(2, row("H1")),
    row_xml(3, row("H2", points=Formula("4+4")), hidden=True),
    row_xml(4, row("H3", points=Formula("8/0", error="#DIV/0!"))),
]


def test_honest_dimension_is_confirmed_with_the_same_facts() -> None:
    """It takes a true dimension as the extent and still finds hidden rows and formulas
    exactly as the cell-by-cell scan does."""
    xml = _sheet(HONEST, "A1:G4")
    assert stated_extent(xml) == (4, 7)
    confirmed = DimensionCheck("S", rows=4, columns=7)
    confirmed.feed(xml)
    exact = SheetScanner("S")
    exact.feed(xml)
    assert confirmed.finish() == exact.finish()
    assert (confirmed.facts.rows, confirmed.facts.columns) == (4, 7)
    assert confirmed.facts.hidden_rows == {3}
    assert set(confirmed.facts.formulas) == {(3, 3), (4, 3)}


@pytest.mark.parametrize("far", LYING_BOMBS.values(), ids=list(LYING_BOMBS))
def test_every_way_of_hiding_a_far_cell_is_unconfirmed(far: str) -> None:
    """It gives up on the dimension for a cell past it, however the cell is written."""
    confirmed = DimensionCheck("S", rows=4, columns=7)
    with pytest.raises(Unconfirmed):
        confirmed.feed(_sheet([*HONEST, far], "A1:G4"))
        confirmed.finish()


@pytest.mark.parametrize(
    "odd",
    [
        '<row r="5"><c r="H5"><v>1</v></c></row>',  # one column past G
        '<row r="5"><c><v>1</v></c></row>',  # a cell whose place must be counted
        '<row><c r="A5"><v>1</v></c></row>',
        '<row r="5"><x:c r="A5"><v>1</v></x:c></row>',  # a namespace prefix
        '<row r="5"><c r="$A$5"><v>1</v></c></row>',
    ],
)
def test_any_doubt_about_the_dimension_is_unconfirmed(odd: str) -> None:
    """It does not trust the dimension past the first row or cell it cannot place cheaply."""
    confirmed = DimensionCheck("S", rows=5, columns=7)
    with pytest.raises(Unconfirmed):
        confirmed.feed(_sheet([*HONEST, odd], "A1:G5"))
        confirmed.finish()


def test_reference_on_the_stated_corner_is_confirmed() -> None:
    """It accepts cells up to the stated last row and column, not one past them."""
    confirmed = DimensionCheck("S", rows=100_007, columns=18)
    corner = '<row r="100007"><c r="R100007"><v>1</v></c><c r="A100007"><v>2</v></c></row>'
    confirmed.feed(_sheet([*HONEST, corner], "A1:R100007"))
    assert (confirmed.finish().rows, confirmed.facts.columns) == (100_007, 18)


def _many_rows(count: int) -> Iterator[str]:
    yield row_xml(1, HEADER)
    for n in range(2, count + 1):
        yield f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="D{n}"><v>8</v></c></row>'


def test_lying_dimension_is_counted_in_flat_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dimension that lies costs a second, exact pass, never memory: both passes hold
    one chunk of the XML at a time (and the exact pass only the largest row and column),
    so the peak stays a few chunks however long the sheet."""
    rows = 300_000
    path = write_xlsx(
        tmp_path / "khai-gian.xlsx", [Sheet("S", raw=_many_rows(rows), dimension="A1:D2")]
    )
    with zipfile.ZipFile(path) as archive:
        unpacked = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    chunk = 1 << 16
    monkeypatch.setattr(xlsx_guard, "CHUNK", chunk)
    tracemalloc.start()
    try:
        facts = xlsx_guard.inspect_zip(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (facts["S"].rows, facts["S"].columns) == (rows, 7)  # counted, not the stated 2 × 4
    assert unpacked > 10_000_000
    assert peak < 40 * chunk < unpacked / 4


def test_padding_past_the_bytes_per_cell_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It refuses a sheet whose XML is mostly padding around a few cells, naming the bound."""
    monkeypatch.setattr(limits, "SHEET_ALLOWANCE_BYTES", 1_000)
    padding = " " * 50_000
    sheet = Sheet("S", raw=[row_xml(1, HEADER), padding, row_xml(2, row("H1"))], dimension="A1:G2")
    path = write_xlsx(tmp_path / "dem.xlsx", [sheet])
    with pytest.raises(xlsx_guard.Refused) as refused:
        xlsx_guard.inspect_zip(path)
    message = refused.value.problem.message
    assert "giải nén ra 51 KB mà chỉ ghi" in message
    assert "trung bình quá 100 byte mỗi mục (có thể là 'bom nén')" in message


def test_sheet_data_in_a_part_that_is_no_sheet_is_counted(tmp_path: Path) -> None:
    """It counts the cells of a part the workbook does not list as a sheet but which holds
    sheet data, as it did before parts were told apart."""
    path = write_xlsx(tmp_path / "phan-la.xlsx", [Sheet("S", raw=[row_xml(1, HEADER)])])
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(
            "xl/extra.xml", f'<other xmlns="{MAIN}"><sheetData>{far}</sheetData></other>'
        )
    with pytest.raises(xlsx_guard.Refused) as refused:
        xlsx_guard.inspect_zip(path)
    assert "17.179.869.184 ô" in refused.value.problem.message


MILLION = 1_000_000


def _million_rows(path: Path) -> Path:
    """A million households by 18 columns, each cell as Excel writes it (a style, a value)
    under a dimension: about 636 MB of XML, past the fixed 500 MB that refused it before."""
    letters = [_letters(i).decode() for i in range(1, 19)]
    cells = "".join(f'<c r="{letter}%(n)d" s="1"><v>%(v)d</v></c>' for letter in letters)
    template = '<row r="%(n)d" spans="1:18">' + cells + "</row>"

    def rows() -> Iterator[str]:
        yield row_xml(1, HEADER)
        for n in range(2, MILLION + 2):
            yield template % {"n": n, "v": n % 21}

    return write_xlsx(path, [Sheet("Danh sách", raw=rows(), dimension=f"A1:R{MILLION + 1}")])


@pytest.mark.slow
def test_million_rows_within_excel_limits_pass_the_guard(tmp_path: Path) -> None:
    """It accepts a sheet of a million rows (Excel allows 1,048,576) by 18 columns, whose
    XML unpacks past the fixed 500 MB once refused, and takes its extent from the dimension."""
    path = _million_rows(tmp_path / "mot-trieu-ho.xlsx")
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 500_000_000
    facts = xlsx_guard.inspect_zip(path)
    assert (facts["Danh sách"].rows, facts["Danh sách"].columns) == (MILLION + 1, 18)
