"""The working sheets beside the lists: applicants to complete, statistics, provisional values."""

from __future__ import annotations

from hoctap_cli.outputs.papers.export_data import FOOTNOTE_MARK, ExportData, TitleList
from hoctap_cli.outputs.papers.export_stats import NOT_EVALUATED, Counts
from hoctap_cli.outputs.papers.xlsx_book import Sheet, Style
from hoctap_cli.outputs.papers.xlsx_layout import (
    BOX,
    CENTRE,
    LEFT,
    banner,
    box_row,
    font,
    header_row,
    letterhead_block,
    print_setup,
    put,
    put_footnote,
)

INCOMPLETE_COLUMNS = (
    ("STT", 6.0),
    ("Danh hiệu", 20.0),
    ("Mã", 11.0),
    ("Họ tên / Tên", 26.0),
    ("Thôn", 16.0),
    ("Điểm hiện có", 10.0),
    ("Cần bổ sung", 56.0),
    ("Ghi chú", 18.0),
)
STATISTICS_COLUMNS = (
    ("STT", 6.0),
    ("Danh hiệu", 24.0),
    ("Thôn", 22.0),
    ("Đăng ký", 10.0),
    ("Đã xét", 10.0),
    ("Đạt", 10.0),
    ("Không đạt", 10.0),
    ("Chưa đủ dữ liệu", 11.0),
    ("Tỉ lệ đạt", 10.0),
)
PROVISIONAL_SHEET = "Giá trị tạm tính"
PROVISIONAL_WIDTHS = (6.0, 90.0)
RATE = Style(num_format="0.0%")
DEFINITIONS = (
    "Đăng ký: số dòng hồ sơ đã đọc, kể cả dòng không xét được vì thiếu mã, thiếu ô bắt buộc"
    " (như họ tên) hoặc trùng mã; các dòng này có trong trang “Hồ sơ cần bổ sung”.",
    "Đã xét: số hồ sơ đã chấm; Tỉ lệ đạt = Đạt / Đã xét.",
)


def incomplete_sheet(sheet: Sheet, data: ExportData) -> None:
    """Applicants that cannot be decided yet, with the cells or criteria they still need."""
    labels = [label for label, _ in INCOMPLETE_COLUMNS]
    widths = [width for _, width in INCOMPLETE_COLUMNS]
    row = letterhead_block(sheet, data.letterhead, widths)
    heading = f"DANH SÁCH HỒ SƠ CHƯA ĐỦ DỮ LIỆU, CẦN BỔ SUNG NĂM {data.year}"
    row = banner(sheet, row, widths, heading, font(bold=True, size=14))
    note = "(Chưa đưa vào danh sách đề nghị công nhận; bổ sung các ô còn thiếu rồi xét lại)"
    row = banner(sheet, row, widths, note, font(italic=True)) + 1
    header_row(sheet, row, labels, widths)
    print_setup(sheet, widths, row)
    entries = [entry for title_list in data.lists for entry in title_list.incomplete]
    entries += [entry for title_list in data.lists for entry in title_list.left_out]
    if not entries:
        put(sheet, row + 1, (1, len(labels)), "Không có hồ sơ nào cần bổ sung.", font(italic=True))
        box_row(sheet, row + 1, len(labels))
    for number, entry in enumerate(entries, start=1):
        values = (number, entry.title, entry.id, entry.name, entry.village, entry.total)
        _line(sheet, row + number, [*values, entry.missing, entry.note])


