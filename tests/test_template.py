"""``hoctap template``: the blank input workbook, its checks and guide, and reading it back."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from tests.support import RunCli, problems_of, results_of

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.loader import load_criteria
from hoctap_cli.criteria.names import Names, capitalize
from hoctap_cli.outputs.papers.template import NO_BOUND, sheet_title

HEADER_ROW = 4
LAST_ROW = 504
NUMERIC = {"integer": "whole", "number": "decimal"}

# Every field type the template treats differently: boolean, choices inline and too
# awkward for an inline list (a comma), a date, a number bounded on one side only.
CUSTOM_CRITERIA = """\
format: 1
id: mau-thu
title: Công dân học tập thử
version: "2025"
effective_from: 2025-01-01
applicant: person
scoring: points
document: {number: 01/QĐ-THU, issuer: Ban thử nghiệm}
identity: {id: ma, name: ho_ten}
fields:
  - {id: ma, type: text, label: Mã số, required: true}
  - {id: ho_ten, type: text, label: Họ và tên, required: true}
  - {id: tham_gia, type: boolean, label: Có tham gia học, when_blank: false}
  - {id: so_buoi, type: integer, label: Số buổi học, min: 0}
  - id: muc_do
    type: choice
    label: Mức độ
    ordered: true
    choices:
      - {value: chua, label: Chưa đạt}
      - {value: kha, label: "Khá, tiến bộ"}
      - {value: tot, label: Tốt}
  - id: hinh_thuc
    type: choice
    label: Hình thức học
    choices: [{value: truc_tiep, label: Trực tiếp}, {value: truc_tuyen, label: Trực tuyến}]
  - {id: ngay, type: date, label: Ngày đăng ký}
  - {id: diem, type: number, label: Điểm hội đồng, min: 0, max: 10}
groups:
  - id: TC1
    label: Việc học
    items:
      - {id: "1", label: Học đủ buổi, kind: computed, points: 10,
         rule: "tham_gia and so_buoi >= 10", citation: {document: 01/QĐ-THU, item: Mục 1}}
      - {id: "2", label: Tiến bộ, kind: computed, points: 10, rule: "muc_do >= 'kha'",
         citation: {document: 01/QĐ-THU, item: Mục 2}}
  - id: TC2
    label: Hội đồng chấm
    items:
      - {id: "3", label: Hội đồng chấm, kind: awarded, points: 10, field: diem,
         citation: {document: 01/QĐ-THU, item: Mục 3}}
verdict:
  levels:
    - {id: dat, label: Đạt, min_total: 20, citation: {document: 01/QĐ-THU, item: Công nhận}}
