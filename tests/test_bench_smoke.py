"""The benchmark scripts still run: each at a tiny size, untimed, so that bench/ never rots
between the runs that measure (see bench/README.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    """It evaluates 200 households as one workbook and as four files and prints the ratio."""
    out = _run(tmp_path, "files.py", "200", "--files", "4", "--repeat", "1")
    assert "200 households, one workbook or 4 files, medians of 1:" in out
    assert "files / workbook = " in out
    assert len(list((tmp_path / "data" / "gia-dinh-200-4-tep").glob("*.xlsx"))) == 4


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
