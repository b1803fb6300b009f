"""The annotated copy of an .xlsx written by streaming the package: the splice must put
every value on its own row, keep the user's workbook as it was, and keep input text inert."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from tests.realbooks.books import (
    BOOKS,
    EVERYTHING,
    SHEET,
    saved_path,
    write_bad_cell,
    write_xlsx,
)
from tests.support import EXAMPLE_XLSX, RunCli, results_of

LABELS = {"pass": "Đạt", "fail": "Không đạt", "incomplete": "Chưa đủ dữ liệu"}
VBA_TYPE = (
    b'<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>'
)
VBA_RELATIONSHIP = (
    b'<Relationship Id="rIdVba" Target="vbaProject.bin"'
    b' Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"/>'
)
STREAMED_PART = "xl/worksheets/hoctap-sheet1.xml"  # the "Lỗi" sheet the streamed copy adds


def _annotate(run_cli: RunCli, source: Path, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    tmp_path.mkdir(exist_ok=True)
    target = tmp_path / f"{source.stem}-ket-qua.xlsx"
    result = run_cli(
        "evaluate", source, "--annotate", target, "-f", "json", "-o", tmp_path / "kq.json"
    )
    assert result.exit_code in (0, 1), result.output
    assert target.exists(), result.stderr
    return target, json.loads((tmp_path / "kq.json").read_text(encoding="utf-8"))


def _streamed(path: Path) -> bool:
    with zipfile.ZipFile(path) as package:
        return STREAMED_PART in package.namelist()


def _verdicts_by_row(sheet: Any, header_row: int) -> tuple[int, dict[int, Any]]:
    header = [c.value for c in sheet[header_row]]
    column = header.index("Kết quả") + 1
    return column, {r: sheet.cell(r, column).value for r in range(1, sheet.max_row + 1)}


@pytest.mark.parametrize(
    "book", [EVERYTHING, BOOKS[18]], ids=lambda b: b.name
)  # every layout feature; a table shifted right
def test_values_land_on_their_rows_with_merges_and_shifted_tables(
    run_cli: RunCli, tmp_path: Path, book: Any
) -> None:
    """It writes each household's verdict on the household's own row, right of every merged
    range below the header, and keeps the merges; calamine reads the same."""
    source = write_xlsx(book, tmp_path / f"{book.name}.xlsx")
    target, document = _annotate(run_cli, source, tmp_path)
    assert _streamed(target)
    original = openpyxl.load_workbook(source)[SHEET]
    sheet = openpyxl.load_workbook(target)[SHEET]
    header_row = document["inputs"][0]["sheets"][0]["header_row"]
    column, verdicts = _verdicts_by_row(sheet, header_row)
    merged_right = max(
        (m.max_col for m in original.merged_cells.ranges if m.max_row >= header_row), default=0
    )
    assert column == max(original.max_column, merged_right) + 1
    results = results_of(document)
    assert results
    for result in results:
        row = result["source"]["row"]
        assert verdicts[row] == LABELS[result["verdict"]], row
        id_column = next(c for c in range(1, column) if sheet.cell(row, c).value == result["id"])
        assert original.cell(row, id_column).value == result["id"]
    evaluated = {r["source"]["row"] for r in results}
    assert all(
        value is None
        for row, value in verdicts.items()
        if row > header_row and row not in evaluated and value not in ("Không xét",)
    )
    assert {str(m) for m in sheet.merged_cells.ranges} == {
        str(m) for m in original.merged_cells.ranges
    }
    calamine = (
        CalamineWorkbook.from_path(str(target))
        .get_sheet_by_name(SHEET)
        .to_python(skip_empty_area=False)
    )
    width = len(calamine[0])
    for result in results:
        row = calamine[result["source"]["row"] - 1] + [""] * width
        assert row[column - 1] == LABELS[result["verdict"]]


def test_problem_cell_is_filled_and_commented(run_cli: RunCli, tmp_path: Path) -> None:
    """It fills the cell holding a word where a count belongs and comments it, in a new
    comments part with its drawing, and lists it on "Lỗi" with a link to the cell."""
    source = write_bad_cell(tmp_path / "o-loi.xlsx")
    target, _ = _annotate(run_cli, source, tmp_path)
    assert _streamed(target)
    workbook = openpyxl.load_workbook(target)
    cell = workbook[SHEET]["F3"]
    assert cell.value == "hai"
    assert cell.fill.fgColor.rgb == "00FFC7CE"
    assert cell.comment is not None and "'hai'" in cell.comment.text
    errors = workbook["Lỗi"]
    assert errors["C2"].hyperlink.location == f"'{SHEET}'!F3"
    with zipfile.ZipFile(target) as package:
        names = package.namelist()
        types = package.read("[Content_Types].xml").decode()
    assert any(n.endswith(".vml") for n in names)
    assert all(f'PartName="/{n}"' in types for n in names if "hoctap-" in n)


def test_input_text_stays_text(run_cli: RunCli, tmp_path: Path) -> None:
    """It keeps a formula-looking name and markup from the input inert: stored as text,
    escaped, never a formula or a link, and the copy still opens."""
    source = tmp_path / "ho.xlsx"
    workbook = openpyxl.load_workbook(EXAMPLE_XLSX)
    sheet = workbook.worksheets[0]
    sheet["C8"].value = '=HYPERLINK("http://x")'
    sheet["C8"].data_type = "s"
    sheet["C9"] = "<b>Lê & Văn</b>"
    sheet["F8"] = "<b>hai</b>"  # a count cell: the value lands in a message and "Lỗi"
    workbook.save(source)
    target, document = _annotate(run_cli, source, tmp_path)
    assert _streamed(target)
    copy = openpyxl.load_workbook(target)
    kept = copy.worksheets[0]
    assert kept["C8"].value == '=HYPERLINK("http://x")' and kept["C8"].data_type == "s"
    assert kept["C9"].value == "<b>Lê & Văn</b>"
    assert kept["F8"].comment is not None and "<b>hai</b>" in kept["F8"].comment.text
    values = [c.value for row in copy["Lỗi"].iter_rows() for c in row]
    assert "<b>hai</b>" in values
    with zipfile.ZipFile(target) as package:
        for name in package.namelist():
            if "hoctap-" in name or name.startswith("xl/worksheets/sheet"):
                text = package.read(name).decode("utf-8")
                assert "<f>" not in text and "<b>hai" not in text, name
    CalamineWorkbook.from_path(str(target)).get_sheet_by_name("Lỗi").to_python()
    assert any(r["verdict"] for r in results_of(document))


def test_prefixed_sheet_xml_and_missing_rows(run_cli: RunCli, tmp_path: Path) -> None:
    """It follows a sheet written with a namespace prefix (<x:row>) and self-closing empty
    rows, as some writers do, and puts the values on the same rows as for the plain sheet."""
    plain, document = _annotate(run_cli, EXAMPLE_XLSX, tmp_path / "a")
    source = tmp_path / "x.xlsx"
    with zipfile.ZipFile(EXAMPLE_XLSX) as package, zipfile.ZipFile(source, "w") as out:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = _prefixed(data.decode()).encode()
            out.writestr(info, data)
    target, _ = _annotate(run_cli, source, tmp_path / "b")
    assert _streamed(target)
    expected = openpyxl.load_workbook(plain).worksheets[0]
    got = openpyxl.load_workbook(target).worksheets[0]
    assert got.max_column == expected.max_column
    for row in range(1, expected.max_row + 1):
        for column in range(1, expected.max_column + 1):
            assert got.cell(row, column).value == expected.cell(row, column).value, (row, column)
    assert got["I17"].comment is not None
    assert document["titles"]


def _prefixed(xml: str) -> str:
    xml = re.sub(r"<(/?)(?!\?)(\w+)", r"<\1x:\2", xml)
    xml = xml.replace('xmlns="', 'xmlns:x="', 1)
    return xml.replace("</x:sheetData>", '<x:row r="60"/></x:sheetData>')


def test_styled_empty_cells_right_of_the_table(run_cli: RunCli, tmp_path: Path) -> None:
    """It replaces, not repeats, the formatted empty cells a sheet keeps where the new
    columns go: every row's cells stay unique and in column order."""
    source = tmp_path / "ho.xlsx"
    workbook = openpyxl.load_workbook(EXAMPLE_XLSX)
    sheet = workbook.worksheets[0]
    for row in range(7, 12):
        for column in range(17, 22):
            sheet.cell(row, column).border = openpyxl.styles.Border(
                left=openpyxl.styles.Side(style="thin")
            )
    workbook.save(source)
    target, document = _annotate(run_cli, source, tmp_path)
    assert _streamed(target)
    with zipfile.ZipFile(target) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
    for row in re.findall(r"<row [^>]*>(.*?)</row>", xml):
        refs = re.findall(r'<c r="([A-Z]+)\d+"', row)
        keys = [(len(ref), ref) for ref in refs]
        assert keys == sorted(set(keys)), refs
    copy = openpyxl.load_workbook(target).worksheets[0]
    assert copy["Q7"].value == "Kết quả"
    assert copy["Q8"].value == "Đạt" and copy["Q8"].border.left.style == "thin"
    assert copy["Q8"].fill.fgColor.rgb == "00C6EFCE"
    assert results_of(document)


