"""``hoctap explain`` on an id whose row was read but not evaluated."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from tests.support import RunCli

HEADERS = ["STT", "Mã hộ", "Họ tên chủ hộ", "Thôn"]


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """Households: BT02 lacks its name, BT01 appears twice (rows 2 and 5)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Hộ gia đình"
    sheet.append(HEADERS)
    sheet.append([1, "BT01", "Y Bhăm", "Buôn Trấp"])
    sheet.append([2, "BT02", None, "Buôn Trấp"])
    sheet.append([3, "BT03", "H'Linh", "Buôn Trấp"])
    sheet.append([4, "BT01", "Y Kông", "Buôn Trấp"])
    path = tmp_path / "ho-2025.xlsx"
    workbook.save(path)
    return path


def test_row_missing_its_name_is_found_and_explained(book: Path, run_cli: RunCli) -> None:
    """It says which row has the id and what it lacks, and exits 1."""
    result = run_cli("explain", book, "--id", "bt02", "-c", "gia-dinh-hoc-tap")
    assert result.exit_code == 1, result.output
    flat = " ".join(result.output.split())
    assert "dòng 3 có mã BT02 nhưng không được xét: thiếu «Họ tên chủ hộ»" in flat
    assert "không có hồ sơ" not in flat


def test_json_gives_the_row_and_reason(book: Path, run_cli: RunCli) -> None:
    """It gives file, sheet, row and reasons as JSON with evaluated false."""
    result = run_cli("explain", book, "--id", "BT02", "-c", "gia-dinh-hoc-tap", "-f", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["traces"] == []
    (row,) = document["not_evaluated"]
    assert (row["id"], row["evaluated"], row["sheet"], row["row"]) == (
        "BT02",
        False,
        "Hộ gia đình",
        3,
    )
    assert row["reasons"] == ["thiếu «Họ tên chủ hộ»"]


def test_duplicate_is_noted_beside_the_first_rows_trace(book: Path, run_cli: RunCli) -> None:
    """It explains the first BT01 and notes, on stderr, that row 5 was left out."""
    result = run_cli("explain", book, "--id", "BT01", "-c", "gia-dinh-hoc-tap")
    assert result.exit_code == 0
    flat = " ".join(result.stderr.split())
    assert "dòng 5 có mã BT01 nhưng không được xét: trùng mã với dòng 2" in flat
    assert "Y Bhăm" in result.stdout


def test_unknown_id_is_still_refused(book: Path, run_cli: RunCli) -> None:
    """It exits 2 for an id no row carries."""
    result = run_cli("explain", book, "--id", "BT09", "-c", "gia-dinh-hoc-tap")
    assert result.exit_code == 2
    assert "không có hồ sơ mã 'BT09'" in result.output
