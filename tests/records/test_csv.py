"""Reading CSV files in the encodings and delimiters that spreadsheet programs write."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from hoctap_cli.problems import ProblemCode
from hoctap_cli.records.reader import ReadResult, open_input
from hoctap_cli.records.sources import InputError

from .conftest import FIRST_RECORD

Reader = Callable[[Path], ReadResult]

HEADER = [
    "Mã hồ sơ",
    "Họ và tên",
    "Thôn",
    "Số con đi học",
    "Thu nhập bình quân",
    "Điểm hội đồng",
    "Có tủ sách",
    "Học chuyên đề",
    "Ngày đăng ký",
    "Xếp loại",
    "Ghi chú",
]
ROWS = [
    ["Danh sách đăng ký năm 2025"],  # line 1: a title line
    HEADER,  # line 2
    # line 3
    ["H01", "Nguyễn Văn Ánh", "Thôn Ea Súp", "2", "7,5", "8", "x", "có", "15/03/2025", "Tốt", ""],
    # lines 4-5: a note typed over two lines inside one quoted cell
    [
        "H02",
        "Trần Thị Bình",
        "Buôn Đôn",
        "1",
        "12",
        "9,5",
        "không",
        "",
        "16/03/2025",
        "Khá",
        "Ghi chú\nhai dòng",
    ],
    # line 6
    ["H03", "H'Linh Mlô", "Ấp Mỹ", "hai", "10", "7", "Đạt", "Có", "31/02/2024", "Trung bình", ""],
    # line 7: blank
    [],
    # line 8
    ["H04", "Đặng Thị Ệ", "Xóm Đồi", "0", "0,25", "12", "", "", "", "Giỏi", ""],
]
EXPECTED = [
    (
        3,
        FIRST_RECORD,
    ),
    (
        4,
        {
            "ma": "H02",
            "ho_ten": "Trần Thị Bình",
            "thon": "Buôn Đôn",
            "so_con": 1,
            "thu_nhap": 12.0,
            "diem_hd": 9.5,
            "co_tu_sach": False,
            "hoc_chuyen_de": False,
            "ngay_dang_ky": dt.date(2025, 3, 16),
            "xep_loai": "kha",
        },
    ),
    (
        6,
        {
            "ma": "H03",
            "ho_ten": "H'Linh Mlô",
            "thon": "Ấp Mỹ",
            "thu_nhap": 10.0,
            "diem_hd": 7.0,
            "co_tu_sach": True,
            "hoc_chuyen_de": True,
            "xep_loai": "trung_binh",
        },
    ),
    (
        8,
        {
            "ma": "H04",
            "ho_ten": "Đặng Thị Ệ",
            "thon": "Xóm Đồi",
            "so_con": 0,
            "thu_nhap": 0.25,
            "hoc_chuyen_de": False,
            "xep_loai": "tot",
        },
    ),
]
PROBLEMS = [
    (ProblemCode.bad_value, None, 6, "D", "so_con", "hai"),
    (ProblemCode.bad_value, None, 6, "I", "ngay_dang_ky", "31/02/2024"),
    (ProblemCode.out_of_range, None, 8, "F", "diem_hd", "12"),
]

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed, tone marks as combining ones."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        head = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in _TONES))
        out += head.encode("cp1258") + "".join(m for m in marks if m in _TONES).encode("cp1258")
    return bytes(out)


def csv_text(delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(ROWS)
    return buffer.getvalue()


VARIANTS: dict[str, tuple[Callable[[], bytes], str | None]] = {
    "utf8-bom": (lambda: codecs.BOM_UTF8 + csv_text(",").encode("utf-8"), None),
    "utf8": (lambda: csv_text(",").encode("utf-8"), None),
    "utf8-semicolon": (lambda: csv_text(";").encode("utf-8"), None),
    "utf8-bom-semicolon": (lambda: codecs.BOM_UTF8 + csv_text(";").encode("utf-8"), None),
    "utf8-tab": (lambda: csv_text("\t").encode("utf-8"), None),
    "utf16-bom": (lambda: csv_text("\t").encode("utf-16"), "UTF-16"),
    "utf16-be-bom": (lambda: codecs.BOM_UTF16_BE + csv_text(",").encode("utf-16-be"), "UTF-16"),
    "windows-1258": (lambda: to_cp1258(csv_text(",")), "Windows-1258"),
}


@pytest.fixture(params=list(VARIANTS))
def variant(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str | None]:
    make, note = VARIANTS[request.param]
    path = tmp_path / f"{request.param}.csv"
    path.write_bytes(make())
    return path, note


def test_to_cp1258_really_is_not_utf8() -> None:
    """It (the helper) writes bytes that UTF-8 cannot decode, so the fallback is exercised."""
    raw = to_cp1258(csv_text(","))
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert unicodedata.normalize("NFC", raw.decode("cp1258")) == csv_text(",")


def test_every_variant_reads_the_same_records(
    variant: tuple[Path, str | None], read: Reader
) -> None:
    """It reads the same Vietnamese headers and values whatever the encoding and delimiter."""
    path, _ = variant
    result = read(path)
    assert [(r.source.row, r.values) for r in result.records] == EXPECTED
    assert all(r.source.sheet is None for r in result.records)


def test_every_variant_reports_problems_at_line_numbers(
    variant: tuple[Path, str | None], read: Reader
) -> None:
    """It reports problems at the file's line numbers, counting lines inside quoted cells."""
    path, _ = variant
    result = read(path)
    problems = [p for p in result.problems if not p.is_notice]  # the encoding notice aside
    got = [(p.code, p.sheet, p.row, p.column, p.field, p.value) for p in problems]
    assert got == PROBLEMS
    assert all(p.file == str(path) for p in result.problems)
    assert result.layouts[0].header_row == 2


def test_encoding_note(variant: tuple[Path, str | None]) -> None:
    """It notes which encoding it used when the file was not UTF-8."""
    path, note = variant
    (table,) = open_input(path).tables
    assert table.note == note


def test_csv_without_header_is_refused(tmp_path: Path, read: Reader) -> None:
    """It refuses a CSV with no recognisable header, like a workbook."""
    path = tmp_path / "khong-tieu-de.csv"
    path.write_text("STT,Tên\n1,An\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.problem.code is ProblemCode.no_header


@pytest.mark.parametrize(
    "raw",
    [b"", b"\xff\xfe", b"\x00\x01\x02\xff" * 50, 'Mã hồ sơ,Họ và tên\n"H1,An\n'.encode()],
    ids=["empty", "bom-only", "binary", "unclosed-quote"],
)
def test_odd_csv_never_crashes(tmp_path: Path, read: Reader, raw: bytes) -> None:
    """It turns an empty, binary or badly quoted CSV into a result or an InputError."""
    path = tmp_path / "la.csv"
    path.write_bytes(raw)
    try:
        result = read(path)
    except InputError as exc:
        assert exc.problem.code is ProblemCode.no_header
    else:
        assert all(p.file == str(path) for p in result.problems)


def test_values_keep_their_text(tmp_path: Path, read: Reader) -> None:
    """It keeps ids with leading zeros as text instead of turning them into numbers."""
    path = tmp_path / "ma.csv"
    path.write_text("Mã hồ sơ,Họ và tên\n007,An\n0008,Bình\n", encoding="utf-8")
    result = read(path)
    assert [r.values["ma"] for r in result.records] == ["007", "0008"]
