"""Vietnamese administrative page layout in a worksheet: letterhead, signatures, printing.

The blocks follow the usual layout of a commune's lists: the issuing body top left and the
national motto top right, each centred over its half of the columns; at the foot the
place-and-date line over the right-hand signature, the preparer on the left.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Border, Font, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.page import PageMargins  # type: ignore[import-untyped]

from hoctap_cli.outputs.inert import put_value
from hoctap_cli.outputs.papers.letterhead import Letterhead

FONT_NAME = "Times New Roman"
SIZE = 13
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"
MIN_WIDTH = 96  # narrower tables are widened so both header blocks fit
RIGHT_BLOCK = 50  # the motto, 12 pt bold capitals, needs about this many character widths
LEFT_BLOCK = 40  # a commune's issuing body, e.g. ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ
LANDSCAPE_FROM = 112
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
SIGNATURE_SPACE = 4  # empty rows where the signatures and the seal go


def font(
    *, bold: bool = False, italic: bool = False, underline: bool = False, size: int = SIZE
) -> Font:
    return Font(
        name=FONT_NAME,
        size=size,
        bold=bold,
        italic=italic,
        underline="single" if underline else None,
    )


def fit_widths(widths: list[float], stretch: int) -> list[float]:
    """Widen column ``stretch`` until the table is wide enough for the header blocks."""
    missing = MIN_WIDTH - sum(widths)
    if missing > 0:
        widths = [w + missing if i == stretch else w for i, w in enumerate(widths)]
    return widths


def halves(widths: Sequence[float]) -> tuple[tuple[int, int], tuple[int, int]]:
    """1-based column spans of the left and right blocks, each just wide enough."""
    last = len(widths)
    first_right = last
    while first_right > 2 and sum(widths[first_right - 1 :]) < RIGHT_BLOCK:
        first_right -= 1
    last_left = 1
    while last_left < first_right - 1 and sum(widths[:last_left]) < LEFT_BLOCK:
        last_left += 1
    return (1, last_left), (first_right, last)


def _height(texts: Sequence[tuple[str | None, float]]) -> float:
    """A row height that shows every text of the row, wrapped in its block's width."""
    lines = max(math.ceil(len(text or "") * 1.2 / max(width - 2, 1)) for text, width in texts)
    return 19 * max(lines, 1)


def put(
    sheet: Any,
    row: int,
    span: tuple[int, int],
    text: str | None,
    style: Font,
    align: Alignment = CENTRE,
) -> None:
    """Write ``text`` across the columns of ``span`` (merged when more than one)."""
    first, last = span
    if last > first:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = put_value(sheet, row, first, text)
    cell.font = style
    cell.alignment = align


def banner(sheet: Any, row: int, widths: Sequence[float], text: str, style: Font) -> int:
    """A line across the whole table, tall enough for its text; returns the next row."""
    put(sheet, row, (1, len(widths)), text, style)
    lines = math.ceil(len(text) * 1.15 * style.sz / SIZE / max(sum(widths) - 4, 1))
    sheet.row_dimensions[row].height = 19 * max(lines, 1)
    return row + 1


def letterhead_block(sheet: Any, head: Letterhead, widths: Sequence[float]) -> int:
    """Issuing body (left) and national motto (right); returns the first free row."""
    left, right = halves(widths)
    lines = [(head.parent, font(size=SIZE - 1))] if head.parent else []
    lines.append((head.body, font(bold=True, underline=True, size=SIZE - 1)))
    put(sheet, 1, right, MOTTO, font(bold=True, size=SIZE - 1))
    put(sheet, 2, right, SLOGAN, font(bold=True, underline=True))
    left_width = sum(widths[left[0] - 1 : left[1]])
    for row, (text, style) in enumerate(lines, start=1):
        put(sheet, row, left, text, style)
        sheet.row_dimensions[row].height = _height([(text, left_width)])
    return 4


def signature_block(sheet: Any, row: int, head: Letterhead, widths: Sequence[float]) -> int:
    """Place and date over the right-hand signer, the preparer on the left."""
    left, right = halves(widths)
    put(sheet, row, right, head.place_date, font(italic=True))
    row += 1
    put(sheet, row, left, head.preparer_title, font(bold=True))
    put(sheet, row, right, head.on_behalf, font(bold=True))
    put(sheet, row + 1, right, head.position, font(bold=True))
    put(sheet, row + 2, left, "(Ký, ghi rõ họ tên)", font(italic=True))
    put(sheet, row + 2, right, "(Ký tên, đóng dấu)", font(italic=True))
    row += 3 + SIGNATURE_SPACE
    put(sheet, row, left, head.preparer, font(bold=True))
    put(sheet, row, right, head.signer, font(bold=True))
    return row + 1


def header_row(sheet: Any, row: int, labels: Sequence[str], widths: Sequence[float]) -> None:
    """The table's column names, boxed; also sets the column widths."""
    for column, (label, width) in enumerate(zip(labels, widths, strict=True), start=1):
        cell = put_value(sheet, row, column, label)
        cell.font = font(bold=True)
        cell.alignment = CENTRE
        cell.border = BOX
        sheet.column_dimensions[get_column_letter(column)].width = width
    longest = max(
        len(label) / max(width - 2, 1) for label, width in zip(labels, widths, strict=True)
    )
    sheet.row_dimensions[row].height = 19 * max(1, math.ceil(longest))


def box_row(sheet: Any, row: int, columns: int) -> None:
    for column in range(1, columns + 1):
        sheet.cell(row, column).border = BOX


def print_setup(sheet: Any, widths: Sequence[float], header: int | None) -> None:
    """A4, one page wide, the header row (if any) repeated on every page, centred, numbered."""
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if sum(widths) > LANDSCAPE_FROM else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    # Margins of administrative documents: about 2 cm top and bottom, 3 cm left, 1.5 cm right.
    sheet.page_margins = PageMargins(left=1.18, right=0.59, top=0.79, bottom=0.79)
    # Nghị định 30/2020: page numbers centred in the top margin, none on the first page.
    sheet.HeaderFooter.differentFirst = True
    sheet.oddHeader.center.text = "&P"
    sheet.oddHeader.center.size = SIZE
    if header is not None:
        sheet.print_title_rows = f"{header}:{header}"
        sheet.freeze_panes = sheet.cell(header + 1, 1).coordinate


def put_footnote(sheet: Any, row: int, width: int, text: str) -> None:
    """A small italic note across the sheet's ``width`` columns (the provisional footnote)."""
    put(sheet, row, (1, width), text, font(italic=True, size=11), LEFT)
