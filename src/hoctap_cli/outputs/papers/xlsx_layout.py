"""Vietnamese administrative page layout in a worksheet: letterhead, signatures, printing.

The blocks follow the usual layout of a commune's lists: the issuing body top left and the
national motto top right, each centred over its half of the columns; at the foot the
place-and-date line over the right-hand signature, the preparer on the left.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from hoctap_cli.outputs.papers.letterhead import Letterhead
from hoctap_cli.outputs.papers.xlsx_book import Sheet, Style

FONT_NAME = "Times New Roman"
SIZE = 13
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"
MIN_WIDTH = 96  # narrower tables are widened so both header blocks fit
RIGHT_BLOCK = 50  # the motto, 12 pt bold capitals, needs about this many character widths
LEFT_BLOCK = 40  # a commune's issuing body, e.g. ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ
LANDSCAPE_FROM = 112
BOX = Style(border=True)
CENTRE = Style(align="center", valign="vcenter", wrap=True)
LEFT = Style(align="left", valign="vcenter", wrap=True)
SIGNATURE_SPACE = 4  # empty rows where the signatures and the seal go
A4_PAPER = 9  # Excel's paper size number
# Margins of administrative documents, in inches: about 2 cm top and bottom, 3 cm left,
# 1.5 cm right; the page number sits half an inch from the top.
MARGINS = {"left": 1.18, "right": 0.59, "top": 0.79, "bottom": 0.79}
HEADER_MARGIN = 0.5
PAGE_NUMBER = f"&C&{SIZE} &P"  # centred, in the text's size


def font(
    *, bold: bool = False, italic: bool = False, underline: bool = False, size: int = SIZE
) -> Style:
    return Style(font=FONT_NAME, size=size, bold=bold, italic=italic, underline=underline)


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
    sheet: Sheet,
    row: int,
    span: tuple[int, int],
    text: str | None,
    style: Style,
    align: Style = CENTRE,
) -> None:
    """Write ``text`` across the columns of ``span`` (merged when more than one)."""
    sheet.put(row, span, text, style | align)


def banner(sheet: Sheet, row: int, widths: Sequence[float], text: str, style: Style) -> int:
    """A line across the whole table, tall enough for its text; returns the next row."""
    put(sheet, row, (1, len(widths)), text, style)
    lines = math.ceil(len(text) * 1.15 * (style.size or SIZE) / SIZE / max(sum(widths) - 4, 1))
    sheet.set_height(row, 19 * max(lines, 1))
    return row + 1


def letterhead_block(sheet: Sheet, head: Letterhead, widths: Sequence[float]) -> int:
    """Issuing body (left) and national motto (right); returns the first free row."""
    left, right = halves(widths)
    lines = [(head.parent, font(size=SIZE - 1))] if head.parent else []
    lines.append((head.body, font(bold=True, underline=True, size=SIZE - 1)))
    put(sheet, 1, right, MOTTO, font(bold=True, size=SIZE - 1))
    put(sheet, 2, right, SLOGAN, font(bold=True, underline=True))
    left_width = sum(widths[left[0] - 1 : left[1]])
    for row, (text, style) in enumerate(lines, start=1):
        put(sheet, row, left, text, style)
        sheet.set_height(row, _height([(text, left_width)]))
    return 4


def signature_block(sheet: Sheet, row: int, head: Letterhead, widths: Sequence[float]) -> int:
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


def header_row(sheet: Sheet, row: int, labels: Sequence[str], widths: Sequence[float]) -> None:
    """The table's column names, boxed (the sheet was made with the columns' widths)."""
    for column, label in enumerate(labels, start=1):
        sheet.put(row, (column, column), label, font(bold=True) | CENTRE | BOX)
    longest = max(
        len(label) / max(width - 2, 1) for label, width in zip(labels, widths, strict=True)
    )
    sheet.set_height(row, 19 * max(1, math.ceil(longest)))


def box_row(sheet: Sheet, row: int, columns: int) -> None:
    sheet.box(row, columns)


def print_setup(sheet: Sheet, widths: Sequence[float], header: int | None) -> None:
    """A4, one page wide, the header row (if any) repeated on every page, centred, numbered."""
    page = sheet.worksheet
    page.set_paper(A4_PAPER)
    sheet.landscape = sum(widths) > LANDSCAPE_FROM
    if sheet.landscape:
        page.set_landscape()
    else:
        page.set_portrait()
    page.fit_to_pages(1, 0)
    page.center_horizontally()
    page.set_margins(**MARGINS)
    # Nghị định 30/2020: page numbers centred in the top margin, none on the first page.
    page.set_header(PAGE_NUMBER, margin=HEADER_MARGIN)
    page.set_footer("", margin=HEADER_MARGIN)
    page.different_first = True
    if header is not None:
        page.repeat_rows(header - 1)
        page.freeze_panes(header, 0)


def put_footnote(sheet: Sheet, row: int, width: int, text: str) -> None:
    """A small italic note across the sheet's ``width`` columns (the provisional footnote)."""
    put(sheet, row, (1, width), text, font(italic=True, size=11), LEFT)
