"""Reading a plain table's data rows a column at a time.

A table with one column per field (an .xlsx, .xls, .ods or CSV sheet, its rows found by
the layout step) is read here as the row reader (``tabular.RowReader``) reads it, with
the same records, problems and order of problems, but a column at a time: each column's
cells are told blank or not, and normalised, once per distinct cell; the row checks (an
id, ids seen before, required values, the criteria's constraints) look at the columns;
records are kept as columns (``RecordColumns``), never as a dict per row.

The row reader still reads what needs a row at a time: YAML records, tables whose ids are
made from the STT column, cells with formulas the file never computed, and text in a
legacy encoding (``read_columns`` then gives None before anything is recorded).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from hoctap_cli.criteria.constraints import broken
from hoctap_cli.criteria.expr import MISSING
from hoctap_cli.criteria.model import FieldType
from hoctap_cli.problems import REFUSED_CELLS, Problem, ProblemCode
from hoctap_cli.records.cross_checks import apply_constraints
from hoctap_cli.records.layout import DataRow
from hoctap_cli.records.legacy_text import could_be_legacy
from hoctap_cli.records.record_columns import Origin, RecordColumns
from hoctap_cli.records.values import (
    NORMALISED_MEMORY,
    UNSEEN,
    BadValue,
    Remembering,
    is_blank,
    unlegacy,
)

if TYPE_CHECKING:
    from hoctap_cli.records.tabular import ReadPlan, RowReader


class _Refused:
    """A cell its normaliser refused, and why."""

    __slots__ = ("cell", "error")

    def __init__(self, cell: Any, error: BadValue) -> None:
        self.cell, self.error = cell, error


def read_columns(
    reader: RowReader, plan: ReadPlan, rows: list[DataRow]
) -> tuple[RecordColumns, list[int]] | None:
    """Some of the table's data rows read: their records and hidden rows, with every
    problem added to ``reader.problems`` as the row reader adds them. None, with nothing
    recorded, for rows the row reader must read (text in a legacy encoding)."""
    table = _Columns.of(rows, plan.mapped)
    if table is None:
        return empty(reader), []
    id_column = reader.header.columns.get(reader.compiled.criteria.identity.id)
    kept = table.kept(table.position.get(id_column, 0) if id_column is not None else 0)
    numbers = picked(table.numbers, kept)
    problems: dict[int, list[Problem]] = {}  # row (index in ``kept``) → its problems, in order
    fields = {name: [value] * len(kept) for name, value in reader._defaults.items()}
    criteria = reader.compiled.criteria
    for field_id, columns, convert in plan.readers:
        if not isinstance(convert, Remembering):
            return None
        cells = table.cells(columns[0], kept)
        kind = criteria.field(field_id).type
        read = _Read(field_id, columns[0], kind, convert)
        made = _normalised(reader, read, cells, numbers, problems)
        if made is None:
            return None
        fields[field_id] = made
    alive = _identify(reader, plan, fields, numbers, problems)
    _constrain(reader, fields, numbers, alive, problems)
    villages = picked(table.villages, kept)
    village_field = criteria.identity.village
    if village_field is not None and any(v is not None for v in villages):
        own = fields.get(village_field) or [MISSING] * len(kept)
        fields[village_field] = [
            v if v is not MISSING or given is None else given
            for v, given in zip(own, villages, strict=True)
        ]
    for index in sorted(problems):
        reader.problems += problems[index]
    hidden = [n for n in numbers if n in reader.table.hidden_rows]
    return _kept(reader, fields, numbers, alive, problems), hidden


def empty(reader: RowReader) -> RecordColumns:
    """No records, from the reader's table."""
    origin = Origin(reader.file, reader.table.sheet, reader._letters)
    return RecordColumns({}, [], [origin])


