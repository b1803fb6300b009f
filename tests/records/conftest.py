"""Shared fixtures for the record readers: the all-types criteria and workbook builders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.loader import load_criteria
from hoctap_cli.records.reader import ReadResult, open_input, read_input

ALL_TYPES = Path(__file__).with_name("all-types.yaml")

# The first household of the CSV and YAML samples, as every reader must give it back.
FIRST_RECORD: dict[str, Any] = {
    "ma": "H01",
    "ho_ten": "Nguyễn Văn Ánh",
    "thon": "Thôn Ea Súp",
    "so_con": 2,
    "thu_nhap": 7.5,
    "diem_hd": 8.0,
    "co_tu_sach": True,
    "hoc_chuyen_de": True,
    "ngay_dang_ky": dt.date(2025, 3, 15),
    "xep_loai": "tot",
}

Rows = Sequence[Sequence[Any]]
BookWriter = Callable[..., Path]


@pytest.fixture(scope="session")
def compiled() -> CompiledCriteria:
    """The test criteria with a field of every type."""
    return load_criteria(ALL_TYPES)


def build_book(
    path: Path,
    sheets: dict[str, Rows],
    *,
    top: int = 1,
    left: int = 1,
    merged: Sequence[tuple[str, str]] = (),
) -> Path:
    """Write ``sheets`` (name → rows, first cell at row ``top``, column ``left``) to ``path``.

    ``merged`` holds (range, text) pairs written on the first sheet before the table,
    like the title block of a real form.
    """
    book = openpyxl.Workbook()
    first = True
    for name, rows in sheets.items():
        if first:
            sheet = book.active
            assert sheet is not None
            sheet.title = name
            for cells, text in merged:
                sheet.merge_cells(cells)
                sheet[cells.split(":")[0]] = text
            first = False
        else:
            sheet = book.create_sheet(name)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                if value is not None:
                    sheet.cell(top + r, left + c, value)
    book.save(path)
    return path


@pytest.fixture
def write_book(tmp_path: Path) -> BookWriter:
    """``write_book(name, sheets, **options)`` → path of a new workbook in ``tmp_path``."""

    def write(name: str, sheets: dict[str, Rows], **options: Any) -> Path:
        return build_book(tmp_path / name, sheets, **options)

    return write


def read_path(path: Path, compiled: CompiledCriteria) -> ReadResult:
    return read_input(open_input(path), compiled)


@pytest.fixture
def read(compiled: CompiledCriteria) -> Callable[[Path], ReadResult]:
    """Open and read one input against the all-types criteria."""
    return lambda path: read_path(path, compiled)
