"""``evaluate --annotate``: the user's own workbook with results, marks and two new sheets."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from tests.support import (
    EXAMPLE_XLSX,
    EXAMPLE_YAML,
    RunCli,
    criteria_of,
    item_group,
    only_level,
    problems_of,
    results_of,
)

from hoctap_cli.outputs.annotated.annotate import (
    NOT_EVALUATED,
    PROBLEM_FILL,
    SKIPPED_FILL,
    first_free_column,
    mark_problems,
)
from hoctap_cli.outputs.annotated.annotate_sheets import free_title

SHEET = "Gia đình học tập"
HEADER_ROW = 7
FIRST_NEW = 17  # column Q: the example's last used column is P ("Ghi chú")
NEW_HEADERS = [
    "Kết quả",
    "Tổng điểm",
    "Điểm tiêu chí 1",
    "Điểm tiêu chí 2",
    "Điểm tiêu chí 3",
    "Điểm tiêu chí 4",
    "Lý do",
]
LABELS = {"pass": "Đạt", "fail": "Không đạt", "incomplete": "Chưa đủ dữ liệu"}
CLEAN_YAML = (
    "criteria: gia-dinh-hoc-tap\nrecords:\n"
    "  - {ma_ho: A1, chu_ho: Lê Văn Ba, thon: Thôn 2, so_tre_do_tuoi: 0, diem_1_3: 10,\n"
    "     so_nguoi_lon: 1, so_nguoi_lon_biet_chu: 1, so_nguoi_lon_hoc_chuyen_de: 1,\n"
    "     diem_2_3: 10, diem_tc3: 20, diem_tc4: 20}\n"
)
RED = "00" + PROBLEM_FILL.fgColor.rgb[-6:]
ORANGE = "00" + SKIPPED_FILL.fgColor.rgb[-6:]


@dataclass
class Annotated:
    source: Path
    target: Path
    digest_before: str
    document: dict[str, Any]
    stderr: str
    exit_code: int


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def annotated(run_cli: RunCli, tmp_path: Path) -> Annotated:
    """The example copied, evaluated with --annotate and --format json."""
    source = tmp_path / "thon.xlsx"
    shutil.copy(EXAMPLE_XLSX, source)
    before = _sha256(source)
    target = tmp_path / "thon-da-cham.xlsx"
    result = run_cli("evaluate", source, "--annotate", target, "-f", "json")
    document = json.loads(result.stdout)
    return Annotated(source, target, before, document, result.stderr, result.exit_code)


def _row(sheet: Any, row: int) -> list[Any]:
    return [sheet.cell(row, column).value for column in range(FIRST_NEW, FIRST_NEW + 7)]


def test_input_bytes_never_change(annotated: Annotated) -> None:
    """It leaves the input file byte for byte as it was, and says where the copy went."""
    assert annotated.exit_code == 1  # the example carries deliberate mistakes
    assert _sha256(annotated.source) == annotated.digest_before
    assert f"Đã ghi bảng kết quả {annotated.target}" in annotated.stderr


def test_original_cells_merges_and_widths_are_kept(annotated: Annotated) -> None:
    """It keeps every original value, merged range, column width and unmarked style."""
    original = openpyxl.load_workbook(annotated.source)[SHEET]
    copy = openpyxl.load_workbook(annotated.target)[SHEET]
    marked_rows = {e["row"] for e in problems_of(annotated.document)}
    for row in original.iter_rows():
        for cell in row:
            twin = copy[cell.coordinate]
            assert twin.value == cell.value, cell.coordinate
            assert repr(twin.font) == repr(cell.font), cell.coordinate
            assert repr(twin.border) == repr(cell.border), cell.coordinate
            if cell.row not in marked_rows:
                assert repr(twin.fill) == repr(cell.fill), cell.coordinate
    assert {str(r) for r in copy.merged_cells.ranges} == {
        str(r) for r in original.merged_cells.ranges
    }
    for letter in "ABCDEFGHIJKLMNOP":
        assert copy.column_dimensions[letter].width == original.column_dimensions[letter].width
    assert copy.row_dimensions[HEADER_ROW].height == original.row_dimensions[HEADER_ROW].height


def test_result_columns_match_the_json_results(annotated: Annotated) -> None:
    """It appends the result headers after column P and fills each applicant's own row."""
    sheet = openpyxl.load_workbook(annotated.target)[SHEET]
    assert _row(sheet, HEADER_ROW) == NEW_HEADERS
    assert sheet.cell(HEADER_ROW, FIRST_NEW).font.b
    results = results_of(annotated.document)
    criteria = criteria_of(annotated.document)
    assert len(results) == 38
    for result in results:
        verdict, total, *groups, reason = _row(sheet, result["source"]["row"])
        assert verdict == LABELS[result["verdict"]], result["id"]
        missing = {
            item_group(criteria, i) for i in result["items"] if i["outcome"] == "not_assessable"
        }
        # Points that could not be computed in full are an empty cell, never a false 0.
        assert total == (None if missing else result["total"])
        assert groups == [
            None if group["id"] in missing else group["points"] for group in result["groups"]
        ]
        assert sheet.cell(result["source"]["row"], 2).value == result["id"]
        assert bool(reason) is (result["verdict"] != "pass"), result["id"]
    failing = next(r for r in results if r["source"]["row"] == 10)
    assert "còn thiếu 8 điểm để Đạt" in _row(sheet, 10)[-1]
    assert "có thể thêm tối đa 8 điểm ở Tiêu chí 4" in _row(sheet, 10)[-1]
    assert failing["verdict"] == "fail"


