"""The bad-input corpus: how each case is written and what ``hoctap evaluate`` must do with it.

Each case writes its input into a directory and returns the command-line arguments after
``evaluate``. Its expectations: the exit code; the problems that must be reported, at
which sheet, row and column, with which words; the applicants still evaluated (and their
names, once repaired); for a refused file, the words of the refusal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ALL_TYPES = ROOT / "tests" / "records" / "all-types.yaml"
SHEET = "Danh sách"
HEADER = ["Mã hồ sơ", "Họ và tên", "Thôn", "Điểm HĐ", "Có tủ sách", "Học chuyên đề", "Xếp loại"]


def row(applicant: str, name: str = "Lê Văn An", points: Any = 8, grade: str = "Tốt") -> list[Any]:
    """A clean applicant of the all-types criteria (columns as in HEADER)."""
    return [applicant, name, "Thôn 1", points, "x", "x", grade]


@dataclass(frozen=True)
class Seen:
    """A problem that must be in the JSON ``errors``: code, place, and words of its message."""

    code: str
    row: int | None
    column: str | None
    words: str
    sheet: str | None = SHEET


@dataclass(frozen=True)
class Case:
    """One bad input and what must happen to it."""

    name: str
    write: Callable[[Path], list[str | Path]]  # writes the input; returns the arguments
    exit_code: int
    seen: tuple[Seen, ...] = ()
    evaluated: tuple[str, ...] = ()  # applicant ids in the results, in order
    names: Mapping[str, str] = field(default_factory=dict)  # id → name as reported
    refusal: str = ""  # for exit code 2: words of the one-line refusal
    limits: Mapping[str, int] = field(default_factory=dict)  # lowered for this case

    def __str__(self) -> str:
        return self.name


def with_criteria(path: Path, criteria: Path | str = ALL_TYPES) -> list[str | Path]:
    return [path, "--criteria", str(criteria)]
