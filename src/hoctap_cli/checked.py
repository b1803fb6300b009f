"""The checked entry for Python callers: plain mappings in, results and problems out.

The engine itself trusts its input (it is fed by the readers, which normalise every cell).
A caller from Python hands it raw values: ``"hai"`` in a count, ``7.5`` as text, a key
spelled as its column label. ``evaluate_mappings`` puts them through the very reader a
YAML file of records goes through, so they are normalised and validated the same way and
give the same located problems (the record's position stands for the row, its key for
the column), never a ``TypeError``. Each mapping is one record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hoctap_cli.criteria.loader import CompiledCriteria
from hoctap_cli.engine.evaluate import Record
from hoctap_cli.engine.levels import evaluate_levels
from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.problems import Problem, ProblemCode
from hoctap_cli.records.headers import find_header
from hoctap_cli.records.sources import Row, Table
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

    results: list[ApplicantResult]
    problems: list[Problem] = field(default_factory=list)
    # What decided, so the run serialises as the same document as a run of files.
    criteria: CompiledCriteria | None = None
    as_of: dt.date | None = None  # 31 December of the assessment year


def read_mappings(
    compiled: CompiledCriteria,
    rows: Iterable[Mapping[str, Any]],
    source: str = PYTHON_SOURCE,
    sheet: str | None = None,
) -> CheckedRecords:
    """Normalise and validate ``rows`` (keys: field ids, labels or aliases) as file input.

    The n-th mapping is row n of ``source`` (and of ``sheet``, e.g. a database table,
    when given) in problems; a value that is not a mapping is reported as such and skipped.
    """
    problems: list[Problem] = []
    entries: list[tuple[int, Mapping[str, Any]]] = []
    for number, row in enumerate(rows, start=1):
        if isinstance(row, Mapping):
            entries.append((number, row))
        else:
            bad = {"expected": "một bảng khóa: giá trị (dict)"}
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
        return CheckedRecords([], [*problems, missing] if entries else problems)
    reader = RowReader(compiled, source, table, header)
    problems += reader.header_problems()
    records = list(reader.records())
    return CheckedRecords(records, problems + reader.problems)


def evaluate_mappings(
    compiled: CompiledCriteria,
    rows: Iterable[Mapping[str, Any]],
    *,
    year: int | None = None,
    source: str = PYTHON_SOURCE,
    sheet: str | None = None,
) -> CheckedRun:
    """Read ``rows`` as ``read_mappings`` does and evaluate the records that could be read.

    ``year`` is the assessment year (this year when not given), which decides whether an
    earlier recognition is still valid. Roll-ups over other titles are not available here:
    their items are not assessable, as when a file has no sheet for the members.
    """
    read = read_mappings(compiled, rows, source, sheet)
    title = compiled.criteria.id
    assessed = year or dt.date.today().year
    outcome = evaluate_levels({title: read.records}, {title: compiled}, assessed)
    return CheckedRun(
        outcome.results[title],
        read.problems + outcome.problems,
        compiled,
        dt.date(assessed, 12, 31),
    )


def _value(entry: Mapping[str, Any], key: str) -> Any:
    if key in entry:
        return entry[key]
    return next((value for name, value in entry.items() if str(name) == key), None)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"
