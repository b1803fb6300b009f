"""Every output names the tool, the criteria file and its hash, the inputs and source rows."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
from tests.support import EXAMPLE_XLSX, RunCli, criteria_of, results_of

from hoctap_cli import __version__
from hoctap_cli.criteria.catalog import shipped_catalog

INPUT_SHA = hashlib.sha256(EXAMPLE_XLSX.read_bytes()).hexdigest()
CRITERIA_SHA = shipped_catalog().versions("gia-dinh-hoc-tap")[0].sha256


def _workbook_text(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    return " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )


def test_json_output(run_cli: RunCli) -> None:
    """It stamps the JSON with tool, as-of, criteria hash, input hash and each source row."""
    document = json.loads(run_cli("evaluate", EXAMPLE_XLSX, "-f", "json").output)
    assert document["tool"]["version"] == __version__
    assert document["as_of"] == "2025-12-31"
    assert criteria_of(document)["sha256"] == CRITERIA_SHA
    assert document["inputs"][0]["sha256"] == INPUT_SHA
    assert all(r["source"]["row"] and r["source"]["sheet"] for r in results_of(document))


def test_csv_and_table_outputs(run_cli: RunCli) -> None:
    """It closes every CSV row, and the printed table, with the same stamp."""
    rows = run_cli("evaluate", EXAMPLE_XLSX, "-f", "csv").stdout_bytes.decode("utf-8-sig")
    first = rows.splitlines()[1].split(",")
    assert first[-4:] == [
        "gia-dinh-hoc-tap@448-2015",
        CRITERIA_SHA,
        INPUT_SHA,
        f"hoctap {__version__}",
    ]
    table = run_cli("evaluate", EXAMPLE_XLSX).output
    assert "Nguồn gốc kết quả" in table and CRITERIA_SHA in table and INPUT_SHA in table


def test_workbooks_and_report(run_cli: RunCli, tmp_path: Path) -> None:
    """It writes the stamp into the annotated copy, the exported list and the HTML report."""
    annotated, listed, page = tmp_path / "a.xlsx", tmp_path / "ds.xlsx", tmp_path / "b.html"
    run_cli("evaluate", EXAMPLE_XLSX, "-f", "json", "--annotate", annotated)
    run_cli("export", EXAMPLE_XLSX, "-o", listed)
    run_cli("report", EXAMPLE_XLSX, "-o", page)
    for text in (_workbook_text(annotated), _workbook_text(listed)):
        assert CRITERIA_SHA in text and INPUT_SHA in text and __version__ in text
    html = page.read_text(encoding="utf-8")
    assert CRITERIA_SHA in html and INPUT_SHA in html


def test_auditing_outputs(run_cli: RunCli) -> None:
    """It names the compared files' hashes in diff, and the criteria hash in explain."""
    diff = json.loads(
        run_cli("diff", "gia-dinh-hoc-tap@448-2015", "gia-dinh-hoc-tap", "-f", "json").output
    )
    assert diff["old"]["sha256"] == CRITERIA_SHA
    explained = run_cli("explain", EXAMPLE_XLSX, "--id", "ES-001", "-f", "json")
    (trace,) = json.loads(explained.stdout)["traces"]
    assert trace["criteria"]["sha256"] == CRITERIA_SHA
    assert trace["source"]["row"] == 8
