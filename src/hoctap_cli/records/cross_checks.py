"""The criteria file's cross-field constraints, applied to one record as it is read.

A row whose values break a constraint (more children at school than children of school
age) cannot be scored as it is: the problem names both cells, and both values are
dropped, so the row is decided on what remains (often "Chưa đủ dữ liệu") instead of on
impossible data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hoctap_cli.criteria.constraints import BROKEN_WORDS, broken
from hoctap_cli.criteria.model import Criteria
from hoctap_cli.problems import Problem, ProblemCode


def apply_constraints(
    criteria: Criteria,
    values: dict[str, Any],
    where: tuple[str, str | None, int | None],
    column_of: Callable[[str], str | None],
) -> list[Problem]:
    """Problems for the constraints ``values`` break, dropping both values of each.

    ``where`` is (file, sheet, row); ``column_of`` gives a field's column as people read it.
    """
    if not criteria.constraints:
        return []
    file, sheet, row = where
    problems = []
    for constraint in broken(values, criteria.constraints):
        field, other = criteria.field(constraint.field), criteria.field(constraint.other)
        column, other_column = column_of(field.id), column_of(other.id)
        params = {
            "label": field.label,
            "column": column or "?",
            "relation": BROKEN_WORDS[constraint.op],
            "other_label": other.label,
            "other_column": other_column or "?",
            "other_value": _shown(values[other.id]),
            "other_field": other.id,
        }
        shown = _shown(values[field.id])
        problems.append(
            Problem(
                ProblemCode.constraint_broken, file, sheet, row, column, field.id, shown, params
            )
        )
    for problem in problems:  # dropped after all are checked: each pair is judged as read
        values.pop(problem.field or "", None)
        values.pop(problem.params["other_field"], None)
    return problems


def _shown(value: Any) -> str:
    return str(value).replace(".", ",") if not isinstance(value, str) else value
