"""Bad workbooks, as officers and other programs really make them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl

from .corpus import HEADER, SHEET, Case, Seen, row, with_criteria
from .xlsx_parts import Formula, Sheet, numbered, row_xml, write_xlsx


def _book(path: Path, rows: list[list[Any]], **sheets: list[list[Any]]) -> Path:
    """An ordinary workbook made with openpyxl: one sheet SHEET, and any others."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = SHEET
    for cells in rows:
        first.append(cells)
    for name, more in sheets.items():
        sheet = book.create_sheet(name)
        for cells in more:
            sheet.append(cells)
    book.save(path)
    return path


def _clean(directory: Path, name: str, *rows: list[Any]) -> list[str | Path]:
    return with_criteria(_book(directory / name, [HEADER, *rows]))


def empty(directory: Path) -> list[str | Path]:
    (directory / "rong.xlsx").write_bytes(b"")
    return with_criteria(directory / "rong.xlsx")


def no_header(directory: Path) -> list[str | Path]:
    rows = [["DANH SÁCH HỘ"], ["STT", "Tên", "Ghi chú"], [1, "An", ""]]
    return with_criteria(_book(directory / "khong-tieu-de.xlsx", rows))


def repeated_column(directory: Path) -> list[str | Path]:
    header = [*HEADER, "Họ và tên"]
    return with_criteria(_book(directory / "cot-trung.xlsx", [header, row("H1"), row("H2")]))


def two_row_header(directory: Path) -> list[str | Path]:
    """Gia đình học tập: every title merged over two rows but 'Điểm' over TC3 and TC4."""
    labels = [
        "Mã hộ", "Họ tên chủ hộ", "Thôn", "Số trẻ trong độ tuổi phổ cập", "Số trẻ đi học",
        "Số trẻ học lực từ trung bình", "Số trẻ hạnh kiểm từ khá", "Điểm 1.3", "Số người lớn",
        "Số người lớn biết chữ", "Số người lớn học chuyên đề", "Điểm 2.3",
    ]  # fmt: skip
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Gia đình học tập"
    for column, label in enumerate(labels, start=1):
        sheet.cell(1, column, label)
        sheet.merge_cells(start_row=1, start_column=column, end_row=2, end_column=column)
    sheet.cell(1, 13, "Điểm")
    sheet.merge_cells("M1:N1")
    sheet.cell(2, 13, "TC3")
    sheet.cell(2, 14, "TC4")
    sheet.append(["GD-01", "Lê Văn Ba", "Thôn 2", 0, None, None, None, 10, 1, 1, 1, 10, 20, 20])
    path = directory / "tieu-de-hai-dong.xlsx"
    book.save(path)
    return [path, "--criteria", "gia-dinh-hoc-tap"]


def hidden_rows(directory: Path) -> list[str | Path]:
    path = _book(directory / "dong-an.xlsx", [HEADER, row("H1"), row("H2"), row("H3"), row("H4")])
    book = openpyxl.load_workbook(path)
    for number in (3, 5):
        book[SHEET].row_dimensions[number].hidden = True
    book.save(path)
    return with_criteria(path)


def hidden_sheet(directory: Path) -> list[str | Path]:
    path = directory / "trang-an.xlsx"
    _book(path, [HEADER, row("H1")], **{"Bổ sung": [HEADER, row("H2")]})
    book = openpyxl.load_workbook(path)
    book["Bổ sung"].sheet_state = "hidden"
    book.save(path)
    return with_criteria(path)


def _raw(directory: Path, name: str, *rows: list[Any]) -> list[str | Path]:
    path = directory / name
    return with_criteria(write_xlsx(path, [Sheet(SHEET, numbered([HEADER, *rows]))]))


def cached_formula(directory: Path) -> list[str | Path]:
    return _raw(directory, "cong-thuc.xlsx", row("H1", points=Formula("4+4", cached=8)))


def uncached_formula(directory: Path) -> list[str | Path]:
    """openpyxl writes formulas without computing them, as many programs do."""
    return _clean(directory, "cong-thuc-chua-tinh.xlsx", row("H1"), row("H2", points="=4+4"))


def formula_error(directory: Path) -> list[str | Path]:
    error = Formula("8/0", error="#DIV/0!")
    return _raw(directory, "cong-thuc-loi.xlsx", row("H1"), row("H2", points=error))


