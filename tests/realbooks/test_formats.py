""".xls and .ods go through the same limits, guards and located problems as .xlsx."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.problems import ProblemCode
from hoctap_cli.records import limits
from hoctap_cli.records.reader import open_input
from hoctap_cli.records.sources import InputError
from hoctap_cli.workflow.run import evaluate_paths

from .books import BAD_CELL, BAD_CELL_AT, HIDDEN, SAVED, SHEET, TITLE, Book, layout, saved_path

SUFFIXES = [".xls", ".ods", ".xlsx"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_bad_cell_is_located_and_the_other_rows_evaluated(suffix: str) -> None:
    """A word in a count cell: one located error, every household still evaluated."""
    path = saved_path(BAD_CELL.name, suffix)
    evaluation = evaluate_paths([path], shipped_catalog(), TITLE, dt.date(2025, 12, 31))
    errors = [p for p in evaluation.problems if not p.is_notice]
    row, column, text = BAD_CELL_AT
    assert [(p.code, p.sheet, p.row, p.column, p.value) for p in errors] == [
        (ProblemCode.bad_value, SHEET, row, column, text)
    ]
    assert {r.id for r in evaluation.results} == set(BAD_CELL.expected())


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_sheet_past_the_row_limit_is_refused(suffix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The row limit of .xlsx holds for .xls and .ods, said the same way."""
    monkeypatch.setattr(limits, "MAX_ROWS", 10)
    with pytest.raises(InputError) as caught:
        open_input(saved_path("thon-gop-o", suffix))
    problem = caught.value.problem
    assert problem.code is ProblemCode.file_too_large
    assert f"trang '{SHEET}' có 11 dòng, giới hạn là 10 dòng mỗi trang" in problem.message


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_file_past_the_size_limit_is_refused(suffix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    with pytest.raises(InputError) as caught:
        open_input(saved_path("thon-gop-o", suffix))
    assert caught.value.problem.code is ProblemCode.file_too_large


def test_ods_cut_short_is_unreadable(tmp_path: Path) -> None:
    """An .ods copied only in part is refused as broken, not crashed on."""
    path = tmp_path / "cut.ods"
    data = saved_path("thon-gop-o", ".ods").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as caught:
        open_input(path)
    assert caught.value.problem.code is ProblemCode.file_unreadable


def test_ods_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    """A content part declaring more than the unpacked limit is refused from the directory."""
    path = tmp_path / "bom.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", b"<a/>" + b" " * 30_000_000)
    with pytest.raises(InputError) as caught:
        open_input(path)
    problem = caught.value.problem
    assert problem.code is ProblemCode.file_too_large and "bom nén" in problem.message


def test_xlsx_named_xls_is_read_as_xlsx(tmp_path: Path) -> None:
    """A workbook saved as .xlsx but named .xls is read by what it is."""
    path = tmp_path / "doi-ten.xls"
    shutil.copyfile(saved_path("thon-gop-o", ".xlsx"), path)
    evaluation = evaluate_paths([path], shipped_catalog(), TITLE, dt.date(2025, 12, 31))
    assert {r.id for r in evaluation.results} == set(SAVED["thon-gop-o"].expected())


@pytest.mark.parametrize("suffix", [".ods", ".xls"])
def test_hidden_rows_and_sheets_are_read_and_said(suffix: str) -> None:
    """Hidden rows (.ods) and hidden sheets (.ods, .xls) are read, with a notice, as in .xlsx.

    The reader gives no row visibility for .xls: there its hidden rows are read silently."""
    path = saved_path(HIDDEN.name, suffix)
    evaluation = evaluate_paths([path], shipped_catalog(), TITLE, dt.date(2025, 12, 31))
    assert {r.id for r in evaluation.results} == set(HIDDEN.expected()) | {"B01"}
    notices = {(p.code, p.sheet) for p in evaluation.problems if p.is_notice}
    assert (ProblemCode.hidden_sheet, "Bổ sung") in notices
    hidden_rows = [p for p in evaluation.problems if p.code is ProblemCode.hidden_rows]
    if suffix == ".ods":
        assert [(p.sheet, p.params["rows"]) for p in hidden_rows] == [(SHEET, "dòng 3")]
    else:
        assert hidden_rows == []


def test_xls_named_xlsx_is_read_as_xls_with_a_notice(tmp_path: Path) -> None:
    """An Excel 97–2003 workbook renamed .xlsx is read by what it is, and the user told."""
    path = tmp_path / "doi-ten.xlsx"
    shutil.copyfile(saved_path("thon-gop-o", ".xls"), path)
    evaluation = evaluate_paths([path], shipped_catalog(), TITLE, dt.date(2025, 12, 31))
    assert {r.id for r in evaluation.results} == set(SAVED["thon-gop-o"].expected())
    notices = [p for p in evaluation.problems if p.code is ProblemCode.read_as_xls]
    assert [p.message for p in notices] == [
        "Tệp có đuôi '.xlsx' nhưng là tệp Excel cũ .xls (Excel 97–2003): đã đọc như tệp .xls"
    ]
    assert not [p for p in evaluation.problems if not p.is_notice]


def test_csv_goes_through_the_same_layout_step(tmp_path: Path) -> None:
    """A CSV export of a commune list (no merged cells): the same households and villages."""
    book = Book(
        "xuat-csv",
        villages=("Thôn Quảng Tiến", "Xóm Bãi"),
        title_block=True,
        numbers="paren",
        sections="merged",
        villages_in="none",
        total="Tổng cộng",
        signature=1,
    )
    path = tmp_path / "ds.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(
            ["" if cell is None else cell for cell in row] for row in layout(book).rows
        )
    evaluation = evaluate_paths([path], shipped_catalog(), TITLE, dt.date(2025, 12, 31))
    assert {r.id: (r.village, r.verdict.value) for r in evaluation.results} == book.expected()
    assert not [p for p in evaluation.problems if not p.is_notice]
