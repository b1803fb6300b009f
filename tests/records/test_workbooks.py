"""Reading .xlsx workbooks as village officers really fill them in."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.problems import Problem, ProblemCode
from hoctap_cli.records.reader import ReadResult, open_input, read_input
from hoctap_cli.records.sources import InputError
from hoctap_cli.text import fold

from .conftest import BookWriter, build_book, read_path

Reader = Callable[[Path], ReadResult]
SHEET = "Danh sách"
CHOICES = "Yếu, Trung bình, Khá, Tốt"


def vietnamese(message: str) -> bool:
    """A message written in Vietnamese: it has diacritics and no English wording."""
    english = {"expected", "invalid", "error", "value", "missing", "column", "row"}
    return fold(message) != message.lower() and not english & set(fold(message).split())


def where(problem: Problem) -> tuple[Any, ...]:
    return (problem.code, problem.sheet, problem.row, problem.column, problem.field, problem.value)


# --- The village workbook: title block, header on row 6, every kind of cell -------------

HEADER = [
    "STT",
    "MÃ  HỒ   SƠ",  # capitals and extra spaces
    "Ho va ten",  # no diacritics
    "Thôn/buôn",  # alias
    "Số con\nđi  học",  # line break inside the cell
    "thu nhap binh quan",
    "Điểm HĐ",  # alias
    "  Tủ sách ",  # alias with spaces around
    "Học chuyên đề",
    "NGÀY ĐĂNG KÝ",
    "Xếp\nloại",
    "Ghi chú",  # a column the criteria do not know
]
KEYS = [
    "stt",
    "ma",
    "ho_ten",
    "thon",
    "so_con",
    "thu_nhap",
    "diem_hd",
    "co_tu_sach",
    "hoc_chuyen_de",
    "ngay_dang_ky",
    "xep_loai",
    "ghi_chu",
]
TITLE = [
    ("A1:E1", "UBND XÃ QUẢNG PHÚ"),
    ("G1:L1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("G2:L2", "Độc lập - Tự do - Hạnh phúc"),
    ("A4:L4", "DANH SÁCH ĐĂNG KÝ NĂM 2025"),
]
DATA: list[dict[str, Any]] = [
    # row 7
    {
        "stt": 1,
        "ma": "H01",
        "ho_ten": "Nguyễn Văn An",
        "thon": "Thôn 1",
        "so_con": 2,
        "thu_nhap": "7,5",
        "diem_hd": "8",
        "co_tu_sach": "x",
        "hoc_chuyen_de": "có",
        "ngay_dang_ky": "15/03/2025",
        "xep_loai": "Tốt",
        "ghi_chu": "Nhiều năm liền",
    },
    # row 8
    {
        "stt": 2,
        "ma": "H02",
        "ho_ten": "Trần Thị Bình",
        "thon": "Thôn 1",
        "so_con": "2.0",
        "thu_nhap": " 12 ",
        "diem_hd": 7.5,
        "co_tu_sach": "X",
        "hoc_chuyen_de": "Có",
        "ngay_dang_ky": dt.date(2025, 3, 16),
        "xep_loai": "khá",
    },
    # row 9
    {
        "stt": 3,
        "ma": "H03",
        "ho_ten": "Y Khoa Niê",
        "so_con": 0,
        "thu_nhap": 12.25,
        "diem_hd": 9,
        "co_tu_sach": "không",
        "hoc_chuyen_de": None,  # blank with when_blank: false
        "ngay_dang_ky": 45733,  # Excel serial of 17/03/2025, cell not formatted as a date
        "xep_loai": "TB",
    },
    # row 10
    {
        "stt": 4,
        "ma": "H04",
        "ho_ten": "Lê Thị Cúc",
        "co_tu_sach": None,  # blank without when_blank: missing
        "hoc_chuyen_de": "đạt",
        "ngay_dang_ky": dt.datetime(2025, 3, 18, 9, 30),
        "xep_loai": "trung binh",
    },
    # row 11: blank in the middle
    {},
    # row 12
    {
        "stt": 5,
        "ma": "H05",
        "ho_ten": "Phạm Văn Dũng",
        "so_con": "2.5",
        "co_tu_sach": "Đạt",
        "hoc_chuyen_de": "0",
        "ngay_dang_ky": "31/02/2024",
        "xep_loai": "Yếu",
    },
    # row 13
    {
        "stt": 6,
        "ma": "H06",
        "ho_ten": "Hoàng Thị Én",
        "so_con": 11,
        "diem_hd": 12,
        "co_tu_sach": 1,
        "hoc_chuyen_de": 0,
        "xep_loai": "Xuất sắc",
    },
    # row 14
    {
        "stt": 7,
        "ma": "H07",
        "ho_ten": "Vũ Văn Giang",
        "thu_nhap": "abc",
        "co_tu_sach": True,
        "hoc_chuyen_de": "1",
        "xep_loai": "GIỎI",
    },
    # row 15: data but no id
    {"stt": 8, "ho_ten": "Đỗ Văn Hùng", "so_con": 1, "co_tu_sach": "x"},
    # row 16: the id of row 7 again
    {"stt": 9, "ma": "H01", "ho_ten": "Nguyễn Văn An", "so_con": 3},
    # row 17: an id typed as a number, after all the problems
    {"stt": 10, "ma": 108, "ho_ten": "Bùi Thị Lan", "diem_hd": 10, "co_tu_sach": "không"},
    # rows 18-20: left for late applicants
    {"stt": 11},
    dict.fromkeys(KEYS[1:], "  "),
    {},
]
EXPECTED_VALUES: dict[str, dict[str, Any]] = {
    "H01": {
        "ma": "H01",
        "ho_ten": "Nguyễn Văn An",
        "thon": "Thôn 1",
        "so_con": 2,
        "thu_nhap": 7.5,
        "diem_hd": 8.0,
        "co_tu_sach": True,
        "hoc_chuyen_de": True,
        "ngay_dang_ky": dt.date(2025, 3, 15),
        "xep_loai": "tot",
    },
    "H02": {
        "ma": "H02",
        "ho_ten": "Trần Thị Bình",
        "thon": "Thôn 1",
        "so_con": 2,
        "thu_nhap": 12.0,
        "diem_hd": 7.5,
        "co_tu_sach": True,
        "hoc_chuyen_de": True,
        "ngay_dang_ky": dt.date(2025, 3, 16),
        "xep_loai": "kha",
    },
    "H03": {
        "ma": "H03",
        "ho_ten": "Y Khoa Niê",
        "so_con": 0,
        "thu_nhap": 12.25,
        "diem_hd": 9.0,
        "co_tu_sach": False,
        "hoc_chuyen_de": False,
        "ngay_dang_ky": dt.date(2025, 3, 17),
        "xep_loai": "trung_binh",
    },
    "H04": {
        "ma": "H04",
        "ho_ten": "Lê Thị Cúc",
        "hoc_chuyen_de": True,
        "ngay_dang_ky": dt.date(2025, 3, 18),
        "xep_loai": "trung_binh",
    },
    "H05": {
        "ma": "H05",
        "ho_ten": "Phạm Văn Dũng",
        "co_tu_sach": True,
        "hoc_chuyen_de": False,
        "xep_loai": "yeu",
    },
    "H06": {"ma": "H06", "ho_ten": "Hoàng Thị Én", "co_tu_sach": True, "hoc_chuyen_de": False},
    "H07": {
        "ma": "H07",
        "ho_ten": "Vũ Văn Giang",
        "co_tu_sach": True,
        "hoc_chuyen_de": True,
        "xep_loai": "tot",
    },
    "108": {
        "ma": "108",
        "ho_ten": "Bùi Thị Lan",
        "diem_hd": 10.0,
        "co_tu_sach": False,
        "hoc_chuyen_de": False,
    },
}
EXPECTED_ROWS = {
    "H01": 7,
    "H02": 8,
    "H03": 9,
    "H04": 10,
    "H05": 12,
    "H06": 13,
    "H07": 14,
    "108": 17,
}


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = [HEADER] + [[row.get(key) for key in KEYS] for row in DATA]
    path = tmp_path_factory.mktemp("village") / "thon-1.xlsx"
    return build_book(path, {SHEET: rows}, top=6, merged=TITLE)


@pytest.fixture(scope="module")
def village_read(village: Path, compiled: CompiledCriteria) -> ReadResult:
    return read_path(village, compiled)


def test_header_below_merged_title_block_is_found(village_read: ReadResult) -> None:
    """It finds the header on row 6 under a merged title block and maps every header spelling."""
    (layout,) = village_read.layouts
    assert layout.sheet == SHEET
    assert layout.header_row == 6
    assert layout.columns == {
        "ma": "B",
        "ho_ten": "C",
        "thon": "D",
        "so_con": "E",
        "thu_nhap": "F",
        "diem_hd": "G",
        "co_tu_sach": "H",
        "hoc_chuyen_de": "I",
        "ngay_dang_ky": "J",
        "xep_loai": "K",
    }


def test_records_have_ids_rows_and_sheet_in_order(village_read: ReadResult) -> None:
    """It reads one record per applicant row, in order, each with its Excel row and sheet."""
    ids = [record.values["ma"] for record in village_read.records]
    assert ids == list(EXPECTED_ROWS)
    for record in village_read.records:
        assert record.source.file == village_read.file
        assert record.source.sheet == SHEET
        assert record.source.row == EXPECTED_ROWS[record.values["ma"]]


@pytest.mark.parametrize("applicant", list(EXPECTED_VALUES))
def test_values_are_normalised(village_read: ReadResult, applicant: str) -> None:
    """It normalises each cell to its field's type and leaves unreadable cells out."""
    records = {record.values["ma"]: record for record in village_read.records}
    assert records[applicant].values == EXPECTED_VALUES[applicant]


