"""Text typed into an input never becomes a formula, link or markup in any output.

A village file is given hostile names, villages and notes (formula triggers, a HYPERLINK
formula, HTML), and a criteria file a hostile label; every writer must keep them as text:
xlsx cells are strings, CSV cells that start a formula carry the OWASP apostrophe, JSON
holds the exact text, HTML shows it escaped.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support import EXAMPLE_XLSX, ROOT, RunCli, results_of

from hoctap_cli.outputs.inert import FORMULA_TRIGGERS, csv_text

PLAIN_NUMBER = r"[+-]?\d+(?:[.,]\d+)?%?"  # the README's rule: numbers are not formulas

LINK = '=HYPERLINK("http://example.invalid/x","Bấm vào đây")'
HOSTILE_NAMES = (
    LINK,
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "<b>Hộ</b><script>x</script>",
)
HOSTILE_VILLAGE = "=Thôn Ea Súp"
HOSTILE_NOTE = "=cmd|' /C calc'!A0"
FIRST_DATA_ROW = 8  # the example's header is on row 7
NAME, VILLAGE, NOTE = 3, 4, 16


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example village with hostile text in names, the village and notes."""
    workbook = openpyxl.load_workbook(EXAMPLE_XLSX)
    sheet = workbook.worksheets[0]
    for offset, name in enumerate(HOSTILE_NAMES):
        row = FIRST_DATA_ROW + offset
        sheet.cell(row, NAME).value = name
        sheet.cell(row, NAME).data_type = "s"
        sheet.cell(row, NOTE).value = HOSTILE_NOTE
        sheet.cell(row, NOTE).data_type = "s"
    for row in range(FIRST_DATA_ROW, sheet.max_row + 1):
        if sheet.cell(row, VILLAGE).value == "Thôn Ea Súp":
            sheet.cell(row, VILLAGE).value = HOSTILE_VILLAGE
            sheet.cell(row, VILLAGE).data_type = "s"
    sheet.cell(FIRST_DATA_ROW + 20, 5).value = LINK  # not a number: a problem shows it
    sheet.cell(FIRST_DATA_ROW + 20, 5).data_type = "s"
    path = tmp_path_factory.mktemp("hostile") / "hostile.xlsx"
    workbook.save(path)
    return path


def formula_cells(path: Path) -> list[str]:
    """Every cell of every sheet stored as a formula, and every hyperlink to outside."""
    found = []
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    found.append(f"{sheet.title}!{cell.coordinate}: {cell.value}")
                if cell.hyperlink is not None and cell.hyperlink.target:
                    found.append(f"{sheet.title}!{cell.coordinate} -> {cell.hyperlink.target}")
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name):
                found.append(f"{name}: <f>")
    return found


