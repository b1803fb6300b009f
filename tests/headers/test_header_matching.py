"""Header matching that forgives what people type: spacing, punctuation, abbreviations,
group titles over sub-headers, and the columns that matched nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support import ROOT, RunCli, problems_of

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.loader import load_criteria
from hoctap_cli.records.header_text import ABBREVIATIONS, compact, expanded
from hoctap_cli.records.headers import find_header

FAMILY = ROOT / "criteria" / "gia-dinh-hoc-tap" / "448-2015.yaml"
CLAN = ROOT / "criteria" / "dong-ho-hoc-tap" / "448-2015.yaml"


@pytest.fixture(scope="module")
def family() -> CompiledCriteria:
    return load_criteria(FAMILY)


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ("Điểm TC 3", "diem_tc3"),
        ("Điểm TC3", "diem_tc3"),
        ("Điểm TC.3", "diem_tc3"),
        ("điểm  tc-3", "diem_tc3"),
        ("Điểm TC 1", "diem_tc1"),
        ("Mã DH", "ma_dong_ho"),
        ("Mã ĐH", "ma_dong_ho"),
        ("Mã HGĐ", "ma_ho"),
        ("Số trẻ HL TB trở lên", "so_tre_hoc_luc_dat"),
        ("Số trẻ HK khá trở lên", "so_tre_hanh_kiem_dat"),
        ("Điểm 1.3", "diem_1_3"),
        ("Họ và tên chủ hộ", "chu_ho"),
    ],
)
def test_typed_header_names_its_field(family: CompiledCriteria, typed: str, field: str) -> None:
    """It matches a header typed with other spacing, punctuation or abbreviations."""
    other = "Thôn" if field == "chu_ho" else "Họ tên chủ hộ"
    header = find_header([["STT", other, typed]], family.criteria)
    assert header is not None and header.columns.get(field) == 2 and header.stt == 0


@pytest.mark.parametrize("short", sorted(ABBREVIATIONS))
def test_each_abbreviation_is_written_out(short: str) -> None:
    """Every abbreviation of the table stands for its words, alone or glued to a number."""
    assert expanded(short.upper()) == ABBREVIATIONS[short].replace(" ", "")
    assert expanded(f"{short}2") == ABBREVIATIONS[short].replace(" ", "") + "2"


@settings(max_examples=60, deadline=None)
@given(
    label=st.sampled_from(["Điểm TC3", "Số trẻ đi học", "Mã dòng họ", "Họ tên chủ hộ"]),
    marks=st.lists(st.sampled_from([" ", ".", "-", "  ", "_", ":"]), min_size=1, max_size=3),
    at=st.integers(min_value=1, max_value=8),
)
def test_spaces_and_punctuation_inside_a_label_do_not_matter(
    family: CompiledCriteria, label: str, marks: list[str], at: int
) -> None:
    """It reads a label with spaces or punctuation put anywhere inside it as the label."""
    at = min(at, len(label) - 1)
    typed = label[:at] + "".join(marks) + label[at:]
    assert compact(typed) == compact(label)
    plain = find_header([["Mã hộ", "Chủ hộ", label]], family.criteria)
    changed = find_header([["Mã hộ", "Chủ hộ", typed]], family.criteria)
    assert plain is not None and changed is not None
    assert changed.columns == plain.columns


def test_sub_headers_combine_with_their_group_title(family: CompiledCriteria) -> None:
    """It reads 'Số trẻ' and 'Đi học' under 'Trẻ em trong độ tuổi phổ cập' as the two
    fields they name together."""
    upper = ["Mã hộ", "Chủ hộ", "Trẻ em trong độ tuổi phổ cập", None, "Điểm", None]
    lower = [None, None, "Số trẻ", "Đi học", "TC3", "TC 4"]
    header = find_header([["DANH SÁCH"], upper, lower, ["H1", "An", 2, 2, 15, 15]], family.criteria)
    assert header is not None and header.rows == 2
    assert header.columns == {
        "ma_ho": 0,
        "chu_ho": 1,
        "so_tre_do_tuoi": 2,
        "so_tre_di_hoc": 3,
        "diem_tc3": 4,
        "diem_tc4": 5,
    }
    assert header.unmatched == ()


def _book(path: Path, rows: list[list[object]], sheet: str = "Danh sách") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_unmatched_columns_are_listed_with_suggestions(run_cli: RunCli, tmp_path: Path) -> None:
    """It names every ignored column of a sheet, with the closest field labels, in JSON and
    in the table output; 'Ghi chú' is no data and not listed."""
    header = ["Mã hộ", "Chủ hộ", "Số người lớn biết đọc", "Số điện thoại", "Ghi chú"]
    path = _book(tmp_path / "ds.xlsx", [header, ["H1", "An", 2, "0912", ""]])
    result = run_cli("evaluate", path, "-c", "gia-dinh-hoc-tap", "-f", "json")
    notices = [p for p in json.loads(result.output)["notices"] if p["code"] == "unmatched_column"]
    assert [(p["column"], p["value"], p["severity"]) for p in notices] == [
        ("C", "Số người lớn biết đọc", "notice"),
        ("D", "Số điện thoại", "notice"),
    ]
    assert "Số người lớn biết chữ mức 1" in notices[0]["suggestions"]
    assert notices[1]["suggestions"] == []
    table = run_cli("evaluate", path, "-c", "gia-dinh-hoc-tap").output
    assert "Cột 'Số người lớn biết đọc' không khớp trường nào nên bị bỏ qua; có thể là:" in table


def test_rollup_without_members_names_the_missing_link_column(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A clan that finds no households, because the household sheet has no clan column,
    is told which column that sheet lacks."""
    clan = load_criteria(CLAN).criteria
    clan_header = [clan.field(clan.identity.id).label, clan.field(clan.identity.name).label]
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Hộ gia đình"
    ws.append(["Mã hộ", "Chủ hộ", "Điểm TC1", "Điểm TC2", "Điểm TC3", "Điểm TC4"])
    ws.append(["H1", "An", 30, 30, 20, 20])
    clans = book.create_sheet("Dòng họ")
    clans.append(clan_header)
    clans.append(["DH1", "Họ Nguyễn"])
    path = tmp_path / "xa.xlsx"
    book.save(path)
    document = json.loads(run_cli("evaluate", path, "-f", "json").output)
    empty = [p for p in problems_of(document) if p["code"] == "no_members"]
    assert empty and all(p["sheet"] == "Dòng họ" for p in empty)
    assert "trang 'Hộ gia đình' không có cột 'Mã dòng họ'" in empty[0]["message"]