def test_value_types_are_exact(village_read: ReadResult) -> None:
    """It gives ints for integers, exact decimals for numbers, bools and plain dates, never
    text."""
    for record in village_read.records:
        for name, value in record.values.items():
            expected = {
                "so_con": int,
                "thu_nhap": Decimal,
                "diem_hd": Decimal,
                "co_tu_sach": bool,
                "hoc_chuyen_de": bool,
                "ngay_dang_ky": dt.date,
            }.get(name, str)
            assert type(value) is expected, (name, value)


def test_problems_are_located_exactly(village_read: ReadResult) -> None:
    """It reports each problem with its sheet, Excel row, column letter, field and raw value."""
    assert [where(p) for p in village_read.problems] == [
        (ProblemCode.bad_value, SHEET, 12, "E", "so_con", "2.5"),
        (ProblemCode.bad_value, SHEET, 12, "J", "ngay_dang_ky", "31/02/2024"),
        (ProblemCode.out_of_range, SHEET, 13, "E", "so_con", "11"),
        (ProblemCode.out_of_range, SHEET, 13, "G", "diem_hd", "12"),
        (ProblemCode.unknown_choice, SHEET, 13, "K", "xep_loai", "Xuất sắc"),
        (ProblemCode.bad_value, SHEET, 14, "F", "thu_nhap", "abc"),
        (ProblemCode.missing_id, SHEET, 15, "B", "ma", None),
        (ProblemCode.duplicate_id, SHEET, 16, "B", "ma", "H01"),
    ]
    assert all(p.file == village_read.file for p in village_read.problems)