def all_text(path: Path) -> set[str]:
    workbook = openpyxl.load_workbook(path)
    return {
        str(cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }


def assert_csv_inert(data: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS) or cell.lstrip("+-").isdigit(), cell
    return rows


def test_export_xlsx_keeps_every_hostile_text_as_text(
    run_cli: RunCli, hostile: Path, tmp_path: Path
) -> None:
    output = tmp_path / "ds.xlsx"
    result = run_cli("export", hostile, "-o", output)
    assert result.exit_code in (0, 1), result.output
    assert formula_cells(output) == []
    texts = all_text(output)
    assert LINK in texts
    assert any(HOSTILE_VILLAGE in text for text in texts)


def test_export_csv_neutralises_triggers(run_cli: RunCli, hostile: Path, tmp_path: Path) -> None:
    output = tmp_path / "ds.csv"
    assert run_cli("export", hostile, "-o", output).exit_code in (0, 1)
    rows = assert_csv_inert(output.read_bytes())
    cells = {cell for row in rows for cell in row}
    assert "'" + LINK in cells
    assert "'" + HOSTILE_VILLAGE in cells


def test_export_json_holds_the_exact_text(run_cli: RunCli, hostile: Path, tmp_path: Path) -> None:
    output = tmp_path / "ds.json"
    assert run_cli("export", hostile, "-o", output).exit_code in (0, 1)
    text = output.read_text(encoding="utf-8")
    names = {a["name"] for v in json.loads(text)["lists"][0]["villages"] for a in v["applicants"]}
    assert LINK in names
    assert "'" + LINK not in text


def test_evaluate_csv_and_json(run_cli: RunCli, hostile: Path, tmp_path: Path) -> None:
    output = tmp_path / "kq.csv"
    assert run_cli("evaluate", hostile, "-f", "csv", "-o", output).exit_code in (0, 1)
    rows = assert_csv_inert(output.read_bytes())
    assert "'" + LINK in {cell for row in rows for cell in row}
    document = json.loads(run_cli("evaluate", hostile, "-f", "json").output)
    names = {a["name"] for a in results_of(document)}
    assert LINK in names and "<b>Hộ</b><script>x</script>" in names


def test_annotated_copy_writes_no_formula(run_cli: RunCli, hostile: Path, tmp_path: Path) -> None:
    output = tmp_path / "cham.xlsx"
    assert run_cli("evaluate", hostile, "--annotate", output).exit_code in (0, 1)
    assert formula_cells(output) == []
    problem_values = {row[4] for row in openpyxl.load_workbook(output)["Lỗi"].values}
    assert LINK in problem_values


def test_template_keeps_a_hostile_label_as_text(run_cli: RunCli, tmp_path: Path) -> None:
    source = (ROOT / "criteria" / "gia-dinh-hoc-tap" / "448-2015.yaml").read_text("utf-8")
    criteria = tmp_path / "tieu-chi.yaml"
    criteria.write_text(source.replace("label: Họ tên chủ hộ", f"label: '{LINK}'"), "utf-8")
    output = tmp_path / "mau.xlsx"
    result = run_cli("template", criteria, "-o", output)
    assert result.exit_code == 0, result.output
    assert formula_cells(output) == []
    assert LINK in all_text(output)


def test_report_html_escapes_hostile_text(run_cli: RunCli, hostile: Path, tmp_path: Path) -> None:
    output = tmp_path / "bc.html"
    assert run_cli("report", hostile, "-o", output).exit_code in (0, 1)
    page = output.read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>Hộ</b>" not in page
    assert "=Thôn Ea Súp" in page  # shown, as text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="=+-@\t\r0123456789,.%aZ( ", max_size=8))
def test_csv_text_is_never_a_formula(value: str) -> None:
    cell: Any = csv_text(value)
    if cell == value:
        assert not value.startswith(FORMULA_TRIGGERS) or re.fullmatch(PLAIN_NUMBER, value)
    else:
        assert value.startswith(FORMULA_TRIGGERS) and cell == "'" + value


def test_hostile_sheet_name_stays_text(run_cli: RunCli, tmp_path: Path) -> None:
    """A sheet named like a formula is shown as text, and links to it are quoted."""
    workbook = openpyxl.load_workbook(EXAMPLE_XLSX)
    sheet = workbook.worksheets[0]
    sheet.title = "=1+2 'Gia đình'"
    sheet.cell(FIRST_DATA_ROW + 2, 5).value = "abc"  # a problem on that sheet
    source = tmp_path / "trang.xlsx"
    workbook.save(source)
    annotated, table = tmp_path / "cham.xlsx", tmp_path / "kq.csv"
    result = run_cli("evaluate", source, "--annotate", annotated, "-f", "csv", "-o", table)
    assert result.exit_code == 1, result.output
    assert formula_cells(annotated) == []
    problems = openpyxl.load_workbook(annotated)["Lỗi"]
    row = next(r for r in problems.iter_rows(min_row=2) if r[4].value == "abc")
    assert row[1].value == "=1+2 'Gia đình'" and row[1].data_type == "s"
    assert row[2].hyperlink.location == "'=1+2 ''Gia đình'''!E10"
    rows = assert_csv_inert(table.read_bytes())
    assert "'=1+2 'Gia đình'" in {cell for line in rows for cell in line}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="=+-@0123456789,.%aZ:/( ", max_size=12), min_size=1, max_size=6))
def test_new_workbooks_store_every_text_as_text(texts: list[str]) -> None:
    """Text written into a new workbook is a string cell: never a number, formula or link."""
    from hoctap_cli.outputs.papers.xlsx_book import Book, Style

    texts = [*texts, LINK, "http://example.invalid/x", "mailto:a@example.invalid", "12,5", "1e5"]
    buffer = io.BytesIO()
    book = Book(buffer)
    sheet = book.sheet("Trang", [10.0, 10.0], fit=True)
    for row, text in enumerate(texts, start=1):
        sheet.put(row, (1, 2 if row % 2 else 1), text, Style(bold=True))
    sheet.finish()
    book.close()
    written = openpyxl.load_workbook(buffer).worksheets[0]
    for row, text in enumerate(texts, start=1):
        cell = written.cell(row, 1)
        assert cell.hyperlink is None
        if text:
            assert (cell.value, cell.data_type) == (text, "s")
        else:
            assert cell.value is None
