"""The command line, driven through typer's CliRunner: output, exit codes, files."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from tests.support import (
    EXAMPLE_XLSX,
    EXAMPLE_YAML,
    ROOT,
    RunCli,
    criteria_of,
    only_level,
    problems_of,
    results_of,
)

BROKEN_CRITERIA = "format: 1\nid: x\ntitle: X\nunknown_key: 1\n"


def test_evaluate_prints_verdict_table(run_cli: RunCli) -> None:
    """It prints each household with its points, verdict and reason, then a village summary."""
    result = run_cli("evaluate", EXAMPLE_XLSX)
    out = result.output
    assert result.exit_code == 1  # the example carries deliberate mistakes
    for text in (
        "Kết quả xét từng hồ sơ",
        "ES-001",
        "Hồ Quang Tuấn",
        "Đạt",
        "Không đạt",
        "Chưa đủ dữ liệu",
        "Tổng hợp theo thôn",
        "Thôn Ea Súp",
    ):
        assert text in out, text
    assert "còn thiếu 8 điểm" in out


def test_evaluate_warns_about_provisional_values(run_cli: RunCli) -> None:
    """It says visibly that provisional criteria values were used."""
    out = run_cli("evaluate", EXAMPLE_XLSX).output
    assert "giá trị tạm tính" in out
    assert "tạm tính đạt khi tổng từ 80/100 điểm" in out


def test_evaluate_lists_problems_with_location(run_cli: RunCli) -> None:
    """It lists every bad cell with file, sheet, row and column."""
    out = run_cli("evaluate", EXAMPLE_XLSX).output
    assert "trang 'Gia đình học tập', dòng 17, cột I («Điểm 1.3 (trẻ ngoan" in out
    assert "Giá trị 12 nằm ngoài khoảng cho phép từ 0 đến 10" in out
    assert "Mã 'ES-017' trùng với dòng 24" in out


def test_json_output_has_documented_keys(run_cli: RunCli) -> None:
    """It writes one JSON document with results, errors and criteria as the README says."""
    result = run_cli("evaluate", EXAMPLE_XLSX, "--format", "json")
    document = json.loads(result.output)
    assert document["schema_version"] == "2.0"
    criteria = criteria_of(document)
    assert criteria["id"] == "gia-dinh-hoc-tap"
    assert criteria["version"] == "448-2015"
    assert criteria["provisional"] is True
    assert only_level(document)["title"] == "gia-dinh-hoc-tap"
    first = results_of(document)[0]
    assert {"id", "title", "verdict", "total", "items", "source"} <= first.keys()
    assert first["verdict"] in {"pass", "fail", "incomplete"}
    item = first["items"][0]
    assert {"id", "outcome", "points", "values", "by_council"} <= item.keys()
    # What the criterion is, and its citation, are written once, in the criteria entry.
    assert criteria["items"][item["id"]]["citation"].startswith("448/QĐ-KHVN")
    error = problems_of(document)[0]
    assert {"file", "sheet", "row", "column", "message"} <= error.keys()
    totals = only_level(document)["summary"]["totals"]
    assert totals == {"assessed": 38, "pass": 25, "fail": 10, "incomplete": 3}


def test_json_totals_match_the_items(run_cli: RunCli) -> None:
    """It reports totals equal to the sum of the item points in the same document."""
    document = json.loads(run_cli("evaluate", EXAMPLE_XLSX, "-f", "json").output)
    for result in results_of(document):
        assert result["total"] == sum(item["points"] or 0 for item in result["items"])


def test_xlsx_and_yaml_give_the_same_verdicts(run_cli: RunCli) -> None:
    """It decides the same for the workbook and its YAML twin."""
    from_xlsx = json.loads(run_cli("evaluate", EXAMPLE_XLSX, "-f", "json").output)
    from_yaml = json.loads(run_cli("evaluate", EXAMPLE_YAML, "-f", "json").output)

    def verdicts(document: dict[str, list[dict[str, object]]]) -> list[tuple[object, ...]]:
        return [(r["id"], r["verdict"], r["total"]) for r in results_of(document)]

    assert verdicts(from_xlsx) == verdicts(from_yaml)


def test_csv_output_file(run_cli: RunCli, tmp_path: Path) -> None:
    """It writes a CSV with a BOM and Vietnamese headers to --output."""
    target = tmp_path / "ket-qua.csv"
    result = run_cli("evaluate", EXAMPLE_XLSX, "-f", "csv", "-o", target)
    assert result.exit_code == 1
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("STT,Mã hộ,Họ tên chủ hộ,Thôn,Điểm tiêu chí 1")
    assert len(lines) == 1 + 38


def test_existing_output_needs_force(run_cli: RunCli, tmp_path: Path) -> None:
    """It refuses to replace an existing output unless --force is given."""
    target = tmp_path / "ket-qua.json"
    target.write_text("cũ", encoding="utf-8")
    refused = run_cli("evaluate", EXAMPLE_XLSX, "-f", "json", "-o", target)
    assert refused.exit_code == 2
    assert "--force" in refused.output
    assert target.read_text(encoding="utf-8") == "cũ"
    forced = run_cli("evaluate", EXAMPLE_XLSX, "-f", "json", "-o", target, "--force")
    assert forced.exit_code == 1
    assert results_of(json.loads(target.read_text(encoding="utf-8")))


def test_output_never_overwrites_an_input(run_cli: RunCli, tmp_path: Path) -> None:
    """It refuses an output path equal to an input and leaves the input's bytes alone."""
    copy = tmp_path / "ho.xlsx"
    shutil.copy(EXAMPLE_XLSX, copy)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    result = run_cli("evaluate", copy, "-o", copy, "--force")
    assert result.exit_code == 2
    assert "trùng với tệp đầu vào" in result.output
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before