def test_problem_messages_are_vietnamese_and_quote_the_value(village_read: ReadResult) -> None:
    """It words every problem in Vietnamese and quotes the value that was typed."""
    messages = [p.message for p in village_read.problems]
    assert messages == [
        "Giá trị '2.5' không đọc được: cần một số nguyên",
        "Giá trị '31/02/2024' không đọc được: cần một ngày dạng ngày/tháng/năm, ví dụ 25/12/2025",
        "Giá trị 11 nằm ngoài khoảng cho phép từ 0 đến 10",
        "Giá trị 12 nằm ngoài khoảng cho phép từ 0 đến 10",
        f"Giá trị 'Xuất sắc' không thuộc các lựa chọn: {CHOICES}",
        "Giá trị 'abc' không đọc được: cần một số (dấu thập phân là dấu phẩy hoặc dấu chấm)",
        "Dòng có dữ liệu nhưng thiếu 'Mã hồ sơ': không xét được",
        "Mã 'H01' trùng với dòng 7: dòng này không được xét",
    ]
    for problem in village_read.problems:
        assert vietnamese(problem.message), problem.message
        if problem.value is not None:
            assert problem.value in problem.message


def test_cell_problems_name_the_field_label(
    village_read: ReadResult, compiled: CompiledCriteria
) -> None:
    """It names each unusable cell's field label after its column letter."""
    for problem in village_read.problems[:6]:
        assert problem.field is not None
        label = compiled.criteria.field(problem.field).label
        assert problem.location().endswith(f"cột {problem.column} («{label}»)")


