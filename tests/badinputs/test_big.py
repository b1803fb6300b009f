"""Sheets of a million rows, written by hand as XML so that building them takes a second."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support import RunCli, results_of

from .corpus import ALL_TYPES, HEADER, row
from .xlsx_parts import Sheet, row_xml, write_xlsx

ROWS = 1_000_000


def _formatted_down(path: Path) -> Path:
    """Forty applicants, then borders drawn down to row one million: empty styled cells."""

    def rows() -> Iterator[str]:
        yield row_xml(1, HEADER)
        for number in range(2, 42):
            yield row_xml(number, row(f"H{number}"))
        for number in range(42, ROWS + 1):
            yield f'<row r="{number}"><c r="A{number}" s="1"/><c r="G{number}" s="1"/></row>'

    return write_xlsx(path, [Sheet("Danh sách", raw=rows())])


def _filled_far(path: Path) -> Path:
    """A million rows each with a value in column A and one in column AD."""

    def rows() -> Iterator[str]:
        yield row_xml(1, HEADER)
        for n in range(2, ROWS + 1):
            yield f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="AD{n}"><v>1</v></c></row>'

    return write_xlsx(path, [Sheet("Danh sách", raw=rows())])


@pytest.mark.slow
def test_million_formatted_rows_read_the_applicants(run_cli: RunCli, tmp_path: Path) -> None:
    """It reads the forty applicants of a sheet formatted down to row one million."""
    path = _formatted_down(tmp_path / "mot-trieu-dong.xlsx")
    result = run_cli("evaluate", path, "-c", ALL_TYPES, "-f", "json", "--as-of", "2025-12-31")
    assert result.exit_code == 0
    assert len(results_of(json.loads(result.stdout))) == 40


@pytest.mark.slow
def test_million_rows_too_wide_are_refused_before_reading(run_cli: RunCli, tmp_path: Path) -> None:
    """It refuses a million rows by thirty columns from the sizes alone, never loading them."""
    path = _filled_far(tmp_path / "mot-trieu-dong-rong.xlsx")
    result = run_cli("evaluate", path, "-c", ALL_TYPES, "--as-of", "2025-12-31")
    assert result.exit_code == 2
    assert "1.000.000 dòng × 30 cột = 30.000.000 ô, giới hạn là 20.000.000 ô" in result.output
