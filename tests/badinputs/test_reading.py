"""Details of reading bad inputs: two-row headers, legacy tables, notices apart from errors."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from tests.support import RunCli

from hoctap_cli.criteria.loader import load_criteria
from hoctap_cli.problems import Problem, ProblemCode, has_errors
from hoctap_cli.records.headers import find_header
from hoctap_cli.records.legacy_text import TCVN3, VNI, repair

from . import book_cases
from .corpus import ALL_TYPES

CRITERIA = load_criteria(ALL_TYPES).criteria
TONES = "\u0301\u0300\u0309\u0303\u0323"
SMALL = sorted(
    {unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in ["", *TONES]}
    - set("aeiouy")
    | {"đ"}
)


def test_group_title_over_two_columns_names_them() -> None:
    """It reads 'Điểm' merged above 'HĐ' as the column 'Điểm HĐ', data starting below."""
    rows = [["Mã hồ sơ", "Họ và tên", "Điểm", None], [None, None, "HĐ", "Ghi chú"], ["H1", "An", 8]]
    header = find_header(rows, CRITERIA)
    assert header is not None
    assert (header.row_index, header.rows, header.columns["diem_hd"]) == (1, 2, 2)


def test_first_data_row_is_not_taken_for_a_header_row() -> None:
    """It keeps a one-row header when the row below holds an applicant."""
    rows = [["Mã hồ sơ", "Họ và tên", "Điểm"], ["H1", "HĐ", 8]]
    header = find_header(rows, CRITERIA)
    assert header is not None and (header.row_index, header.rows) == (0, 1)


def test_tcvn3_table_has_every_small_letter_and_its_capitals() -> None:
    """It maps a TCVN3 byte to every small Vietnamese letter, and to Ă Â Đ Ê Ô Ơ Ư."""
    assert sorted(TCVN3.values()) == sorted([*SMALL, *"ĂÂĐÊÔƠƯ"])


def test_vni_table_has_every_letter_in_both_cases() -> None:
    """It maps a VNI sequence to every Vietnamese letter with a mark, small and capital."""
    letters = {*SMALL, *(letter.upper() for letter in SMALL)}
    assert set(VNI.values()) == letters


@pytest.mark.parametrize(
    ("typed", "unicode"),
    [
        ("B¶o Th¾ng", "Bảo Thắng"),
        ("M\xadêng Kh\xad¬ng", "Mường Khương"),
        ("NGUYÔN V¡N AN", "NGUYỄN VĂN AN"),
        ("Xin chaøo caùc baïn", "Xin chào các bạn"),
        ("ÑOÃ THÒ HOÀNG", "ĐỖ THỊ HỒNG"),
    ],
)
def test_legacy_text_is_converted(typed: str, unicode: str) -> None:
    """It converts names typed with .VnTime or VNI-Times fonts to Unicode."""
    assert repair(typed)[0] == unicode


@pytest.mark.parametrize("text", ["Hoà Bình", "Lê Tô Hà", "Thúy", "quá", "Müller", "José", "Ðào"])
def test_unicode_or_foreign_text_is_left_alone(text: str) -> None:
    """It leaves Unicode Vietnamese and foreign names as they are."""
    assert repair(text) == (text, None)


def test_a_notice_is_not_an_error() -> None:
    """It does not count a notice as a problem that changes the exit code."""
    notice = Problem(ProblemCode.hidden_sheet, "a.xlsx", "Trang 2")
    assert not has_errors([notice]) and notice.to_dict()["severity"] == "notice"


def test_table_output_lists_notices_apart(run_cli: RunCli, tmp_path: Path) -> None:
    """It prints notices under their own heading, not among the data errors."""
    arguments = book_cases.hidden_rows(tmp_path)
    result = run_cli("evaluate", *arguments, "--as-of", "2025-12-31")
    assert "Lưu ý khi đọc dữ liệu (1):" in result.output and "Lỗi dữ liệu" not in result.output


def test_unknown_zip_compression_gets_its_own_message(tmp_path: Path) -> None:
    """It names a compression method zipfile cannot open instead of calling the file broken."""
    import zipfile

    from hoctap_cli.records.reader import open_input
    from hoctap_cli.records.sources import InputError

    path = tmp_path / "nen-la.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(path.read_bytes())
    # Method 9 (Deflate64) in the local header (offset 8) and the central directory (offset 10).
    data[8:10] = (9).to_bytes(2, "little")
    central = data.index(b"PK\x01\x02")
    data[central + 10 : central + 12] = (9).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(InputError) as caught:
        open_input(path)
    assert caught.value.problem.code is ProblemCode.file_unreadable
    assert "kiểu nén 9" in caught.value.problem.message
    assert path.read_bytes() == before