"""


def shipped() -> CompiledCriteria:
    return shipped_catalog().resolve("gia-dinh-hoc-tap", dt.date(2025, 6, 1))


def custom(tmp_path: Path) -> Path:
    path = tmp_path / "mau-thu.yaml"
    path.write_text(CUSTOM_CRITERIA, encoding="utf-8")
    return path


def make(run_cli: RunCli, tmp_path: Path, title: str | Path = "gia-dinh-hoc-tap") -> Path:
    target = tmp_path / "mau.xlsx"
    result = run_cli("template", title, "-o", target)
    assert result.exit_code == 0, result.output
    return target


def operator(check: Any) -> str:
    """A check's operator; an absent one is the file format's default, between."""
    return str(check.operator or "between")


def error_style(check: Any) -> str:
    """A check's error style; an absent one is the file format's default, stop."""
    return str(check.errorStyle or "stop")


def checks_by_label(sheet: Any) -> dict[str, Any]:
    """Each data validation, keyed by the header label of the column it covers."""
    labels = {cell.column_letter: cell.value for cell in sheet[HEADER_ROW]}
    return {labels[str(dv.sqref)[0]]: dv for dv in sheet.data_validations.dataValidation}


def test_header_row_is_the_criteria_labels(run_cli: RunCli, tmp_path: Path) -> None:
    """It names the sheet after the title and lists STT then every label in file order."""
    book = openpyxl.load_workbook(make(run_cli, tmp_path))
    sheet = book.worksheets[0]
    assert sheet.title == "Gia đình học tập"
    header = [cell.value for cell in sheet[HEADER_ROW]]
    assert header == ["STT", *(f.label for f in shipped().criteria.fields)]
    bold = {cell.value: cell.font.b for cell in sheet[HEADER_ROW]}
    assert bold["Mã hộ"] and bold["Họ tên chủ hộ"] and not bold["Thôn"]
    assert all(sheet.column_dimensions[c.column_letter].width >= 8 for c in sheet[HEADER_ROW])


def test_title_block_is_short_and_panes_frozen(run_cli: RunCli, tmp_path: Path) -> None:
    """It keeps a three-line title block, freezes below the header and filters on it."""
    sheet = openpyxl.load_workbook(make(run_cli, tmp_path)).worksheets[0]
    block = " ".join(str(sheet.cell(row, 1).value) for row in range(1, HEADER_ROW))
    assert "GIA ĐÌNH HỌC TẬP" in block and "448/QĐ-KHVN" in block and "448-2015" in block
    assert "Cách điền" in block and "tạm tính" in block
    assert sheet.freeze_panes == "A5"
    last = openpyxl.utils.get_column_letter(1 + len(shipped().criteria.fields))
    assert sheet.auto_filter.ref == f"A{HEADER_ROW}:{last}{LAST_ROW}"


def test_title_row_is_tall_enough_for_marks_above_capitals(run_cli: RunCli, tmp_path: Path) -> None:
    """It gives the 14 pt title row room for "Ồ", "Ậ": at the default 15 pt, LibreOffice
    printed "DANH SÁCH HỒ SƠ" as "DANH SACH HO SƠ"."""
    sheet = openpyxl.load_workbook(make(run_cli, tmp_path)).worksheets[0]
    size = sheet.cell(1, 1).font.sz
    assert size == 14
    assert sheet.row_dimensions[1].height >= 1.6 * size


def test_number_columns_are_checked_against_their_bounds(run_cli: RunCli, tmp_path: Path) -> None:
    """It gives each number column a whole/decimal check between the field's min and max."""
    sheet = openpyxl.load_workbook(make(run_cli, tmp_path)).worksheets[0]
    checks = checks_by_label(sheet)
    numeric = [f for f in shipped().criteria.fields if f.type.value in NUMERIC]
    assert set(checks) == {f.label for f in numeric}
    for field in numeric:
        dv = checks[field.label]
        letter = str(dv.sqref)[0]
        assert str(dv.sqref) == f"{letter}5:{letter}{LAST_ROW}"
        assert (dv.type, operator(dv)) == (NUMERIC[field.type.value], "between")
        assert (dv.formula1, dv.formula2) == (f"{field.min:g}", f"{field.max:g}")
        assert dv.showErrorMessage and error_style(dv) == "stop"
        assert f"từ {field.min:g} đến {field.max:g}" in dv.error
        assert dv.prompt and dv.promptTitle


def test_text_columns_are_kept_as_text(run_cli: RunCli, tmp_path: Path) -> None:
    """It formats text columns as text, so that a code like 007 keeps its zeros."""
    sheet = openpyxl.load_workbook(make(run_cli, tmp_path)).worksheets[0]
    assert sheet.column_dimensions["B"].number_format == "@"
    assert "Mã hộ" not in checks_by_label(sheet)


