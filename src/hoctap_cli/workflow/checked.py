"""The checked entry for Python callers: plain mappings in, results and problems out.

The engine itself trusts its input (it is fed by the readers, which normalise every cell).
A caller from Python hands it raw values: ``"hai"`` in a count, ``7.5`` as text, a key
spelled as its column label. ``evaluate_mappings`` puts them through the very reader a
YAML file of records goes through, so they are normalised and validated the same way and
give the same located problems (the record's position stands for the row, its key for
the column), never a ``TypeError``. Each mapping is one record.

``read_stream`` does the same for a file handed over as bytes or a binary stream (an
upload): it is read by the very reader of files, under the caller's name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.dates import DateError
from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.engine.titles import evaluate_titles
from hoctap_cli.errors import ErrorCode
from hoctap_cli.problems import Problem, ProblemCode
from hoctap_cli.records.headers import find_header
from hoctap_cli.records.reader import open_input, read_input
from hoctap_cli.records.record import Record
from hoctap_cli.records.sources import InputError, Row, Table
from hoctap_cli.records.tabular import RowReader

PYTHON_SOURCE = "<python>"


@dataclass(frozen=True)
class CheckedRecords:
    """Records read from mappings, and every problem found in them."""

    records: list[Record]
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class CheckedRun:
    """Results of the records that could be evaluated, and every problem found."""

    results: Sequence[ApplicantResult]
    problems: list[Problem] = field(default_factory=list)
    # What decided, so the run serialises as the same document as a run of files.
    criteria: CompiledCriteria | None = None
    as_of: dt.date | None = None  # 31 December of the assessment year


def read_mappings(
    compiled: CompiledCriteria,
    rows: Iterable[Mapping[str, Any]],
    source: str = PYTHON_SOURCE,
    sheet: str | None = None,
    key: str | None = None,
) -> CheckedRecords:
    """Normalise and validate ``rows`` (keys: field ids, labels or aliases) as file input.

    The n-th mapping is row n of ``source`` (and of ``sheet``, e.g. a database table,
    when given) in problems; a value that is not a mapping is reported as such and skipped.
    With ``key`` (a key of the mappings, such as a table's primary key) a problem of a row
    that has a value there names it (``ma_ho=H07``) instead of the row's position.
    """
    read, keys = _read(compiled, rows, source, sheet, key)
    return CheckedRecords(read.records, _keyed(read.problems, keys, source, sheet))


def _read(
    compiled: CompiledCriteria,
    rows: Iterable[Mapping[str, Any]],
    source: str,
    sheet: str | None,
    key: str | None,
) -> tuple[CheckedRecords, dict[int, str]]:
    """The records and problems of ``rows``, and each row's key (``name=value``) by its
    position, for the rows that have one."""
    problems: list[Problem] = []
    entries: list[tuple[int, Mapping[str, Any]]] = []
    for number, row in enumerate(rows, start=1):
        if isinstance(row, Mapping):
            entries.append((number, row))
        else:
            bad = {"expected_kind": "mapping"}
            problems.append(
                Problem(ProblemCode.bad_value, source, sheet, number, None, None, _show(row), bad)
            )
    keys: list[str] = []
    for _, entry in entries:
        keys += [str(key) for key in entry if str(key) not in keys]
    table_rows: list[Row] = [(0, list(keys))]
    table_rows += [(n, [_value(entry, key) for key in keys]) for n, entry in entries]
    table = Table(sheet, table_rows, iter(()), column_names=keys, keyed=True)
    header = find_header([cells for _, cells in table.head], compiled.criteria)
    if header is None:
        id_field = compiled.criteria.field(compiled.criteria.identity.id)
        missing = Problem(
            ProblemCode.missing_column,
            source,
            sheet,
            field=id_field.id,
            params={"label": id_field.label},
        )
        return CheckedRecords([], [*problems, missing] if entries else problems), {}
    reader = RowReader(compiled, source, table, header)
    problems += reader.header_problems()
    records = list(reader.records())
    return CheckedRecords(records, problems + reader.problems), _row_keys(entries, key)


def _row_keys(entries: list[tuple[int, Mapping[str, Any]]], key: str | None) -> dict[int, str]:
    if key is None:
        return {}
    keys = {}
    for number, entry in entries:
        value = _value(entry, key)
        if value is not None and str(value).strip():
            keys[number] = f"{key}={_show_key(value)}"
    return keys


def _show_key(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _keyed(
    problems: list[Problem], keys: Mapping[int, str], source: str, sheet: str | None
) -> list[Problem]:
    """``problems`` with each row that has a key named by it."""
    if not keys:
        return problems
    keyed = []
    for problem in problems:
        key = keys.get(problem.row) if problem.row is not None else None
        ours = problem.file == source and problem.sheet == sheet
        keyed.append(dataclasses.replace(problem, key=key) if key and ours else problem)
    return keyed


def evaluate_mappings(
    compiled: CompiledCriteria,
    rows: Iterable[Mapping[str, Any]],
    *,
    year: int | None = None,
    source: str = PYTHON_SOURCE,
    sheet: str | None = None,
    key: str | None = None,
) -> CheckedRun:
    """Read ``rows`` as ``read_mappings`` does and evaluate the records that could be read.

    ``year`` is the assessment year (this year when not given), which decides whether an
    earlier recognition is still valid. Roll-ups over other titles are not available here:
    their items are not assessable, as when a file has no sheet for the members.
    """
    read, keys = _read(compiled, rows, source, sheet, key)
    run = evaluate_records(compiled, read, year)
    return dataclasses.replace(run, problems=_keyed(run.problems, keys, source, sheet))


def evaluate_records(
    compiled: CompiledCriteria, read: CheckedRecords, year: int | None = None
) -> CheckedRun:
    """Evaluate records already read (from mappings or a stream) in the year ``year``."""
    title = compiled.criteria.id
    assessed = year or dt.date.today().year
    if not dt.MINYEAR <= assessed <= dt.MAXYEAR:
        raise DateError(ErrorCode.bad_year, given=str(assessed), year=assessed)
    outcome = evaluate_titles({title: read.records}, {title: compiled}, assessed)
    return CheckedRun(
        outcome.results[title],
        read.problems + outcome.problems,
        compiled,
        dt.date(assessed, 12, 31),
    )


def read_stream(compiled: CompiledCriteria, stream: IO[bytes] | bytes, name: str) -> CheckedRecords:
    """Read the records of one file given as bytes or a binary stream, as a file is read.

    ``name`` (e.g. ``"xa.xlsx"``) tells the format by its suffix and names the file in
    problems and in the records' sources. Raises ``InputError`` when the file cannot be
    read at all (unknown format, broken, no table matching ``compiled``).
    """
    with tempfile.TemporaryDirectory(prefix="hoctap-") as folder:
        # The readers open files by path; the copy keeps the caller's name and suffix.
        path = Path(folder) / _copy_name(name)
        with path.open("wb") as copy:
            if isinstance(stream, bytes):
                copy.write(stream)
            else:
                shutil.copyfileobj(stream, copy)
        try:
            read = read_input(open_input(path), compiled)
        except InputError as exc:
            raise InputError(_renamed(exc.problem, str(path), name)) from None
        records = [
            dataclasses.replace(r, source=dataclasses.replace(r.source, file=name))
            for r in read.records
        ]
        problems = [_renamed(problem, str(path), name) for problem in read.problems]
    return CheckedRecords(records, problems)


def _copy_name(name: str) -> str:
    """The name of the temporary copy: the caller's own when a file system takes it (the
    year in "xa-2025.xlsx" and ids made from the file name come from it), else only its
    suffix, so that a name with a slash, a NUL byte or hundreds of letters reads the same."""
    shown = Path(name).name
    fits = shown not in ("", ".", "..") and "\x00" not in shown
    if fits and len(shown.encode("utf-8")) <= 200:
        return shown
    suffix = Path(shown.replace("\x00", "")).suffix
    return "input" + (suffix if len(suffix) <= 8 else "")


def _renamed(problem: Problem, path: str, name: str) -> Problem:
    """``problem`` of the temporary copy at ``path``, said of the caller's ``name``."""
    params = {
        # Only plain text: a code among the params (a StrEnum) must stay the code it is.
        key: value.replace(path, name) if type(value) is str else value
        for key, value in problem.params.items()
    }
    return dataclasses.replace(problem, file=name, params=params)


def _value(entry: Mapping[str, Any], key: str) -> Any:
    if key in entry:
        return entry[key]
    return next((value for name, value in entry.items() if str(name) == key), None)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"
