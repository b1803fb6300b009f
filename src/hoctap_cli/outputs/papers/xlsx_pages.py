"""Keeping the signature block with the end of the list when the sheet is printed.

Spreadsheet programs have no "keep with next": a list that just fills its pages leaves
the total and the signatures alone on the last page, under a repeated header row and
nothing else, and a district will not accept a page that signs for no one. So the pages
are laid out here the way LibreOffice and Excel do it (A4, margins, the one-page-wide
scale, the header row repeated), and when the last page would carry fewer than
``KEEP_ROWS`` rows of the table, a page break is put before those last rows.

How wide a column prints depends on the default font the program finds: 7 pixels per
width unit with Calibri (Excel, or LibreOffice with Carlito), about 9.3 with DejaVu Sans
(LibreOffice without them). The pages are laid out for both; if either would leave the
signatures short of rows, the break is made, and the last page then holds the last rows
and the signatures in both.
"""

from __future__ import annotations

from hoctap_cli.outputs.papers.xlsx_book import Sheet
from hoctap_cli.outputs.papers.xlsx_layout import MARGINS

KEEP_ROWS = 3
A4 = (595.0, 842.0)  # points, portrait
POINTS_PER_INCH = 72.0
DEFAULT_HEIGHT = 15.0  # points, a row left without a height
UNIT_PIXELS = (7.0, 9.3)  # per width unit: Calibri or Carlito; DejaVu Sans as fallback


def keep_signature_with_rows(sheet: Sheet, header: int, first: int, total: int) -> None:
    """Break before the last rows of the table if the signature page would have too few.

    ``header`` is the repeated header row, ``first`` the first table row under it and
    ``total`` the row of the total, after which the signature block follows. The sheet's
    rows have all been sent: their heights are known.
    """
    if total - first <= KEEP_ROWS:
        return  # a short table: it shares the first page with the letterhead
    if any(
        _orphaned(page_starts(sheet, header, unit), sheet, first, total) for unit in UNIT_PIXELS
    ):
        # A break after row ``total - KEEP_ROWS - 1`` (1-based), as Excel counts breaks.
        sheet.worksheet.set_h_pagebreaks([total - KEEP_ROWS - 1])


def _orphaned(starts: list[int], sheet: Sheet, first: int, total: int) -> bool:
    """Whether the total's page has too few table rows, or the signatures spill over."""
    last_page = max(index for index, start in enumerate(starts) if start <= sheet.last_row)
    signature_page = max(index for index, start in enumerate(starts) if start <= total)
    with_it = total - max(starts[signature_page], first)
    return signature_page > 0 and (with_it < KEEP_ROWS or last_page > signature_page)


def page_starts(sheet: Sheet, header: int, unit: float = UNIT_PIXELS[0]) -> list[int]:
    """The first row of each printed page (page 1 starts at row 1), ``unit`` pixels wide."""
    width, height = A4[::-1] if sheet.landscape else A4
    room_wide = width - (MARGINS["left"] + MARGINS["right"]) * POINTS_PER_INCH
    room_high = height - (MARGINS["top"] + MARGINS["bottom"]) * POINTS_PER_INCH
    scale = min(1.0, room_wide / max(_table_width(sheet, unit), 1.0))
    repeated = _height(sheet, header) * scale
    starts, used = [1], 0.0
    for row in range(1, sheet.last_row + 1):
        need = _height(sheet, row) * scale
        if used + need > room_high and row > starts[-1]:
            starts.append(row)
            used = repeated
        used += need
    return starts


def _table_width(sheet: Sheet, unit: float) -> float:
    """The printed width in points: ``unit`` pixels per width unit, plus 5 of margin."""
    return sum((width * unit + 5) * 0.75 for width in sheet.widths)


def _height(sheet: Sheet, row: int) -> float:
    height = sheet.heights[row - 1] if row <= len(sheet.heights) else 0.0
    return height or DEFAULT_HEIGHT
