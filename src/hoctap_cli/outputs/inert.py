"""Keeping text from the inputs inert in every file hoctap writes.

A name typed as ``=HYPERLINK("http://…")`` must stay a name. Spreadsheet programs run a
cell as a formula when it starts with ``=``, ``+``, ``-`` or ``@`` (and some also after a
tab or carriage return), so:

- in CSV, such a cell gets a leading apostrophe, as the OWASP page on CSV injection
  advises; Excel and LibreOffice then show it as text (the apostrophe is visible in a
  plain text editor, and is the only change made to the value);
- in xlsx, a text cell is always stored as a string, never as a formula: openpyxl turns
  any string starting with ``=`` into a formula unless its type is set back afterwards.

Plain numbers written as text (``-3``, ``12,5``) are left alone: they are not formulas.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?%?$")


def csv_text(value: object) -> object:
    """A CSV cell that no spreadsheet program will run: triggers get a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        if not _PLAIN_NUMBER.match(value):
            return "'" + value
    return value


def csv_row(values: Iterable[object]) -> list[object]:
    """Every cell of a CSV row through ``csv_text``."""
    return [csv_text(value) for value in values]


def as_text(cell: Any) -> Any:
    """Store ``cell`` as a string if openpyxl took its text for a formula; returns the cell."""
    if cell.data_type == "f" and isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def put_value(sheet: Any, row: int, column: int, value: object) -> Any:
    """``sheet.cell(row, column, value)``, with text kept as text."""
    return as_text(sheet.cell(row, column, value))


def append_row(sheet: Any, values: Iterable[object]) -> None:
    """``sheet.append(values)``, with text kept as text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        as_text(cell)