def test_libreoffice_save_keeps_its_column_ranges(run_cli: RunCli, tmp_path: Path) -> None:
    """It cuts LibreOffice's column ranges (which run to the sheet's end) around the new
    columns: the new widths hold and the old ones are kept."""
    source = tmp_path / "lo.xlsx"
    shutil.copyfile(saved_path(EVERYTHING.name, ".xlsx"), source)
    target, _ = _annotate(run_cli, source, tmp_path)
    assert _streamed(target)
    original = openpyxl.load_workbook(source)[SHEET]
    copy = openpyxl.load_workbook(target)[SHEET]
    column, _ = _verdicts_by_row(copy, 8)
    letter = openpyxl.utils.get_column_letter
    assert copy.column_dimensions[letter(column)].width == 16
    assert copy.column_dimensions[letter(column + 1)].width == 11
    for index in range(1, column):
        assert copy.column_dimensions[letter(index)].width == pytest.approx(
            original.column_dimensions[letter(index)].width
        )
    CalamineWorkbook.from_path(str(target)).get_sheet_by_name("Tổng hợp").to_python()


def test_sheet_with_comments_goes_through_openpyxl(run_cli: RunCli, tmp_path: Path) -> None:
    """It writes a workbook whose marked sheet already has comments the openpyxl way, with
    the officer's comment first and the message after it."""
    source = tmp_path / "ho.xlsx"
    workbook = openpyxl.load_workbook(EXAMPLE_XLSX)
    workbook.worksheets[0]["I17"].comment = openpyxl.comments.Comment("ghi chú của xã", "xã")
    workbook.save(source)
    target, _ = _annotate(run_cli, source, tmp_path)
    assert not _streamed(target)
    text = openpyxl.load_workbook(target).worksheets[0]["I17"].comment.text
    assert text.startswith("ghi chú của xã\n—\n") and "nằm ngoài khoảng" in text


