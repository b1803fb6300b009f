"""The raw cells of one source row, read again for an explanation (never during scoring)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hoctap_cli.records.sources import open_csv
from hoctap_cli.text import column_letter


def raw_row(path: Path, sheet: str | None, row: int | None) -> dict[str, Any]:
    """Column letter → cell as stored, for one row of an xlsx or csv input; {} otherwise."""
    if row is None:
        return {}
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm") and sheet is not None:
        return _xlsx_row(path, sheet, row)
    if suffix == ".csv":
        return _csv_row(path, row)
    return {}


def _xlsx_row(path: Path, sheet: str, row: int) -> dict[str, Any]:
    import python_calamine as calamine

    with calamine.CalamineWorkbook.from_path(str(path)) as workbook:
        table = workbook.get_sheet_by_name(sheet)
        offset = table.start[1] if table.start else 0
        for index, cells in enumerate(table.iter_rows(), start=1):
            if index == row:
                return {column_letter(offset + i): cell for i, cell in enumerate(cells)}
    return {}


def _csv_row(path: Path, row: int) -> dict[str, Any]:
    (table,) = open_csv(path)  # the same decoding and delimiter guess as when scoring
    for number, cells in table.rows_after(-1):
        if number == row:
            return {column_letter(i): cell for i, cell in enumerate(cells)}
    return {}
