"""``hoctap export``: the recognition lists, their letterhead, statistics and formats."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from tests.support import (
    EXAMPLE_XLSX,
    EXAMPLE_YAML,
    ROOT,
    RunCli,
    only_level,
    problems_of,
    results_of,
)
from typer.testing import CliRunner, Result

from hoctap_cli.cli.app import app
from hoctap_cli.outputs.papers.letterhead import letterhead
from hoctap_cli.outputs.papers.settings import ExportSettings
from hoctap_cli.outputs.papers.xlsx_fit import fitted_height, wrapped_lines
from hoctap_cli.outputs.papers.xlsx_layout import SIZE, font

SETTINGS = ROOT / "examples" / "cai-dat-xa.yaml"
LIST_SHEET = "DS Gia đình học tập"
HEADING = "DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC CÔNG NHẬN DANH HIỆU “GIA ĐÌNH HỌC TẬP” NĂM 2025"
HEADER_ROW = 8  # two letterhead rows, a gap, title, 'Kèm theo' line, basis, a gap
NOT_EVALUATED_CODES = {"missing_id", "duplicate_id"}


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The example village exported with the example settings file."""
    output = tmp_path_factory.mktemp("export") / "danh-sach.xlsx"
    result = invoke("export", EXAMPLE_XLSX, "-o", output, "--settings", SETTINGS)
    assert result.exit_code == 1, result.output  # the example has deliberate mistakes
    return openpyxl.load_workbook(output)


@pytest.fixture
def evaluated(run_cli: RunCli) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(run_cli("evaluate", EXAMPLE_XLSX, "-f", "json").output)
    return document


