"""The benchmark scripts still run: each at a tiny size, untimed, so that bench/ never rots
between the runs that measure (see bench/README.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from hoctap_cli.api import evaluate_paths

# Starts the benchmark scripts as programs (pandas, xlsxwriter): runs in .ci/run and in
# `pytest`; `-m "not slow"` leaves it out while editing.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
MEASURES = [
    "raw read (a)",
    "pandas + rules (b)",
    "pandas calamine + vectorised rules (b2)",
    "polars + rules as expressions (p)",
    "hoctap evaluate json (c)",
    "hoctap export (d)",
    "hoctap annotate (d)",
    "xlsxwriter alone (export:",
    "xlsxwriter alone (annotate:",
]


def _run(tmp_path: Path, script: str, *arguments: str) -> str:
    env = {**os.environ, "HOCTAP_BENCH_DATA": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *arguments],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_province_benchmark_writes_its_tables(tmp_path: Path) -> None:
    """It runs every measure of bench/run.py on 200 households and prints both tables with
    their columns, a row for each measure, and leaves bench/README.md alone."""
    readme = (BENCH / "README.md").read_bytes()
    out = _run(tmp_path, "run.py", "--sizes", "200", "--repeat", "1", "--no-append")
    assert "| rows | measure | seconds | rows/s | peak RSS MB |" in out
    assert "| rows | evaluate / raw read (c/a) | evaluate / polars (c/p) |" in out
    # The contenders apply the same rules: their verdict counts are hoctap's.
    assert "200 rows: verdict counts agree with hoctap's" in out
    for measure in MEASURES:
        assert f"| 200 | {measure}" in out, measure
    assert "not available" not in out
    assert (tmp_path / "data" / "gia-dinh-200.xlsx").exists()
    assert (BENCH / "README.md").read_bytes() == readme


def test_files_benchmark_compares_one_workbook_with_many_files(tmp_path: Path) -> None:
    """It evaluates 200 households as one workbook and as four files, read in one process
    and in parallel, and prints the ratios."""
    out = _run(tmp_path, "files.py", "200", "--files", "4", "--repeat", "1", "--workers", "2")
    assert "200 households, one workbook or 4 files, medians of 1:" in out
    assert "files / workbook = " in out
    assert "4 files read by 2 processes" in out and "parallel / one process = " in out
    assert len(list((tmp_path / "data" / "gia-dinh-200-4-tep").glob("*.xlsx"))) == 4


def test_files_benchmark_finds_where_parallel_reading_pays(tmp_path: Path) -> None:
    """Its break-even grid prints a row for each file count and size."""
    grid = ["--grid-files", "2", "3", "--grid-sizes", "60"]
    out = _run(tmp_path, "files.py", "--break-even", "--repeat", "1", "--workers", "2", *grid)
    assert "| files | households | MB | one process | parallel | parallel / one process |" in out
    assert "| 2 | 60 | " in out and "| 3 | 60 | " in out


def test_scale_benchmark_prints_its_three_curves(tmp_path: Path) -> None:
    """Rows, files and titles at tiny sizes: each table, a row for each point, and the
    commune workbook copied with its ids made unique per copy."""
    out = _run(
        tmp_path, "scale.py", "--sizes", "100", "300", "--files", "1", "3",
        "--files-rows", "90", "--copies", "1", "2", "--repeat", "1", "--quiet",
    )  # fmt: skip
    assert "| rows | seconds | ms per 1,000 rows | per row vs smallest |" in out
    assert "| 100 | " in out and "| 300 | " in out
    assert "Linearity: time per row at 300 / at 100 = " in out
    assert "| files | rows per file | seconds |" in out
    assert "| 1 | 90 | " in out and "| 3 | 30 | " in out
    assert "| copies | rows | commune | village | commune / village |" in out
    assert "| 1 | 547 | " in out and "| 2 | 1,094 | " in out
    # Each copy a commune of its own: twice the applicants of every title, twice each
    # deliberate mistake (a repeated household, links to a village and a unit that do not
    # exist, a clan without households), and not one applicant taken for another's repeat.
    one = evaluate_paths(ROOT / "examples" / "xa-quang-phu-2025.xlsx")
    two = evaluate_paths(tmp_path / "data" / "xa-quang-phu-x2.xlsx")
    assert {t.criteria.criteria.id: 2 * len(t.results) for t in one.titles} == {
        t.criteria.criteria.id: len(t.results) for t in two.titles
    }
    twice = {code: 2 * n for code, n in Counter(p.code for p in one.problems).items()}
    assert Counter(p.code for p in two.problems) == twice


def test_outputs_benchmark_compares_table_and_ndjson_with_json(tmp_path: Path) -> None:
    """It times every output of bench/outputs.py on 200 households, each against the JSON."""
    out = _run(tmp_path, "outputs.py", "200", "--repeat", "1")
    assert "| version | output | seconds | / json | peak RSS MB | / json |" in out
    for name in ("json", "ndjson", "table piped", "table file"):
        assert f"| current | {name} | " in out, name
    assert (tmp_path / "data" / "gia-dinh-200.xlsx").exists()


def test_startup_benchmark_gives_the_ratio_to_importing_calamine(tmp_path: Path) -> None:
    """It times the 40-household example, the calamine import and the help page."""
    out = _run(tmp_path, "startup.py", "--repeat", "1")
    assert "| version | measure | seconds | / calamine import |" in out
    for name in ("calamine import", "evaluate 40 rows", "help"):
        assert f"| current | {name} | " in out, name


def test_phases_benchmark_names_every_phase(tmp_path: Path) -> None:
    """It runs the steps of `hoctap evaluate -f json` in one process on 200 households and
    prints each phase's share."""
    out = _run(tmp_path, "phases.py", "200")
    assert "gia-dinh-200.xlsx: " in out
    for phase in ("load criteria", "open workbook", "read records", "evaluate", "write JSON"):
        assert f"  {phase} " in out, phase


def test_export_benchmark_gives_the_ratio_to_xlsxwriter(tmp_path: Path) -> None:
    """It exports the list of 200 households, times the writing step alone and xlsxwriter
    writing as many cells, and prints each against xlsxwriter."""
    out = _run(tmp_path, "export.py", "200", "--repeat", "1")
    assert "200 households; sheets written (rows x columns): " in out
    for measure in ("export now", "write now", "xlsxwrite"):
        assert f"\n{measure} " in out, measure


def test_annotate_benchmark_gives_the_copy_against_xlsxwriter(tmp_path: Path) -> None:
    """It evaluates 200 households with and without the annotated copy, and xlsxwriter
    writing the copy's cells, and prints what the copy costs."""
    out = _run(tmp_path, "annotate.py", "--sizes", "200", "--repeat", "1")
    assert "200 rows × 18 columns" in out
    assert "evaluate --annotate (streamed): copy costs " in out
    assert "exit 1" in out or "exit 0" in out
    assert (tmp_path / "data" / "gia-dinh-200.xlsx").exists()
