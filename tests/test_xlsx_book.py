"""New workbooks written from the top: rows planned a few at a time, then sent for good."""

from __future__ import annotations

import io

import openpyxl
import pytest

from hoctap_cli.outputs.papers.xlsx_book import WINDOW, Book, Style, column_letter


def test_rows_of_a_block_may_be_filled_in_any_order() -> None:
    """It takes cells for rows a few apart in any order, merged and boxed as planned."""
    buffer = io.BytesIO()
    book = Book(buffer)
    sheet = book.sheet("Trang", [10.0, 20.0, 30.0], fit=True)
    sheet.put(1, (3, 3), "CỘNG HÒA", Style(bold=True))
    sheet.put(2, (3, 3), "Độc lập", Style())
    sheet.put(1, (1, 2), "ỦY BAN NHÂN DÂN", Style(bold=True))
    sheet.box(3, 3)
    sheet.put(3, (1, 1), 7, Style(border=True))
    sheet.finish()
    book.close()
    written = openpyxl.load_workbook(buffer).worksheets[0]
    assert [c.value for c in written[1]] == ["ỦY BAN NHÂN DÂN", None, "CỘNG HÒA"]
    assert [str(r) for r in written.merged_cells.ranges] == ["A1:B1"]
    assert all(c.border.left.style == "thin" for c in written[3])
    assert written.column_dimensions["B"].width == 20
    assert sheet.last_row == 3 and len(sheet.heights) == 3


def test_a_row_already_sent_cannot_be_written() -> None:
    """It refuses a cell for a row it has already sent, rather than drop it unseen."""
    book = Book(io.BytesIO())
    sheet = book.sheet("Trang", [10.0])
    sheet.put(1, (1, 1), "đầu", Style())
    sheet.put(1 + WINDOW, (1, 1), "sau", Style())
    with pytest.raises(ValueError, match="row 1 written after it was sent"):
        sheet.put(1, (1, 1), "muộn", Style())
    book.close()


def test_column_letters() -> None:
    """It names columns as Excel does."""
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
