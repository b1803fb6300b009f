"""The recognition lists as a printable workbook, one sheet per title.

Each list sheet (Nghị định 30/2020/NĐ-CP layout): issuing body and national motto, the
title, the line tying it to its paper (the commune's decision, or its submission to the
body that decides), the basis, then the table (STT, code, name, points, level where the
title has several, note) grouped by village under bold rows numbered I, II, …, the total,
one footnote for provisional values, the place and date, and the signatures. An empty
list gets no sheet: nothing to sign. Then the applicants that need more data and the
statistics, and, when asked, the provisional values on a sheet of their own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import IO

from hoctap_cli.outputs.papers.export_data import FOOTNOTE_MARK, ExportData, Listed, TitleList
from hoctap_cli.outputs.papers.export_sheets import (
    INCOMPLETE_COLUMNS,
    PROVISIONAL_SHEET,
    PROVISIONAL_WIDTHS,
    STATISTICS_COLUMNS,
    incomplete_sheet,
    provisional_sheet,
    statistics_sheet,
)
from hoctap_cli.outputs.papers.template import sheet_title
from hoctap_cli.outputs.papers.xlsx_book import Book, Sheet
from hoctap_cli.outputs.papers.xlsx_fit import PADDING, text_width
from hoctap_cli.outputs.papers.xlsx_layout import (
    BOX,
    CENTRE,
    LEFT,
    RIGHT_BLOCK,
    SIZE,
    banner,
    box_row,
    fit_widths,
    font,
    header_row,
    letterhead_block,
    print_setup,
    put,
    put_footnote,
    signature_block,
)
from hoctap_cli.outputs.papers.xlsx_pages import keep_signature_with_rows
from hoctap_cli.outputs.words.points_text import known_text
from hoctap_cli.version import __version__

WORKBOOK_TITLE = "Danh sách đề nghị công nhận danh hiệu học tập"  # recognised on a rerun
NAME_COLUMN = 1  # 0-based: the column widened when the table is narrow
ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def write_xlsx(data: ExportData, stream: IO[bytes]) -> None:
    """List sheets in evaluation order (none for an empty list), then the working sheets.

    Every row is given the height its text needs (``xlsx_fit``) as it is written.
    """
    book = Book(stream)
    used: set[str] = set()
    for title_list in data.lists:
        if title_list.listed:
            widths = list_widths(title_list)
            sheet = book.sheet(list_sheet_name(title_list, used), widths, fit=True)
            header, total = write_list(sheet, title_list, data)
            sheet.finish()
            keep_signature_with_rows(sheet, header, header + 1, total)
    working = [
        ("Hồ sơ cần bổ sung", [w for _, w in INCOMPLETE_COLUMNS], incomplete_sheet),
        ("Thống kê", [w for _, w in STATISTICS_COLUMNS], statistics_sheet),
    ]
    if data.provisional_apart and any(t.provisional for t in data.lists):
        working.append((PROVISIONAL_SHEET, list(PROVISIONAL_WIDTHS), provisional_sheet))
    for name, widths, write in working:
        sheet = book.sheet(name, widths, fit=True)
        write(sheet, data)
        sheet.finish()
    book.workbook.set_properties({"title": WORKBOOK_TITLE, "author": f"hoctap {__version__}"})
    book.close()


def list_sheet_name(title_list: TitleList, used: set[str]) -> str:
    """'DS Gia đình học tập': at most 31 characters (else a usual short name of the title)."""
    candidates = [f"DS {name}" for name in (title_list.title, *title_list.short_names)]
    fitting = [name for name in candidates if len(sheet_title(name)) == len(name) <= 31]
    name = sheet_title((fitting or candidates)[0])
    base, count = name, 1
    while name in used:
        count += 1
        suffix = f" ({count})"
        name = base[: 31 - len(suffix)] + suffix
    used.add(name)
    return name


def columns(title_list: TitleList) -> list[tuple[str, float]]:
    """STT, name, code, then points and level only where the title has them, and a note.

    No village column: the rows are grouped under village headings. The columns right of
    the name are made wide enough for the national motto above them.
    """
    listed = [applicant for group in title_list.villages for applicant in group.applicants]
    numbers = [str(applicant.stt) for applicant in listed[-1:]]  # STT counts up: the last
    if title_list.has_village:
        numbers += [roman(n) for n in range(1, len(title_list.villages) + 1)]
    chosen = [("STT", one_line(numbers, 6.0, bold=True)), (title_list.name_label, 30.0)]
    if title_list.id_label:
        codes = {applicant.code for applicant in listed}
        chosen.append((title_list.id_label, one_line(codes, 12.0, most=CODE_WIDTH_MOST)))
    if title_list.has_points:
        chosen.append(("Tổng điểm", 10.0))
    if title_list.has_rank:
        chosen.append((title_list.level_header, 13.0))
    chosen.append(("Ghi chú", 22.0))
    short = RIGHT_BLOCK - sum(width for _, width in chosen[NAME_COLUMN + 1 :])
    if short > 0:
        chosen[-1] = ("Ghi chú", chosen[-1][1] + short)
    return chosen


# A province's codes ("V0001-000001") and five-digit STT wrapped in the narrow columns, and
# every row of a 500,000-household list printed on two lines. The columns are widened to
# the longest of their texts, up to this for the code (a longer one wraps).
CODE_WIDTH_MOST = 22.0


def one_line(
    texts: Iterable[str], least: float, *, most: float = 12.0, bold: bool = False
) -> float:
    """A column width, from ``least`` to ``most``, that shows each of ``texts`` on one line at
    the list's font size, as ``xlsx_fit`` measures it."""
    widest = max((text_width(text, SIZE, bold) for text in texts), default=0.0)
    return min(max(least, float(math.ceil(widest + PADDING + 0.5))), max(least, most))


