"""Rows read but not evaluated are listed on "Hồ sơ cần bổ sung" with where and why."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from tests.support import RunCli

from hoctap_cli.outputs.papers.export_stats import NOT_EVALUATED


def _book(tmp_path: Path) -> Path:
    """BT02 lacks its name (row 3), BT01 appears twice (rows 2 and 5), row 4 lacks its id."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Hộ gia đình"
    sheet.append(["STT", "Mã hộ", "Họ tên chủ hộ", "Thôn"])
    sheet.append([1, "BT01", "Y Bhăm", "Buôn Trấp"])
    sheet.append([2, "BT02", None, "Buôn Trấp"])
    sheet.append([3, None, "H'Linh", "Buôn Trấp"])
    sheet.append([4, "BT01", "Y Kông", "Buôn Trấp"])
    path = tmp_path / "ho-2025.xlsx"
    workbook.save(path)
    return path


def test_rows_not_evaluated_are_listed_to_complete(tmp_path: Path, run_cli: RunCli) -> None:
    """It lists each row left out once, with code, name, reason, sheet and row."""
    target = tmp_path / "ds.xlsx"
    result = run_cli("export", _book(tmp_path), "-c", "gia-dinh-hoc-tap", "-o", target)
    assert result.exit_code == 1, result.output
    book = openpyxl.load_workbook(target)
    rows = [r for r in book["Hồ sơ cần bổ sung"].iter_rows(values_only=True) if r[0]]
    left_out = {r[2] or r[3]: (r[3], r[6], r[7]) for r in rows if str(r[6]).startswith("Không")}
    assert left_out == {
        "BT02": (None, "Không xét được: thiếu «Họ tên chủ hộ»", "trang 'Hộ gia đình', dòng 3"),
        "H'Linh": ("H'Linh", "Không xét được: thiếu «Mã hộ»", "trang 'Hộ gia đình', dòng 4"),
        "BT01": ("Y Kông", "Không xét được: trùng mã với dòng 2", "trang 'Hộ gia đình', dòng 5"),
    }
    stats = [r for r in book["Thống kê"].iter_rows(values_only=True) if r[2] == NOT_EVALUATED]
    assert [r[3] for r in stats] == [3]
    assert "thiếu ô bắt buộc" in NOT_EVALUATED
