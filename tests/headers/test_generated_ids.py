"""Ids made from the STT column: unique per file as the user gave it, never printed as a
code in the recognition list."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from tests.headers.books import households, write_score_only
from tests.support import RunCli, problems_of, results_of

from hoctap_cli.records.row_ids import id_names


def _two_villages(folder: Path) -> Path:
    """Two villages' lists under one file name, each in its own folder (6 households each)."""
    for number in (1, 2):
        village = folder / f"thon-{number}"
        village.mkdir(parents=True)
        write_score_only(village / "diem-2025.xlsx", households(number, 6))
    return folder


def test_same_file_name_in_two_folders_keeps_every_household(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Both villages' 12 households are scored; none is taken for a repeat of the other."""
    folder = _two_villages(tmp_path / "dup")
    result = run_cli("evaluate", folder, "-f", "json")
    document = json.loads(result.output)
    ids = [r["id"] for r in results_of(document)]
    assert result.exit_code == 0
    assert len(ids) == 12 == len(set(ids))
    assert ids[0] == "thon-1/diem-2025/Sheet1/1" and ids[6] == "thon-2/diem-2025/Sheet1/1"
    assert not [p for p in problems_of(document) if p["code"] == "duplicate_id"]
    again = json.loads(run_cli("evaluate", folder, "-f", "json").output)
    assert ids == [r["id"] for r in results_of(again)]  # stable across runs


def test_same_name_with_another_suffix_is_no_duplicate(run_cli: RunCli, tmp_path: Path) -> None:
    """'ds.xlsx' and 'ds.csv' side by side: ids keep the suffix, both lists are scored."""
    book = write_score_only(tmp_path / "ds.xlsx", households(3, 4))
    sheet = openpyxl.load_workbook(book).active
    assert sheet is not None
    lines = [
        ",".join("" if v is None else str(v) for v in row)
        for row in sheet.iter_rows(values_only=True)
    ]
    (tmp_path / "ds.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("evaluate", tmp_path, "-f", "json")
    document = json.loads(result.output)
    ids = [r["id"] for r in results_of(document)]
    assert result.exit_code == 0
    assert len(ids) == 8 == len(set(ids))
    assert {i.split("/")[0] for i in ids} == {"ds.csv", "ds.xlsx"}


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (["a/ds.xlsx"], ["ds"]),
        (["a/ds.xlsx", "b/ds.xlsx"], ["a/ds", "b/ds"]),
        (["x/a/ds.xlsx", "y/a/ds.xlsx", "y/b/ds.xlsx"], ["x/a/ds", "y/a/ds", "b/ds"]),
        (["a/ds.xlsx", "a/DS.csv"], ["ds.xlsx", "DS.csv"]),
        (["a/ds-2025.xlsx", "a/ds-2024.xlsx"], ["ds-2025", "ds-2024"]),
    ],
)
def test_each_file_is_named_by_the_fewest_folders_that_tell_it_apart(
    tmp_path: Path, paths: list[str], expected: list[str]
) -> None:
    given = [tmp_path / path for path in paths]
    assert list(id_names(given).values()) == expected


def _list_rows(path: Path) -> list[tuple[object, ...]]:
    """The header and applicant rows of the exported list's first sheet."""
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    start = next(n for n, row in enumerate(rows) if row[0] == "STT")
    return [rows[start], *(row for row in rows[start + 1 :] if isinstance(row[0], int))]


def test_list_without_codes_prints_no_code_column(run_cli: RunCli, tmp_path: Path) -> None:
    """Ids made from the STT are not the user's: the list shows STT and name, no 'Mã hộ'."""
    folder = _two_villages(tmp_path / "dup")
    output = tmp_path / "ds.xlsx"
    assert run_cli("export", folder, "-o", output).exit_code == 0
    header, *listed = _list_rows(output)
    assert "Mã hộ" not in header and header[:2] == ("STT", "Họ tên chủ hộ")
    assert listed and not any("/Sheet1/" in str(cell) for row in listed for cell in row)


def test_list_shows_real_codes_and_leaves_made_ones_blank(run_cli: RunCli, tmp_path: Path) -> None:
    """One village writes codes, the other does not: its rows have a blank code cell."""
    folder = _two_villages(tmp_path / "dup")
    coded = folder / "thon-1" / "diem-2025.xlsx"
    book = openpyxl.load_workbook(coded)
    sheet = book.active
    assert sheet is not None
    sheet.insert_cols(2)
    sheet.cell(6, 2, "Mã hộ")
    for row in range(7, 13):
        sheet.cell(row, 2, f"T1-{row - 6:02d}")
    book.save(coded)
    output = tmp_path / "ds.xlsx"
    assert run_cli("export", folder, "-o", output).exit_code == 0
    header, *listed = _list_rows(output)
    code = header.index("Mã hộ")
    codes = [row[code] for row in listed]
    written = [c for c in codes if c is not None]
    assert written and all(str(c).startswith("T1-") for c in written)
    assert None in codes  # the other village's households, with no code of their own


def test_decision_appendix_prints_no_made_up_code(run_cli: RunCli, tmp_path: Path) -> None:
    """The list attached to the draft decision has no code column either."""
    import docx

    folder = _two_villages(tmp_path / "dup")
    decision = tmp_path / "qd.docx"
    result = run_cli("export", folder, "-o", tmp_path / "ds.xlsx", "--quyet-dinh", decision)
    assert result.exit_code == 0
    tables = docx.Document(str(decision)).tables
    cells = [cell.text for table in tables for row in table.rows for cell in row.cells]
    headers = [cell.text for table in tables for cell in table.rows[0].cells]
    assert "Họ tên chủ hộ" in headers and "Mã hộ" not in headers
    assert not any("/Sheet1/" in text for text in cells)


def _csv_list(path: Path, seed: int) -> None:
    book = write_score_only(path.with_suffix(".xlsx"), households(seed, 3))
    sheet = openpyxl.load_workbook(book).active
    assert sheet is not None
    lines = [
        ",".join("" if v is None else str(v) for v in row)
        for row in sheet.iter_rows(values_only=True)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    book.unlink()


def test_generated_ids_alike_by_chance_are_no_duplicate(run_cli: RunCli, tmp_path: Path) -> None:
    """Sheet 'b' of 'a.xlsx' and 'a/b.csv' both make 'a/b/1': both households are kept."""
    write_score_only(tmp_path / "a.xlsx", households(4, 3), sheet="b")
    for folder, seed in (("a", 5), ("c", 6)):
        (tmp_path / folder).mkdir()
        _csv_list(tmp_path / folder / "b.csv", seed)
    result = run_cli("evaluate", tmp_path, "-f", "json")
    document = json.loads(result.output)
    ids = [r["id"] for r in results_of(document)]
    assert result.exit_code == 0
    assert len(ids) == 9 == len({i.casefold() for i in ids})
    assert "a/b/1" in ids and not [p for p in problems_of(document) if p["code"] == "duplicate_id"]
