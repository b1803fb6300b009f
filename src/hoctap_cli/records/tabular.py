"""Turning a table's rows into records: header, cells, problems, duplicate ids."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.score_fields import council_covered, part_mark_covered
from hoctap_cli.problems import Problem, ProblemCode, unreadable_fields
from hoctap_cli.records.cross_checks import apply_constraints
from hoctap_cli.records.headers import HeaderMatch
from hoctap_cli.records.layout import DataRow, TableLayout
from hoctap_cli.records.layout_notices import skipped_notice
from hoctap_cli.records.legacy_text import CONVERTERS, could_be_legacy
from hoctap_cli.records.record import Record, SourceRow
from hoctap_cli.records.record_columns import join_records
from hoctap_cli.records.row_ids import StableIds, unmatched_notices
from hoctap_cli.records.sources import Table
from hoctap_cli.records.values import (
    UNSEEN,
    BadValue,
    Remembering,
    absent_defaults,
    is_blank,
    normaliser,
    unlegacy,
)
from hoctap_cli.records.xlsx_scan import FormulaCell


@dataclass
class SheetLayout:
    """Where a table's header is and which column holds which field."""

    file: str
    sheet: str | None
    header_row: int
    columns: dict[str, str]  # field id → column letter
    title: str = ""  # the criteria id the table was read with


_Reader = tuple[str, list[int], Callable[[Any], Any]]
COLUMN_BLOCK = 4096  # data rows read as columns at a time: their cells are held meanwhile


@dataclass(frozen=True)
class ReadPlan:
    """How a table's cells are read: (field, its columns, its normaliser) in the header's
    order, the required fields the header has, and every column holding a field."""

    readers: list[_Reader]
    required: list[str]
    mapped: list[int]


_PlainReader = tuple[str, int, Callable[[Any], Any], dict[tuple[type, Any], Any]]
_PlainReaders = tuple[list[_Reader], list[_PlainReader], dict[str, int]]


