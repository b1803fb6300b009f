"""Checks of council scores against the criteria, made once the run has its results.

A score above its criterion's points, a group given both as items and as one score that
disagree, or a part mark above 0 for an item the row says is not met: each is a problem
at the cell of the score, so the person fixes the cell the message names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.expr import MISSING
from hoctap_cli.criteria.names import Names
from hoctap_cli.criteria.score_fields import marked_items
from hoctap_cli.engine import part_marks
from hoctap_cli.engine.columns import ResultColumns
from hoctap_cli.engine.group_scores import GroupScores
from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.exact import number
from hoctap_cli.problems import Problem, ProblemCode


def score_mismatches(
    compiled: CompiledCriteria, results: Sequence[ApplicantResult]
) -> list[Problem]:
    """Council scores above their criterion's points, rows giving a group both as items
    and as one score where the two differ, and part marks above 0 for items the row says
    are not met: each at the cell of the score."""
    scores = GroupScores(compiled)
    marked = any(marked_items(compiled))
    if not scores.scored and not marked:
        return []
    criteria = compiled.criteria
    found = []
    given = [scored.field for scored in scores.scored]
    given += [item.score_field for item in marked_items(compiled) if item.score_field]
    for result in _with_any(results, given):
        if marked:
            found += _contradicted_marks(compiled, result)
        for field_id, score, points in scores.too_high(result.values):
            params = {
                "expected_kind": "item_points",
                "high": number(points),
                "label": criteria.field(field_id).label,
            }
            found.append(_at_score(ProblemCode.out_of_range, result, field_id, score, params))
        for group_id, field_id, score, computed in scores.mismatches(result.items, result.values):
            label = criteria.field(field_id).label
            group = Names(criteria).group(group_id)
            params = {"label": label, "group": group, "computed": number(computed)}
            found.append(
                _at_score(ProblemCode.group_score_mismatch, result, field_id, score, params)
            )
    return found


def _with_any(results: Sequence[ApplicantResult], fields: list[str]) -> Iterable[ApplicantResult]:
    """The results whose row gives one of ``fields`` (the others have nothing to check),
    in order; read from the columns when the results are columns."""
    if not isinstance(results, ResultColumns):
        return results
    rows: set[int] = set()
    for name in fields:
        column = results.applicants.column(name)
        rows.update(i for i, v in enumerate(column) if v is not MISSING and v is not None)
    return (results[index] for index in sorted(rows))


def _contradicted_marks(compiled: CompiledCriteria, result: ApplicantResult) -> list[Problem]:
    """Part marks above 0 for items the same row says are not met, at the mark's cell."""
    criteria = compiled.criteria
    names = Names(criteria)
    found = []
    for item, mark in part_marks.contradictions(compiled, result.values):
        assert item.score_field is not None
        labels = [criteria.rule_fields()[f].label for f in compiled.rules[item.id].fields]
        params = {
            "label": criteria.field(item.score_field).label,
            "item": names.item(item.id),
            "rule_labels": ", ".join(f"'{label}'" for label in labels),
        }
        code = ProblemCode.part_mark_contradiction
        found.append(_at_score(code, result, item.score_field, mark, params))
    return found


def _at_score(
    code: ProblemCode,
    result: ApplicantResult,
    field_id: str,
    score: Decimal,
    params: dict[str, str],
) -> Problem:
    source = result.source
    column = source.columns.get(field_id)
    return Problem(
        code, source.file, source.sheet, source.row, column, field_id, number(score), params
    )