def rows(sheet: Any) -> list[list[Any]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def merged(sheet: Any) -> set[str]:
    return {str(span) for span in sheet.merged_cells.ranges}


def table(sheet: Any) -> list[list[Any]]:
    """The rows from the list's header row down to the total."""
    found = []
    for row in rows(sheet)[HEADER_ROW:]:
        if not any(row) or str(row[0]).startswith("Tổng cộng"):
            break
        found.append(row)
    return found


def test_letterhead_blocks_are_merged_and_bold(workbook: Any) -> None:
    """It puts the issuing body top left and the national motto top right, merged and bold."""
    sheet = workbook[LIST_SHEET]
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ"
    assert sheet["A1"].font.b and sheet["A1"].font.u == "single"
    assert sheet["C1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and sheet["C1"].font.b
    assert sheet["C2"].value == "Độc lập - Tự do - Hạnh phúc" and sheet["C2"].font.u == "single"
    assert {"A1:B1", "C1:E1", "C2:E2"} <= merged(sheet)
    assert sheet["A1"].font.name == "Times New Roman"


def test_title_basis_and_provisional_note(workbook: Any) -> None:
    """It centres the title, ties it to the commune's decision, cites the criteria with a
    footnote mark, and says once, under the table, that some values are provisional."""
    sheet = workbook[LIST_SHEET]
    assert sheet["A4"].value == HEADING
    assert sheet["A4"].alignment.horizontal == "center" and sheet["A4"].font.b
    assert {"A4:E4", "A5:E5", "A6:E6"} <= merged(sheet)
    assert sheet["A5"].value.startswith("(Kèm theo Quyết định số ")
    assert sheet["A5"].value.endswith("của Ủy ban nhân dân xã Quảng Phú)")
    assert "Quyết định số 448/QĐ-KHVN ngày 01/12/2015" in sheet["A6"].value
    assert sheet["A6"].value.endswith("¹")
    header = [cell.value for cell in sheet[HEADER_ROW]]
    assert header == ["STT", "Họ tên chủ hộ", "Mã hộ", "Tổng điểm", "Ghi chú"]
    texts = [str(value) for row in rows(sheet) for value in row if value]
    notes = [text for text in texts if "tạm tính" in text]
    assert len(notes) == 1 and notes[0].startswith("¹ ") and "2.2" in notes[0]


def test_lists_exactly_the_passed_households(workbook: Any, evaluated: dict[str, Any]) -> None:
    """It numbers the passed households under their village row, and no one else."""
    passed = [r for r in results_of(evaluated) if r["verdict"] == "pass"]
    body = table(workbook[LIST_SHEET])
    assert body[0][:2] == ["I", "Thôn Ea Súp (25 hộ)"]
    listed = body[1:]
    assert [row[0] for row in listed] == list(range(1, len(passed) + 1))
    assert [(row[1], row[2], row[3]) for row in listed] == [
        (r["name"], r["id"], r["total"]) for r in passed
    ]
    assert all(row[4] is None for row in listed)  # no "tạm tính" on every row
    assert "Thôn Ea Súp" not in {value for row in listed for value in row}
    first_column = [row[0] for row in rows(workbook[LIST_SHEET])]
    assert f"Tổng cộng: {len(passed)} hộ." in first_column


def test_incomplete_households_are_listed_apart(workbook: Any, evaluated: dict[str, Any]) -> None:
    """It lists the undecided households on their own sheet with what each one lacks, then
    the rows that were read but not evaluated, with why."""
    wanted = [r["id"] for r in results_of(evaluated) if r["verdict"] == "incomplete"]
    sheet = workbook["Hồ sơ cần bổ sung"]
    listed = [row for row in rows(sheet) if isinstance(row[0], int)]
    entries, left_out = listed[: len(wanted)], listed[len(wanted) :]
    assert [row[2] for row in entries] == wanted
    assert all(row[6].startswith("chưa chấm được ") for row in entries)
    skipped = [e for e in problems_of(evaluated) if e["code"] in NOT_EVALUATED_CODES]
    assert [row[7] for row in left_out] == [
        f"trang '{e['sheet']}', dòng {e['row']}" for e in skipped
    ]
    assert all(row[6].startswith("Không xét được: ") for row in left_out)
    names = {row[1] for row in table(workbook[LIST_SHEET])}
    assert not names & {row[3] for row in entries}


def test_print_setup_is_a4_one_page_wide(workbook: Any) -> None:
    """It prints every sheet on A4, one page wide, header row repeated, centred."""
    for sheet in workbook:
        setup = sheet.page_setup
        assert int(setup.paperSize) == 9
        # An absent fitToWidth is 1 page wide (the file format's default, left out when so).
        assert (int(setup.fitToWidth or 1), int(setup.fitToHeight)) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_options.horizontalCentered
        first = int(sheet.print_title_rows.split(":")[0].strip("$"))
        assert sheet.cell(first, 1).value == "STT"
    assert workbook[LIST_SHEET].print_title_rows == "$8:$8"
    assert workbook[LIST_SHEET].page_setup.orientation == "portrait"


def test_statistics_match_evaluate_json(workbook: Any, evaluated: dict[str, Any]) -> None:
    """It counts per village and in total exactly what evaluate's JSON summary says."""
    sheet_rows = rows(workbook["Thống kê"])
    by_village = {row[2]: row[3:9] for row in sheet_rows if isinstance(row[0], int)}
    for village in only_level(evaluated)["summary"]["by_village"]:
        counts = [village[k] for k in ("assessed", "pass", "fail", "incomplete", "pass_rate")]
        assert by_village[village["village"]] == [village["assessed"], *counts]
    skipped = sum(1 for e in problems_of(evaluated) if e["code"] in NOT_EVALUATED_CODES)
    total = next(row for row in sheet_rows if row[2] == "Cộng")
    totals = only_level(evaluated)["summary"]["totals"]
    assert skipped == 2
    assert total[3:8] == [totals["assessed"] + skipped, totals["assessed"], totals["pass"],
                          totals["fail"], totals["incomplete"]]  # fmt: skip
    texts = [row[0] for row in sheet_rows if row[0]]
    assert "Nguồn gốc kết quả" in texts and "Ngày xét" in texts


def test_settings_file_fills_place_date_and_signers(workbook: Any) -> None:
    """It writes the place, date and signers of the settings file under the list."""
    texts = {str(value) for row in rows(workbook[LIST_SHEET]) for value in row if value}
    for text in (
        "Quảng Phú, ngày 15 tháng 12 năm 2025",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn A",
        "NGƯỜI LẬP BIỂU",
        "Trần Thị B",
    ):
        assert text in texts, text


def test_options_win_and_defaults_name_nobody(tmp_path: Path) -> None:
    """It puts options over the settings file, and without either leaves dots, not names."""
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    invoke("export", EXAMPLE_XLSX, "-o", first, "--settings", SETTINGS, "--nguoi-ky", "Lê Văn C",
           "--ngay", "05/02/2026", "--nam", "2026")  # fmt: skip
    invoke("export", EXAMPLE_XLSX, "-o", second)
    chosen = {v for row in rows(openpyxl.load_workbook(first)[LIST_SHEET]) for v in row if v}
    assert {"Lê Văn C", "Quảng Phú, ngày 05 tháng 02 năm 2026"} <= chosen
    assert "Nguyễn Văn A" not in chosen and any("NĂM 2026" in str(v) for v in chosen)
    plain = openpyxl.load_workbook(second)[LIST_SHEET]
    assert plain["A1"].value == "ỦY BAN NHÂN DÂN XÃ ……………"
    texts = {v for row in rows(plain) for v in row if v}
    assert "……………, ngày …… tháng …… năm 2025" in texts
    assert not texts & {"Nguyễn Văn A", "Trần Thị B"}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("xa: Xã Thử\nnguoi_ky: A\nchu_tich: B\n", 3, "khóa lạ 'chu_tich'"),
        ("xa: Xã Thử\nnam: hai nghìn\n", 2, "'nam' cần một năm"),
        ("ngay: 31/02/2025\n", 1, "'ngay': ngày '31/02/2025' không có thật: tháng 2 năm 2025"),
        ("ngay: 15-tháng-12\n", 1, "'ngay': '15-tháng-12' không phải một ngày: cần ngày dạng"),
    ],
)
def test_bad_settings_file_is_located(
    run_cli: RunCli, tmp_path: Path, text: str, line: int, message: str
) -> None:
    """It refuses an unknown key or a wrong value with the file and line, exit 2, no output."""
    settings, output = tmp_path / "cai-dat.yaml", tmp_path / "ds.xlsx"
    settings.write_text(text, encoding="utf-8")
    result = run_cli("export", EXAMPLE_XLSX, "-o", output, "--settings", settings)
    assert result.exit_code == 2
    assert f"{settings}, dòng {line}: {message}" in result.output
    assert not output.exists()