def test_out_of_range_value_is_not_clamped(village_read: ReadResult) -> None:
    """It leaves an out-of-range value out of the record instead of clamping it to the bound."""
    h06 = next(r for r in village_read.records if r.values["ma"] == "H06")
    assert "so_con" not in h06.values
    assert "diem_hd" not in h06.values


def test_blank_rows_are_not_applicants(village_read: ReadResult) -> None:
    """It ignores the blank middle row and trailing blank or STT-only rows without problems."""
    blank_rows = {11, 18, 19, 20}
    assert not {r.source.row for r in village_read.records} & blank_rows
    assert not {p.row for p in village_read.problems} & blank_rows


def test_missing_id_and_duplicate_rows_give_no_record(village_read: ReadResult) -> None:
    """It keeps no record for the row without an id nor for the repeated id."""
    rows = {r.source.row for r in village_read.records}
    assert 15 not in rows and 16 not in rows
    assert [r.values["ma"] for r in village_read.records].count("H01") == 1
    duplicate = next(p for p in village_read.problems if p.code is ProblemCode.duplicate_id)
    assert duplicate.params["first_row"] == 7


# --- Smaller workbooks, one concern each ---------------------------------------------------

BOOLEANS: list[tuple[Any, bool]] = [
    ("x", True),
    ("X", True),
    ("có", True),
    ("Có", True),
    ("CÓ", True),
    (unicodedata.normalize("NFD", "có"), True),
    ("không", False),
    ("Không", False),
    ("đạt", True),
    ("Đạt", True),
    ("không đạt", False),
    ("1", True),
    ("0", False),
    (1, True),
    (0, False),
    (True, True),
    (False, False),
]


def test_boolean_spellings(write_book: BookWriter, read: Reader) -> None:
    """It reads every common way of ticking or not ticking a yes/no column."""
    header = ["Mã hồ sơ", "Họ và tên", "Có tủ sách", "Học chuyên đề", "Điểm HĐ", "Xếp loại"]
    rows = [header] + [
        [f"B{i:02d}", "Tên", cell, cell, 5, "Khá"] for i, (cell, _) in enumerate(BOOLEANS)
    ]
    result = read(write_book("booleans.xlsx", {"S": rows}))
    assert result.problems == []
    got = [(r.values["co_tu_sach"], r.values["hoc_chuyen_de"]) for r in result.records]
    assert got == [(expected, expected) for _, expected in BOOLEANS]
    assert all(type(v) is bool for pair in got for v in pair)


def test_blank_boolean_uses_when_blank_only_when_declared(
    write_book: BookWriter, read: Reader
) -> None:
    """It reads a blank cell as False with when_blank: false and as missing without it."""
    header = ["Mã hồ sơ", "Họ và tên", "Có tủ sách", "Học chuyên đề", "Điểm HĐ", "Xếp loại"]
    rows = [header, ["B1", "Tên", None, None, 5, "Khá"], ["B2", "Tên", "", "   ", 5, "Khá"]]
    result = read(write_book("blank-bool.xlsx", {"S": rows}))
    assert result.problems == []
    for record in result.records:
        assert "co_tu_sach" not in record.values
        assert record.values["hoc_chuyen_de"] is False


