"""Levels that may be claimed only some months after a lower one. Pure.

TT 24/2023 and TT 25/2023 let a unit or a commune ask for level 2 only once a year has
passed since its level-1 decision. The engine decides the level from the criteria alone;
this step then keeps an applicant at the lower level, with a located problem, when the
decision date recorded for it is too recent or missing.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Sequence

from hoctap_cli.criteria.model import Criteria, Level, LevelWait
from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.problems import Problem, ProblemCode


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` later; the 31st becomes the month's last day when needed."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def enforce_waits(
    results: Sequence[ApplicantResult], criteria: Criteria, as_of: dt.date
) -> tuple[Sequence[ApplicantResult], list[Problem]]:
    """Results with every too-early higher level lowered, and a problem for each; the
    results themselves when the criteria ask no waiting time."""
    levels = criteria.verdict.levels
    waits = {
        level.id: (levels[index - 1], level, level.wait)
        for index, level in enumerate(levels)
        if level.wait is not None and index > 0
    }
    if not waits:
        return results, []
    kept: list[ApplicantResult] = []
    problems: list[Problem] = []
    for result in results:
        if result.level in waits:
            lower, level, wait = waits[result.level]
            problem = _too_early(result, criteria, lower, level, wait, as_of)
            if problem is not None:
                problems.append(problem)
                result = dataclasses.replace(result, level=lower.id)
        kept.append(result)
    return kept, problems


def _too_early(
    result: ApplicantResult,
    criteria: Criteria,
    lower: Level,
    level: Level,
    wait: LevelWait,
    as_of: dt.date,
) -> Problem | None:
    decided = result.values.get(wait.field)
    params = {"level": level.label, "lower": lower.label, "months": wait.months}
    source = result.source
    located = Problem(
        ProblemCode.level_wait_unknown,
        source.file,
        source.sheet,
        source.row,
        source.columns.get(wait.field),
        wait.field,
    )
    if not isinstance(decided, dt.date):
        label = criteria.field(wait.field).label
        return dataclasses.replace(located, params=params | {"label": label})
    earliest = add_months(decided, wait.months)
    if earliest <= as_of:
        return None
    return dataclasses.replace(
        located,
        code=ProblemCode.level_too_early,
        value=f"{decided:%d/%m/%Y}",
        params=params | {"earliest": f"{earliest:%d/%m/%Y}"},
    )