def test_json_output(run_cli: RunCli, tmp_path: Path, evaluated: dict[str, Any]) -> None:
    """It writes the same list as JSON with English keys, statistics and provenance."""
    output = tmp_path / "ds.json"
    run_cli("export", EXAMPLE_XLSX, "-o", output, "--xa", "Xã Quảng Phú")
    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["schema_version"] == "2.0" and document["year"] == 2025
    assert document["issuer"]["body"] == "ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ"
    [title_list] = document["lists"]  # one title: still a list of lists, as for many
    assert title_list["title"] == "gia-dinh-hoc-tap"
    [village] = title_list["villages"]
    assert village["village"] == "Thôn Ea Súp"
    passed = [r["id"] for r in results_of(evaluated) if r["verdict"] == "pass"]
    assert [a["id"] for a in village["applicants"]] == passed
    assert set(village["applicants"][0]) >= {"stt", "id", "name", "total", "level", "note"}
    incomplete = [r["id"] for r in results_of(evaluated) if r["verdict"] == "incomplete"]
    assert [e["id"] for e in title_list["incomplete"]] == incomplete
    assert document["statistics"][0]["total"]["pass"] == len(passed)
    assert document["provenance"]["inputs"][0]["sha256"] == evaluated["inputs"][0]["sha256"]