def test_unknown_boolean_word_is_a_bad_value(write_book: BookWriter, read: Reader) -> None:
    """It reports a yes/no cell it cannot read instead of guessing."""
    header = ["Mã hồ sơ", "Họ và tên", "Có tủ sách", "Học chuyên đề", "Điểm HĐ", "Xếp loại"]
    rows = [header, ["B1", "Tên", "có lẽ", 2, 5, "Khá"]]
    result = read(write_book("bad-bool.xlsx", {"S": rows}))
    assert [where(p) for p in result.problems] == [
        (ProblemCode.bad_value, "S", 2, "C", "co_tu_sach", "có lẽ"),
        (ProblemCode.bad_value, "S", 2, "D", "hoc_chuyen_de", "2"),
    ]
    assert "co_tu_sach" not in result.records[0].values
    assert "hoc_chuyen_de" not in result.records[0].values


NUMBERS: list[tuple[Any, Any, Any]] = [
    # so_con (integer 0..10), thu_nhap (number), diem_hd (number 0..10)
    ("8", "8", "8"),
    ("2.0", "7,5", "7,5"),
    (" 3 ", " 12 ", " 9.5 "),
    (4.0, 12.25, 10),
    ("+5", "-1,25", "0"),
]
NUMBERS_READ = [
    (8, 8.0, 8.0),
    (2, 7.5, 7.5),
    (3, 12.0, 9.5),
    (4, 12.25, 10.0),
    (5, -1.25, 0.0),
]


def test_numbers_stored_as_text(write_book: BookWriter, read: Reader) -> None:
    """It reads numbers typed as text, with a decimal comma or point and stray spaces."""
    header = ["Mã hồ sơ", "Họ và tên", "Số con", "Thu nhập", "Điểm HĐ"]
    rows = [header] + [[f"N{i}", "Tên", *cells] for i, cells in enumerate(NUMBERS)]
    result = read(write_book("numbers.xlsx", {"S": rows}))
    assert [p for p in result.problems if p.code is not ProblemCode.missing_column] == []
    got = [(r.values["so_con"], r.values["thu_nhap"], r.values["diem_hd"]) for r in result.records]
    assert got == NUMBERS_READ
    assert all(type(r.values["so_con"]) is int for r in result.records)


@pytest.mark.parametrize("cell", ["2.5", "2,5", 2.5, "hai", "2 con", "1e3", "2.000.000"])
def test_integer_rejects_fractions_and_words(
    write_book: BookWriter, read: Reader, cell: Any
) -> None:
    """It rejects a count that is not a whole number rather than rounding it."""
    header = ["Mã hồ sơ", "Họ và tên", "Số con"]
    result = read(write_book("int.xlsx", {"S": [header, ["I1", "Tên", cell]]}))
    bad = [p for p in result.problems if p.code is not ProblemCode.missing_column]
    assert [where(p) for p in bad] == [
        (ProblemCode.bad_value, "S", 2, "C", "so_con", str(cell)),
    ]
    assert "so_con" not in result.records[0].values


DATES: list[Any] = [
    "05/03/2025",
    "5/3/2025",
    "05-03-2025",
    "05.03.2025",
    "2025-03-05",
    dt.date(2025, 3, 5),
    dt.datetime(2025, 3, 5, 14, 0),
    45721,  # Excel serial number of 05/03/2025
]


def test_dates_in_every_form(write_book: BookWriter, read: Reader) -> None:
    """It reads dd/mm/yyyy text, ISO text, real date cells and Excel serial numbers."""
    header = ["Mã hồ sơ", "Họ và tên", "Ngày ĐK"]
    rows = [header] + [[f"D{i}", "Tên", cell] for i, cell in enumerate(DATES)]
    result = read(write_book("dates.xlsx", {"S": rows}))
    assert [p for p in result.problems if p.code is not ProblemCode.missing_column] == []
    got = [r.values["ngay_dang_ky"] for r in result.records]
    assert got == [dt.date(2025, 3, 5)] * len(DATES)
    assert all(type(value) is dt.date for value in got)