class _Columns:
    """A table's data rows: row numbers, villages, and the cells of the mapped columns."""

    def __init__(
        self, numbers: list[int], villages: list[str | None], cells: list[tuple[Any, ...]]
    ) -> None:
        self.numbers = numbers
        self.villages = villages
        self.by_column = cells  # the cells of each mapped column, in ``mapped`` order
        self.position: dict[int, int] = {}

    @classmethod
    def of(cls, rows: list[DataRow], mapped: list[int]) -> _Columns | None:
        if not rows or not mapped:
            return None
        top = mapped[-1]
        cells = [c if len(c) > top else c + [None] * (top + 1 - len(c)) for _, c, _ in rows]
        pick = itemgetter(*mapped)
        picked = list(map(pick, cells)) if len(mapped) > 1 else [(pick(c),) for c in cells]
        made = cls(
            [n for n, _, _ in rows], [v for _, _, v in rows], list(zip(*picked, strict=True))
        )
        made.position = {column: index for index, column in enumerate(mapped)}
        return made

    def kept(self, first: int) -> list[int]:
        """Rows with something in a mapped column: the others are not applicants. The
        ``first`` column (the id's) settles most rows; only rows blank there look further."""
        undecided: Sequence[int] = range(len(self.numbers))
        order = [first, *(i for i in range(len(self.by_column)) if i != first)]
        for position in order:
            column = self.by_column[position]
            if len(undecided) < len(column):
                column = tuple(column[i] for i in undecided)
            blank = _blanks(column)
            undecided = [
                row for row, is_blank_cell in zip(undecided, blank, strict=True) if is_blank_cell
            ]
            if not undecided:
                break
        dropped = set(undecided)
        return [index for index in range(len(self.numbers)) if index not in dropped]

    def cells(self, column: int, kept: list[int]) -> Sequence[Any]:
        return picked(self.by_column[self.position[column]], kept)


def picked(values: Sequence[Any], indexes: list[int]) -> list[Any]:
    """``values`` at ``indexes`` (all of them, in order, when there are as many)."""
    if len(indexes) == len(values):
        return list(values)
    if len(indexes) < 2:
        return [values[index] for index in indexes]
    return list(itemgetter(*indexes)(values))


def _blanks(column: Sequence[Any]) -> list[bool]:
    """Whether each cell is blank, told once per distinct cell."""
    try:
        known = {cell: is_blank(cell) for cell in set(column)}
    except TypeError:  # a caller's cell that cannot be hashed: told one by one
        return list(map(is_blank, column))
    return list(map(known.__getitem__, column))


class _Read(NamedTuple):
    """One field's column: its id, its column, its type and its normaliser."""

    field: str
    column: int
    kind: FieldType
    convert: Remembering


# Numbers of different types may be equal (True == 1 == 1.0) and read differently: a column
# holding more than one of them is normalised keyed by type and value, the others by value.
_NUMERIC = frozenset({bool, int, float, Decimal, Fraction, complex})


def _normalised(
    reader: RowReader,
    read: _Read,
    cells: Sequence[Any],
    numbers: list[int],
    problems: dict[int, list[Problem]],
) -> list[Any] | None:
    """The column's values (``MISSING`` for a blank or refused cell), each distinct cell
    normalised once; a problem for each refused cell, at its row. None for a column the
    row reader must read: a cell of legacy text it would convert, or one that cannot be
    remembered (a caller's)."""
    kinds = set(map(type, cells))
    by_value = len(kinds & _NUMERIC) <= 1
    keys: Sequence[Any] = cells if by_value else list(zip(map(type, cells), cells, strict=True))
    try:
        distinct = set(keys)
    except TypeError:
        return None
    made: dict[Any, Any] = {}
    refused = False
    # The normaliser's memory is looked in first and filled while it has room; a column of
    # names or ids, all different, goes straight to the conversion, as a miss would.
    memory, convert = read.convert.memory, read.convert.convert
    for key in distinct:
        cell = key if by_value else key[1]
        if cell.__class__ is str and could_be_legacy(cell):
            if unlegacy(cell, read.kind, read.convert, None)[1] is not None:
                return None  # converted from here on, as the row reader would
        value = memory.get((cell.__class__, cell), UNSEEN) if memory else UNSEEN
        if value is UNSEEN:
            try:
                value = convert(cell)
                if len(memory) < NORMALISED_MEMORY:
                    memory[(cell.__class__, cell)] = value
            except BadValue as error:
                # Kept without its traceback: the traceback's frame holds this column, and
                # reading runs with the cyclic collector off.
                made[key] = _Refused(cell, error.with_traceback(None))
                refused = True
                continue
        made[key] = MISSING if value is None else value
    values = list(map(made.__getitem__, keys))
    if refused:
        for index, value in enumerate(values):
            if value.__class__ is _Refused:
                problem = reader._bad(
                    numbers[index], read.column, read.field, value.cell, value.error
                )
                problems.setdefault(index, []).append(problem)
                values[index] = MISSING
    return values


