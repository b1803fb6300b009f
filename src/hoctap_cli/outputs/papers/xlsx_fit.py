"""Row heights that show every wrapped line, in LibreOffice as in Excel.

Neither program grows a row for wrapped text in merged cells, and LibreOffice keeps the
height a file gives; a row too short prints its second line over the next row. So every
written sheet gets, row by row, the height its tallest cell needs: the text is wrapped
word by word into the cell's width (the merged span's, for merged cells) with a
conservative estimate of Times New Roman's letter widths.
"""

from __future__ import annotations

import math
from typing import Any

from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

# Letter widths in Excel's width unit (the '0' of the default 11 pt font), for 13 pt Times.
NARROW = frozenset(" .,:;'!|()[]-/ijlItf")
WIDE_UPPER = 1.75
WIDE_LETTERS = frozenset("MWĐÔƠƯÂĂÊQGOD")
UPPER = 1.55
LOWER = 1.12
NARROWEST = 0.62
BOLD = 1.08
SAFETY = 1.1  # rather one empty line too many than one line hidden
PADDING = 1.2  # the cell's inner margins, in width units
LINE = 1.3  # line height over font size
DEFAULT_WIDTH = 8.43
BASE_SIZE = 13.0


def text_width(text: str, size: float, bold: bool) -> float:
    """The width of ``text`` in Excel's units, a little generous."""
    total = 0.0
    for char in text:
        if char in NARROW:
            total += NARROWEST
        elif char in WIDE_LETTERS:
            total += WIDE_UPPER
        elif char.isupper() or not char.isalnum() or char in "mw":
            total += UPPER
        else:
            total += LOWER
    return total * size / BASE_SIZE * (BOLD if bold else 1.0) * SAFETY


def wrapped_lines(text: str, width: float, size: float, bold: bool) -> int:
    """How many lines ``text`` takes once wrapped, word by word, in a cell ``width`` wide."""
    room = max(width - PADDING, 1.0)
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        used = 0.0
        for word in paragraph.split(" "):
            need = text_width(word, size, bold)
            space = text_width(" ", size, bold) if used else 0.0
            if used and used + space + need <= room:
                used += space + need
                continue
            if used:
                count += 1
            # a word longer than the cell is broken where it reaches the edge
            extra = max(math.ceil(need / room) - 1, 0)
            count += extra
            used = need - extra * room
    return max(count, 1)


def fit_rows(sheet: Any, first: int = 1) -> None:
    """Give every row from ``first`` down the height its tallest wrapped cell needs."""
    spans = {
        (merged.min_row, merged.min_col): (merged.min_col, merged.max_col)
        for merged in sheet.merged_cells.ranges
    }
    for row in sheet.iter_rows(min_row=first):
        tallest = 0.0
        for cell in row:
            if cell.value is None or not hasattr(cell, "column"):
                continue
            low, high = spans.get((cell.row, cell.column), (cell.column, cell.column))
            width = sum(_width(sheet, column) for column in range(low, high + 1))
            size = float(cell.font.sz or 11)
            lines = wrapped_lines(_shown(cell), width, size, bool(cell.font.b))
            tallest = max(tallest, lines * size * LINE + 3)
        if tallest:
            sheet.row_dimensions[row[0].row].height = round(tallest, 1)


def _width(sheet: Any, column: int) -> float:
    width = sheet.column_dimensions[get_column_letter(column)].width
    return float(width) if width else DEFAULT_WIDTH


def _shown(cell: Any) -> str:
    value = cell.value
    if isinstance(value, float) and "%" in str(cell.number_format):
        return f"{value * 100:.1f}%"
    return str(value)
