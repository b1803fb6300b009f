"""``hoctap evaluate`` on commune workbooks with every layout feature, as a user runs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from tests.support import RunCli, results_of

from .books import EVERYTHING, SAVED_SUFFIXES, SHEET, saved_path, write_xlsx


def households(output: str) -> dict[str, str | None]:
    document = json.loads(output)
    return {r["id"]: r["village"] for r in results_of(document)}


def test_everything_book_exits_zero_with_its_real_households(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Title block, two-row header, column numbers, sections, merged villages, subtotals,
    total and signature: exit 0, exactly the real households with their villages."""
    path = write_xlsx(EVERYTHING, tmp_path / "xa-quang-phu.xlsx")
    result = run_cli("evaluate", path, "-f", "json")
    assert result.exit_code == 0, result.output
    expected = {id_: village for id_, (village, _) in EVERYTHING.expected().items()}
    assert households(result.output) == expected
    assert {"Thôn Quảng Tiến", "Thôn Quảng Lợi", "Buôn Ea Sar", "Thôn Ngoài"} == set(
        expected.values()
    )
    notices = json.loads(result.output)["notices"]
    assert all(e["severity"] == "notice" for e in notices)
    assert {e["code"] for e in notices} >= {"column_numbers_row", "section_row", "table_end"}


@pytest.mark.parametrize("suffix", SAVED_SUFFIXES)
def test_libreoffice_saves_exit_zero(run_cli: RunCli, suffix: str) -> None:
    """The same book saved by LibreOffice as .xls, .ods or .xlsx reads the same."""
    result = run_cli("evaluate", saved_path(EVERYTHING.name, suffix), "-f", "json")
    assert result.exit_code == 0, result.output
    assert households(result.output) == {
        id_: village for id_, (village, _) in EVERYTHING.expected().items()
    }


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_annotate_writes_an_xlsx_copy_and_says_so(
    run_cli: RunCli, tmp_path: Path, suffix: str
) -> None:
    """--annotate on .xls/.ods writes an .xlsx with the verdicts on each household's row."""
    source = tmp_path / f"danh-sach{suffix}"
    shutil.copyfile(saved_path(EVERYTHING.name, suffix), source)
    before = source.read_bytes()
    copy = tmp_path / "ket-qua.xlsx"
    result = run_cli("evaluate", source, "--annotate", copy, "-f", "json", "-o", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert f"bản .xlsx chép giá trị các ô của {source}" in result.stderr
    assert source.read_bytes() == before
    sheet = openpyxl.load_workbook(copy)[SHEET]
    header = [c.value for c in next(sheet.iter_rows(min_row=8, max_row=8))]
    verdict_column = header.index("Kết quả") + 1
    rows = {sheet.cell(r, 2).value: sheet.cell(r, verdict_column).value for r in range(9, 40)}
    expected = EVERYTHING.expected()
    for household, (_, verdict) in expected.items():
        assert rows[household] == ("Đạt" if verdict == "pass" else "Không đạt")
    # The rows the layout step skipped carry their notice, on the same "Kết quả" column.
    comments = {
        r: sheet.cell(r, verdict_column).comment.text
        for r in range(9, 60)
        if sheet.cell(r, verdict_column).comment is not None
    }
    assert any("Dòng đánh số cột" in text for text in comments.values())
    assert sum("Dòng tiêu đề mục" in text for text in comments.values()) == 3
    assert any("phần ký tên" in text for text in comments.values())


def test_a_folder_includes_xls_and_ods(run_cli: RunCli, tmp_path: Path) -> None:
    """A folder given as input reads its .xls and .ods workbooks too."""
    shutil.copyfile(saved_path("thon-gop-o", ".xls"), tmp_path / "thon.xls")
    (tmp_path / "khac").mkdir()
    shutil.copyfile(saved_path("muc-thon-tach", ".ods"), tmp_path / "khac" / "xom.ods")
    result = run_cli("evaluate", tmp_path, "-f", "json")
    document = json.loads(result.output)
    assert {Path(i["file"]).name for i in document["inputs"]} == {"thon.xls", "xom.ods"}
    read = {(Path(r["source"]["file"]).suffix, r["id"]) for r in results_of(document)}
    assert (".xls", "H105") in read and (".ods", "H303") in read