def test_problem_cells_are_filled_and_commented(annotated: Annotated) -> None:
    """It fills each problem cell light red and comments it with the Vietnamese message."""
    sheet = openpyxl.load_workbook(annotated.target)[SHEET]
    errors = problems_of(annotated.document)
    assert len(errors) == 4
    for error in errors:
        cell = sheet[f"{error['column']}{error['row']}"]
        assert cell.fill.fgColor.rgb == RED, cell.coordinate
        assert cell.comment is not None and error["message"] in cell.comment.text
    assert "nằm ngoài khoảng cho phép từ 0 đến 10" in sheet["I17"].comment.text
    assert sheet["I18"].comment is None and sheet["I18"].fill.fgColor.rgb != RED


def test_rows_not_evaluated_are_shaded_and_say_why(annotated: Annotated) -> None:
    """It marks the duplicate-id and missing-id rows "Không xét" with the reason."""
    sheet = openpyxl.load_workbook(annotated.target)[SHEET]
    for row, words in ((31, "trùng với dòng 24"), (36, "thiếu 'Mã hộ'")):
        verdict, total, *_, reason = _row(sheet, row)
        assert verdict == NOT_EVALUATED and total is None
        assert words in reason
        assert sheet.cell(row, 1).fill.fgColor.rgb == ORANGE
        assert sheet.cell(row, 3).fill.fgColor.rgb == ORANGE
        assert sheet.cell(row, 2).fill.fgColor.rgb == RED  # the id cell itself


