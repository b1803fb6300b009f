"""Running an evaluation from files: the I/O shell around the pure engine.

Every input is opened once; each of its sheets is matched to the criteria whose headers
it carries (or to the one the user named), and all titles found are evaluated together,
bottom-up, so a clan's or a village's figures come from its members in the same run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from hoctap_cli.criteria.catalog import Catalog
from hoctap_cli.criteria.loader import CompiledCriteria
from hoctap_cli.criteria.succession import Fallback, fallback_for
from hoctap_cli.engine import part_marks
from hoctap_cli.engine.evaluate import Record
from hoctap_cli.engine.group_scores import GroupScores
from hoctap_cli.engine.levels import evaluate_levels
from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.errors import ErrorCode, HoctapError, Location
from hoctap_cli.problems import ROW_FATAL, Problem, ProblemCode
from hoctap_cli.records.reader import OpenedInput, open_input, read_input
from hoctap_cli.records.row_ids import id_names
from hoctap_cli.records.sources import InputError
from hoctap_cli.records.tabular import SheetLayout
from hoctap_cli.records.year import find_year
from hoctap_cli.report.names import Names
from hoctap_cli.report.wording import number
from hoctap_cli.unevaluated import UnevaluatedRow, left_out_rows


class InputsUnreadable(HoctapError):
    """No input could be opened at all; ``problems`` says why, file by file."""

    code = ErrorCode.inputs_unreadable

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "problems": [p.to_dict() for p in self.problems]}


class NoCriteriaFound(HoctapError, LookupError):
    """Inputs none of whose sheets could be matched to a title."""

    def __init__(self, file: str, titles: list[str]) -> None:
        params = {"file": file, "titles": titles}
        super().__init__(code=ErrorCode.no_criteria_found, params=params, location=Location(file))
        self.file = file
        self.titles = titles


@dataclass(frozen=True)
class InputFile:
    """One input as read: its hash for provenance and where its fields were found."""

    file: str
    sha256: str
    layouts: tuple[SheetLayout, ...]


@dataclass
class LevelResult:
    """One title's results in a run."""

    criteria: CompiledCriteria
    results: list[ApplicantResult]
    # Set when the criteria were not in force on the assessment date (no successor shipped).
    fallback: Fallback | None = None


@dataclass
class Evaluation:
    """Everything one run decided, ready for any reporter; levels in evaluation order."""

    as_of: dt.date
    levels: list[LevelResult] = field(default_factory=list)
    inputs: list[InputFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    failed_files: list[Problem] = field(default_factory=list)
    title_names: dict[str, str] = field(default_factory=dict)  # title id → Vietnamese name

    @property
    def fallbacks(self) -> list[Fallback]:
        """Every criteria set used outside its period, in evaluation order."""
        return [level.fallback for level in self.levels if level.fallback is not None]

    @property
    def results(self) -> list[ApplicantResult]:
        return [result for level in self.levels for result in level.results]

    def rows_not_evaluated(self, title_id: str) -> int:
        """How many rows of this title's sheets were read but left out."""
        return len(self.rows_left_out(title_id))

    def rows_left_out(self, title_id: str) -> list[UnevaluatedRow]:
        """Rows of this title's sheets read but left out, once each with every reason."""
        sheets = {
            (layout.file, layout.sheet)
            for source in self.inputs
            for layout in source.layouts
            if layout.title == title_id
        }
        fatal = [p for p in self.problems if p.code in ROW_FATAL and (p.file, p.sheet) in sheets]
        return left_out_rows(fatal)


def evaluate_paths(
    paths: Sequence[Path],
    catalog: Catalog,
    name: str | None,
    as_of: dt.date | None,
    on_read: Callable[[str], None] | None = None,
) -> Evaluation:
    """Open every input once, match its sheets to criteria, evaluate every level found.

    Without ``as_of`` the date is 31 December of the assessment year the inputs name
    ('NĂM 2025' in a title block, or a year in the file name), else today. ``on_read`` is
    told each input's name as its reading starts (for a progress bar).
    """
    opened, failed = _open_all(paths)
    as_of = as_of or assessment_date(opened)
    candidates = (
        [catalog.resolve(name, as_of)]
        if name
        else [catalog.in_force(title, as_of) for title in catalog.titles()]
    )
    evaluation = Evaluation(as_of, failed_files=failed, title_names=catalog.title_names())
    batches: dict[str, list[Record]] = {}
    criteria: dict[str, CompiledCriteria] = {}
    names = id_names([source.path for source in opened])
    for source in opened:
        if on_read is not None:
            on_read(str(source.path))
        try:
            read = read_input(source, candidates, names[source.path])
        except InputError as exc:
            evaluation.failed_files.append(exc.problem)
            continue
        evaluation.inputs.append(InputFile(read.file, _sha256(source.path), tuple(read.layouts)))
        evaluation.problems += read.problems
        criteria.update(read.criteria)
        for title, records in read.by_title.items():
            batches.setdefault(title, []).extend(records)
    lacking_id = any(p.code is ProblemCode.no_id_column for p in evaluation.failed_files)
    if not criteria and (name or lacking_id):
        raise InputsUnreadable(evaluation.failed_files)  # each says which header it lacks
    if not criteria:
        raise NoCriteriaFound(", ".join(str(s.path) for s in opened), catalog.titles())
    outcome = evaluate_levels(batches, criteria, as_of.year, as_of)
    evaluation.problems += outcome.problems
    for title, results in outcome.results.items():
        evaluation.problems += score_mismatches(criteria[title], results)
    evaluation.levels = [
        LevelResult(criteria[t], outcome.results[t], fallback_for(criteria[t].criteria, as_of))
        for t in outcome.order
    ]
    evaluation.title_names |= {t: c.criteria.title for t, c in criteria.items()}
    return evaluation


def score_mismatches(
    compiled: CompiledCriteria, results: Sequence[ApplicantResult]
) -> list[Problem]:
    """Council scores above their criterion's points, rows giving a group both as items
    and as one score where the two differ, and part marks above 0 for items the row says
    are not met: each at the cell of the score."""
    scores = GroupScores(compiled)
    marked = any(part_marks.marked_items(compiled))
    if not scores.scored and not marked:
        return []
    criteria = compiled.criteria
    found = []
    for result in results:
        if marked:
            found += _contradicted_marks(compiled, result)
        for field_id, score, points in scores.too_high(result.values):
            high = number(points)
            params = {
                "expected_kind": "item_points",
                "high": high,
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


def assessment_date(opened: Sequence[OpenedInput]) -> dt.date:
    """31 December of the first assessment year found in the inputs, else today."""
    for source in opened:
        year = find_year(source)
        if year is not None:
            return dt.date(year, 12, 31)
    return dt.date.today()


def _open_all(paths: Sequence[Path]) -> tuple[list[OpenedInput], list[Problem]]:
    opened: list[OpenedInput] = []
    failed: list[Problem] = []
    for path in paths:
        try:
            opened.append(open_input(path))
        except InputError as exc:
            failed.append(exc.problem)
    if not opened:
        raise InputsUnreadable(failed)
    return opened, failed


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
