"""A total computed in part never reads as complete: '90 + ?' on paper, a flag in JSON,
and the note names the criterion that could not be scored (issue #11, item 10)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from tests.support import FAMILY_HEADER, RunCli, results_of

HEADER = FAMILY_HEADER
# Item 2.3 left empty: the household passes on 90 known points, whatever 2.3 turns out.
PARTIAL = ["H1", "Nguyễn Văn An", "Thôn 1", 1, 1, 1, 1, 10, 2, 2, 2, None, 20, 20]
COMPLETE = ["H2", "Trần Thị Bình", "Thôn 1", 1, 1, 1, 1, 10, 2, 2, 2, 8, 20, 20]
# Item 2.3 empty and 75 known points: could reach 80 or not, so not decided yet.
UNDECIDED = ["H3", "Lê Văn Cường", "Thôn 1", 1, 1, 1, 1, 10, 2, 2, 2, None, 20, 5]
NOTE = "chưa chấm được mục 2.3"


def book(tmp_path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Hộ gia đình"
    sheet.append(["DANH SÁCH HỘ GIA ĐÌNH HỌC TẬP NĂM 2025"])
    sheet.append(HEADER)
    sheet.append(PARTIAL)
    sheet.append(COMPLETE)
    sheet.append(UNDECIDED)
    path = tmp_path / "thon.xlsx"
    workbook.save(path)
    return path


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return book(tmp_path)


def test_json_flags_the_total_and_the_group(run_cli: RunCli, source: Path) -> None:
    """It writes total_complete false and the group's complete false when item 2.3 is
    missing, and true for the household scored in full."""
    result = run_cli("evaluate", source, "-f", "json")
    assert result.exit_code == 0, result.output
    found = {r["id"]: r for r in results_of(json.loads(result.stdout))}
    partial, complete = found["H1"], found["H2"]
    assert (partial["total"], partial["total_complete"]) == (90, False)
    assert {g["id"]: g["complete"] for g in partial["groups"]} == {
        "TC1": True, "TC2": False, "TC3": True, "TC4": True,
    }  # fmt: skip
    assert complete["total_complete"] is True
    assert all(g["complete"] for g in complete["groups"])


def _list_rows(sheet: Any) -> dict[str, list[Any]]:
    return {str(row[1]): list(row) for row in sheet.iter_rows(values_only=True) if row[1]}


def test_signed_list_and_decision_show_the_gap(
    run_cli: RunCli, source: Path, tmp_path: Path
) -> None:
    """It prints '90 + ?' and the note in the list and the decision's appendix, and the
    complete household's total as a number with an empty note."""
    listing, decision = tmp_path / "ds.xlsx", tmp_path / "qd.docx"
    result = run_cli("export", source, "-o", listing, "--quyet-dinh", decision)
    assert result.exit_code == 0, result.output
    rows = _list_rows(openpyxl.load_workbook(listing).worksheets[0])
    partial, complete = rows["Nguyễn Văn An"], rows["Trần Thị Bình"]
    assert "90 + ?" in partial and NOTE in partial
    assert 98 in complete and NOTE not in complete
    cells = [
        [cell.text for cell in row.cells]
        for table in docx.Document(str(decision)).tables
        for row in table.rows
    ]
    (appendix_row,) = [row for row in cells if "Nguyễn Văn An" in row]
    assert "90 + ?" in appendix_row and NOTE in appendix_row
    (other_row,) = [row for row in cells if "Trần Thị Bình" in row]
    assert "98" in other_row and NOTE not in other_row


def test_csv_leaves_the_partial_total_empty_and_json_flags_it(
    run_cli: RunCli, source: Path, tmp_path: Path
) -> None:
    """It leaves a partial total empty in the CSV list (a cell is a number or nothing) with
    the note, and keeps the known points with total_complete false in the JSON list."""
    as_csv, as_json = tmp_path / "ds.csv", tmp_path / "ds.json"
    assert run_cli("export", source, "-o", as_csv).exit_code == 0
    assert run_cli("export", source, "-o", as_json).exit_code == 0
    table = list(csv.DictReader(io.StringIO(as_csv.read_text("utf-8-sig"))))
    (partial,) = [row for row in table if "Nguyễn Văn An" in row.values()]
    assert "" in partial.values() and NOTE in partial.values()
    assert "90" not in partial.values()
    listed = json.loads(as_json.read_text("utf-8"))["lists"][0]["villages"][0]["applicants"]
    found = {entry["id"]: entry for entry in listed}
    assert (found["H1"]["total"], found["H1"]["total_complete"]) == (90, False)
    assert found["H1"]["note"] == NOTE
    assert (found["H2"]["total"], found["H2"]["total_complete"]) == (98, True)


def test_explain_says_the_total_is_partial(run_cli: RunCli, source: Path) -> None:
    """It writes '90 + ?' in explain's verdict line, and '98/100' for a complete total."""
    partial = run_cli("explain", source, "--id", "H1")
    assert partial.exit_code == 0, partial.output
    assert "Kết quả: Đạt — tổng 90 + ? điểm (tối đa 100; có mục chưa chấm được)" in partial.output
    assert "90/100" not in partial.output
    complete = run_cli("explain", source, "--id", "H2")
    assert "Kết quả: Đạt — tổng 98/100 điểm" in complete.output


def test_report_bins_only_complete_totals(run_cli: RunCli, source: Path, tmp_path: Path) -> None:
    """It bins the one complete total, says two were left out, and shows '75 + ?' in the
    follow-up table."""
    output = tmp_path / "bao-cao.html"
    result = run_cli("report", source, "-o", output)
    assert result.exit_code == 0, result.output
    page = output.read_text("utf-8")
    assert "Không tính 2 hồ sơ có mục chưa chấm được (chưa biết đủ tổng điểm)" in page
    start = page.index('id="phan-bo-diem-h"')
    section = page[start : page.index("</section>", start)]
    counts = re.findall(r'<td class="num">(\d+)</td>', section)
    assert sum(map(int, counts)) == 1
    follow = page[page.index("Lê Văn Cường") :]
    assert re.search(r"<td[^>]*>75 \+ \?</td>", follow[:600])
