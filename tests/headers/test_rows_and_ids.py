"""Rows without a code column, rows missing a required value, titles named in the title
block, and points that could not be computed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from tests.headers.books import households, write_score_only
from tests.support import RunCli, problems_of, results_of

from hoctap_cli.records.reader import open_input


def _json(run_cli: RunCli, *args: str | Path) -> tuple[int, dict[str, list[dict[str, object]]]]:
    result = run_cli("evaluate", *args, "-f", "json")
    return result.exit_code, json.loads(result.output)


def test_ids_from_stt_are_stable_and_noticed_once_per_sheet(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """It gives each row of a sheet with STT but no code the same id on every run, from
    file, sheet and STT, and says so once per sheet."""
    path = write_score_only(tmp_path / "ds-2025.xlsx", households(1, 6), sheet="Thôn 1")
    first_code, first = _json(run_cli, path)
    _, again = _json(run_cli, path)
    ids = [r["id"] for r in results_of(first)]
    assert first_code == 0
    assert ids == [f"ds-2025/Thôn 1/{n}" for n in range(1, 7)]
    assert ids == [r["id"] for r in results_of(again)]
    notices = [p for p in first["notices"] if p["code"] == "ids_from_stt"]
    assert len(notices) == 1 and notices[0]["sheet"] == "Thôn 1"
    assert "cột A" in str(notices[0]["message"])


def test_stt_restarting_per_village_keeps_every_household(run_cli: RunCli, tmp_path: Path) -> None:
    """Numbering that starts again at 1 for the next village gives distinct ids, none lost."""
    rows = households(2, 6)
    path = write_score_only(tmp_path / "ds.xlsx", rows)
    book = openpyxl.load_workbook(path)
    for offset in range(3):
        book.active.cell(10 + offset, 1, offset + 1)  # rows 4–6 numbered 1–3 again
    book.save(path)
    code, document = _json(run_cli, path)
    ids = [r["id"] for r in results_of(document)]
    assert code == 0 and len(ids) == 6 == len(set(ids))
    assert ids[3:] == ["ds/Sheet1/1-r10", "ds/Sheet1/2-r11", "ds/Sheet1/3-r12"]


def test_a_yes_no_cell_in_stt_is_a_located_error_and_the_rest_is_read(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """It reports an STT cell holding TRUE as a bad value at its cell, in words, and still
    evaluates the other households of the sheet."""
    rows = households(1, 6)
    path = write_score_only(tmp_path / "ds.xlsx", rows)
    book = openpyxl.load_workbook(path)
    book.active.cell(8, 1, True)  # the second household's STT
    book.save(path)
    code, document = _json(run_cli, path)
    (error,) = [e for e in document["errors"] if e["row"] == 8 and e["code"] == "bad_value"]
    assert code == 1
    assert error["column"] == "A"
    assert "một số thứ tự" in str(error["message"])
    assert len(results_of(document)) == 5


def test_neither_code_nor_stt_names_the_missing_column(run_cli: RunCli, tmp_path: Path) -> None:
    """With no code column and no STT, the message names the missing column and the labels
    it is known by, not 'không tìm thấy dòng tiêu đề'."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["DANH SÁCH HỘ ĐĂNG KÝ GIA ĐÌNH HỌC TẬP NĂM 2025"])
    ws.append(["Họ và tên chủ hộ", "Thôn", "Điểm TC1", "Điểm TC2", "Điểm TC3", "Điểm TC4"])
    ws.append(["An", "Thôn 1", 30, 30, 20, 20])
    path = tmp_path / "khong-ma.xlsx"
    book.save(path)
    for args in ((), ("-c", "gia-dinh-hoc-tap")):
        result = run_cli("evaluate", path, *args)
        assert result.exit_code == 2
        assert "Không có cột 'Mã hộ' (tên cột được nhận: 'Mã hộ', 'Mã số hộ'" in result.output
        assert "'STT'" in result.output and "tiêu đề" not in result.output


def test_row_missing_the_head_of_household_is_not_evaluated(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """A row with no name for the head of household is 'Không xét', with a located problem;
    the other rows are evaluated."""
    rows = households(4, 5)
    path = write_score_only(tmp_path / "ds.xlsx", rows)
    book = openpyxl.load_workbook(path)
    book.active["B9"] = None  # STT 3
    book.save(path)
    code, document = _json(run_cli, path)
    assert code == 1
    assert [r["source"]["row"] for r in results_of(document)] == [7, 8, 10, 11]
    (missing,) = [p for p in problems_of(document) if p["code"] == "missing_required"]
    assert (missing["sheet"], missing["row"], missing["column"]) == ("Sheet1", 9, "B")
    assert "không được xét" in str(missing["message"])
    annotated = tmp_path / "ds-kq.xlsx"
    run_cli("evaluate", path, "--annotate", annotated)
    sheet = openpyxl.load_workbook(annotated)["Sheet1"]
    assert "Không xét" in [sheet.cell(9, c).value for c in range(1, sheet.max_column + 1)]


@pytest.mark.parametrize(
    "title",
    [
        "DANH SÁCH HỘ ĐĂNG KÝ GIA ĐÌNH HỌC TẬP NĂM 2025",
        "Danh sách đề nghị công nhận Gia đình học tập",
        "Danh sach ho dang ky gia dinh hoc tap",  # typed without diacritics
    ],
)
def test_title_is_recognised_from_the_title_block(
    run_cli: RunCli, tmp_path: Path, title: str
) -> None:
    """It recognises the title a score-only sheet's title block names, although the sheet
    name ('Sheet1') names none."""
    path = write_score_only(tmp_path / "ds.xlsx", households(6, 3), title=title)
    code, document = _json(run_cli, path)
    assert code == 0
    assert {r["title"] for r in results_of(document)} == {"gia-dinh-hoc-tap"}


def test_title_block_decides_between_titles_with_alike_columns(tmp_path: Path) -> None:
    """Columns that several titles share ('Thôn', 'Điểm TC1' …) go to the title the block
    names: the same sheet is read as Đơn vị or Gia đình học tập as its block says."""
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.records.reader import assign

    catalog = shipped_catalog()
    candidates = [catalog.in_force(t, dt.date(2022, 12, 31)) for t in catalog.titles()]
    header = ["STT", "Tên", "Thôn", "Điểm TC1", "Điểm TC2", "Điểm TC3"]
    for title, expected in (
        ("DANH SÁCH ĐƠN VỊ HỌC TẬP", "don-vi-hoc-tap"),
        ("DANH SÁCH GIA ĐÌNH HỌC TẬP", "gia-dinh-hoc-tap"),
    ):
        book = openpyxl.Workbook()
        ws = book.active
        assert ws is not None
        ws.append([title])
        ws.append(header)
        ws.append([1, "A", "Thôn 1", 20, 20, 20])
        path = tmp_path / f"{expected}.xlsx"
        book.save(path)
        (assignment,) = assign(open_input(path), candidates)
        assert assignment.compiled.criteria.id == expected