def numbers_as_text(directory: Path) -> list[str | Path]:
    return _clean(directory, "so-dang-chu.xlsx", row("H1", points="8"), row("H2", points="7,5"))


def dates(directory: Path) -> list[str | Path]:
    header = [*HEADER, "Ngày đăng ký"]
    days = [dt.date(2025, 3, 15), "15/03/2025", 45731]  # the same day, three ways
    rows = [[*row(f"H{i}"), day] for i, day in enumerate(days, start=1)]
    return with_criteria(_book(directory / "ngay.xlsx", [header, *rows]))


def _points(directory: Path, name: str, points: float) -> list[str | Path]:
    return _clean(directory, name, row("H1"), row("H2", points=points), row("H3"))


def duplicate_ids(directory: Path) -> list[str | Path]:
    return _clean(directory, "ma-trung.xlsx", row("H1"), row("H1", "Trần Bình"), row("H2"))


def too_many_rows(directory: Path) -> list[str | Path]:
    rows = [row(f"H{i}") for i in range(1, 151)]
    return _raw(directory, "qua-nhieu-dong.xlsx", *rows)


def too_many_columns(directory: Path) -> list[str | Path]:
    return _raw(directory, "qua-nhieu-cot.xlsx", [*row("H1"), *[None] * 18, "ghi chú"])


def _far_cell(
    directory: Path, name: str, far: str, dimension: str | None = None
) -> list[str | Path]:
    rows = [row_xml(1, HEADER), row_xml(2, row("H1")), far]
    sheet = Sheet(SHEET, raw=rows, dimension=dimension)
    return with_criteria(write_xlsx(directory / name, [sheet]))


def dimension_bomb(directory: Path) -> list[str | Path]:
    """Two cells, A1 and XFD1048576: the reader would ask for half a terabyte."""
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return _far_cell(directory, "bom-kich-thuoc.xlsx", far)


def _lying_bomb(directory: Path, name: str, far: str) -> list[str | Path]:
    """The bomb above, with a dimension saying the sheet ends at G2: its far cell is found
    however the reference is written, as the reader would read it."""
    return _far_cell(directory, name, far, dimension="A1:G2")


_BOMB_CELL = "<v>1</v></c></row>"
LYING_BOMBS = {
    "khai-gian": '<row r="1048576"><c r="XFD1048576">' + _BOMB_CELL,
    "nhay-don": "<row r='1048576'><c r='XFD1048576'>" + _BOMB_CELL,
    "chu-thuong": '<row r="1048576"><c r="xfd1048576">' + _BOMB_CELL,
    "tab": '<row\tr="1048576"><c\tr = "XFD1048576">' + _BOMB_CELL,
    "thuoc-tinh-sau": '<row r="1048576"><c s="0" r="XFD1048576">' + _BOMB_CELL,
    "khong-tham-chieu": '<row r="1048576">' + "<c/>" * 16_383 + "<c>" + _BOMB_CELL,
}
_BOMB_REFUSAL = "1.048.576 dòng × 16.384 cột = 17.179.869.184 ô, giới hạn là 20.000.000 ô"


def honest_dimension(directory: Path) -> list[str | Path]:
    """A sheet stating its true extent, with a hidden row and an uncomputed formula:
    the extent is only confirmed, and the hidden row and the formula still found."""
    rows = [
        row_xml(1, HEADER),
        row_xml(2, row("H1")),
        row_xml(3, row("H2", points=Formula("4+4")), hidden=True),
    ]
    sheet = Sheet(SHEET, raw=rows, dimension="A1:G3")
    return with_criteria(write_xlsx(directory / "khai-dung.xlsx", [sheet]))


def far_cell(directory: Path) -> list[str | Path]:
    far = '<row r="1000000"><c r="AD1000000"><v>1</v></c></row>'
    return _far_cell(directory, "o-xa-bang.xlsx", far)


def truncated(directory: Path) -> list[str | Path]:
    path = _book(directory / "bi-cat.xlsx", [HEADER, row("H1")])
    path.write_bytes(path.read_bytes()[:1500])
    return with_criteria(path)