def test_boolean_choice_and_date_checks(run_cli: RunCli, tmp_path: Path) -> None:
    """It offers có/không and choice labels as drop-downs and checks dates and one-sided bounds."""
    book = openpyxl.load_workbook(make(run_cli, tmp_path, custom(tmp_path)))
    sheet = book["Công dân học tập thử"]
    checks = checks_by_label(sheet)
    assert (checks["Có tham gia học"].type, checks["Có tham gia học"].formula1) == (
        "list",
        '"có,không"',
    )
    assert checks["Hình thức học"].formula1 == '"Trực tiếp,Trực tuyến"'
    # A label with a comma cannot sit in an inline list: the list lives in the stamp sheet.
    ranged = checks["Mức độ"]
    assert ranged.type == "list" and ranged.formula1.startswith("'_hoctap'!$")
    column = ranged.formula1.split("$")[1]
    assert [book["_hoctap"][f"{column}{row}"].value for row in (2, 3, 4)] == [
        "Chưa đạt",
        "Khá, tiến bộ",
        "Tốt",
    ]
    date = checks["Ngày đăng ký"]
    assert (date.type, operator(date), date.formula1, date.formula2) == (
        "date",
        "between",
        "1",
        "2958465",
    )
    assert "ngày/tháng/năm" in date.error
    assert sheet.column_dimensions[str(date.sqref)[0]].number_format == "dd/mm/yyyy"
    sessions = checks["Số buổi học"]
    assert (sessions.type, sessions.formula1, sessions.formula2) == ("whole", "0", str(NO_BOUND))


def test_guide_rows_are_as_tall_as_their_wrapped_text(run_cli: RunCli, tmp_path: Path) -> None:
    """It gives each guide row the lines of its tallest cell and the heading room for its
    capitals' marks: wrapped cells printed over the row below, "HƯỚNG DẪN" as "HƯƠNG DĂN"."""
    guide = openpyxl.load_workbook(make(run_cli, tmp_path))["Hướng dẫn"]
    assert guide.row_dimensions[1].height >= 1.6 * guide.cell(1, 1).font.sz
    for row in guide.iter_rows(min_row=5):
        texts = [str(cell.value) for cell in row if cell.value is not None]
        if not texts or row[0].value is None or not str(row[0].value).isalpha():
            continue  # past the field rows
        paragraphs = max(text.count("\n") + 1 for text in texts)
        assert guide.row_dimensions[row[0].row].height >= paragraphs * 11 * 1.3, texts


def test_guide_lists_every_field_and_its_items(run_cli: RunCli, tmp_path: Path) -> None:
    """It explains each column: meaning, type, bounds, required, and the items it feeds."""
    guide = openpyxl.load_workbook(make(run_cli, tmp_path))["Hướng dẫn"]
    rows = {row[1]: row for row in guide.iter_rows(values_only=True) if row[1]}
    criteria = shipped().criteria
    for letter_index, field in enumerate(criteria.fields, start=2):
        letter, _, meaning, kind, allowed, required, feeds = rows[field.label]
        assert letter == openpyxl.utils.get_column_letter(letter_index)
        assert meaning == (field.description or None)
        assert kind and allowed and feeds
        assert required == ("bắt buộc" if field.required else "không")
    expected = {
        "so_tre_do_tuoi": ["1.1", "1.2"],
        "so_nguoi_lon": ["2.1", "2.2"],
        "diem_1_3": ["1.3"],
        "diem_tc3": ["TC3.0"],
    }
    names = Names(criteria)
    items = {item.id: item for _, item in criteria.items()}
    for field_id, item_ids in expected.items():
        feeds = rows[criteria.field(field_id).label][6]
        lines = feeds.splitlines()
        shown = [capitalize(names.item(i)) + ":" for i in item_ids]
        assert [line.split(": ")[0] + ":" for line in lines] == shown
        for line, item_id in zip(lines, item_ids, strict=True):
            assert items[item_id].citation.render() in line
    assert "tạm tính" in rows[criteria.field("diem_tc3").label][6]
    assert "từ 0 đến 30" in rows["Số trẻ đi học"][4]
    assert "nhận diện" in rows["Mã hộ"][6]


def test_guide_marks_provisional_values(run_cli: RunCli, tmp_path: Path) -> None:
    """It lists every provisional note of the criteria under a 'tạm tính' heading."""
    guide = openpyxl.load_workbook(make(run_cli, tmp_path))["Hướng dẫn"]
    texts = [str(row[0]) for row in guide.iter_rows(values_only=True) if row[0]]
    assert "GIÁ TRỊ TẠM TÍNH" in texts
    for note in Names(shipped().criteria).provisional_notes():
        assert f"Tạm tính — {note}" in texts


