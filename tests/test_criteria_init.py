"""criteria init and criteria schema: a provincial file anyone can start from, and the schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from tests.support import ROOT

from hoctap_cli.criteria.catalog import shipped_catalog, shipped_root
from hoctap_cli.criteria.scaffold import criteria_schema


def test_init_output_passes_the_check(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """It writes an override of the family set that criteria check passes, listing 2.2."""
    target = tmp_path / "tinh.yaml"
    made = run_cli("criteria", "init", "gia-dinh-hoc-tap", "-o", target)
    assert made.exit_code == 0, made.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert text.splitlines()[0].endswith("schema-extends.json")
    assert 'id: "2.2"' in text and "min_total: 80  # giá trị hiện tại" in text
    checked = run_cli("criteria", "check", target)
    assert checked.exit_code == 0, checked.output
    assert "không tệp nào có lỗi" in checked.output


def test_shipped_schema_is_the_generated_one(run_cli) -> None:  # type: ignore[no-untyped-def]
    """It ships exactly the schema the model generates, and the command prints it."""
    shipped = (shipped_root() / "schema.json").read_text(encoding="utf-8")
    assert shipped == criteria_schema()
    assert "superseded_by" in json.loads(shipped)["properties"]
    assert run_cli("criteria", "schema").output == shipped
    extends = (shipped_root() / "schema-extends.json").read_text(encoding="utf-8")
    assert extends == criteria_schema(extends=True)
    assert run_cli("criteria", "schema", "--extends").output == extends
    loose = json.loads(extends)
    assert loose["required"] == ["extends"] and "required" not in loose["$defs"]["Item"]
    assert "remove" in loose["$defs"]["Item"]["properties"]


def test_village_example_2025_carries_the_fallback(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """It names QĐ 242 in the table and as data in the JSON, and keeps exit code 0 or 1."""
    example = ROOT / "examples" / "thon-ea-sup-gia-dinh-2025.xlsx"
    table = run_cli("evaluate", example)
    assert "242/QĐ-KHVN" in " ".join(table.output.split())
    as_json = run_cli("evaluate", example, "--format", "json")
    assert as_json.exit_code == table.exit_code
    document = json.loads(as_json.output)
    (criteria,) = document["criteria"]
    fallback = criteria["fallback"]
    assert fallback["superseded_by"] == "242/QĐ-KHVN"
    assert fallback["superseded_content_available"] is False
    assert dt.date.fromisoformat(document["as_of"]).year == 2025


def test_export_and_report_carry_the_fallback(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """It prints the notice in the exported list (xlsx, JSON) and in the HTML report."""
    from openpyxl import load_workbook

    example = ROOT / "examples" / "thon-ea-sup-gia-dinh-2025.xlsx"
    sheet_file = tmp_path / "danh-sach.xlsx"
    assert run_cli("export", example, "-o", sheet_file).exit_code in (0, 1)
    cells = [
        str(cell.value)
        for sheet in load_workbook(sheet_file).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value
    ]
    assert any("đã được thay bằng 242/QĐ-KHVN" in text for text in cells)
    listed = tmp_path / "danh-sach.json"
    assert run_cli("export", example, "-o", listed).exit_code in (0, 1)
    assert "đã được thay bằng 242/QĐ-KHVN" in listed.read_text(encoding="utf-8")
    page = tmp_path / "bao-cao.html"
    assert run_cli("report", example, "-o", page).exit_code in (0, 1)
    assert "đã được thay bằng 242/QĐ-KHVN năm 2022" in page.read_text(encoding="utf-8")


def test_csv_outputs_carry_the_fallback_on_every_row(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """It fills the column 'Lưu ý bộ tiêu chí' on each row of a set used outside its period
    (evaluate and export CSV alike), and leaves it empty for a set in force on the date."""
    import csv

    example = ROOT / "examples" / "thon-ea-sup-gia-dinh-2025.xlsx"

    def rows(*args: object) -> list[dict[str, str]]:
        target = tmp_path / f"{len(list(tmp_path.iterdir()))}.csv"
        assert run_cli(*args, "-o", target).exit_code in (0, 1)
        text = target.read_text(encoding="utf-8-sig")
        return list(csv.DictReader(text.splitlines()))

    evaluated = rows("evaluate", example, "-f", "csv")
    exported = rows("export", example)
    for found in (evaluated, exported):
        assert found and all(
            "đã được thay bằng 242/QĐ-KHVN" in r["Lưu ý bộ tiêu chí"] for r in found
        )
    assert list(evaluated[0])[-5:] == [
        "Dòng",
        "Bộ tiêu chí",
        "SHA-256 bộ tiêu chí",
        "SHA-256 tệp",
        "Công cụ",
    ]
    in_force = rows("evaluate", example, "-f", "csv", "--as-of", "31/12/2019")
    assert in_force and all(r["Lưu ý bộ tiêu chí"] == "" for r in in_force)


def test_recognising_authority_is_a_setting(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """It writes the authority the commune's settings name, and none when they name none."""
    from openpyxl import load_workbook

    example = ROOT / "examples" / "thon-ea-sup-gia-dinh-2025.xlsx"
    settings = tmp_path / "cai-dat.yaml"
    settings.write_text(
        "co_quan_cong_nhan:\n  gia-dinh-hoc-tap: UBND xã Thử Nghiệm\n", encoding="utf-8"
    )

    def texts(*options: object) -> str:
        target = tmp_path / f"ds-{len(options)}.xlsx"
        assert run_cli("export", example, "-o", target, *options).exit_code in (0, 1)
        book = load_workbook(target)
        return " ".join(str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r)

    assert "Cơ quan công nhận: UBND xã Thử Nghiệm." in texts("--settings", settings)
    assert "Cơ quan công nhận" not in texts()


def test_annotated_workbook_carries_the_fallback(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """It writes the notice on the summary sheet of the annotated copy."""
    from openpyxl import load_workbook

    example = ROOT / "examples" / "thon-ea-sup-gia-dinh-2025.xlsx"
    target = tmp_path / "da-cham.xlsx"
    result = run_cli("evaluate", example, "--annotate", target)
    assert result.exit_code in (0, 1), result.output
    cells = [
        str(c.value) for s in load_workbook(target).worksheets for r in s.iter_rows() for c in r
    ]
    assert any(text.startswith("Lưu ý: Bộ tiêu chí 448") for text in cells)


@pytest.mark.parametrize(
    "name",
    sorted(f"{e.criteria.id}@{e.criteria.version}" for e in shipped_catalog().entries),
)
def test_init_of_every_shipped_set_passes(run_cli, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    """It writes, for every shipped set, an override that checks clean and lists each mark."""
    target = tmp_path / "tinh.yaml"
    assert run_cli("criteria", "init", name, "-o", target).exit_code == 0
    checked = run_cli("criteria", "check", target)
    assert checked.exit_code == 0, checked.output
    text = target.read_text(encoding="utf-8")
    base = shipped_catalog().pinned(name).criteria
    for _, item in base.items():
        if item.provisional:
            assert f"- id: {json.dumps(item.id, ensure_ascii=False)}" in text


@pytest.mark.parametrize("path", sorted(shipped_root().glob("*/*.yaml")), ids=lambda p: p.name)
def test_schema_knows_every_key_a_shipped_file_uses(path: Path) -> None:
    """It lists every top-level key of each shipped file, and forbids unknown ones."""
    import yaml

    schema = json.loads(criteria_schema())
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(data) <= set(schema["properties"])
    assert schema.get("additionalProperties") is False