def test_macro_workbook_copy_is_a_plain_xlsx(run_cli: RunCli, tmp_path: Path) -> None:
    """It leaves the macros of an .xlsm out of the .xlsx copy, as Excel requires of an .xlsx."""
    source = tmp_path / "ho.xlsm"
    macro = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    with zipfile.ZipFile(EXAMPLE_XLSX) as package, zipfile.ZipFile(source, "w") as out:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == "[Content_Types].xml":
                main = f'ContentType="{macro}"'.encode()
                data = re.sub(rb'ContentType="[^"]*sheet\.main\+xml"', main, data)
                data = data.replace(b"</Types>", VBA_TYPE + b"</Types>")
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", VBA_RELATIONSHIP + b"</Relationships>")
            out.writestr(info, data)
        out.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really")
    target, _ = _annotate(run_cli, source, tmp_path)
    assert _streamed(target)
    with zipfile.ZipFile(target) as package:
        assert "xl/vbaProject.bin" not in package.namelist()
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("xl/_rels/workbook.xml.rels").decode()
    assert macro not in types and "vbaProject" not in types and "vbaProject" not in rels
    assert openpyxl.load_workbook(target).worksheets[0]["Q8"].value == "Đạt"


def test_text_without_xml_characters() -> None:
    """It leaves out the control characters XML cannot hold and escapes markup, so a cell
    made of any text parses back to that text."""
    from xml.etree import ElementTree

    from hoctap_cli.outputs.annotated.xml_text import cell

    xml = cell("B2", "  <b>a\x01&\x1fb</b>\r\n", 3)
    parsed = ElementTree.fromstring(xml)
    assert parsed.get("t") == "inlineStr" and parsed.get("s") == "3"
    assert "".join(parsed.itertext()) == "  <b>a&b</b>\r\n"
    assert cell("B2", "=1+1", 0) == '<c r="B2" t="inlineStr"><is><t>=1+1</t></is></c>'
    assert cell("C2", None, 4) == '<c r="C2" s="4"/>'


