"""The functions ``import hoctap_cli`` offers: thin, typed doors onto the existing pieces.

Each one only names what it calls (the catalogue, the file reader, the checked entry for
plain rows, the JSON serialisers); nothing here decides anything on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.loader import parse_criteria
from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.errors import HoctapError
from hoctap_cli.outputs.data.json_text import dumps
from hoctap_cli.outputs.data.serialise import evaluation_to_dict, problem_to_dict, result_to_dict
from hoctap_cli.problems import Problem
from hoctap_cli.records.xlsx_guard import unreadable
from hoctap_cli.workflow.checked import PYTHON_SOURCE, CheckedRecords, CheckedRun
from hoctap_cli.workflow.checked import evaluate_mappings as _evaluate_mappings
from hoctap_cli.workflow.checked import evaluate_records as _evaluate_records
from hoctap_cli.workflow.checked import read_mappings as _read_mappings
from hoctap_cli.workflow.checked import read_stream as _read_stream
from hoctap_cli.workflow.inputs import expand_inputs
from hoctap_cli.workflow.run import Evaluation, InputsUnreadable, TitleResult
from hoctap_cli.workflow.run import evaluate_paths as _evaluate_paths

# How criteria given as bytes are named in problems, unless the caller names them.
BYTES_SOURCE = "<bytes>"


def load_criteria(
    name: str | Path | bytes, *, on: dt.date | None = None, source: str = BYTES_SOURCE
) -> CompiledCriteria:
    """The criteria named ``name``: a shipped title id (the version in force on ``on``,
    today when not given), ``id@version`` (that shipped version), or a path to a YAML file.
    Given ``bytes``, they are the YAML text itself (as kept in a database), named
    ``source`` in problems; it may ``extends:`` a shipped file.

    Raises ``CriteriaError`` for a file that is not valid criteria and ``UnknownCriteria``
    for a name no shipped file has; both are ``HoctapError`` with a code and a message
    for people.
    """
    catalog = shipped_catalog()
    if isinstance(name, bytes):
        return parse_criteria(name, source, catalog.pinned)
    return catalog.resolve(str(name), on or dt.date.today())


def evaluate_paths(
    paths: str | Path | Iterable[str | Path],
    *,
    criteria: str | None = None,
    as_of: dt.date | None = None,
    workers: int | None = None,
) -> Evaluation:
    """Read and evaluate files of records (xlsx, xls, ods, csv, yaml), as ``hoctap evaluate``.

    ``paths`` is one file or folder, or several; a folder stands for the input files in
    it and its subfolders, skipping what ``hoctap evaluate`` skips (Excel's lock files,
    annotated copies hoctap wrote). ``criteria`` names the criteria as ``load_criteria``
    does; without it each sheet is matched to the title whose headers it carries.
    ``as_of`` is the assessment date (31 December of the year the inputs name when not
    given). Rows that could not be read are in ``Evaluation.problems``; the others are
    evaluated.

    On a machine of three cores or more, several files holding 2 MB or more are read in
    parallel, one process per core, the calling one included (``workers`` sets how many,
    on any machine; ``workers=1`` reads them all in the calling process); the result is the
    same either way. Workers are started with ``spawn``, so a script that asks for them at
    its top level needs ``if __name__ == "__main__":``.
    """
    given = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    found = expand_inputs(given)
    if not found.files:
        folders = found.empty_folders or given
        raise InputsUnreadable([unreadable(folder, "empty_folder") for folder in folders])
    return _evaluate_paths(found.files, shipped_catalog(), criteria, as_of, workers=workers)


def read_rows(
    criteria: CompiledCriteria,
    rows: Iterable[Mapping[str, Any]] | Iterable[Sequence[Any]],
    *,
    header: Sequence[str] | None = None,
    source: str = PYTHON_SOURCE,
    table: str | None = None,
    key: str | None = None,
) -> CheckedRecords:
    """Normalise and validate plain rows exactly as the rows of a file are.

    ``rows`` are mappings (keys: field ids, column labels or aliases), or sequences of
    values with ``header`` naming their columns (as from a database cursor:
    ``[d[0] for d in cursor.description]``). Every problem is located at ``source`` (e.g.
    the database), ``table`` (its sheet) and the row's position, counted from 1; with
    ``key`` (a column such as the table's primary key), by that column's value instead.
    """
    return _read_mappings(criteria, _as_mappings(rows, header), source, table, key)


def evaluate_rows(
    criteria: CompiledCriteria,
    rows: Iterable[Mapping[str, Any]] | Iterable[Sequence[Any]],
    *,
    header: Sequence[str] | None = None,
    year: int | None = None,
    source: str = PYTHON_SOURCE,
    table: str | None = None,
    key: str | None = None,
) -> CheckedRun:
    """Read ``rows`` as ``read_rows`` does and evaluate the records that could be read.

    ``year`` is the assessment year (this year when not given). The run's ``results`` are
    the evaluated applicants, its ``problems`` every row or value that was refused.
    """
    mappings = _as_mappings(rows, header)
    return _evaluate_mappings(criteria, mappings, year=year, source=source, sheet=table, key=key)


def read_stream(
    criteria: CompiledCriteria, stream: IO[bytes] | bytes, *, name: str
) -> CheckedRecords:
    """Read the records of one file given as a binary stream (or its bytes), such as an
    upload: ``name`` (``"xa.xlsx"``) gives its format by the suffix (.xlsx, .xls, .ods,
    .csv, .yaml) and names it in problems. Rows are read and checked exactly as
    ``evaluate_paths`` reads a file's; raises ``InputError`` when nothing can be read."""
    return _read_stream(criteria, stream, name)


def evaluate_stream(
    criteria: CompiledCriteria,
    stream: IO[bytes] | bytes,
    *,
    name: str,
    year: int | None = None,
) -> CheckedRun:
    """Read ``stream`` as ``read_stream`` does and evaluate the records that could be read
    in the assessment year ``year`` (this year when not given)."""
    return _evaluate_records(criteria, _read_stream(criteria, stream, name), year)


def to_dict(
    value: ApplicantResult | Problem | CheckedRun | Evaluation | HoctapError,
) -> dict[str, Any]:
    """The JSON-ready form (English keys and enum values, exact numbers) of a result, a
    problem, a run (a run of plain rows and a run of files give the same document, the one
    ``hoctap evaluate --format json`` writes: ``titles[].results``, ``errors``) or an error
    (``code``, ``message``, ``location``, and the ``problems`` of criteria or inputs
    refused as a whole)."""
    if isinstance(value, HoctapError):
        return value.to_dict()
    if isinstance(value, ApplicantResult):
        return dict(result_to_dict(value))
    if isinstance(value, Problem):
        return dict(problem_to_dict(value))
    if isinstance(value, CheckedRun):
        value = _as_evaluation(value)
    return dict(evaluation_to_dict(value))


def to_json(value: ApplicantResult | Problem | CheckedRun | Evaluation | HoctapError) -> str:
    """``to_dict(value)`` as JSON text (UTF-8 characters kept, indented)."""
    return dumps(to_dict(value))


def _as_evaluation(run: CheckedRun) -> Evaluation:
    """A run of plain rows as a run of files with no file: one title, the same problems."""
    if run.criteria is None or run.as_of is None:  # a run made by hand, not by evaluate_rows
        raise ValueError("to_dict needs a run from evaluate_rows (its criteria and year)")
    return Evaluation(run.as_of, [TitleResult(run.criteria, run.results)], problems=run.problems)


def _as_mappings(
    rows: Iterable[Mapping[str, Any]] | Iterable[Sequence[Any]],
    header: Sequence[str] | None,
) -> Iterable[Any]:
    """Rows as mappings: with a header, each sequence is zipped with it; other values pass
    through untouched so the checked entry reports them."""
    if header is None:
        return rows
    names = list(header)
    return (dict(zip(names, row, strict=False)) if _is_row_sequence(row) else row for row in rows)


def _is_row_sequence(row: object) -> bool:
    return isinstance(row, Sequence) and not isinstance(row, str | bytes)
