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
from hoctap_cli.criteria.model import Constraint, FieldType
from hoctap_cli.problems import Problem, unreadable_fields
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
    block = _Block(reader, picked(table.numbers, kept))
    criteria = reader.compiled.criteria
    for field_id, columns, convert in plan.readers:
        if not isinstance(convert, Remembering):
            return None
        read = _Read(field_id, columns[0], criteria.field(field_id).type, convert)
        made = _normalised(block, read, table.cells(columns[0], kept))
        if made is None:
            return None
        block.fields[field_id] = made
    block.identify(plan.required)
    block.constrain()
    block.give_villages(picked(table.villages, kept))
    for index in sorted(block.problems):
        reader.problems += block.problems[index]
    hidden = [n for n in block.numbers if n in reader.table.hidden_rows]
    return block.records(), hidden


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


def _normalised(block: _Block, read: _Read, cells: Sequence[Any]) -> list[Any] | None:
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
        bad = block.reader._bad
        for index, value in enumerate(values):
            if value.__class__ is _Refused:
                number = block.numbers[index]
                block.note(index, bad(number, read.column, read.field, value.cell, value.error))
                values[index] = MISSING
    return values


class _Block:
    """Rows of a block being read: their values by field, row numbers, problems by row
    (index in the block), and which rows are still applicants."""

    def __init__(self, reader: RowReader, numbers: list[int]) -> None:
        self.reader = reader
        self.numbers = numbers
        self.problems: dict[int, list[Problem]] = {}
        self.alive = [True] * len(numbers)
        self.fields = {name: [value] * len(numbers) for name, value in reader._defaults.items()}

    def note(self, index: int, problem: Problem) -> None:
        self.problems.setdefault(index, []).append(problem)

    def identify(self, required: list[str]) -> None:
        """Applicants have an id not seen before in the title's tables of this file, and
        every required value; the other rows get their problems, as the row reader's."""
        reader, criteria = self.reader, self.reader.compiled.criteria
        id_field, columns = criteria.identity.id, reader.header.columns
        ids = self.fields[id_field]
        for index, applicant_id in enumerate(ids):
            number = self.numbers[index]
            if applicant_id is MISSING:
                self.note(index, reader.missing_id(number, columns[id_field], self.name(index)))
                self.alive[index] = False
                continue
            repeated = reader.seen_before(
                str(applicant_id), number, columns[id_field], self.name(index)
            )
            if repeated is not None:
                self.note(index, repeated)
                self.alive[index] = False
        lacking: set[int] = set()
        for field_id in required:  # per row in the order of ``required``, as the row reader
            for index, value in enumerate(self.fields[field_id]):
                if value is MISSING and self.alive[index]:
                    problem = reader.missing_required(
                        self.numbers[index],
                        columns[field_id],
                        field_id,
                        str(ids[index]),
                        self.name(index),
                    )
                    self.note(index, problem)
                    lacking.add(index)
        for index in lacking:
            self.alive[index] = False

    def name(self, index: int) -> str:
        """The name a row gave, so that a row left out can still be listed by who it is."""
        names = self.fields.get(self.reader.compiled.criteria.identity.name or "")
        given = MISSING if names is None else names[index]
        return "" if given is MISSING else str(given)

    def constrain(self) -> None:
        """The criteria's constraints on the applicants' rows: both values of a broken one
        dropped, with its problem (``cross_checks``), each distinct set of values checked
        once."""
        reader, fields = self.reader, self.fields
        constraints = reader.compiled.criteria.constraints
        involved = sorted({n for c in constraints for n in (c.field, c.other)} & set(fields))
        if not involved:
            return
        keys = list(zip(*(fields[name] for name in involved), strict=True))
        breaks = {key: _breaks(involved, key, constraints) for key in set(keys)}
        for index, key in enumerate(keys):
            if not (breaks[key] and self.alive[index]):
                continue
            values = self.values(index)
            where = (reader.file, reader.table.sheet, self.numbers[index])
            criteria = reader.compiled.criteria
            for problem in apply_constraints(criteria, values, where, reader._letters.get):
                self.note(index, problem)
            for name in involved:
                if name not in values:
                    fields[name][index] = MISSING

    def values(self, index: int) -> dict[str, Any]:
        return {
            n: column[index] for n, column in self.fields.items() if column[index] is not MISSING
        }

    def give_villages(self, villages: list[str | None]) -> None:
        """The village a section heading names, to rows that do not give their own."""
        village_field = self.reader.compiled.criteria.identity.village
        if village_field is None or all(v is None for v in villages):
            return
        own = self.fields.get(village_field) or [MISSING] * len(villages)
        self.fields[village_field] = [
            value if value is not MISSING or given is None else given
            for value, given in zip(own, villages, strict=True)
        ]

    def records(self) -> RecordColumns:
        """The applicants' records; a field whose cell was filled but refused is unreadable."""
        keep = [index for index, living in enumerate(self.alive) if living]
        fields = self.fields
        if len(keep) < len(self.alive):
            fields = {name: picked(column, keep) for name, column in fields.items()}
        unreadable = {}
        for new, old in enumerate(keep):
            refused = unreadable_fields(self.problems.get(old, ()))
            if refused:
                unreadable[new] = refused
        reader = self.reader
        origin = Origin(reader.file, reader.table.sheet, reader._letters)
        return RecordColumns(fields, picked(self.numbers, keep), [origin], None, unreadable)


def _breaks(involved: list[str], key: tuple[Any, ...], constraints: list[Constraint]) -> bool:
    """Whether values of ``involved`` (``MISSING`` for blank) break a constraint."""
    values = {name: v for name, v in zip(involved, key, strict=True) if v is not MISSING}
    return bool(broken(values, constraints))