@pytest.mark.parametrize("cell", ["31/02/2024", "29/02/2023", "2025-13-01", "03/2025", "hôm qua"])
def test_impossible_dates_are_bad_values(write_book: BookWriter, read: Reader, cell: str) -> None:
    """It reports a date that does not exist instead of rolling it over."""
    header = ["Mã hồ sơ", "Họ và tên", "Ngày ĐK"]
    result = read(write_book("bad-date.xlsx", {"S": [header, ["D1", "Tên", cell]]}))
    (problem,) = [p for p in result.problems if p.code is not ProblemCode.missing_column]
    assert where(problem) == (ProblemCode.bad_value, "S", 2, "C", "ngay_dang_ky", cell)
    assert f"'{cell}'" in problem.message and "ngày/tháng/năm" in problem.message
    assert "ngay_dang_ky" not in result.records[0].values


def test_choice_by_label_value_and_alias(write_book: BookWriter, read: Reader) -> None:
    """It reads a choice by its label, its value or an alias, in any case and without marks."""
    header = ["Mã hồ sơ", "Họ và tên", "Xếp loại chung"]
    cells = ["Tốt", "tot", "GIỎI", "T", "Khá", "K", "trung_binh", "Trung Bình", "TB", "yeu", "Y"]
    rows = [header] + [[f"C{i}", "Tên", cell] for i, cell in enumerate(cells)]
    result = read(write_book("choices.xlsx", {"S": rows}))
    assert [p for p in result.problems if p.code is not ProblemCode.missing_column] == []
    assert [r.values["xep_loai"] for r in result.records] == (
        ["tot"] * 4 + ["kha"] * 2 + ["trung_binh"] * 3 + ["yeu"] * 2
    )


def test_unknown_choice_lists_the_labels(write_book: BookWriter, read: Reader) -> None:
    """It reports a choice that is none of the options and names the options."""
    header = ["Mã hồ sơ", "Họ và tên", "Xếp loại"]
    result = read(write_book("choice.xlsx", {"S": [header, ["C1", "Tên", "Xuất sắc"]]}))
    (problem,) = [p for p in result.problems if p.code is not ProblemCode.missing_column]
    assert where(problem) == (ProblemCode.unknown_choice, "S", 2, "C", "xep_loai", "Xuất sắc")
    assert problem.params["expected_kind"] == "choices"
    assert problem.message.endswith(f"không thuộc các lựa chọn: {CHOICES}")


@pytest.mark.parametrize("title", [False, True], ids=["table-only", "title-in-A1"])
def test_header_in_column_c_gives_real_column_letters(
    tmp_path: Path, read: Reader, title: bool
) -> None:
    """It reports Excel's own column letters when the table starts in column C."""
    header = ["Mã hồ sơ", "Họ và tên", "Số con", "Điểm HĐ", "Tủ sách", "Học chuyên đề", "Xếp loại"]
    rows = [
        header,
        ["H1", "An", "nhiều", 5, "x", "x", "Khá"],
        ["H2", "Bình", 1, 15, "x", "x", "Khá"],
        [None, "Cúc", 1, 5, "x", "x", "Khá"],
    ]
    merged = [("A1:B1", "DANH SÁCH")] if title else []
    path = build_book(tmp_path / "offset.xlsx", {"S": rows}, top=3, left=3, merged=merged)
    result = read(path)
    assert [where(p) for p in result.problems] == [
        (ProblemCode.bad_value, "S", 4, "E", "so_con", "nhiều"),
        (ProblemCode.out_of_range, "S", 5, "F", "diem_hd", "15"),
        (ProblemCode.missing_id, "S", 6, "C", "ma", None),
    ]
    assert result.layouts[0].header_row == 3
    assert result.layouts[0].columns["xep_loai"] == "I"
    assert [r.source.row for r in result.records] == [4, 5]


