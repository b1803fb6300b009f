"""Records held as columns: one list of values per field, one entry per applicant.

A sheet of half a million households read as one dict and one ``SourceRow`` per row is
most of a run's memory, and most of its values are the same few objects (a count of 2,
a score of 7,5, a village's name). ``RecordColumns`` keeps each field as a list, a blank
as ``MISSING``, and where each row was as its row number and its table. It is a read-only
sequence of ``Record`` (each made when asked for, equal to the record the row reader
makes) and the engine's table of applicants (``column``, ``values``, ``source``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from hoctap_cli.criteria.expr import MISSING
from hoctap_cli.made_on_read import MadeOnRead
from hoctap_cli.records.record import Record, SourceRow


class Applicants(Protocol):
    """The applicants of one title as columns, as the engine reads them."""

    def __len__(self) -> int: ...

    def column(self, field: str) -> Sequence[Any]:
        """The field's value for every applicant, ``MISSING`` where it is blank."""
        ...

    def values(self, index: int) -> dict[str, Any]:
        """One applicant's values (blank fields absent), as the rules read them."""
        ...

    def source(self, index: int) -> SourceRow:
        """Where one applicant was read."""
        ...


@dataclass(frozen=True)
class Origin:
    """A table rows were read from: its file and sheet, and each field's column there."""

    file: str
    sheet: str | None
    columns: Mapping[str, str]


@dataclass(eq=False)  # equal to a list of the same records (``MadeOnRead``)
class RecordColumns(MadeOnRead[Record]):
    """Records of one or more tables as columns (see the module's text)."""

    fields: dict[str, list[Any]]  # field id → its value in every row, MISSING when blank
    rows: list[int]  # each record's row number in its table
    origins: list[Origin]
    origin_of: list[int] | None = None  # each record's table; None: all from the first
    unreadable: dict[int, frozenset[str]] = field(default_factory=dict)  # index → fields

    def __len__(self) -> int:
        return len(self.rows)

    def _made(self, index: int) -> Record:
        return Record(self.values(index), self.source(index))

    def column(self, field: str) -> Sequence[Any]:
        found = self.fields.get(field)
        return found if found is not None else [MISSING] * len(self)

    def values(self, index: int) -> dict[str, Any]:
        return {
            name: column[index]
            for name, column in self.fields.items()
            if column[index] is not MISSING
        }

    def source(self, index: int) -> SourceRow:
        origin = self.origins[0 if self.origin_of is None else self.origin_of[index]]
        return SourceRow(
            origin.file,
            origin.sheet,
            self.rows[index],
            origin.columns,
            unreadable=self.unreadable.get(index, frozenset()),
        )


def join_records(parts: Sequence[Sequence[Record]]) -> Sequence[Record]:
    """Records of several tables as one sequence: columns stay columns (one entry per
    field and row, in order), anything else becomes a list."""
    if len(parts) == 1:
        return parts[0]
    if not parts or not all(isinstance(part, RecordColumns) for part in parts):
        return [record for part in parts for record in part]
    tables: list[RecordColumns] = list(parts)  # type: ignore[arg-type]  # checked above
    names = list(dict.fromkeys(name for table in tables for name in table.fields))
    joined: dict[str, list[Any]] = {name: [] for name in names}
    rows: list[int] = []
    unreadable: dict[int, frozenset[str]] = {}
    origins = [origin for table in tables for origin in table.origins]
    one_table = all(origin == origins[0] for origin in origins)  # blocks of one table
    origin_of: list[int] = []
    shift = 0
    for table in tables:
        start = len(rows)
        for name in names:
            joined[name] += table.column(name)
        rows += table.rows
        for index, fields in table.unreadable.items():
            unreadable[start + index] = fields
        if not one_table:
            which = table.origin_of or [0] * len(table)
            origin_of += [shift + number for number in which]
        shift += len(table.origins)
    if one_table:
        return RecordColumns(joined, rows, origins[:1], None, unreadable)
    return RecordColumns(joined, rows, origins, origin_of, unreadable)
