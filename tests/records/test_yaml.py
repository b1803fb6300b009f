"""Reading records written as YAML, keyed by field ids or by the Vietnamese labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from hoctap_cli.problems import ProblemCode
from hoctap_cli.records.reader import ReadResult, open_input
from hoctap_cli.records.sources import InputError

from .conftest import FIRST_RECORD

Reader = Callable[[Path], ReadResult]

BY_ID = """\
# Hồ sơ đăng ký, khóa theo mã trường
criteria: tat-ca-kieu
records:
  - ma: H01
    ho_ten: Nguyễn Văn Ánh
    thon: Thôn Ea Súp
    so_con: 2
    thu_nhap: 7.5
    diem_hd: "8"
    co_tu_sach: true
    hoc_chuyen_de: có
    ngay_dang_ky: 15/03/2025
    xep_loai: Tốt

  - ma: H02
    ho_ten: Trần Thị Bình
    so_con: 11
    thu_nhap: "7,5"
    co_tu_sach: x
    ngay_dang_ky: 2025-03-16
    xep_loai: kha
  - {ma: H03, ho_ten: Lê Văn Cường, xep_loai: Xuất sắc, ghi_chu: khóa lạ bị bỏ qua}
  - ma: 104
    ho_ten: Phạm Thị Dung
    diem_hd: 9.5
    hoc_chuyen_de: false
"""

BY_LABEL = """\
- Mã hồ sơ: H01
  Họ và tên: Nguyễn Văn Ánh
  Thôn: Thôn Ea Súp
  Số con đi học: 2
  Thu nhập bình quân: 7.5
  Điểm hội đồng: "8"
  Có tủ sách: có
  Học chuyên đề: x
  Ngày đăng ký: 15/03/2025
  Xếp loại: Tốt
- Mã hồ sơ: H02
  Họ và tên: Trần Thị Bình
  SỐ CON ĐI HỌC: hai
  Điểm HĐ: 7,5
  Tủ sách: không
- Ho va ten: Lê Văn Cường
  Mã số: H02
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_mapping_with_criteria_names_the_criteria(tmp_path: Path) -> None:
    """It remembers the criteria a {criteria, records} file names."""
    opened = open_input(write(tmp_path, "ho-so.yaml", BY_ID))
    assert opened.named_criteria == "tat-ca-kieu"


def test_bare_list_names_no_criteria(tmp_path: Path) -> None:
    """It accepts a bare list of records, which names no criteria."""
    opened = open_input(write(tmp_path, "ho-so.yml", BY_LABEL))
    assert opened.named_criteria is None


def test_keys_by_field_id(tmp_path: Path, read: Reader) -> None:
    """It reads records keyed by field id and normalises their values like cells."""
    result = read(write(tmp_path, "ho-so.yaml", BY_ID))
    assert [(r.source.row, r.values) for r in result.records] == [
        (
            4,
            FIRST_RECORD,
        ),
        (
            15,
            {
                "ma": "H02",
                "ho_ten": "Trần Thị Bình",
                "thu_nhap": 7.5,
                "co_tu_sach": True,
                "hoc_chuyen_de": False,
                "ngay_dang_ky": dt.date(2025, 3, 16),
                "xep_loai": "kha",
            },
        ),
        (22, {"ma": "H03", "ho_ten": "Lê Văn Cường", "hoc_chuyen_de": False}),
        (
            23,
            {"ma": "104", "ho_ten": "Phạm Thị Dung", "diem_hd": 9.5, "hoc_chuyen_de": False},
        ),
    ]
    assert all(r.source.sheet is None and r.source.file == result.file for r in result.records)


def test_bad_values_point_at_record_line_and_key(tmp_path: Path, read: Reader) -> None:
    """It reports a bad value at the line where its record starts and names the key."""
    result = read(write(tmp_path, "ho-so.yaml", BY_ID))
    got = [(p.code, p.sheet, p.row, p.column, p.field, p.value) for p in result.problems]
    assert got == [
        (ProblemCode.out_of_range, None, 15, "so_con", "so_con", "11"),
        (ProblemCode.unknown_choice, None, 22, "xep_loai", "xep_loai", "Xuất sắc"),
    ]
    assert result.problems[0].message == "Giá trị 11 nằm ngoài khoảng cho phép từ 0 đến 10"
    assert result.layouts[0].columns["so_con"] == "so_con"


