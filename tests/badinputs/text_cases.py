"""Bad text: misnamed files, decomposed Vietnamese, legacy encodings, oversized files."""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from pathlib import Path
from typing import Any

from tests.records.test_csv import to_cp1258

from .book_cases import _book
from .corpus import HEADER, Case, Seen, row, with_criteria

# Vietnamese typed before Unicode, byte for byte as old fonts keep it (see legacy_text).
TCVN3_NAME = "NguyÔn V¨n An"  # Nguyễn Văn An, .VnTime
TCVN3_VILLAGE = "Th«n Tr\xadêng S¬n"  # Thôn Trường Sơn
TCVN3_HEADER = [
    "M· hå s¬",
    "Hä vµ tªn",
    "Th«n",
    "§iÓm H§",
    "Cã tñ s¸ch",
    "Häc chuyªn ®Ò",
    "XÕp lo¹i",
]
VNI_NAME = "Ñoã Thò Hoàng"  # Đỗ Thị Hồng, VNI-Times
VNI_GRADE = "Khaù"  # Khá


def csv_bytes(rows: list[list[Any]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    if encoding == "cp1258":
        return to_cp1258(text)
    return text.encode(encoding)


def _csv(directory: Path, name: str, data: bytes) -> list[str | Path]:
    (directory / name).write_bytes(data)
    return with_criteria(directory / name)


def _nfd(rows: list[list[Any]]) -> list[list[Any]]:
    return [[unicodedata.normalize("NFD", c) if isinstance(c, str) else c for c in r] for r in rows]


NFD_ROWS = [HEADER, row("H1", "Nguyễn Văn An"), row("H2", "Trần Thị Bình", grade="Khá")]


def nfd_book(directory: Path) -> list[str | Path]:
    return with_criteria(_book(directory / "to-hop-nfd.xlsx", _nfd(NFD_ROWS)))


def legacy_header(directory: Path) -> list[str | Path]:
    rows = [TCVN3_HEADER, row("H1", TCVN3_NAME)]
    return with_criteria(_book(directory / "tieu-de-tcvn3.xlsx", rows))


def sparse(directory: Path, name: str, size: int) -> list[str | Path]:
    """A file of ``size`` bytes that takes no room on the disk."""
    path = directory / name
    with path.open("wb") as stream:
        stream.truncate(size)
    return with_criteria(path)


def big_criteria(directory: Path) -> list[str | Path]:
    criteria = directory / "tieu-chi-qua-lon.yaml"
    valid = (Path(__file__).parents[1] / "criteria" / "valid-minimal.yaml").read_text("utf-8")
    criteria.write_text("# chú thích dài\n" * 200_000 + valid, encoding="utf-8")
    book = _book(directory / "ho.xlsx", [HEADER, row("H1")])
    return with_criteria(book, criteria)


TCVN3_ROW = ["H1", TCVN3_NAME, TCVN3_VILLAGE, 8, "x", "x", "Tèt"]  # Tèt: Tốt
VNI_HEADER = [
    *("Maõ hoà sô", "Hoï vaø teân", "Thoân", "Ñieåm HÑ"),
    *("Coù tuû saùch", "Hoïc chuyeân ñeà", "Xeáp loaïi"),
]
VNI_ROW = ["H1", VNI_NAME, "Thoân Ñoàng Xoaøi", 8, "x", "x", VNI_GRADE]  # Thôn Đồng Xoài
TCVN3_ROWS = [HEADER, row("H1", TCVN3_NAME), row("H2", "Lª ThÞ Hoa")]
_HTML = "<html><body><table><tr><td>Mã hồ sơ</td><td>Họ và tên</td></tr></table></body></html>"
_XML_2003 = (
    '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'
)

CASES = [
    Case(
        "that-ra-la-csv",
        lambda d: _csv(d, "that-ra-csv.xlsx", csv_bytes([HEADER, row("H1")])),
        0,
        (Seen("read_as_csv", None, None, "có đuôi '.xlsx' nhưng là văn bản CSV", None),),
        ("H1",),
    ),
    Case(
        "that-ra-la-html",
        lambda d: _csv(d, "trang-web.xlsx", _HTML.encode()),
        2,
        refusal="có đuôi '.xlsx' nhưng thực ra là một trang web (HTML)",
    ),
    Case(
        "excel-2003-xml",
        lambda d: _csv(d, "xml-2003.xlsx", _XML_2003.encode()),
        2,
        refusal="thực ra là bảng tính XML của Excel 2003",
    ),
    Case(
        "to-hop-nfd-xlsx",
        nfd_book,
        0,
        evaluated=("H1", "H2"),
        names={"H1": "Nguyễn Văn An", "H2": "Trần Thị Bình"},
    ),
    Case(
        "to-hop-nfd-csv",
        lambda d: _csv(d, "to-hop-nfd.csv", csv_bytes(_nfd(NFD_ROWS))),
        0,
        evaluated=("H1", "H2"),
        names={"H1": "Nguyễn Văn An", "H2": "Trần Thị Bình"},
    ),
    Case(
        "ten-tcvn3",
        lambda d: with_criteria(_book(d / "ten-tcvn3.xlsx", TCVN3_ROWS)),
        0,
        (
            Seen(
                "legacy_text_converted",
                2,
                "B",
                "Đã chuyển từ mã TCVN3 sang Unicode: 'NguyÔn V¨n An' → 'Nguyễn Văn An'",
            ),
            Seen("legacy_text_converted", 3, "B", "'Lª ThÞ Hoa' → 'Lê Thị Hoa'"),
        ),
        ("H1", "H2"),
        {"H1": "Nguyễn Văn An", "H2": "Lê Thị Hoa"},
    ),
    Case(
        "tieu-de-tcvn3",
        legacy_header,
        0,
        (Seen("legacy_text_converted", 1, "A", "'M· hå s¬' → 'Mã hồ sơ'"),),
        ("H1",),
        {"H1": "Nguyễn Văn An"},
    ),
    Case(
        "ten-vni",
        lambda d: with_criteria(_book(d / "ten-vni.xlsx", [HEADER, row("H1", VNI_NAME)])),
        0,
        (Seen("legacy_text_converted", 2, "B", "mã VNI sang Unicode: 'Ñoã Thò Hoàng' → 'Đỗ Thị"),),
        ("H1",),
        {"H1": "Đỗ Thị Hồng"},
    ),
    Case(
        "xep-loai-vni",
        lambda d: with_criteria(_book(d / "xep-loai.xlsx", [HEADER, row("H1", grade=VNI_GRADE)])),
        0,
        (Seen("legacy_text_converted", 2, "G", "'Khaù' → 'Khá'"),),
        ("H1",),
    ),
    Case(
        "csv-utf8-bom",
        lambda d: _csv(d, "bom.csv", codecs.BOM_UTF8 + csv_bytes(NFD_ROWS)),
        0,
        evaluated=("H1", "H2"),
    ),
    Case(
        "csv-utf16",
        lambda d: _csv(d, "utf16.csv", csv_bytes(NFD_ROWS, "utf-16")),
        0,
        (Seen("encoding_converted", None, None, "đã đọc theo bảng mã UTF-16", None),),
        ("H1", "H2"),
        {"H1": "Nguyễn Văn An"},
    ),
    Case(
        "csv-windows-1258",
        lambda d: _csv(d, "cp1258.csv", csv_bytes(NFD_ROWS, "cp1258")),
        0,
        (Seen("encoding_converted", None, None, "đã đọc theo bảng mã Windows-1258", None),),
        ("H1", "H2"),
        {"H1": "Nguyễn Văn An", "H2": "Trần Thị Bình"},
    ),
    Case(
        "csv-tcvn3",
        lambda d: _csv(d, "tcvn3.csv", csv_bytes([TCVN3_HEADER, TCVN3_ROW], "latin-1")),
        0,
        (
            Seen("encoding_converted", None, None, "đã đọc theo bảng mã TCVN3", None),
            Seen("legacy_text_converted", 2, "B", "'NguyÔn V¨n An' → 'Nguyễn Văn An'", None),
        ),
        ("H1",),
        {"H1": "Nguyễn Văn An"},
    ),
    Case(
        "csv-vni",
        lambda d: _csv(d, "vni.csv", csv_bytes([VNI_HEADER, VNI_ROW], "latin-1")),
        0,
        (
            Seen("encoding_converted", None, None, "đã đọc theo bảng mã VNI", None),
            Seen("legacy_text_converted", 2, "B", "'Ñoã Thò Hoàng' → 'Đỗ Thị Hồng'", None),
        ),
        ("H1",),
        {"H1": "Đỗ Thị Hồng"},
    ),
    Case(
        "csv-o-qua-dai",
        lambda d: _csv(d, "o-dai.csv", csv_bytes([HEADER, row("H1", "A" * 200_000)])),
        2,
        refusal="dòng 2 không đọc được (một ô quá dài hoặc thiếu dấu nháy đóng)",
    ),
    Case(
        "csv-qua-nhieu-dong",
        lambda d: _csv(d, "dai.csv", csv_bytes([HEADER, *[row(f"H{i}") for i in range(150)]])),
        2,
        refusal="có hơn 100 dòng, giới hạn của một bảng",
        limits={"MAX_ROWS": 100},
    ),
    Case(
        "csv-qua-lon",
        lambda d: sparse(d, "qua-lon.csv", 3_000_000),
        2,
        refusal="tệp nặng 3 MB, giới hạn là 2 MB",
        limits={"MAX_CSV_BYTES": 2_000_000},
    ),
    Case(
        "yaml-qua-lon",
        lambda d: sparse(d, "qua-lon.yaml", 30_000_000),
        2,
        refusal="tệp nặng 30 MB, giới hạn là 20 MB",
    ),
    Case(
        "xlsx-qua-lon",
        lambda d: sparse(d, "qua-lon.xlsx", 3_000_000),
        2,
        refusal="tệp nặng 3 MB, giới hạn là 2 MB",
        limits={"MAX_FILE_BYTES": 2_000_000},
    ),
    Case("tieu-chi-qua-lon", big_criteria, 2, refusal="tệp quá lớn (hơn 2 MB)"),
]
