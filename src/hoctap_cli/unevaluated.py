"""Rows that carry an applicant's id but were not evaluated, said in plain words. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hoctap_cli.problems import Problem, ProblemCode


@dataclass(frozen=True)
class UnevaluatedRow:
    """One row read with the applicant's id, and why it was left out."""

    file: str
    sheet: str | None
    row: int | None
    applicant: str
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


def unevaluated_rows(problems: Iterable[Problem], applicant: str) -> list[UnevaluatedRow]:
    """Rows whose id is ``applicant`` (any case) left out for a missing value or a duplicate."""
    wanted = applicant.strip().casefold()
    rows: dict[tuple[str, str | None, int | None], tuple[str, list[str]]] = {}
    for problem in problems:
        found = _id_and_reason(problem)
        if found is None or found[0].casefold() != wanted:
            continue
        key = (problem.file, problem.sheet, problem.row)
        rows.setdefault(key, (found[0], []))[1].append(found[1])
    return [
        UnevaluatedRow(file, sheet, row, ident, tuple(reasons))
        for (file, sheet, row), (ident, reasons) in rows.items()
    ]


def _id_and_reason(problem: Problem) -> tuple[str, str] | None:
    if problem.code is ProblemCode.missing_required and "applicant_id" in problem.params:
        return str(problem.params["applicant_id"]), f"thiếu «{problem.params['label']}»"
    if problem.code is ProblemCode.duplicate_id and problem.value is not None:
        return problem.value, f"trùng mã với dòng {problem.params['first_row']}"
    return None