def test_csv_output(run_cli: RunCli, tmp_path: Path, evaluated: dict[str, Any]) -> None:
    """It writes one CSV row per listed household with Vietnamese headers and a BOM."""
    output = tmp_path / "ds.csv"
    run_cli("export", EXAMPLE_XLSX, "-o", output)
    raw = output.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "Danh hiệu,STT,Mã,Tên,Thôn,Tổng điểm,Xếp loại,Ghi chú,Lưu ý bộ tiêu chí"
    passed = [r for r in results_of(evaluated) if r["verdict"] == "pass"]
    assert len(lines) == 1 + len(passed)
    assert lines[1].startswith(f"Gia đình học tập,1,{passed[0]['id']},{passed[0]['name']},")


def test_two_villages_are_grouped_and_numbered_throughout(tmp_path: Path) -> None:
    """It gives each village a row I, II…, numbers on across villages, notes earlier recognition."""
    data = yaml.safe_load(EXAMPLE_YAML.read_text(encoding="utf-8"))
    for record in data["records"][::2]:
        record["thon"] = "Thôn Quảng Hà"
    data["records"][0]["nam_cong_nhan"] = 2024
    source, output = tmp_path / "hai-thon.yaml", tmp_path / "ds.json"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    invoke("export", source, "-o", output.with_suffix(".xlsx"))
    invoke("export", source, "-o", output)
    [title_list] = json.loads(output.read_text(encoding="utf-8"))["lists"]
    villages = title_list["villages"]
    sheet = openpyxl.load_workbook(output.with_suffix(".xlsx"))[LIST_SHEET]
    groups = [row[:2] for row in table(sheet) if isinstance(row[0], str)]
    assert groups == [
        [numeral, f"{v['village']} ({len(v['applicants'])} hộ)"]
        for numeral, v in zip(("I", "II"), villages, strict=True)
    ]
    numbers = [row[0] for row in table(sheet) if isinstance(row[0], int)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(villages) == 2
    first = villages[0]["applicants"][0]
    assert (first["id"], first["note"]) == ("ES-001", "đã được công nhận năm 2024")


def test_province_codes_print_on_one_line(tmp_path: Path) -> None:
    """It widens the code column to a province's codes ("V0001-000001"): at the old width
    every row of a 500,000-household list was two lines tall."""
    data = yaml.safe_load(EXAMPLE_YAML.read_text(encoding="utf-8"))
    for number, record in enumerate(data["records"], start=1):
        record["ma_ho"] = f"V0001-{number:06d}"
    source, output = tmp_path / "tinh.yaml", tmp_path / "ds.xlsx"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    invoke("export", source, "-o", output)
    sheet = openpyxl.load_workbook(output)[LIST_SHEET]
    listed = [row for row in sheet.iter_rows() if isinstance(row[0].value, int)]
    assert listed and all(str(row[2].value).startswith("V0001-") for row in listed)
    width = sheet.column_dimensions["C"].width
    assert all(wrapped_lines(str(row[2].value), width, SIZE, False) == 1 for row in listed)
    assert {sheet.row_dimensions[row[0].row].height for row in listed if not row[4].value} == {
        fitted_height([("1", font(), 6.0)])
    }


def test_several_titles_get_one_sheet_each(tmp_path: Path) -> None:
    """It writes one list sheet per title found in the inputs, and JSON under 'lists'."""
    citizens = tmp_path / "cong-dan.yaml"
    scores = {f"chi_so_{i}": 9 for i in range(1, 11)}
    records = [{"ma_cong_dan": "C1", "ho_ten": "Lê Thị Hoa", "thon": "Thôn Ea Súp", **scores}]
    document = {"criteria": "cong-dan-hoc-tap", "records": records}
    citizens.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    output = tmp_path / "ds.xlsx"
    invoke("export", EXAMPLE_XLSX, citizens, "-o", output, "--as-of", "2025-12-31")
    names = openpyxl.load_workbook(output).sheetnames
    # Evaluation order: members (citizens) before the households they belong to.
    assert names == ["DS Công dân học tập", LIST_SHEET, "Hồ sơ cần bổ sung", "Thống kê"]
    invoke("export", EXAMPLE_XLSX, citizens, "-o", output.with_suffix(".json"))
    lists = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))["lists"]
    assert [item["title"] for item in lists] == ["cong-dan-hoc-tap", "gia-dinh-hoc-tap"]