@dataclass
class RowReader:
    """Reads the data rows of one table against one criteria file."""

    compiled: CompiledCriteria
    file: str
    table: Table
    header: HeaderMatch
    problems: list[Problem] = field(default_factory=list)
    _defaults: dict[str, Any] = field(default_factory=dict)
    seen_ids: dict[str, tuple[str | None, int]] = field(default_factory=dict)  # id → sheet, row
    _legacy: str | None = None  # the legacy encoding last found in this table's cells
    _row_start: int = 0  # where the problems of the row being read begin
    _layout: TableLayout = field(default_factory=lambda: TableLayout(0, frozenset()))
    _stable: StableIds | None = None  # ids made from the STT column, when there is no id column
    id_name: str | None = None  # the file's name in those ids
    # For a table with one column per field: (the readers, (field, column, normaliser, its
    # memory, empty for a reader that must not remember) of each, field → column), made on
    # its first row.
    _plain_readers: _PlainReaders | None = None

    def layout(self) -> SheetLayout:
        row = self.table.head[self.header.row_index][0]
        letters = {f: self._letter(c) for f, c in self.header.columns.items()}
        return SheetLayout(self.file, self.table.sheet, row, letters, self.compiled.criteria.id)

    def _letter(self, column: int) -> str:
        return self.table.column_label(column)

    def header_problems(self) -> list[Problem]:
        """Columns that are missing or repeated in the header row."""
        criteria = self.compiled.criteria
        used = {f for rule in self.compiled.rules.values() for f in rule.fields}
        used |= {item.field for _, item in criteria.items() if item.field}
        used -= council_covered(self.compiled, self.header.columns)  # given as one score
        used -= part_mark_covered(self.compiled, self.header.columns)  # given item by item
        header_row = self.table.head[self.header.row_index][0]
        found = self._header_notices(header_row)
        if self.table.keyed:
            return found
        found += unmatched_notices(self.file, self.table, self.header, criteria, header_row)
        stable = self._stable_ids()
        if stable is not None:
            found.append(stable.notice(header_row))
        for declared in criteria.fields:
            if declared.id == criteria.identity.id and stable is not None:
                continue
            if declared.id not in self.header.columns and (
                declared.required or declared.id in used
            ):
                found.append(
                    self._problem(
                        ProblemCode.missing_column,
                        header_row,
                        None,
                        declared.id,
                        None,
                        label=declared.label,
                    )
                )
        if self._keyed:  # records may each name a field by another key: checked per row
            return found
        for field_id, later in self.header.duplicates.items():
            found.append(
                self._problem(
                    ProblemCode.duplicate_column,
                    header_row,
                    later[0],
                    field_id,
                    None,
                    label=criteria.field(field_id).label,
                )
            )
        return found

    def _header_notices(self, header_row: int) -> list[Problem]:
        """Header cells typed in a legacy encoding, read in Unicode."""
        return [
            self._converted(header_row, column, None, text, converted, encoding)
            for column, text, converted, encoding in self.header.converted
        ]

    def _stable_ids(self) -> StableIds | None:
        """The maker of ids from the STT column, for a table with no id column."""
        id_field = self.compiled.criteria.identity.id
        if self._stable is None and id_field not in self.header.columns:
            if self.header.stt is not None and not self._keyed:
                column = self.table.column_label(self.header.stt)
                self._stable = StableIds(
                    self.file, self.table.sheet, self.header.stt, column, self.id_name
                )
        return self._stable

    @property
    def _keyed(self) -> bool:
        """Columns are the keys of YAML records, where a label and an alias may both appear."""
        return self.table.column_names is not None

    def _columns(self, field_id: str, column: int) -> list[int]:
        if not self._keyed:
            return [column]
        return [column, *self.header.duplicates.get(field_id, [])]

    @functools.cached_property
    def _letters(self) -> dict[str, str]:
        """Field → column of this table, shared by all its records."""
        return self.layout().columns

    def records(self) -> Iterator[Record]:
        """The table's records, read row by row."""
        plan = self._plan()
        yield from self._records_of(plan, self._data_rows(plan.mapped), [])

    def read(self) -> Sequence[Record]:
        """The table's records: as columns when its cells allow (``column_reader``), else
        read row by row; the same records and problems either way. Rows are taken a block
        at a time, so that a sheet's cells are not all held at once."""
        from hoctap_cli.records.column_reader import empty, read_columns

        plan = self._plan()
        rows = self._data_rows(plan.mapped)
        if self._keyed or self.table.formulas or self._stable is not None or self._legacy:
            return list(self._records_of(plan, rows, []))
        parts: list[Sequence[Record]] = []
        hidden: list[int] = []
        while block := list(itertools.islice(rows, COLUMN_BLOCK)):
            made = read_columns(self, plan, block)
            if made is None:  # legacy text: from here on row by row, as its encoding carries on
                rest = itertools.chain(block, rows)
                parts.append(list(self._records_of(plan, rest, hidden)))
                return join_records(parts)
            parts.append(made[0])
            hidden += made[1]
        self._finish(hidden)
        return join_records(parts) if parts else empty(self)

    def _plan(self) -> ReadPlan:
        """How the table's cells are read: each field's column and normaliser."""
        criteria = self.compiled.criteria
        readers: list[tuple[str, list[int], Callable[[Any], Any]]] = [
            (f, self._columns(f, c), normaliser(criteria.field(f)))
            for f, c in self.header.columns.items()
        ]
        required = [f.id for f in criteria.fields if f.required and f.id in self.header.columns]
        self._defaults = absent_defaults(criteria.fields, self.header.columns)
        # A header typed in a legacy encoding, or a CSV file in one, says what its cells are in.
        found = [encoding for *_, encoding in self.header.converted] + [self.table.note or ""]
        self._legacy = next((name for name in found if name in CONVERTERS), None)
        mapped = sorted(c for _, columns, _ in readers for c in columns)
        stable = self._stable_ids()
        if stable is not None:  # after ``mapped``: a row with only its STT is no applicant
            readers.append((criteria.identity.id, [stable.column], stable.read))
        return ReadPlan(readers, required, mapped)

    def _records_of(
        self, plan: ReadPlan, rows: Iterator[DataRow], hidden: list[int]
    ) -> Iterator[Record]:
        """Records read row by row; ``hidden`` gathers the hidden rows read."""
        village_field = self.compiled.criteria.identity.village
        mapped = plan.mapped
        for number, cells, village in rows:
            # Rows with nothing in a known column (blank, pre-numbered STT) are not applicants.
            if all(is_blank(cells[c]) for c in mapped if c < len(cells)):
                continue
            if number in self.table.hidden_rows:
                hidden.append(number)
            record = self._row(number, cells, plan.readers, plan.required)
            if record is not None:
                if village is not None and village_field is not None:
                    record.values.setdefault(village_field, village)
                yield record
        self._finish(hidden)

    def _finish(self, hidden: list[int]) -> None:
        """The notices said once a table is read: rows left out by the layout, hidden rows."""
        sheet = self.table.sheet
        self.problems += [skipped_notice(self.file, sheet, s) for s in self._layout.skipped]
        if hidden:
            self.problems.append(hidden_rows_notice(self.file, self.table.sheet, hidden))

    def _data_rows(self, mapped: list[int]) -> Iterator[DataRow]:
        """The rows below the header that may be applicants (see ``layout``); YAML records
        are each a record already."""
        rows = self.table.rows_after(self.header.row_index)
        if self._keyed:
            return ((number, cells, None) for number, cells in rows)
        # Without an id column every row is looked at closely (no cell to tell data by).
        id_column = self.header.columns.get(self.compiled.criteria.identity.id, _NO_COLUMN)
        header_row = self.table.head[self.header.row_index][0]
        self._layout = TableLayout(id_column, frozenset(mapped), self.table.merges, header_row)
        return self._layout.data_rows(rows)

    def _row(
        self,
        number: int,
        cells: list[Any],
        readers: list[tuple[str, list[int], Callable[[Any], Any]]],
        required: list[str],
    ) -> Record | None:
        self._row_start = len(
            self.problems
        )  # this row's problems follow, for ``unreadable_fields``
        if not self._keyed:
            return self._plain_row(number, cells, readers, required)
        values: dict[str, Any] = dict(self._defaults)
        used: dict[str, int] = {}
        width = len(cells)
        for field_id, columns, convert in readers:
            filled = [c for c in columns if c < width and not is_blank(cells[c])]
            column = used[field_id] = filled[0] if filled else columns[0]
            for extra in filled[1:]:
                label = self.compiled.criteria.field(field_id).label
                self.problems.append(
                    self._problem(
                        ProblemCode.duplicate_column, number, extra, field_id, None, label=label
                    )
                )
            cell = cells[column] if column < width else None
            value = self._cell(number, column, field_id, cell, convert)
            if value is not None:
                values[field_id] = value
        return self._identify(number, values, required, used)

    def _plain_row(
        self,
        number: int,
        cells: list[Any],
        readers: list[tuple[str, list[int], Callable[[Any], Any]]],
        required: list[str],
    ) -> Record | None:
        """``_row`` for a table with one column per field (xlsx, csv): no duplicates to weigh,
        and a cell that is neither text beyond ASCII nor a blank formula goes straight to
        its normaliser."""
        values: dict[str, Any] = dict(self._defaults)
        plain = self._plain_readers
        if plain is None or plain[0] is not readers:  # made once per table, not per row
            columns = [
                (f, columns[0], convert, convert.memory if isinstance(convert, Remembering) else {})
                for f, columns, convert in readers
            ]
            plain = self._plain_readers = (readers, columns, {f: c for f, c, *_ in columns})
        width = len(cells)
        formulas = self.table.formulas
        for field_id, column, convert, memory in plain[1]:
            cell = cells[column] if column < width else None
            if formulas or (cell.__class__ is str and not cell.isascii()):
                value = self._cell(number, column, field_id, cell, convert)
            else:
                try:
                    value = memory.get((cell.__class__, cell), UNSEEN)
                except TypeError:  # a caller's cell that cannot be remembered
                    value = UNSEEN
                if value is UNSEEN:
                    try:
                        value = convert(cell)
                    except BadValue as exc:
                        self.problems.append(self._bad(number, column, field_id, cell, exc))
                        continue
            if value is not None:
                values[field_id] = value
        return self._identify(number, values, required, plain[2])

    def _cell(
        self, number: int, column: int, field_id: str, cell: Any, convert: Callable[[Any], Any]
    ) -> Any:
        """The value of one cell, or None with its problem recorded; legacy text converted."""
        if self.table.formulas and is_blank(cell):
            formula = self.table.formulas.get((number, column + self.table.column_offset))
            if formula is not None:
                self.problems.append(self._formula(number, column, field_id, formula))
                return None
        if isinstance(cell, str) and could_be_legacy(cell):
            kind = self.compiled.criteria.field(field_id).type
            converted, encoding = unlegacy(cell, kind, convert, self._legacy)
            if encoding is not None:
                self._legacy = encoding
                self.problems.append(
                    self._converted(number, column, field_id, cell, converted, encoding)
                )
                cell = converted
        try:
            return convert(cell)
        except BadValue as exc:
            self.problems.append(self._bad(number, column, field_id, cell, exc))
            return None

    def _converted(
        self, row: int, column: int, field_id: str | None, text: str, unicode: str, encoding: str
    ) -> Problem:
        """The notice that a cell typed in a legacy encoding was read in Unicode."""
        return self._problem(
            ProblemCode.legacy_text_converted,
            row,
            column,
            field_id,
            text,
            converted=unicode,
            encoding=encoding,
        )

    def _formula(self, number: int, column: int, field_id: str, formula: FormulaCell) -> Problem:
        if formula.error is not None:
            return self._problem(ProblemCode.formula_error, number, column, field_id, formula.error)
        shown = "=" + formula.formula if formula.formula else "(công thức dùng chung)"
        return self._problem(ProblemCode.formula_not_calculated, number, column, field_id, shown)

    def _identify(
        self, number: int, values: dict[str, Any], required: list[str], used: dict[str, int]
    ) -> Record | None:
        criteria = self.compiled.criteria
        id_field = criteria.identity.id
        applicant_id = values.get(id_field)
        # The name a row gave, so that a row left out can still be listed by who it is.
        name = "" if (given := values.get(criteria.identity.name)) is None else str(given)
        if applicant_id is None:
            self.problems.append(self.missing_id(number, used[id_field], name))
            return None
        if self._stable is not None:
            applicant_id = values[id_field] = self._stable.unique(str(applicant_id), number)
        repeated = self.seen_before(str(applicant_id), number, used[id_field], name)
        if repeated is not None:
            self.problems.append(repeated)
            return None
        lacking = [f for f in required if f not in values]
        for field_id in lacking:  # a row without a required value is not evaluated
            self.problems.append(
                self.missing_required(number, used[field_id], field_id, str(applicant_id), name)
            )
        if lacking:
            return None
        where = (self.file, self.table.sheet, number)
        self.problems += apply_constraints(criteria, values, where, self._letters.get)
        source = SourceRow(
            self.file,
            self.table.sheet,
            number,
            self._letters,
            unreadable=unreadable_fields(self.problems[self._row_start :]),
            generated_id=self._stable is not None,
        )
        return Record(values, source)

    def missing_id(self, number: int, column: int, name: str) -> Problem:
        """A row with data but no id (``name``: what the row calls the applicant)."""
        criteria = self.compiled.criteria
        id_field = criteria.identity.id
        label = "STT" if self._stable is not None else criteria.field(id_field).label
        return self._problem(
            ProblemCode.missing_id, number, column, id_field, None, label=label, name=name
        )

    def seen_before(self, applicant_id: str, number: int, column: int, name: str) -> Problem | None:
        """The id of row ``number`` noted as seen; the problem if a row before had it."""
        here = (self.table.sheet, number)
        first = self.seen_ids.setdefault(applicant_id, here)
        if first == here:
            return None
        first_sheet, first_row = first
        # Another sheet of the same workbook: say which, "dòng 2" alone would mislead.
        shown = first_row if first_sheet == here[0] else f"{first_row} (trang '{first_sheet}')"
        id_field = self.compiled.criteria.identity.id
        return self._problem(
            ProblemCode.duplicate_id,
            number,
            column,
            id_field,
            applicant_id,
            first_row=shown,
            name=name,
        )

    def missing_required(
        self, number: int, column: int, field_id: str, applicant_id: str, name: str
    ) -> Problem:
        """A row without a value its title requires: it is not evaluated."""
        return self._problem(
            ProblemCode.missing_required,
            number,
            column,
            field_id,
            None,
            label=self.compiled.criteria.field(field_id).label,
            applicant_id=applicant_id,  # so explain can find the row by its id
            name=name,
        )

    def _bad(self, number: int, column: int, field_id: str, cell: Any, exc: BadValue) -> Problem:
        code = ProblemCode(exc.code)  # BadValue decided it: out of range, not a choice, bad
        label = self.compiled.criteria.field(field_id).label
        return self._problem(code, number, column, field_id, _show(cell), **exc.params, label=label)

    def _problem(
        self,
        code: ProblemCode,
        row: int,
        column: int | None,
        field_id: str | None,
        value: str | None,
        **params: Any,
    ) -> Problem:
        letter = self._letter(column) if column is not None else None
        return Problem(code, self.file, self.table.sheet, row, letter, field_id, value, params)


_NO_COLUMN = 1 << 30  # past any row's last cell


def hidden_rows_notice(file: str, sheet: str | None, rows: list[int]) -> Problem:
    shown = ", ".join(str(row) for row in rows[:10]) + (" …" if len(rows) > 10 else "")
    params = {"count": len(rows), "rows": f"dòng {shown}"}
    return Problem(ProblemCode.hidden_rows, file, sheet, params=params)


def _show(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)
