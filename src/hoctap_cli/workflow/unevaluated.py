"""Rows read but not evaluated (no id, a missing required value, a repeated id), in words. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hoctap_cli.problems import ROW_FATAL, Problem, ProblemCode


@dataclass(frozen=True)
class UnevaluatedRow:
    """One row read but left out, with its id and name when the row gave them, and why."""

    file: str
    sheet: str | None
    row: int | None
    applicant: str  # "" when the id itself is missing
    name: str
    reasons: tuple[str, ...]

    @property
    def where(self) -> str:
        """File, sheet and row as people read them."""
        return Problem(ProblemCode.missing_id, self.file, self.sheet, self.row).location()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.applicant,
            "evaluated": False,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "reasons": list(self.reasons),
        }

    @property
    def sentence(self) -> str:
        return (
            f"{self.where} có mã {self.applicant} nhưng không được xét: {'; '.join(self.reasons)}"
        )


def left_out_rows(problems: Iterable[Problem]) -> list[UnevaluatedRow]:
    """Every row not evaluated, once each, in the order its first problem was found."""
    rows: dict[tuple[str, str | None, int | None], list[Problem]] = {}
    for problem in problems:
        if problem.code in ROW_FATAL:
            rows.setdefault((problem.file, problem.sheet, problem.row), []).append(problem)
    return [_row(key, found) for key, found in rows.items()]


def unevaluated_rows(problems: Iterable[Problem], applicant: str) -> list[UnevaluatedRow]:
    """Rows whose id is ``applicant`` (any case) left out for a missing value or a duplicate."""
    wanted = applicant.strip().casefold()
    return [row for row in left_out_rows(problems) if row.applicant.casefold() == wanted]


def _row(key: tuple[str, str | None, int | None], found: list[Problem]) -> UnevaluatedRow:
    file, sheet, row = key
    ident = next((i for p in found if (i := _applicant(p))), "")
    name = next((str(p.params["name"]) for p in found if p.params.get("name")), "")
    return UnevaluatedRow(file, sheet, row, ident, name, tuple(_reason(p) for p in found))


def _applicant(problem: Problem) -> str:
    if problem.code is ProblemCode.missing_required:
        return str(problem.params.get("applicant_id", ""))
    if problem.code is ProblemCode.duplicate_id:
        return problem.value or ""
    return ""


def _reason(problem: Problem) -> str:
    if problem.code is ProblemCode.missing_required:
        return f"thiếu «{problem.params['label']}»"
    if problem.code is ProblemCode.duplicate_id:
        return f"trùng mã với dòng {problem.params['first_row']}"
    return f"thiếu «{problem.params['label']}»"  # missing_id: the id column's label
