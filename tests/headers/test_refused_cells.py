"""A filled cell whose value is refused is an error to fix, never reported as "thiếu"."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from tests.headers.books import Household, write_score_only
from tests.support import RunCli


def _reasons(run_cli: RunCli, path: Path) -> dict[str, str]:
    """Each household's "Lý do", as the CSV output words it."""
    result = run_cli("evaluate", path, "-f", "csv")
    rows = csv.DictReader(io.StringIO(result.output.lstrip("\ufeff")))
    return {row["Họ tên chủ hộ"]: row["Lý do"] for row in rows}


def test_refused_council_score_names_its_cell(run_cli: RunCli, tmp_path: Path) -> None:
    """A word in a score-only list's criterion column points at that column, not at the
    items behind it, which the sheet never had."""
    rows = [Household(1, "Y Sơn Êban", "Buôn Ea Kiết", (20.0, None, 15.0, 15.0))]
    path = write_score_only(tmp_path / "ds.xlsx", rows)
    book = openpyxl.load_workbook(path)
    book.active["E7"] = "x"  # Điểm TC 2
    book.save(path)
    reason = _reasons(run_cli, path)["Y Sơn Êban"]
    assert "chưa chấm được Tiêu chí 2 vì ô «Điểm tiêu chí 2" in reason
    assert "có lỗi" in reason and "vì thiếu" not in reason
    assert "Số người lớn" not in reason  # item columns the list does not have


def test_blank_and_refused_cells_are_told_apart(run_cli: RunCli, tmp_path: Path) -> None:
    """A blank score is missing; the same column with a word in it is an error."""
    rows = [
        Household(1, "Hộ để trống", "Thôn 1", (20.0, None, 15.0, 15.0)),
        Household(2, "Hộ gõ chữ", "Thôn 1", (20.0, 25.0, 15.0, 15.0)),
    ]
    path = write_score_only(tmp_path / "ds.xlsx", rows)
    book = openpyxl.load_workbook(path)
    book.active["E8"] = "hai mươi"
    book.save(path)
    reasons = _reasons(run_cli, path)
    assert "có lỗi" not in reasons["Hộ để trống"]
    assert "có lỗi" in reasons["Hộ gõ chữ"]
