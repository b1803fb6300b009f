"""Exact values through every door: workbooks, Python mappings, the CLI, and criteria
that can never be evaluated."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support import FAMILY_HEADER, ROOT, RunCli, problems_of, results_of

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.engine.results import VerdictKind
from hoctap_cli.exact import number, plain_number, shown
from hoctap_cli.problems import ProblemCode
from hoctap_cli.records.values import is_blank
from hoctap_cli.workflow.checked import evaluate_mappings, read_mappings

GIA_DINH = shipped_catalog().pinned("gia-dinh-hoc-tap@448-2015")
HEADER = FAMILY_HEADER
GOOD = ["H1", "Nguyễn Văn An", "Thôn 1", 2, 2, 2, 2, 9.7, 2, 2, 2, 5.1, 10.1, 15.1]


def _book(tmp_path: Path, *rows: list[Any]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Hộ gia đình"
    sheet.append(["DANH SÁCH HỘ GIA ĐÌNH HỌC TẬP NĂM 2025"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "thon.xlsx"
    book.save(path)
    return path


def test_decimals_in_a_workbook_add_up_to_the_pass_mark(run_cli: RunCli, tmp_path: Path) -> None:
    """It passes a household whose decimal scores, stored as binary floats by Excel, add up
    to exactly 80, and writes 80 in the JSON (never 79.99999999999999)."""
    result = run_cli("evaluate", _book(tmp_path, GOOD), "--format", "json")
    assert result.exit_code == 0, result.output
    (household,) = results_of(json.loads(result.stdout))
    assert household["verdict"] == "pass"
    assert household["total"] == 80
    assert isinstance(household["total"], int)
    assert [g["points"] for g in household["groups"]] == [29.7, 25.1, 10.1, 15.1]


def test_a_part_larger_than_its_whole_names_both_cells(run_cli: RunCli, tmp_path: Path) -> None:
    """It reports more children at school than children of school age as one located error
    naming both cells in Vietnamese, drops both values and still evaluates the other rows."""
    impossible = ["H2", "Trần Thị Bình", "Thôn 1", 2, 3, *GOOD[5:]]
    result = run_cli("evaluate", _book(tmp_path, GOOD, impossible), "--format", "json")
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    (error,) = [e for e in problems_of(document) if e["code"] == "constraint_broken"]
    assert (error["sheet"], error["row"], error["column"]) == ("Hộ gia đình", 4, "E")
    assert error["message"] == (
        "'Số trẻ đi học' (cột E) là 3, lớn hơn 'Số trẻ trong độ tuổi phổ cập' (cột D) là 2: "
        "không thể đúng cả hai; hai ô này được coi là chưa có số liệu"
    )
    verdicts = {r["id"]: r for r in results_of(document)}
    assert verdicts["H1"]["verdict"] == "pass"
    items = {i["id"]: i for i in verdicts["H2"]["items"]}
    assert items["1.1"]["outcome"] == "not_assessable"
    assert items["1.1"]["values"] == {"so_tre_di_hoc": None, "so_tre_do_tuoi": None}


def test_python_values_give_the_problems_a_file_gives() -> None:
    """It reads mappings as it reads a YAML file of records: same codes, one per bad cell,
    located by record number and key, never a TypeError."""
    rows: list[Any] = [
        {"ma_ho": "H1", "chu_ho": "A", "so_tre_do_tuoi": "hai", "Điểm TC3": "7,5"},
        {"ma_ho": "H2", "chu_ho": "B", "diem_tc4": object(), "diem_1_3": 11},
        "không phải một hộ",
        {"chu_ho": "C"},
    ]
    run = evaluate_mappings(GIA_DINH, rows, year=2025)
    found = [(p.code, p.row, p.field) for p in run.problems]
    assert found == [
        (ProblemCode.bad_value, 3, None),
        (ProblemCode.bad_value, 1, "so_tre_do_tuoi"),
        (ProblemCode.bad_value, 2, "diem_tc4"),
        (ProblemCode.out_of_range, 2, "diem_1_3"),
        (ProblemCode.missing_id, 4, "ma_ho"),
    ]
    assert [r.id for r in run.results] == ["H1", "H2"]
    assert run.results[0].values["diem_tc3"] == Decimal("7.5")


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([f.id for f in GIA_DINH.criteria.fields]),
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(max_size=5)
        | st.decimals()
        | st.lists(st.integers(), max_size=2)
        | st.dates(),
    )
)
def test_any_python_value_is_read_or_reported(values: dict[str, Any]) -> None:
    """It never raises on any value a caller may pass: a record is read, or a problem says
    why, or it is blank throughout and skipped as a blank row of a sheet is."""
    record = {"ma_ho": "H1", "chu_ho": "A", **values}
    run = evaluate_mappings(GIA_DINH, [record], year=2025)
    blank = all(is_blank(value) for value in record.values())
    assert len(run.results) == 1 or run.problems or blank


def test_a_mapping_without_the_id_column_is_reported() -> None:
    """It reports the missing id column when no key names it."""
    read = read_mappings(GIA_DINH, [{"chu_ho": "A"}])
    assert read.records == []
    assert [p.code for p in read.problems] == [ProblemCode.missing_column]


def test_self_counting_criteria_stop_with_a_vietnamese_reason(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """It refuses, before reading anything, criteria whose roll-up counts their own title
    (exit 2), naming it in Vietnamese: never 'lỗi không mong đợi'."""
    broken = ROOT / "tests" / "criteria" / "broken" / "rollup-counts-itself.yaml"
    result = run_cli("evaluate", _book(tmp_path, GOOD), "--criteria", broken)
    assert result.exit_code == 2
    assert "tính từ kết quả của chính nó" in result.output
    assert "không mong đợi" not in result.output


def test_a_village_without_clans_is_no_error(run_cli: RunCli, tmp_path: Path) -> None:
    """It gives no error (exit 0) for a village whose households name no clan, since its
    rule says a village without clans meets that item."""
    book = openpyxl.Workbook()
    households = book.active
    households.title = "Hộ gia đình"
    households.append(HEADER)
    households.append(GOOD)
    clans = book.create_sheet("Dòng họ")
    clans.append(["Mã dòng họ", "Tên dòng họ", "Thôn", "Đạt các tiêu chí khác"])
    villages = book.create_sheet("Thôn")
    villages.append(["Thôn", "Xã", "Đạt các tiêu chí khác"])
    villages.append(["Thôn 1", "Xã A", "có"])
    path = tmp_path / "xa.xlsx"
    book.save(path)
    result = run_cli("evaluate", path, "--format", "json")
    document = json.loads(result.stdout)
    errors = document["errors"]
    assert all(e["severity"] == "error" for e in errors)
    assert result.exit_code == 0, errors
    village = next(
        level for level in document["titles"] if level["title"] == "cong-dong-hoc-tap-thon"
    )
    assert village["results"][0]["verdict"] == "pass"


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("7.125"), "7,13"), (Decimal("79.995"), "80"), (Decimal("80"), "80"),
     (0.1 + 0.2, "0,3"), (Decimal("7.5"), "7,5")],
)  # fmt: skip
def test_one_rounding_rule_where_values_are_shown(value: Any, text: str) -> None:
    """It rounds only for display: two places, halves away from zero."""
    assert number(value) == text
    assert shown(Decimal("2.5"), places=0) == 3


def test_json_numbers_are_readable() -> None:
    """It writes whole numbers as integers and other decimals with their own digits."""
    assert plain_number(Decimal("80.0")) == 80
    assert plain_number(Decimal("79.9")) == 79.9
    assert repr(plain_number(Decimal("79.9"))) == "79.9"
    assert VerdictKind.passed.value == "pass"