def statistics_sheet(sheet: Sheet, data: ExportData) -> None:
    """Per title and village: registered, assessed, passed, failed, incomplete, pass rate."""
    labels = [label for label, _ in STATISTICS_COLUMNS]
    widths = [width for _, width in STATISTICS_COLUMNS]
    row = letterhead_block(sheet, data.letterhead, widths)
    heading = f"THỐNG KÊ KẾT QUẢ XÉT CÔNG NHẬN CÁC DANH HIỆU HỌC TẬP NĂM {data.year}"
    row = banner(sheet, row, widths, heading, font(bold=True, size=14)) + 1
    header_row(sheet, row, labels, widths)
    print_setup(sheet, widths, row)
    number = 0
    for title_list in data.lists:
        title = title_list.title + (FOOTNOTE_MARK if title_list.provisional else "")
        for counts in title_list.statistics:
            number += 1
            row += 1
            _line(sheet, row, [number, title, *_figures(counts)], rate=True)
        if title_list.not_evaluated:
            row += 1
            skipped = [NOT_EVALUATED, title_list.not_evaluated, 0, 0, 0, 0, None]
            _line(sheet, row, ["", title, *skipped])
        row += 1
        _line(sheet, row, ["", title, *_figures(title_list.total)], bold=True, rate=True)
    row += 2
    provisional = [title_list for title_list in data.lists if title_list.provisional]
    if provisional:
        put_footnote(sheet, row, len(labels), statistics_footnote(provisional, data))
        row += 1
    for text in DEFINITIONS:
        put(sheet, row, (1, len(labels)), text, font(italic=True), LEFT)
        row += 1
    _provenance(sheet, row + 1, data, len(labels))


def _figures(counts: Counts) -> list[object]:
    return [
        counts.village,
        counts.registered,
        counts.assessed,
        counts.passed,
        counts.failed,
        counts.incomplete,
        counts.pass_rate,
    ]


def _line(
    sheet: Sheet, row: int, values: list[object], *, bold: bool = False, rate: bool = False
) -> None:
    """One boxed table row; with ``rate`` the last value is shown as a percentage."""
    for column, value in enumerate(values, start=1):
        style = font(bold=bold) | BOX | (LEFT if isinstance(value, str) else CENTRE)
        if rate and column == len(values):
            style |= RATE
        sheet.put(row, (column, column), value, style)


def _provenance(sheet: Sheet, row: int, data: ExportData, width: int) -> None:
    """Tool, as-of date, criteria and input hashes: enough to reproduce every figure."""
    put(sheet, row, (1, width), "Nguồn gốc kết quả", font(bold=True), LEFT)
    for label, value in data.provenance_lines:
        row += 1
        put(sheet, row, (1, 3), label, font(size=11), LEFT)
        put(sheet, row, (4, width), value, font(size=11), LEFT)


def statistics_footnote(provisional: list[TitleList], data: ExportData) -> str:
    """One footnote for every title whose figures rest on provisional values."""
    names = ", ".join(title_list.title for title_list in provisional)
    where = (
        f"xem trang “{PROVISIONAL_SHEET}”"
        if data.provisional_apart
        else "xem chú thích ở từng danh sách"
    )
    return (
        f"{FOOTNOTE_MARK} Kết quả xét {names} dựa trên một số giá trị tạm tính "
        f"của bộ tiêu chí ({where})."
    )


def provisional_sheet(sheet: Sheet, data: ExportData) -> None:
    """The provisional values every list relies on, as an appendix of the workbook."""
    widths = list(PROVISIONAL_WIDTHS)
    print_setup(sheet, widths, None)
    row = banner(sheet, 1, widths, "GIÁ TRỊ TẠM TÍNH CỦA CÁC BỘ TIÊU CHÍ", font(bold=True, size=14))
    row = (
        banner(
            sheet, row, widths, f"(Phụ lục của các danh sách năm {data.year})", font(italic=True)
        )
        + 1
    )
    for number, title_list in enumerate((t for t in data.lists if t.provisional), start=1):
        put(sheet, row, (1, 1), str(number), font(bold=True))
        put(sheet, row, (2, 2), title_list.title, font(bold=True), LEFT)
        put(sheet, row + 1, (2, 2), title_list.provisional, font(), LEFT)
        for note in title_list.criteria.get("provisional_notes", []):
            row += 1
            put(sheet, row + 1, (2, 2), f"– {note}", font(size=11), LEFT)
        row += 3