def test_problem_sheet_lists_every_problem(annotated: Annotated) -> None:
    """It adds a "Lỗi" sheet with one row per problem, each linked to its cell."""
    sheet = openpyxl.load_workbook(annotated.target)["Lỗi"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Tệp", "Trang", "Dòng", "Cột", "Giá trị", "Lỗi")
    expected = [
        (e["file"], e["sheet"], e["row"], e["column"], e["value"], e["message"])
        for e in problems_of(annotated.document)
    ]
    assert rows[1:] == expected
    assert sheet["C2"].hyperlink.location == f"'{SHEET}'!I17"


def test_summary_sheet_counts_provenance_and_provisional_notes(annotated: Annotated) -> None:
    """It adds "Tổng hợp" with the JSON's counts per title and village, hashes and notes."""
    rows = list(openpyxl.load_workbook(annotated.target)["Tổng hợp"].iter_rows(values_only=True))
    totals = only_level(annotated.document)["summary"]["totals"]
    counts = (totals["assessed"], totals["pass"], totals["fail"], totals["incomplete"])
    title = next(r for r in rows if r[0] == SHEET)
    assert title[1:5] == counts == (38, 25, 10, 3)
    assert title[5] == pytest.approx(25 / 38)
    village = only_level(annotated.document)["summary"]["by_village"][0]
    assert next(r for r in rows if r[0] == village["village"])[1:5] == counts
    skipped = next(r for r in rows if str(r[0]).startswith("Dòng không được xét"))
    assert skipped[1] == 2
    text = "\n".join(" ".join(str(c) for c in r if c is not None) for r in rows)
    assert annotated.document["inputs"][0]["sha256"] in text
    assert criteria_of(annotated.document)["sha256"] in text
    for note in criteria_of(annotated.document)["provisional_notes"]:
        assert note in text
    assert "tạm tính" in text


def test_every_sheet_of_a_workbook_with_two_titles(run_cli: RunCli, tmp_path: Path) -> None:
    """It annotates each sheet with its own title's columns and counts both titles."""
    source = tmp_path / "hai-cap.xlsx"
    workbook = openpyxl.load_workbook(EXAMPLE_XLSX)
    villages = workbook.create_sheet("Thôn")
    for row in (["Thôn", "Xã", "Đạt các tiêu chí khác"], ["Thôn Ea Súp", "Xã Quảng Phú", "có"]):
        villages.append(row)
    workbook.save(source)
    target = tmp_path / "hai-cap-ket-qua.xlsx"
    result = run_cli("evaluate", source, "--annotate", target, "-f", "json")
    levels = {lv["title"]: lv for lv in json.loads(result.stdout)["titles"]}
    copy = openpyxl.load_workbook(target)
    village = copy["Thôn"]
    assert [c.value for c in village[1]][3:] == [
        "Kết quả",
        "Chỉ số đạt — Tiêu chí 1",
        "Chỉ số đạt — Tiêu chí 2",
        "Lý do",
    ]
    expected = levels["cong-dong-hoc-tap-thon"]["results"][0]
    assert village["D2"].value == LABELS[expected["verdict"]]
    assert village["E2"].value == "0/2"  # 25 of 38 households is under 70 %
    assert copy[SHEET].cell(HEADER_ROW, FIRST_NEW).value == "Kết quả"
    summary = [r[0] for r in copy["Tổng hợp"].iter_rows(values_only=True)]
    assert "Gia đình học tập" in summary and "Cộng đồng học tập cấp thôn" in summary


def test_annotate_refuses_an_input_as_target(run_cli: RunCli, tmp_path: Path) -> None:
    """It refuses --annotate onto an input, even with --force, and leaves it unchanged."""
    source = tmp_path / "ho.xlsx"
    shutil.copy(EXAMPLE_XLSX, source)
    before = _sha256(source)
    result = run_cli("evaluate", source, "--annotate", source, "--force")
    assert result.exit_code == 2
    assert "trùng với tệp đầu vào" in result.stderr
    assert _sha256(source) == before


def test_existing_annotated_copy_needs_force(run_cli: RunCli, tmp_path: Path) -> None:
    """It keeps an existing copy unless --force is given, and refuses before evaluating."""
    target = tmp_path / "ket-qua.xlsx"
    target.write_bytes(b"cu")
    refused = run_cli("evaluate", EXAMPLE_XLSX, "--annotate", target)
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert refused.stdout == ""  # nothing was evaluated or printed
    assert target.read_bytes() == b"cu"
    forced = run_cli("evaluate", EXAMPLE_XLSX, "--annotate", target, "--force", "-f", "json")
    assert forced.exit_code == 1
    assert "Kết quả" in [c.value for c in openpyxl.load_workbook(target)[SHEET][HEADER_ROW]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.xlsx", "b.xlsx", "--annotate", "mot.xlsx"], "--annotate cần một thư mục"),
        (["a.xlsx", "--annotate", "ket-qua.csv"], "cần tên tệp .xlsx hoặc một thư mục"),
        (["ho.yaml", "--annotate", "out"], "không tệp đầu vào nào là bảng Excel"),
        (["a.xlsx", "-o", "k.xlsx", "--annotate", "k.xlsx"], "vừa là --output vừa là --annotate"),
    ],
)
def test_annotate_usage_errors(
    run_cli: RunCli, tmp_path: Path, args: list[str], message: str
) -> None:
    """It refuses targets it cannot honour with one Vietnamese line, exit 2 and no file."""
    for name in ("a.xlsx", "b.xlsx"):
        shutil.copy(EXAMPLE_XLSX, tmp_path / name)
    shutil.copy(EXAMPLE_YAML, tmp_path / "ho.yaml")
    before = set(tmp_path.iterdir())
    result = run_cli("evaluate", *[a if a.startswith("-") else tmp_path / a for a in args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert set(tmp_path.iterdir()) == before


def test_folder_target_gets_one_copy_per_workbook(run_cli: RunCli, tmp_path: Path) -> None:
    """It writes <stem>-ket-qua.xlsx per workbook into a folder and names what it cannot."""
    inputs = tmp_path / "ho-so"
    (inputs / "xom-moi").mkdir(parents=True)
    shutil.copy(EXAMPLE_XLSX, inputs / "thon.xlsx")
    shutil.copy(EXAMPLE_XLSX, inputs / "xom-moi" / "thon.xlsx")  # same name: numbered copy
    (inputs / "ea-sup.yaml").write_text(CLEAN_YAML, encoding="utf-8")
    out = tmp_path / "ket-qua"
    result = run_cli("evaluate", inputs, "--annotate", out, "-f", "json")
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["thon-2-ket-qua.xlsx", "thon-ket-qua.xlsx"]
    assert "ea-sup.yaml" in result.stderr and "chỉ bảng Excel" in result.stderr
    second = inputs / "xom-moi" / "thon.xlsx"
    assert f"{out / 'thon-2-ket-qua.xlsx'} (từ {second})" in result.stderr
    copy = openpyxl.load_workbook(out / "thon-2-ket-qua.xlsx")
    assert copy["Lỗi"]["A2"].value == str(second)
    first = openpyxl.load_workbook(out / "thon-ket-qua.xlsx")[SHEET]
    assert first.cell(8, FIRST_NEW).value == "Đạt"
    assert copy[SHEET].cell(8, FIRST_NEW).value == NOT_EVALUATED  # the same ids again
    assert "trùng" in copy[SHEET]["B8"].comment.text
    again = run_cli("evaluate", inputs, "--annotate", out)
    assert again.exit_code == 2 and "--force" in again.stderr


def test_first_free_column_skips_merged_cells_below_the_header() -> None:
    """It starts after the last value, or after a merged range from the header row down."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["C3"], sheet["B5"] = "tiêu đề", "x", "y"
    assert first_free_column(sheet, 3) == 4
    sheet.merge_cells("A1:H1")  # a title above the header does not count
    assert first_free_column(sheet, 3) == 4
    sheet.merge_cells("B6:F6")
    assert first_free_column(sheet, 3) == 7


def test_problem_in_a_merged_cell_marks_its_top_left_cell() -> None:
    """It comments the merged range's anchor cell, and joins two messages on one cell."""
    from hoctap_cli.problems import Problem, ProblemCode

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.merge_cells("B2:C2")
    problems = [
        Problem(ProblemCode.bad_value, "f.xlsx", "Sheet", 2, "C", "x", "hai", {"expected": "số"}),
        Problem(ProblemCode.missing_column, "f.xlsx", "Sheet", 2, None, "y", None, {"label": "Y"}),
    ]
    mark_problems(sheet, problems, result_column=2)
    assert sheet["B2"].fill.fgColor.rgb == RED
    assert "'hai' không đọc được" in sheet["B2"].comment.text
    assert "Thiếu cột 'Y'" in sheet["B2"].comment.text


def test_new_sheet_names_never_clash() -> None:
    """It names the added sheet "Lỗi (2)" when the workbook already has a "Lỗi" sheet."""
    workbook = openpyxl.Workbook()
    workbook.create_sheet("lỗi")
    assert free_title(workbook, "Lỗi") == "Lỗi (2)"
    assert free_title(workbook, "Tổng hợp") == "Tổng hợp"


def test_notices_are_marked_apart_from_errors() -> None:
    """It fills a cell with only a notice light yellow and prefixes notices in "Lỗi"."""
    from hoctap_cli.outputs.annotated.annotate import NOTICE_FILL
    from hoctap_cli.outputs.annotated.annotate_sheets import add_problem_sheet
    from hoctap_cli.problems import Problem, ProblemCode

    notice = Problem(
        ProblemCode.legacy_text_converted,
        "f.xlsx",
        "Sheet",
        3,
        "C",
        "chu_ho",
        "Lª V¨n Ba",
        {"encoding": "TCVN3", "converted": "Lê Văn Ba"},
    )
    assert notice.is_notice
    workbook = openpyxl.Workbook()
    mark_problems(workbook.active, [notice], result_column=5)
    assert workbook.active["C3"].fill.fgColor.rgb == "00" + NOTICE_FILL.fgColor.rgb[-6:]
    assert "Lê Văn Ba" in workbook.active["C3"].comment.text
    sheet = add_problem_sheet(workbook, [notice])
    assert sheet["F2"].value.startswith("Lưu ý: Đã chuyển từ mã TCVN3")