def list_widths(title_list: TitleList) -> list[float]:
    """The list's column widths, the name column widened for the letterhead if need be."""
    return fit_widths([width for _, width in columns(title_list)], NAME_COLUMN)


def write_list(sheet: Sheet, title_list: TitleList, data: ExportData) -> tuple[int, int]:
    """Write one list sheet; returns its header row and the row of its total."""
    labels = [label for label, _ in columns(title_list)]
    widths = sheet.widths
    head = data.letterhead
    row = letterhead_block(sheet, head, widths)
    row = banner(sheet, row, widths, title_list.heading, font(bold=True, size=14))
    row = banner(sheet, row, widths, title_list.attached, font(italic=True))
    mark = FOOTNOTE_MARK if title_list.provisional else ""
    row = banner(sheet, row, widths, title_list.basis + mark, font(italic=True)) + 1
    header_row(sheet, row, labels, widths)
    print_setup(sheet, widths, row)
    header = row
    row = total_row = _table(sheet, row + 1, title_list, len(labels))
    total = f"Tổng cộng: {title_list.listed} {title_list.unit}."
    put(sheet, row, (1, len(labels)), total, font(bold=True), LEFT)
    row += 1
    if title_list.provisional:
        put_footnote(sheet, row, len(labels), footnote(title_list, data))
        row += 1
    signature_block(sheet, row + 1, head, widths)
    return header, total_row


def footnote(title_list: TitleList, data: ExportData) -> str:
    """The one provisional-values note, under the table or pointing to its own sheet."""
    if data.provisional_apart:
        return f"{FOOTNOTE_MARK} Có giá trị tạm tính: xem trang “{PROVISIONAL_SHEET}”."
    return f"{FOOTNOTE_MARK} {title_list.provisional}"


def _table(sheet: Sheet, row: int, title_list: TitleList, width: int) -> int:
    """Village rows and applicant rows, boxed; returns the row after the table."""
    for number, group in enumerate(title_list.villages, start=1):
        if title_list.has_village:
            count = f"{group.village} ({len(group.applicants)} {title_list.unit})"
            _cell(sheet, row, 1, roman(number), bold=True)
            put(sheet, row, (2, width), count, font(bold=True), LEFT)
            box_row(sheet, row, width)
            row += 1
        for listed in group.applicants:
            _applicant(sheet, row, listed, title_list)
            row += 1
    return row


def _applicant(sheet: Sheet, row: int, listed: Listed, title_list: TitleList) -> None:
    values: list[tuple[object, bool]] = [(listed.stt, True), (listed.name, False)]
    if title_list.id_label:
        values.append((listed.code or None, True))
    if title_list.has_points:
        values.append((listed_total(listed), True))
    if title_list.has_rank:
        values.append((listed.level_label, True))
    values.append((listed.note or None, False))
    sheet.put_row(
        row,
        {
            column: (column, value, _CELL_STYLES[False, centred])
            for column, (value, centred) in enumerate(values, start=1)
        },
    )


def listed_total(listed: Listed) -> object:
    """The number, or '84 + ?' as text when an item could not be scored (see the note)."""
    if listed.total is None or listed.total_complete:
        return listed.total
    return known_text(listed.total, False)


def _cell(
    sheet: Sheet, row: int, column: int, value: object, *, bold: bool = False, centred: bool = True
) -> None:
    sheet.put(row, (column, column), value, _CELL_STYLES[bold, centred])


# A table cell's look by (bold, centred), made once: a list has millions of cells.
_CELL_STYLES = {
    (bold, centred): font(bold=bold) | (CENTRE if centred else LEFT) | BOX
    for bold in (False, True)
    for centred in (False, True)
}


def roman(number: int) -> str:
    """I, II, III, IV … for the village rows."""
    text = ""
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        text += letters * count
    return text
