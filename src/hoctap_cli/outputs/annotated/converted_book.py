"""An .xlsx copy of an .xls or .ods workbook, for the annotated copy to be written into.

openpyxl edits only .xlsx, so the cells python-calamine reads (values, not formatting)
are copied sheet by sheet, with their merged ranges, into a new workbook. Text stays text:
a cell reading "=1+1" is copied as those characters, never as a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from hoctap_cli.records.other_books import open_ods, open_xls

CONVERTED_SUFFIXES = {".xls": open_xls, ".ods": open_ods}


def converted_workbook(source: Path) -> Workbook:
    """A new workbook holding every sheet of ``source`` as the reader sees it."""
    tables = CONVERTED_SUFFIXES[source.suffix.lower()](source)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(title=table.sheet or "Sheet")
        first = table.column_offset + 1
        for number, cells in table.rows_after(-1):
            for index, value in enumerate(cells):
                if value is not None and value != "":
                    _put(sheet.cell(number, first + index), value)
        for first_row, first_column, last_row, last_column in table.merges:
            left = get_column_letter(first + first_column)
            right = get_column_letter(first + last_column)
            sheet.merge_cells(f"{left}{first_row}:{right}{last_row}")
    return workbook


def _put(cell: Any, value: Any) -> None:
    cell.value = value
    if cell.data_type == "f":  # text that looks like a formula stays text
        cell.data_type = "s"