def test_clean_input_exits_zero(run_cli: RunCli, tmp_path: Path) -> None:
    """It exits 0 when every row was read and evaluated."""
    clean = tmp_path / "sach.yaml"
    clean.write_text(
        "criteria: gia-dinh-hoc-tap\nrecords:\n"
        "  - {ma_ho: A1, chu_ho: Lê Văn Ba, thon: Thôn 2, so_tre_do_tuoi: 0, diem_1_3: 10,\n"
        "     so_nguoi_lon: 1, so_nguoi_lon_biet_chu: 1, so_nguoi_lon_hoc_chuyen_de: 1,\n"
        "     diem_2_3: 10, diem_tc3: 20, diem_tc4: 20}\n",
        encoding="utf-8",
    )
    result = run_cli("evaluate", clean, "-f", "json")
    assert result.exit_code == 0
    assert results_of(json.loads(result.output))[0]["verdict"] == "pass"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["evaluate", "khong-co.xlsx"], "không tìm thấy tệp"),
        (["evaluate", "README.md"], "Không hỗ trợ định dạng tệp '.md'"),
        (
            ["evaluate", EXAMPLE_XLSX, "-c", "khong-co-bo-nay"],
            "không có bộ tiêu chí 'khong-co-bo-nay'",
        ),
        (["evaluate", EXAMPLE_XLSX, "-c", "gia-dinh-hoc-tap@1999"], "không có phiên bản '1999'"),
        (["evaluate", EXAMPLE_XLSX, "-f", "xml"], "chọn một trong 'table', 'json', 'csv'"),
        (["evaluate"], "thiếu"),
        (["evaluate", EXAMPLE_XLSX, "--khong-co"], "không có tuỳ chọn --khong-co"),
        (["criteria", "show", "khong-co"], "không có bộ tiêu chí"),
    ],
)
def test_usage_and_file_errors_exit_two(run_cli: RunCli, args: list[str], message: str) -> None:
    """It answers usage, file and criteria errors with one Vietnamese line and exit code 2."""
    result = run_cli(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_broken_criteria_file_is_located(run_cli: RunCli, tmp_path: Path) -> None:
    """It names the criteria file, line and key when a criteria file is refused."""
    broken = tmp_path / "tinh.yaml"
    broken.write_text(BROKEN_CRITERIA, encoding="utf-8")
    result = run_cli("evaluate", EXAMPLE_XLSX, "--criteria", broken)
    assert result.exit_code == 2
    assert f"{broken}:4 (unknown_key): khóa lạ" in result.output


def test_unrecognised_workbook_tells_how_to_choose(run_cli: RunCli, tmp_path: Path) -> None:
    """It asks for --criteria when no title matches the file's headers."""
    other = tmp_path / "khac.csv"
    other.write_text("Cột A,Cột B\n1,2\n", encoding="utf-8")
    result = run_cli("evaluate", other)
    assert result.exit_code == 2
    assert "--criteria" in result.output
    assert "gia-dinh-hoc-tap" in result.output


def test_criteria_list_and_show(run_cli: RunCli) -> None:
    """It lists the shipped criteria and shows every item with its citation."""
    listing = run_cli("criteria", "list")
    assert listing.exit_code == 0
    assert "gia-dinh-hoc-tap" in listing.output
    shown = run_cli("criteria", "show", "gia-dinh-hoc-tap")
    assert shown.exit_code == 0
    for text in ("Căn cứ", "448/QĐ-KHVN", "Mục 1.1", "Mục 2.3", "Tiêu chí 4", "tạm tính"):
        assert text in shown.output


def test_criteria_view_cites_every_item() -> None:
    """It shows every item of a criteria file with its full citation and provisional mark."""
    from rich.console import Console

    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.outputs.screens.criteria_view import criteria_view

    compiled = shipped_catalog().versions("gia-dinh-hoc-tap")[0]
    console = Console(width=1000, record=True, file=io.StringIO())
    console.print(criteria_view(compiled))
    text = console.export_text()
    for _, item in compiled.criteria.items():
        line = next(row for row in text.splitlines() if item.label in row)
        assert item.citation.render() in line
        assert ("tạm tính" in line) == item.provisional


def test_every_command_has_help_and_a_readme_mention(run_cli: RunCli) -> None:
    """It gives every command Vietnamese help text and a mention in the README."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in (["evaluate"], ["criteria", "list"], ["criteria", "show"]):
        result = run_cli(*command, "--help")
        assert result.exit_code == 0
        assert "Cách dùng:" in result.output
        assert f"hoctap {' '.join(command)}" in readme