COMMUNE = ROOT / "criteria" / "cong-dong-hoc-tap-xa" / "tt25-2023.yaml"
# The commune's yes/no columns as earlier lists titled them, before the labels named the
# criteria in words; in field order.
COMMUNE_OLD_HEADERS = [
    "TC1.1 Tuyên truyền học tập suốt đời",
    "TC1.2 Kế hoạch xây dựng xã hội học tập",
    "TC1.3 Tuần lễ hưởng ứng học tập suốt đời",
    "TC2.1 Kinh phí ngân sách",
    "TC2.2 Huy động nguồn lực xã hội",
    "TC2.3 Cơ chế phối hợp",
    "TC3 Hiệu quả các thiết chế học tập",
    "TC4 Phổ cập, xóa mù chữ (mức 1)",
    "TC5 Tác dụng (mức 1)",
    "TC4 Phổ cập, xóa mù chữ (mức 2)",
    "TC5 Tác dụng (mức 2)",
]


@pytest.mark.parametrize(
    "spelled",
    [
        lambda text: text,
        lambda text: text.upper(),
        lambda text: text.replace("TC", "TC "),
        lambda text: text.replace("TC", "Tiêu chí ", 1),
    ],
    ids=["as-typed", "capitals", "spaced", "written-out"],
)
def test_commune_lists_with_the_old_column_titles_still_read(spelled: Callable[[str], str]) -> None:
    """Every column title of earlier commune lists names the same field as the new label."""
    criteria = load_criteria(COMMUNE).criteria
    fields = [f for f in criteria.fields if f.type.value == "boolean"]
    assert len(fields) == len(COMMUNE_OLD_HEADERS)
    old = [spelled(text) for text in COMMUNE_OLD_HEADERS]
    by_old = find_header([["STT", "Xã", *old]], criteria)
    by_new = find_header([["STT", "Xã", *(f.label for f in fields)]], criteria)
    assert by_old is not None and by_new is not None
    expected = {field.id: column for column, field in enumerate(fields, start=2)}
    assert {k: v for k, v in by_old.columns.items() if k != "xa"} == expected
    assert by_new.columns == by_old.columns
    assert not by_old.unmatched and not by_old.duplicates