def test_keys_by_vietnamese_label(tmp_path: Path, read: Reader) -> None:
    """It matches keys by label or alias, in any case or unmarked, even mixed across records."""
    result = read(write(tmp_path, "ho-so.yml", BY_LABEL))
    assert [(r.source.row, r.values) for r in result.records] == [
        (
            1,
            FIRST_RECORD,
        ),
        (
            11,
            {
                "ma": "H02",
                "ho_ten": "Trần Thị Bình",
                "diem_hd": 7.5,
                "co_tu_sach": False,
                "hoc_chuyen_de": False,
            },
        ),
    ]
    got = [(p.code, p.row, p.column, p.field, p.value) for p in result.problems]
    assert got == [
        (ProblemCode.bad_value, 11, "SỐ CON ĐI HỌC", "so_con", "hai"),
        (ProblemCode.duplicate_id, 16, "Mã số", "ma", "H02"),
    ]
    assert result.problems[1].params["first_row"] == 11
    assert "'hai'" in result.problems[0].message


def test_one_record_naming_a_field_twice(tmp_path: Path, read: Reader) -> None:
    """It uses the first of two keys naming one field in a record and reports the second."""
    text = "- ma: H1\n  ho_ten: An\n  Họ và tên: Ân\n- ma: H2\n  Họ tên: Bình\n"
    result = read(write(tmp_path, "hai-khoa.yaml", text))
    assert [r.values for r in result.records] == [
        {"ma": "H1", "ho_ten": "An", "hoc_chuyen_de": False},  # absent key: its when_blank
        {"ma": "H2", "ho_ten": "Bình", "hoc_chuyen_de": False},
    ]
    got = [(p.code, p.row, p.column, p.field) for p in result.problems]
    assert got == [(ProblemCode.duplicate_column, 1, "Họ và tên", "ho_ten")]


def test_number_of_thousands_of_digits_is_unreadable(tmp_path: Path) -> None:
    """It refuses a YAML file holding an integer too long to build instead of crashing."""
    path = write(tmp_path, "dai.yaml", "- ma: H1\n  so_con: " + "9" * 5000 + "\n")
    with pytest.raises(InputError) as caught:
        open_input(path)
    assert caught.value.problem.code is ProblemCode.file_unreadable


@pytest.mark.parametrize("number", [".nan", ".inf", "-.inf", "1" * 400, "1e400"])
def test_non_finite_or_huge_numbers_are_bad_values(
    tmp_path: Path, read: Reader, number: str
) -> None:
    """It reports a YAML number that is not finite or too large instead of keeping or crashing."""
    text = f"- ma: H1\n  ho_ten: An\n  thu_nhap: {number}\n  diem_hd: {number}\n"
    result = read(write(tmp_path, "so.yaml", text))
    assert result.records[0].values == {"ma": "H1", "ho_ten": "An", "hoc_chuyen_de": False}
    got = [(p.code, p.row, p.column, p.value) for p in result.problems]
    assert got == [
        (ProblemCode.bad_value, 1, "thu_nhap", result.problems[0].value),
        (ProblemCode.bad_value, 1, "diem_hd", result.problems[1].value),
    ]


@pytest.mark.parametrize(
    "text",
    ["criteria: tat-ca-kieu\n", "- [1, 2]\n", "records: 5\n", "ma: [\n", "- &a {ma: H1}\n- *a\n"],
    ids=["no-records", "list-of-lists", "records-not-list", "syntax", "alias"],
)
def test_malformed_yaml_is_unreadable(tmp_path: Path, text: str) -> None:
    """It refuses YAML that is not a list of records with a Vietnamese reason."""
    with pytest.raises(InputError) as caught:
        open_input(write(tmp_path, "sai.yaml", text))
    assert caught.value.problem.code is ProblemCode.file_unreadable
    assert caught.value.problem.message.startswith("Không đọc được tệp: ")


def test_yaml_in_another_encoding_is_unreadable(tmp_path: Path) -> None:
    """It refuses a YAML file that is not UTF-8 instead of crashing."""
    path = tmp_path / "ho-so.yaml"
    path.write_bytes("- ma: H1\n  ho_ten: Lê\n".encode("utf-16"))
    with pytest.raises(InputError) as caught:
        open_input(path)
    assert caught.value.problem.code is ProblemCode.file_unreadable
