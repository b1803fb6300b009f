"""Running an evaluation from files: the I/O shell around the pure engine.

Every input is read once (``read_paths``, in worker processes when it pays: see
``reading``), and what was read is evaluated (``evaluate_reads``), so a caller that groups
inputs first (a report by year) need not read them again; each of its sheets is matched to
the criteria whose headers it carries (or to the one the user named), and all titles found
are evaluated together, bottom-up, so a clan's or a village's figures come from its members
in the same run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hoctap_cli.criteria.catalog import Catalog
from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.succession import Fallback, fallback_for
from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.engine.titles import evaluate_titles
from hoctap_cli.errors import ErrorCode, HoctapError, Location
from hoctap_cli.problems import ROW_FATAL, Problem, ProblemCode
from hoctap_cli.records.reader import OpenedInput
from hoctap_cli.records.record import Record
from hoctap_cli.records.record_columns import join_records
from hoctap_cli.records.tabular import SheetLayout
from hoctap_cli.records.year import find_year
from hoctap_cli.workflow.mismatches import score_mismatches
from hoctap_cli.workflow.reading import FileRead, Plan, Reads, read_all, settle
from hoctap_cli.workflow.unevaluated import UnevaluatedRow, left_out_rows


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


@dataclass(frozen=True)
class TitleResult:
    """One title's results in a run (a title, never a "level": in hoctap a level is what
    an applicant is recognised at, such as "Mức độ 1", and the administrative tier, thôn,
    xã or huyện, is part of a title's id)."""

    criteria: CompiledCriteria
    results: Sequence[ApplicantResult]
    # Set when the criteria were not in force on the assessment date (no successor shipped).
    fallback: Fallback | None = None


@dataclass(frozen=True)
class Evaluation:
    """Everything one run decided, ready for any reporter; titles in evaluation order.

    Built once at the end of the run and frozen: every output of a command reads the same
    run, so none may change it for the next.
    """

    as_of: dt.date
    titles: list[TitleResult] = field(default_factory=list)
    inputs: list[InputFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    failed_files: list[Problem] = field(default_factory=list)
    title_names: dict[str, str] = field(default_factory=dict)  # title id → Vietnamese name

    @property
    def fallbacks(self) -> list[Fallback]:
        """Every criteria set used outside its period, in evaluation order."""
        return [
            title_result.fallback
            for title_result in self.titles
            if title_result.fallback is not None
        ]

    @property
    def results(self) -> list[ApplicantResult]:
        return [result for title_result in self.titles for result in title_result.results]

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
    *,
    workers: int | None = None,
) -> Evaluation:
    """Read every input once, match its sheets to criteria, evaluate every level found.

    Without ``as_of`` the date is 31 December of the assessment year the inputs name
    ('NĂM 2025' in a title block, or a year in the file name), else today. ``on_read`` is
    told each input's name as its reading starts (for a progress bar). ``workers``: how
    many processes read the files (``reading.worker_count``; 1 reads them all here).
    """
    reads = read_paths(paths, catalog, name, as_of, on_read, workers=workers)
    return evaluate_reads(reads.files, reads.failed, catalog, name, as_of)


def read_paths(
    paths: Sequence[Path],
    catalog: Catalog,
    name: str | None,
    as_of: dt.date | None,
    on_read: Callable[[str], None] | None = None,
    *,
    workers: int | None = None,
) -> Reads:
    """Every input opened and read once; raises ``InputsUnreadable`` when none opens."""
    plan = Plan(name, as_of, dt.date.today())
    reads = read_all(paths, catalog, plan, workers=workers, on_read=on_read)
    if not reads.files:
        raise InputsUnreadable(reads.failed)
    return reads


def evaluate_reads(
    files: Sequence[FileRead],
    failed: Sequence[Problem],
    catalog: Catalog,
    name: str | None,
    as_of: dt.date | None,
) -> Evaluation:
    """The evaluation of inputs already read; ``failed`` are those that could not be opened."""
    as_of = as_of or run_date(files)
    failed_files, inputs, problems = list(failed), list[InputFile](), list[Problem]()
    parts: dict[str, list[Sequence[Record]]] = {}
    criteria: dict[str, CompiledCriteria] = {}
    for file in settle(files, catalog, name, as_of):
        if file.read is None:
            if file.failure is not None:
                failed_files.append(file.failure)
            continue
        read = file.read
        inputs.append(InputFile(read.file, file.sha256, tuple(read.layouts)))
        problems += read.problems
        criteria.update(read.criteria)
        for title, records in read.by_title.items():
            parts.setdefault(title, []).append(records)
    batches = {title: join_records(read) for title, read in parts.items()}
    lacking_id = any(p.code is ProblemCode.no_id_column for p in failed_files)
    if not criteria and (name or lacking_id):
        raise InputsUnreadable(failed_files)  # each says which header it lacks
    if not criteria:
        raise NoCriteriaFound(", ".join(str(f.path) for f in files), catalog.titles())
    outcome = evaluate_titles(batches, criteria, as_of.year, as_of)
    problems += outcome.problems
    for title, results in outcome.results.items():
        problems += score_mismatches(criteria[title], results)
    evaluated = [
        TitleResult(criteria[t], outcome.results[t], fallback_for(criteria[t].criteria, as_of))
        for t in outcome.order
    ]
    title_names = catalog.title_names() | {t: c.criteria.title for t, c in criteria.items()}
    return Evaluation(as_of, evaluated, inputs, problems, failed_files, title_names)


def run_date(files: Sequence[FileRead]) -> dt.date:
    """31 December of the first assessment year the inputs name, else today."""
    year = next((file.year for file in files if file.year is not None), None)
    return dt.date(year, 12, 31) if year is not None else dt.date.today()


def assessment_date(opened: Sequence[OpenedInput]) -> dt.date:
    """31 December of the first assessment year found in inputs opened but not yet read."""
    for source in opened:
        year = find_year(source)
        if year is not None:
            return dt.date(year, 12, 31)
    return dt.date.today()