CASES = [
    Case("rong-0-byte", empty, 2, refusal="tệp rỗng (0 byte)"),
    Case("khong-co-tieu-de", no_header, 2, refusal="Không tìm thấy dòng tiêu đề"),
    Case(
        "cot-trung",
        repeated_column,
        1,
        (Seen("duplicate_column", 1, "H", "'Họ và tên' xuất hiện hai lần; dùng cột đầu tiên"),),
        ("H1", "H2"),
    ),
    Case("tieu-de-hai-dong", two_row_header, 0, evaluated=("GD-01",)),
    Case(
        "dong-an",
        hidden_rows,
        0,
        (Seen("hidden_rows", None, None, "2 dòng đang ẩn (dòng 3, 5) vẫn được đọc và xét"),),
        ("H1", "H2", "H3", "H4"),
    ),
    Case(
        "trang-an",
        hidden_sheet,
        0,
        (Seen("hidden_sheet", None, None, "Trang tính đang ẩn; vẫn được đọc", "Bổ sung"),),
        ("H1", "H2"),
    ),
    Case("cong-thuc-co-gia-tri", cached_formula, 0, evaluated=("H1",)),
    Case(
        "cong-thuc-chua-tinh",
        uncached_formula,
        1,
        (
            Seen(
                "formula_not_calculated",
                3,
                "D",
                "Ô công thức '=4+4' chưa có giá trị đã tính; hãy mở và lưu lại bằng Excel",
            ),
        ),
        ("H1", "H2"),
    ),
    Case(
        "cong-thuc-loi",
        formula_error,
        1,
        (Seen("formula_error", 3, "D", "Ô báo lỗi #DIV/0! của Excel"),),
        ("H1", "H2"),
    ),
    Case("so-dang-chu", numbers_as_text, 0, evaluated=("H1", "H2")),
    Case(
        "diem-am",
        lambda d: _points(d, "diem-am.xlsx", -3),
        1,
        (Seen("out_of_range", 3, "D", "Giá trị -3 nằm ngoài khoảng cho phép từ 0 đến 10"),),
        ("H1", "H2", "H3"),
    ),
    Case(
        "diem-qua-toi-da",
        lambda d: _points(d, "diem-qua-toi-da.xlsx", 12),
        1,
        (Seen("out_of_range", 3, "D", "Giá trị 12 nằm ngoài khoảng cho phép từ 0 đến 10"),),
        ("H1", "H2", "H3"),
    ),
    Case("ngay-thang", dates, 0, evaluated=("H1", "H2", "H3")),
    Case(
        "ma-trung",
        duplicate_ids,
        1,
        (Seen("duplicate_id", 3, "A", "Mã 'H1' trùng với dòng 2: dòng này không được xét"),),
        ("H1", "H2"),
    ),
    Case(
        "qua-nhieu-dong",
        too_many_rows,
        2,
        refusal="trang 'Danh sách' có 151 dòng, giới hạn là 100 dòng mỗi trang",
        limits={"MAX_ROWS": 100},
    ),
    Case(
        "qua-nhieu-cot",
        too_many_columns,
        2,
        refusal="trang 'Danh sách' có 26 cột, giới hạn là 20 cột mỗi trang",
        limits={"MAX_COLUMNS": 20},
    ),
    Case("bom-kich-thuoc", dimension_bomb, 2, refusal=_BOMB_REFUSAL),
    *(
        Case(
            f"bom-kich-thuoc-{name}",
            lambda d, n=name, far=far: _lying_bomb(d, f"bom-{n}.xlsx", far),
            2,
            refusal=_BOMB_REFUSAL,
        )
        for name, far in LYING_BOMBS.items()
    ),
    Case(
        "kich-thuoc-khai-dung",
        honest_dimension,
        1,
        (
            Seen("hidden_rows", None, None, "1 dòng đang ẩn (dòng 3) vẫn được đọc và xét"),
            Seen("formula_not_calculated", 3, "D", "Ô công thức '=4+4' chưa có giá trị đã tính"),
        ),
        ("H1", "H2"),
    ),
    Case(
        "o-xa-bang",
        far_cell,
        2,
        refusal="trải trên 1.000.000 dòng × 30 cột = 30.000.000 ô, giới hạn là 20.000.000 ô",
    ),
    Case("bi-cat", truncated, 2, refusal="tệp .xlsx bị hỏng hoặc chưa chép hết"),
]