def test_missing_and_repeated_columns_are_reported(write_book: BookWriter, read: Reader) -> None:
    """It reports a used column that is absent and a column given twice, at the header row."""
    header = ["Mã hồ sơ", "Họ và tên", "Điểm HĐ", "Tủ sách", "Học chuyên đề", "Có tủ sách"]
    rows = [["Danh sách"], header, ["H1", "An", 5, "x", "x", "không"]]
    result = read(write_book("columns.xlsx", {"S": rows}))
    assert [where(p) for p in result.problems] == [
        (ProblemCode.missing_column, "S", 2, None, "xep_loai", None),
        (ProblemCode.duplicate_column, "S", 2, "F", "co_tu_sach", None),
    ]
    assert result.problems[0].message == "Thiếu cột 'Xếp loại'"
    assert result.records[0].values["co_tu_sach"] is True  # the first column is used


def test_required_value_missing(write_book: BookWriter, read: Reader) -> None:
    """It leaves out a row whose required name is blank and reports it where it is."""
    header = ["Mã hồ sơ", "Họ và tên", "Số con"]
    result = read(write_book("required.xlsx", {"S": [header, ["H1", None, 2]]}))
    problems = [p for p in result.problems if p.code is not ProblemCode.missing_column]
    assert [where(p) for p in problems] == [
        (ProblemCode.missing_required, "S", 2, "B", "ho_ten", None)
    ]
    assert result.records == []  # "Không xét", like a row without an id


def test_sheet_without_header_is_skipped_and_two_sheets_are_read(
    write_book: BookWriter, read: Reader
) -> None:
    """It skips a notes sheet without a header and reads every sheet that has one."""
    header = ["Mã hồ sơ", "Họ và tên", "Điểm HĐ"]
    sheets = {
        "Hướng dẫn": [["Hướng dẫn điền"], ["Mỗi dòng là một hộ"], ["Mã hồ sơ là bắt buộc"]],
        "Thôn 1": [["Thôn 1"], header, ["A1", "An", 5], ["A2", "Bình", 6]],
        "Thôn 2": [header, ["B1", "Cúc", "x"], ["B2", "Dũng", 7]],
    }
    result = read(write_book("sheets.xlsx", sheets))
    assert [(lay.sheet, lay.header_row) for lay in result.layouts] == [
        ("Thôn 1", 2),
        ("Thôn 2", 1),
    ]
    got = [(r.source.sheet, r.source.row, r.values["ma"]) for r in result.records]
    assert got == [
        ("Thôn 1", 3, "A1"),
        ("Thôn 1", 4, "A2"),
        ("Thôn 2", 2, "B1"),
        ("Thôn 2", 3, "B2"),
    ]
    bad = [where(p) for p in result.problems if p.code is ProblemCode.bad_value]
    assert bad == [(ProblemCode.bad_value, "Thôn 2", 2, "C", "diem_hd", "x")]


def test_id_repeated_on_another_sheet_is_a_duplicate(write_book: BookWriter, read: Reader) -> None:
    """It reports an id repeated on another sheet even on the same row number, naming that sheet."""
    header = ["Mã hồ sơ", "Họ và tên", "Điểm HĐ"]
    sheets = {
        "Thôn 1": [header, ["A1", "An", 5], ["A2", "Bình", 6]],
        "Thôn 2": [header, ["A1", "An", 5], ["B2", "Dũng", 7], ["A2", "Bình", 6]],
    }
    result = read(write_book("dup-sheets.xlsx", sheets))
    assert [r.values["ma"] for r in result.records] == ["A1", "A2", "B2"]
    duplicates = [p for p in result.problems if p.code is ProblemCode.duplicate_id]
    assert [(p.sheet, p.row, p.column, p.value) for p in duplicates] == [
        ("Thôn 2", 2, "A", "A1"),
        ("Thôn 2", 4, "A", "A2"),
    ]
    assert "dòng 2" in duplicates[0].message and "Thôn 1" in duplicates[0].message
    assert "dòng 3" in duplicates[1].message and "Thôn 1" in duplicates[1].message


