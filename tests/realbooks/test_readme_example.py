"""The example of the README's section on input files is what the tool really says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.problems import LAYOUT_NOTICES
from hoctap_cli.workflow.run import evaluate_paths

README = Path(__file__).resolve().parents[2] / "README.md"
ROWS = {
    5: ["STT", "Mã hộ", "Họ tên chủ hộ", "Thôn", "Số trẻ đi học"],
    6: ["(1)", "(2)", "(3)", "(4)", "(5)"],
    7: ["I. Thôn Quảng Tiến"],
    8: [1, "QT01", "Nguyễn Văn An", None, 2],
    9: [2, "QT02", "Lê Thị Bình", None, 1],
    10: ["II", "Thôn Quảng Lợi"],
    11: [3, "QL01", "Trần Văn Cường", None, 3],
    12: ["Tổng cộng", None, None, None, 6],
    14: [None, "Quảng Phú, ngày 15 tháng 12 năm 2025"],
    15: [None, "Người lập biểu", None, None, "TM. ỦY BAN NHÂN DÂN"],
}


def test_readme_example(tmp_path: Path) -> None:
    """Three households with their villages, and the notices the README shows, word for word."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Danh sách"
    for row, cells in ROWS.items():
        for column, value in enumerate(cells, start=1):
            if value is not None:
                sheet.cell(row, column, value)
    sheet.merge_cells("A7:E7")
    path = tmp_path / "ds.xlsx"
    book.save(path)
    evaluation = evaluate_paths(
        [path], shipped_catalog(), "gia-dinh-hoc-tap", dt.date(2025, 12, 31)
    )
    villages = {r.id: r.village for r in evaluation.results}
    assert villages == {
        "QT01": "Thôn Quảng Tiến",
        "QT02": "Thôn Quảng Tiến",
        "QL01": "Thôn Quảng Lợi",
    }
    said = [
        f"ds.xlsx, trang 'Danh sách', dòng {p.row}: {p.message}"
        for p in evaluation.problems
        if p.code in LAYOUT_NOTICES
    ]
    shown = [line for line in README.read_text("utf-8").splitlines() if line.startswith("ds.xlsx")]
    assert len(shown) == len(said) == 6
    for line, message in zip(shown, said, strict=True):
        assert message.startswith(line.removesuffix("…").rstrip())