def test_existing_output_needs_force_and_inputs_are_never_replaced(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """It refuses an existing output without --force and an input even with it."""
    output = tmp_path / "ds.xlsx"
    output.write_bytes(b"old")
    assert run_cli("export", EXAMPLE_XLSX, "-o", output).exit_code == 2
    assert output.read_bytes() == b"old"
    assert run_cli("export", EXAMPLE_XLSX, "-o", output, "--force").exit_code == 1
    before = EXAMPLE_XLSX.read_bytes()
    result = run_cli("export", EXAMPLE_XLSX, "-o", EXAMPLE_XLSX, "--force")
    assert result.exit_code == 2 and "trùng với tệp đầu vào" in result.output
    assert EXAMPLE_XLSX.read_bytes() == before


def test_folder_inputs_and_outputs_inside_them(run_cli: RunCli, tmp_path: Path) -> None:
    """It reads a folder, skips a list it wrote there before, and never replaces its data."""
    folder = tmp_path / "ho-so"
    folder.mkdir()
    data = folder / EXAMPLE_XLSX.name
    data.write_bytes(EXAMPLE_XLSX.read_bytes())
    (folder / "ghi-chu.csv").write_text("Mã hộ,Họ tên chủ hộ\nX-1,Ai đó\n", encoding="utf-8")
    first = run_cli("export", folder, "-o", folder / "ds.xlsx")
    again = run_cli("export", folder, "-o", folder / "ds.csv")
    assert first.exit_code == again.exit_code == 1
    assert "Bỏ qua" in again.output and "ds.xlsx" in again.output
    assert "Gia đình học tập: 25 hộ được công nhận, 4 hồ sơ cần bổ sung" in again.output
    result = run_cli("export", folder, "-o", data, "--force")
    assert result.exit_code == 2 and "tệp hồ sơ trong thư mục đầu vào" in result.output
    assert data.read_bytes() == EXAMPLE_XLSX.read_bytes()


def test_excel_output_needs_xlsx_suffix(run_cli: RunCli, tmp_path: Path) -> None:
    """It refuses to write a workbook under another suffix."""
    result = run_cli("export", EXAMPLE_XLSX, "-o", tmp_path / "ds.xls")
    assert result.exit_code == 2 and ".xlsx" in result.output


def test_dates_are_written_the_administrative_way() -> None:
    """It pads days below 10 and the months January and February, and strips 'Xã'."""
    settings = ExportSettings(xa="Xã Ea Tiêu", ngay=dt.date(2026, 2, 5))
    assert letterhead(settings, 2025).place_date == "Ea Tiêu, ngày 05 tháng 02 năm 2026"
    later = settings.with_options(ngay=dt.date(2025, 12, 15), dia_danh="Buôn Trấp")
    assert letterhead(later, 2025).place_date == "Buôn Trấp, ngày 15 tháng 12 năm 2025"


def test_export_has_help_and_a_readme_section(run_cli: RunCli) -> None:
    """It gives export a Vietnamese help page and a README section."""
    result = run_cli("export", "--help")
    assert result.exit_code == 0 and "Cách dùng:" in result.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "### `hoctap export`" in readme and "| `hoctap export TỆP... -o" in readme
