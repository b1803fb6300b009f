"""For auditors: local criteria files, verdict impact, explanations, the as-of date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from tests.support import EXAMPLE_XLSX, EXAMPLE_YAML, ROOT, RunCli, results_of

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.loader import CriteriaError

OVERRIDE = ROOT / "examples" / "tieu-chi-tinh-vi-du.yaml"
OLD = "gia-dinh-hoc-tap@448-2015"


def _load(path: Path) -> CompiledCriteria:
    return shipped_catalog().resolve(str(path), dt.date(2025, 12, 31))


def test_override_file_merges_over_the_shipped_one() -> None:
    """It applies a local file's changes by id and keeps everything else of the base."""
    compiled = _load(OVERRIDE)
    items = {item.id: item for _, item in compiled.criteria.items()}
    assert items["TC3.0"].points == 15
    assert items["3.2"].rule == "co_tu_sach"
    assert items["1.1"].points == 10  # untouched, from the base
    assert compiled.criteria.verdict.levels[0].min_total == 75
    assert compiled.base is not None and compiled.base.criteria.version == "448-2015"
    assert compiled.source == str(OVERRIDE)


def test_override_can_remove_an_entry(tmp_path: Path) -> None:
    """It drops an entry marked remove: true."""
    local = tmp_path / "bo.yaml"
    local.write_text(
        "extends: gia-dinh-hoc-tap@448-2015\nversion: bo-2-3\n"
        "groups:\n  - id: TC2\n    items:\n      - {id: '2.3', remove: true}\n",
        encoding="utf-8",
    )
    ids = [item.id for _, item in _load(local).criteria.items()]
    assert "2.3" not in ids and "2.2" in ids


@pytest.mark.parametrize(
    ("extends", "message"),
    [("gia-dinh-hoc-tap", "mã@phiên-bản"), ("gia-dinh-hoc-tap@1999", "không có phiên bản")],
)
def test_bad_extends_is_located(tmp_path: Path, extends: str, message: str) -> None:
    """It refuses an extends that names no shipped version, with the file and line."""
    local = tmp_path / "sai.yaml"
    local.write_text(f"version: x\nextends: {extends}\n", encoding="utf-8")
    with pytest.raises(CriteriaError) as caught:
        _load(local)
    problem = caught.value.problems[0]
    assert problem.line == 2 and problem.path == "extends" and message in problem.message


def test_impact_equals_two_evaluate_runs(run_cli: RunCli) -> None:
    """It lists exactly the applicants whose verdict or level differs between two runs."""
    impact = json.loads(
        run_cli("diff", OLD, OVERRIDE, "--records", EXAMPLE_XLSX, "-f", "json").stdout
    )
    before = json.loads(run_cli("evaluate", EXAMPLE_XLSX, "-c", OLD, "-f", "json").output)
    after = json.loads(run_cli("evaluate", EXAMPLE_XLSX, "-c", OVERRIDE, "-f", "json").output)
    old = {r["id"]: (r["verdict"], r["level"], r["total"]) for r in results_of(before)}
    new = {r["id"]: (r["verdict"], r["level"], r["total"]) for r in results_of(after)}
    expected = {i for i in old if old[i][:2] != new[i][:2]}
    assert {c["id"] for c in impact["changes"]} == expected
    assert expected  # the example override does change some verdicts
    for change in impact["changes"]:
        assert (change["old"]["verdict"], change["old"]["total"]) == (
            old[change["id"]][0],
            old[change["id"]][2],
        )
        assert change["items"]
    assert impact["counts"] == [
        {"title": "gia-dinh-hoc-tap", "village": "Thôn Ea Súp", "changes": len(expected)}
    ]


def test_impact_of_identical_versions_is_empty(run_cli: RunCli) -> None:
    """It reports no change when both versions are the same file."""
    result = run_cli("diff", OLD, OLD, "--records", EXAMPLE_YAML)
    assert result.exit_code == 1  # the example's deliberate bad rows, named on stderr
    assert "Lỗi dữ liệu:" in result.stderr
    assert "Không hồ sơ nào đổi kết quả" in result.stdout


def test_explain_locates_every_cell(run_cli: RunCli) -> None:
    """It names sheet, row, column, raw and normalised value for every value read."""
    result = run_cli("explain", EXAMPLE_XLSX, "--id", "ES-010", "-f", "json")
    (trace,) = json.loads(result.stdout)["traces"]
    assert trace["verdict"] == "incomplete"
    cells = [cell for item in trace["items"] for cell in item["cells"]]
    assert cells and all(c["from"] == "cell" and c["column"] and c["row"] == 17 for c in cells)
    award = next(c for c in cells if c["field"] == "diem_1_3")
    assert (award["column"], award["raw"], award["value"]) == ("I", 12, None)
    assert all(item["citation"].startswith("448/QĐ-KHVN") for item in trace["items"])


def test_explain_text_and_unknown_id(run_cli: RunCli) -> None:
    """It prints the trace as a table, and refuses an id that is not in the files."""
    shown = run_cli("explain", EXAMPLE_XLSX, "--id", "es-003")
    assert shown.exit_code == 0
    assert "[E10]" in shown.output and "Không đạt" in shown.output
    missing = run_cli("explain", EXAMPLE_XLSX, "--id", "KHONG-CO")
    assert missing.exit_code == 2
    assert "không có hồ sơ mã 'KHONG-CO'" in missing.output


def test_as_of_defaults_to_the_year_in_the_title_block(run_cli: RunCli) -> None:
    """It judges a workbook titled 'NĂM 2025' as of 31/12/2025, not today."""
    document = json.loads(run_cli("evaluate", EXAMPLE_XLSX, "-f", "json").output)
    assert document["as_of"] == "2025-12-31"