def test_marks_in_merged_ranges_go_to_their_top_left_cell() -> None:
    """It finds the merged range a marked cell lies in from the ranges crossing its row
    only, and marks the range's top-left cell, as the openpyxl copy does."""
    from functools import partial

    from hoctap_cli.outputs.annotated.rows import cell_marks
    from hoctap_cli.outputs.annotated.sheet_stream import merges_on_rows
    from hoctap_cli.outputs.annotated.stream_copy import _anchor
    from hoctap_cli.outputs.annotated.xml_text import column_index
    from hoctap_cli.problems import Problem, ProblemCode

    merges = [(9, 2, 11, 3), (1, 1, 1, 8), (20, 4, 20, 5)]
    crossing = merges_on_rows(merges, {10, 20, 30})
    assert crossing == {10: [(9, 2, 11, 3)], 20: [(20, 4, 20, 5)]}
    problems = [
        Problem(ProblemCode.bad_value, "f.xlsx", "S", 10, "C", "x", "hai", {"expected": "số"}),
        Problem(ProblemCode.bad_value, "f.xlsx", "S", 9, "B", "y", "ba", {"expected": "số"}),
        Problem(ProblemCode.bad_value, "f.xlsx", "S", 30, "E", "z", "bốn", {"expected": "số"}),
    ]
    marks = cell_marks(problems, 9, partial(_anchor, crossing), column_index)
    assert list(marks) == [(9, 2), (30, 5)]
    assert "'hai'" in marks[(9, 2)].text and "\n—\n" in marks[(9, 2)].text


def test_rows_without_positions_go_through_openpyxl(run_cli: RunCli, tmp_path: Path) -> None:
    """It writes the copy the openpyxl way when a sheet's rows carry no ``r`` position, as a
    few writers leave them, and the values still land on their rows."""
    source = tmp_path / "khong-r.xlsx"
    with zipfile.ZipFile(EXAMPLE_XLSX) as package, zipfile.ZipFile(source, "w") as out:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'(<row) r="\d+"', rb"\1", data)
            out.writestr(info, data)
    target, document = _annotate(run_cli, source, tmp_path)
    assert not _streamed(target)
    sheet = openpyxl.load_workbook(target).worksheets[0]
    for result in results_of(document):
        assert sheet.cell(result["source"]["row"], 17).value == LABELS[result["verdict"]]


def test_a_sheet_refused_while_writing_is_written_again_through_openpyxl(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It drops what it streamed and writes the copy the openpyxl way when a sheet turns
    out, halfway, to be one the stream cannot rewrite: the copy is whole either way."""
    from hoctap_cli.outputs.annotated import sheet_stream

    def refusing(self: Any, source: Any, out: Any) -> None:
        out.write(b"<worksheet>half")
        raise sheet_stream.SheetUnsupported("test")

    monkeypatch.setattr(sheet_stream.SheetWriter, "write", refusing)
    target, _ = _annotate(run_cli, EXAMPLE_XLSX, tmp_path)
    assert not _streamed(target)
    assert openpyxl.load_workbook(target).worksheets[0]["Q8"].value == "Đạt"


def test_comments_elsewhere_are_kept_and_streamed(run_cli: RunCli, tmp_path: Path) -> None:
    """It streams a workbook whose comments are on a sheet without marks, and keeps them."""
    source = tmp_path / "ho.xlsx"
    workbook = openpyxl.load_workbook(EXAMPLE_XLSX)
    notes = workbook.create_sheet("Ghi chú")
    notes["A1"] = "Danh sách đã rà soát"
    notes["A1"].comment = openpyxl.comments.Comment("của thôn", "thôn")
    workbook.save(source)
    target, _ = _annotate(run_cli, source, tmp_path)
    assert _streamed(target)
    copy = openpyxl.load_workbook(target)
    assert copy["Ghi chú"]["A1"].comment.text == "của thôn"
    assert copy.worksheets[0]["I17"].comment is not None
    assert copy.sheetnames == [copy.worksheets[0].title, "Ghi chú", "Lỗi", "Tổng hợp"]