def test_workbook_records_its_criteria(run_cli: RunCli, tmp_path: Path) -> None:
    """It stores criteria id, version and SHA-256 in properties and in a hidden sheet."""
    book = openpyxl.load_workbook(make(run_cli, tmp_path))
    compiled = shipped()
    expected = {
        "criteria_id": "gia-dinh-hoc-tap",
        "criteria_version": "448-2015",
        "criteria_sha256": compiled.sha256,
    }
    properties = {p.name: p.value for p in book.custom_doc_props.props}
    stamp = book["_hoctap"]
    assert stamp.sheet_state == "hidden"
    rows = {key: value for key, value in stamp.iter_rows(values_only=True, max_col=2) if key}
    assert rows["key"] == "value"
    for key, value in expected.items():
        assert properties[f"hoctap.{key}"] == value
        assert rows[key] == value
    assert book.sheetnames == ["Gia đình học tập", "Hướng dẫn", "_hoctap"]


SHIPPED_RECORDS: list[dict[str, Any]] = [
    {"ma_ho": "H01", "chu_ho": "Lê Văn An", "thon": "Thôn 1", "so_tre_do_tuoi": 2,
     "so_tre_di_hoc": 2, "so_tre_hoc_luc_dat": 2, "so_tre_hanh_kiem_dat": 2, "diem_1_3": 10,
     "so_nguoi_lon": 2, "so_nguoi_lon_biet_chu": 2, "so_nguoi_lon_hoc_chuyen_de": 2,
     "diem_2_3": 10, "diem_tc3": 20, "diem_tc4": 20},
    {"ma_ho": "H02", "chu_ho": "Trần Thị Bình", "thon": "Thôn 1", "so_tre_do_tuoi": 3,
     "so_tre_di_hoc": 2, "so_tre_hoc_luc_dat": 2, "so_tre_hanh_kiem_dat": 2, "diem_1_3": 6,
     "so_nguoi_lon": 2, "so_nguoi_lon_biet_chu": 2, "so_nguoi_lon_hoc_chuyen_de": 1,
     "diem_2_3": 5, "diem_tc3": 12, "diem_tc4": 10},
    {"ma_ho": "H03", "chu_ho": "Nguyễn Văn Cường", "thon": "Thôn 2", "so_tre_do_tuoi": 0,
     "so_tre_di_hoc": 0, "so_tre_hoc_luc_dat": 0, "so_tre_hanh_kiem_dat": 0, "diem_1_3": 9,
     "so_nguoi_lon": 1, "so_nguoi_lon_biet_chu": 1, "so_nguoi_lon_hoc_chuyen_de": 1,
     "diem_2_3": 8, "diem_tc3": 18, "diem_tc4": 17},
    # Blank diem_tc4: 20 points unknown, so the verdict cannot be decided.
    {"ma_ho": "H04", "chu_ho": "Phạm Thị Dung", "thon": "Thôn 2", "so_tre_do_tuoi": 1,
     "so_tre_di_hoc": 1, "so_tre_hoc_luc_dat": 1, "so_tre_hanh_kiem_dat": 1, "diem_1_3": 8,
     "so_nguoi_lon": 2, "so_nguoi_lon_biet_chu": 2, "so_nguoi_lon_hoc_chuyen_de": 2,
     "diem_2_3": 7, "diem_tc3": 15},
    {"ma_ho": "H05", "chu_ho": "Hoàng Văn Em", "thon": "Thôn 3", "so_tre_do_tuoi": 1,
     "so_tre_di_hoc": 1, "so_tre_hoc_luc_dat": 0, "so_tre_hanh_kiem_dat": 1, "diem_1_3": 7.5,
     "so_nguoi_lon": 3, "so_nguoi_lon_biet_chu": 3, "so_nguoi_lon_hoc_chuyen_de": 3,
     "diem_2_3": 9.5, "diem_tc3": 19, "diem_tc4": 18},
    {"ma_ho": "007", "chu_ho": "Võ Thị Giang", "thon": "Thôn 3", "so_tre_do_tuoi": 2,
     "so_tre_di_hoc": 2, "so_tre_hoc_luc_dat": 2, "so_tre_hanh_kiem_dat": 2, "diem_1_3": 10,
     "so_nguoi_lon": 2, "so_nguoi_lon_biet_chu": 2, "so_nguoi_lon_hoc_chuyen_de": 2,
     "diem_2_3": 10, "diem_tc3": 16, "diem_tc4": 15},
]  # fmt: skip