def test_workbook_without_header_is_refused(
    write_book: BookWriter, compiled: CompiledCriteria
) -> None:
    """It refuses a workbook in which no sheet has a recognisable header, naming the columns."""
    sheets = {
        "Trang 1": [["Danh sách"], ["STT", "Tên", "Ghi chú"], [1, "An", ""]],
        "Trang 2": [["Mã hồ sơ", "Ghi chú"], ["H1", "chỉ có một cột quen"]],
    }
    opened = open_input(write_book("no-header.xlsx", sheets))
    with pytest.raises(InputError) as caught:
        read_input(opened, compiled)
    problem = caught.value.problem
    assert problem.code is ProblemCode.no_header
    assert problem.file == str(opened.path)
    assert "'Mã hồ sơ'" in problem.message and "'Họ và tên'" in problem.message
    assert vietnamese(problem.message)


def test_empty_workbook_is_refused(tmp_path: Path, compiled: CompiledCriteria) -> None:
    """It refuses a workbook with only empty sheets as having no header."""
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(InputError) as caught:
        read_input(open_input(path), compiled)
    assert caught.value.problem.code is ProblemCode.no_header


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_unreadable_not_a_crash(tmp_path: Path, seed: int) -> None:
    """It refuses an .xlsx of random bytes as unreadable, with a Vietnamese reason."""
    path = tmp_path / "hong.xlsx"
    prefix = b"PK\x03\x04" if seed % 2 else b""
    path.write_bytes(prefix + os.urandom(512 * (seed + 1)))
    with pytest.raises(InputError) as caught:
        open_input(path)
    assert caught.value.problem.code is ProblemCode.file_unreadable
    assert caught.value.problem.message.startswith("Không đọc được tệp")


def test_truncated_workbook_is_unreadable(
    write_book: BookWriter, compiled: CompiledCriteria
) -> None:
    """It refuses a workbook cut short (an interrupted copy) as unreadable."""
    path = write_book("cut.xlsx", {"S": [["Mã hồ sơ", "Họ và tên"], ["H1", "An"]]})
    path.write_bytes(path.read_bytes()[:700])
    with pytest.raises(InputError) as caught:
        read_input(open_input(path), compiled)
    assert caught.value.problem.code is ProblemCode.file_unreadable


@pytest.mark.parametrize("name", ["danh-sach.txt", "danh-sach.xlsb", "danh-sach", "a.numbers"])
def test_unsupported_suffix_is_refused(tmp_path: Path, name: str) -> None:
    """It refuses a file whose suffix it cannot read, naming the suffix."""
    path = tmp_path / name
    path.write_text("Mã hồ sơ,Họ và tên\nH1,An\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_input(path)
    problem = caught.value.problem
    assert problem.code is ProblemCode.unsupported_format
    assert f"'{path.suffix}'" in problem.message and vietnamese(problem.message)


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    """It refuses a path that does not exist as unreadable rather than crashing."""
    with pytest.raises(InputError) as caught:
        open_input(tmp_path / "khong-co.xlsx")
    assert caught.value.problem.code is ProblemCode.file_unreadable
    assert "không tìm thấy tệp" in caught.value.problem.message


def test_header_typed_as_a_number_matches_its_alias(write_book: BookWriter) -> None:
    """It matches a header Excel stored as a number, like the item number 1.3 used as an alias."""
    gia_dinh = shipped_catalog().resolve("gia-dinh-hoc-tap@448-2015", dt.date(2025, 11, 20))
    header = ["Mã hộ", "Chủ hộ", 1.3, "Điểm TC3"]
    path = write_book("so.xlsx", {"S": [header, ["ES-1", "An", 7.5, 15]]})
    result = read_path(path, gia_dinh)
    assert result.layouts[0].columns["diem_1_3"] == "C"
    assert result.records[0].values["diem_1_3"] == 7.5