def _identify(
    reader: RowReader,
    plan: ReadPlan,
    fields: dict[str, list[Any]],
    numbers: list[int],
    problems: dict[int, list[Problem]],
) -> list[bool]:
    """Which rows are applicants: each has an id not seen before in the title's tables
    of this file, and every required value; the others get their problems."""
    criteria = reader.compiled.criteria
    id_field = criteria.identity.id
    columns = reader.header.columns
    names = fields.get(criteria.identity.name) if criteria.identity.name else None
    alive = [True] * len(numbers)
    sheet, seen = reader.table.sheet, reader.seen_ids
    label = criteria.field(id_field).label
    for index, applicant_id in enumerate(fields[id_field]):
        number = numbers[index]
        if applicant_id is MISSING:
            name = _name(names, index)
            problem = reader._problem(
                ProblemCode.missing_id,
                number,
                columns[id_field],
                id_field,
                None,
                label=label,
                name=name,
            )
            problems.setdefault(index, []).append(problem)
            alive[index] = False
            continue
        here = (sheet, number)
        first = seen.setdefault(str(applicant_id), here)
        if first != here:
            first_sheet, first_row = first
            # Another sheet of the same workbook: say which, "dòng 2" alone would mislead.
            shown = first_row if first_sheet == sheet else f"{first_row} (trang '{first_sheet}')"
            problem = reader._problem(
                ProblemCode.duplicate_id,
                number,
                columns[id_field],
                id_field,
                str(applicant_id),
                first_row=shown,
                name=_name(names, index),
            )
            problems.setdefault(index, []).append(problem)
            alive[index] = False
    lacking: set[int] = set()
    for field_id in plan.required:  # a row without a required value is not evaluated
        column = fields[field_id]
        field_label = criteria.field(field_id).label
        for index, value in enumerate(column):
            if value is MISSING and alive[index]:
                problem = reader._problem(
                    ProblemCode.missing_required,
                    numbers[index],
                    columns[field_id],
                    field_id,
                    None,
                    label=field_label,
                    applicant_id=str(fields[id_field][index]),
                    name=_name(names, index),
                )
                problems.setdefault(index, []).append(problem)
                lacking.add(index)
    for index in lacking:
        alive[index] = False
    return alive


def _name(names: list[Any] | None, index: int) -> str:
    """The name a row gave, so that a row left out can still be listed by who it is."""
    given = MISSING if names is None else names[index]
    return "" if given is MISSING else str(given)


def _constrain(
    reader: RowReader,
    fields: dict[str, list[Any]],
    numbers: list[int],
    alive: list[bool],
    problems: dict[int, list[Problem]],
) -> None:
    """The criteria's constraints on the applicants' rows: both values of a broken one
    dropped, with its problem (``cross_checks``), each distinct set of values checked once."""
    criteria = reader.compiled.criteria
    constraints = criteria.constraints
    if not constraints:
        return
    involved = sorted(
        ({c.field for c in constraints} | {c.other for c in constraints}) & set(fields)
    )
    keys = list(zip(*(fields[name] for name in involved), strict=True))
    breaks = {
        key: bool(
            broken(
                {n: v for n, v in zip(involved, key, strict=True) if v is not MISSING}, constraints
            )
        )
        for key in set(keys)
    }
    if not any(breaks.values()):
        return
    for index, key in enumerate(keys):
        if not (breaks[key] and alive[index]):
            continue
        values = {
            name: column[index] for name, column in fields.items() if column[index] is not MISSING
        }
        where = (reader.file, reader.table.sheet, numbers[index])
        problems.setdefault(index, []).extend(
            apply_constraints(criteria, values, where, reader._letters.get)
        )
        for name in involved:
            if name not in values:
                fields[name][index] = MISSING


def _kept(
    reader: RowReader,
    fields: dict[str, list[Any]],
    numbers: list[int],
    alive: list[bool],
    problems: dict[int, list[Problem]],
) -> RecordColumns:
    """The applicants' records; a field whose cell was filled but refused is unreadable."""
    keep = [index for index, living in enumerate(alive) if living]
    if len(keep) < len(alive):
        fields = {name: picked(column, keep) for name, column in fields.items()}
    unreadable: dict[int, frozenset[str]] = {}
    for new, old in enumerate(keep):
        refused = set()
        for problem in problems.get(old, ()):
            if problem.code in REFUSED_CELLS and problem.field:
                refused.add(problem.field)
                other = problem.params.get("other_field")
                if isinstance(other, str):
                    refused.add(other)  # a broken constraint refuses both of its cells
        if refused:
            unreadable[new] = frozenset(refused)
    origin = Origin(reader.file, reader.table.sheet, reader._letters)
    return RecordColumns(fields, picked(numbers, keep), [origin], None, unreadable)