def fill(template: Path, rows: list[list[Any]], target: Path) -> Path:
    """Type rows under the header, as a clerk would, with STT in column A."""
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    for number, values in enumerate(rows, start=1):
        sheet.cell(HEADER_ROW + number, 1, number)
        for column, value in enumerate(values, start=2):
            sheet.cell(HEADER_ROW + number, column, value)
    book.save(target)
    return target


def evaluate(run_cli: RunCli, *args: str | Path) -> dict[str, Any]:
    result = run_cli("evaluate", *args, "-f", "json")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def decisions(document: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {
        r["id"]: (r["verdict"], r["total"], [(i["id"], i["outcome"]) for i in r["items"]])
        for r in results_of(document)
    }


def assert_read_cleanly(document: dict[str, Any], sheet: str) -> None:
    codes = {error["code"] for error in problems_of(document)}
    assert not codes & {"missing_column", "no_header"}
    assert problems_of(document) == []
    assert [s["sheet"] for s in document["inputs"][0]["sheets"]] == [sheet]


def test_filled_template_reads_like_yaml(run_cli: RunCli, tmp_path: Path) -> None:
    """It reads a filled template back, recognised by itself, to the verdicts of its YAML twin."""
    fields = [f.id for f in shipped().criteria.fields]
    rows = [[record.get(field) for field in fields] for record in SHIPPED_RECORDS]
    filled = fill(make(run_cli, tmp_path), rows, tmp_path / "da-dien.xlsx")
    twin = tmp_path / "ban-sao.yaml"
    twin.write_text(
        yaml.safe_dump({"criteria": "gia-dinh-hoc-tap", "records": SHIPPED_RECORDS}),
        encoding="utf-8",
    )
    from_xlsx = evaluate(run_cli, filled)  # no --criteria: the sheet and headers name it
    assert_read_cleanly(from_xlsx, "Gia đình học tập")
    assert decisions(from_xlsx) == decisions(evaluate(run_cli, twin))
    verdicts = [verdict for verdict, _, _ in decisions(from_xlsx).values()]
    assert set(verdicts) == {"pass", "fail", "incomplete"}
    assert "007" in decisions(from_xlsx)


def test_filled_custom_template_reads_like_yaml(run_cli: RunCli, tmp_path: Path) -> None:
    """It reads có/không, choice labels and dates typed into a template like their YAML values."""
    criteria = custom(tmp_path)
    rows = [
        ["A1", "Lê An", "có", 12, "Tốt", "Trực tiếp", dt.datetime(2025, 3, 1), 9],
        ["A2", "Lê Bình", "không", 12, "Khá, tiến bộ", "Trực tuyến", "15/03/2025", 8],
        ["A3", "Lê Cúc", None, 20, "Chưa đạt", None, None, 10],
        ["A4", "Lê Dũng", "có", 10, "Khá, tiến bộ", "Trực tiếp", None, 5],
        ["A5", "Lê Em", "có", 12, None, None, None, 7],
    ]
    filled = fill(make(run_cli, tmp_path, criteria), rows, tmp_path / "da-dien.xlsx")
    records = [
        {"ma": "A1", "ho_ten": "Lê An", "tham_gia": True, "so_buoi": 12, "muc_do": "tot",
         "hinh_thuc": "truc_tiep", "ngay": "01/03/2025", "diem": 9},
        {"ma": "A2", "ho_ten": "Lê Bình", "tham_gia": False, "so_buoi": 12, "muc_do": "kha",
         "hinh_thuc": "truc_tuyen", "ngay": "15/03/2025", "diem": 8},
        {"ma": "A3", "ho_ten": "Lê Cúc", "so_buoi": 20, "muc_do": "chua", "diem": 10},
        {"ma": "A4", "ho_ten": "Lê Dũng", "tham_gia": True, "so_buoi": 10, "muc_do": "kha",
         "hinh_thuc": "truc_tiep", "diem": 5},
        {"ma": "A5", "ho_ten": "Lê Em", "tham_gia": True, "so_buoi": 12, "diem": 7},
    ]  # fmt: skip
    twin = tmp_path / "ban-sao.yaml"
    twin.write_text(yaml.safe_dump({"records": records}, allow_unicode=True), encoding="utf-8")
    from_xlsx = evaluate(run_cli, filled, "--criteria", criteria)
    assert_read_cleanly(from_xlsx, "Công dân học tập thử")
    assert decisions(from_xlsx) == decisions(evaluate(run_cli, twin, "--criteria", criteria))
    assert {v for v, _, _ in decisions(from_xlsx).values()} == {"pass", "fail", "incomplete"}


def test_existing_output_needs_force(run_cli: RunCli, tmp_path: Path) -> None:
    """It refuses to replace an existing file unless --force is given, and leaves no temp file."""
    target = tmp_path / "mau.xlsx"
    target.write_bytes(b"cu")
    refused = run_cli("template", "gia-dinh-hoc-tap", "-o", target)
    assert refused.exit_code == 2
    assert "đã có; thêm --force để ghi đè" in refused.output
    assert target.read_bytes() == b"cu"
    forced = run_cli("template", "gia-dinh-hoc-tap", "-o", target, "--force")
    assert forced.exit_code == 0
    assert openpyxl.load_workbook(target).sheetnames[0] == "Gia đình học tập"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mau.xlsx"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["khong-co-danh-hieu"], "không có bộ tiêu chí 'khong-co-danh-hieu'"),
        (["gia-dinh-hoc-tap@1999"], "không có phiên bản '1999'"),
        (["khong-co.yaml"], "không tìm thấy tệp tiêu chí"),
    ],
)
def test_unknown_title_exits_2(
    run_cli: RunCli, tmp_path: Path, args: list[str], message: str
) -> None:
    """It exits 2 with one Vietnamese line and writes nothing for a title it cannot find."""
    result = run_cli("template", *args, "-o", tmp_path / "mau.xlsx")
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "mau.xlsx").exists()


