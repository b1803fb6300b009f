"""How big an input may be before it is refused with a message instead of exhausting memory.

Read at call time (``limits.MAX_ROWS``), so tests can lower them. The defaults leave room
for a whole province in one file while keeping a run on an ordinary office laptop.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hoctap_cli.problems import Problem, ProblemCode

MAX_FILE_BYTES = 500_000_000  # an .xlsx on disk
MAX_CSV_BYTES = 200_000_000
MAX_YAML_BYTES = 20_000_000  # YAML is parsed in Python: about 10 s at this size
MAX_RATIO = 200  # unpacked / packed size of one part, for parts over RATIO_FLOOR
RATIO_FLOOR = 10_000_000
MAX_PARTS = 10_000  # files inside an .xlsx
MAX_ROWS = 1_048_576  # Excel's own limits per sheet: any sheet Excel can save is within them
MAX_COLUMNS = 16_384
MAX_CELLS = 20_000_000  # rows × columns of one sheet, as the reader holds it in memory
# What a sheet's XML may unpack to follows from what it holds, not from one fixed size (which
# refused a real 1,000,000-row sheet of 533 MB): a cell as Excel writes it takes 30 to 60
# bytes (``<c r="R1000000" s="3" t="s"><v>41</v></c>``, four elements); past the allowance,
# a sheet averaging more than this per element (cell, value, row) is mostly padding.
MAX_BYTES_PER_CELL = 100
SHEET_ALLOWANCE_BYTES = 50_000_000  # any sheet, however few its cells (long notes, styles)
# All parts of one file once unpacked: as much as the largest sheet the limits allow.
MAX_UNCOMPRESSED_BYTES = SHEET_ALLOWANCE_BYTES + MAX_CELLS * MAX_BYTES_PER_CELL  # 2,050 MB
MAX_ROW_BYTES = 64_000_000  # one row of a sheet's XML


def number(value: int) -> str:
    """12345678 → '12.345.678', as Vietnamese write numbers."""
    return f"{value:,}".replace(",", ".")


def megabytes(size: int) -> str:
    """A size as people read it: '3 MB', '190 KB', '512 byte'."""
    if size >= 1_000_000:
        return f"{number(round(size / 1_000_000))} MB"
    if size >= 1_000:
        return f"{number(round(size / 1_000))} KB"
    return f"{size} byte"


def too_large(path: Path | str, reason_kind: str, **params: Any) -> Problem:
    """A file past a limit: which (a key of ``problems.REASONS``) and the sizes involved."""
    return Problem(
        ProblemCode.file_too_large, str(path), params={"reason_kind": reason_kind, **params}
    )


def file_size_problem(path: Path, size: int, limit: int) -> Problem | None:
    """A problem when a file of ``size`` bytes is over ``limit``."""
    if size <= limit:
        return None
    return too_large(path, "file_size", size=megabytes(size), limit=megabytes(limit))