def test_output_must_be_xlsx(run_cli: RunCli, tmp_path: Path) -> None:
    """It refuses an output name that does not end in .xlsx."""
    result = run_cli("template", "gia-dinh-hoc-tap", "-o", tmp_path / "mau.csv")
    assert result.exit_code == 2
    assert "phải có đuôi .xlsx" in result.output


def test_template_of_a_criteria_path_uses_that_file(run_cli: RunCli, tmp_path: Path) -> None:
    """It accepts a criteria file path and stamps that file's SHA-256."""
    path = custom(tmp_path)
    book = openpyxl.load_workbook(make(run_cli, tmp_path, path))
    properties = {p.name: p.value for p in book.custom_doc_props.props}
    assert properties["hoctap.criteria_sha256"] == load_criteria(path).sha256
    assert properties["hoctap.criteria_id"] == "mau-thu"


def test_sheet_title_fits_excel() -> None:
    """It drops characters Excel forbids in sheet names and keeps at most 31 characters."""
    assert sheet_title("Gia đình học tập") == "Gia đình học tập"
    assert sheet_title("Đơn vị học tập: cấp [xã]/phường") == "Đơn vị học tập  cấp  xã  phường"
    assert len(sheet_title("x" * 40)) == 31


def test_as_of_picks_the_version_in_force(run_cli: RunCli, tmp_path: Path) -> None:
    """It resolves the title with --as-of like the other commands."""
    target = tmp_path / "mau.xlsx"
    result = run_cli("template", "gia-dinh-hoc-tap", "-o", target, "--as-of", "2020-01-01")
    assert result.exit_code == 0
    assert "phiên bản 448-2015" in result.output
    properties = {p.name: p.value for p in openpyxl.load_workbook(target).custom_doc_props.props}
    assert properties["hoctap.criteria_version"] == "448-2015"
