"""The rows of a table that are applicants, as a person reading the sheet would count them.

One step between the cells a reader gives (``sources.Table``) and the records read from
them (``tabular.RowReader``), the same for every format. Below the header:

- a row numbering the columns ("(1) (2) (3) …", "1 2 3 …", "A B 1 2 …") is skipped;
- a total row ("Tổng cộng", "Cộng", "Tổng số", "Tổng") is skipped;
- a section heading ("I. Thôn Quảng Tiến", "I" | "Thôn 1") is skipped, and the village it
  names is given to the rows under it;
- a line of the signature block ("…, ngày … tháng … năm …", "Người lập biểu", "TM.",
  "CHỦ TỊCH", "(Ký …)"), in whichever column it starts, ends the table;
- after one or more blank rows, a line of text that is not table data ends it too;
- a cell merged down over several rows gives its value to each row it covers.

Every row skipped is returned as a ``Skipped`` (row, why, its text) for the reader to
report once as a notice. Pure: rows and merged ranges in, data rows and ``Skipped`` out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hoctap_cli.records import row_kinds
from hoctap_cli.text import canonical

Row = tuple[int, list[Any]]  # 1-based row number, cells
DataRow = tuple[int, list[Any], str | None]  # row number, cells, village from a heading
# A merged range: first row (1-based), first column (0-based, as in the table's cells),
# last row, last column.
Merge = tuple[int, int, int, int]


class SkipKind(StrEnum):
    """Why a row under the header is not an applicant."""

    column_numbers = "column_numbers"
    total = "total"
    section = "section"
    signature = "signature"
    trailing_text = "trailing_text"
    after_end = "after_end"


@dataclass(frozen=True)
class Skipped:
    """A row the layout step left out, and what it holds."""

    row: int
    kind: SkipKind
    text: str
    village: str | None = None  # the village a section heading gives the rows under it


def _blank(cell: Any) -> bool:
    return cell is None or (cell.__class__ is str and not cell.strip())


@dataclass
class TableLayout:
    """Walks a table's rows below its header, yielding the data rows."""

    id_column: int
    mapped: Set[int]  # the columns holding a field
    merges: Sequence[Merge] = ()
    header_row: int = 0  # merges starting on or above it belong to the header
    skipped: list[Skipped] = field(default_factory=list)
    _village: str | None = None
    _ended: bool = False
    _blank_run: int = 0
    _seen_data: bool = False
    _fills: dict[int, tuple[Any, int]] = field(default_factory=dict)  # column → value, last row
    _down: dict[int, list[Merge]] = field(default_factory=dict)  # first row → merges down
    _across: dict[int, set[int]] = field(default_factory=dict)  # row → first columns

    def __post_init__(self) -> None:
        for merge in self.merges:
            first_row, first_column, last_row, last_column = merge
            if first_row <= self.header_row:
                continue
            if last_row > first_row:
                self._down.setdefault(first_row, []).append(merge)
            if last_column > first_column:
                self._across.setdefault(first_row, set()).add(first_column)

    def data_rows(self, rows: Iterable[Row]) -> Iterator[DataRow]:
        """The rows that may be applicants, merged values filled in, with their village."""
        id_column, fills, down = self.id_column, self._fills, self._down
        fast = False  # once the data has started: rows whose id looks like one pass at once
        for number, cells in rows:
            if fills:
                self._fill(number, cells)
            if fast and _ordinary(cells, id_column):
                if down:
                    self._start_merges(number, cells)
                yield number, cells, self._village
                continue
            if self._classify(number, cells):
                if down:
                    self._start_merges(number, cells)
                yield number, cells, self._village
            fast = self._seen_data and not self._ended

    def _fill(self, number: int, cells: list[Any]) -> None:
        """Give each cell under a merged range the value written at its top."""
        for column, (value, last_row) in list(self._fills.items()):
            if number > last_row:
                del self._fills[column]
                continue
            while len(cells) <= column:
                cells.append("")
            if _blank(cells[column]):
                cells[column] = value

    def _start_merges(self, number: int, cells: list[Any]) -> None:
        for _, column, last_row, _ in self._down.get(number, ()):
            if column < len(cells) and not _blank(cells[column]):
                self._fills[column] = (cells[column], last_row)

    def _classify(self, number: int, cells: list[Any]) -> bool:
        """Whether the row is data; a row that is not is recorded in ``skipped`` if it
        holds anything."""
        filled = [(column, value) for column, value in enumerate(cells) if not _blank(value)]
        if not filled:
            self._blank_run += 1
            return False
        if self._ended:
            self._skip(number, SkipKind.after_end, filled)
            return False
        kind, found = self._kind(number, filled)
        if kind is None and not any(c in self.mapped for c, _ in filled):
            # Nothing in a known column (a pre-numbered STT): not an applicant, as before.
            if all(isinstance(value, int | float) for _, value in filled):
                self._blank_run += 1
                return False
        if kind is None:
            self._blank_run = 0
            self._seen_data = self._seen_data or any(c in self.mapped for c, _ in filled)
            return True
        if kind is SkipKind.section:
            self._village = found[1] or self._village
        if kind in (SkipKind.signature, SkipKind.trailing_text):
            self._ended = True
        self._skip(number, kind, filled, found[0], found[1])
        self._blank_run = 0
        return False

    def _kind(
        self, number: int, filled: list[tuple[int, Any]]
    ) -> tuple[SkipKind | None, tuple[str, Any]]:
        """What a non-blank row is (None for data), and its text and village."""
        own_id = any(
            column == self.id_column and isinstance(value, str) for column, value in filled
        )  # a number under the id of a total row is its count of households
        if not self._seen_data and row_kinds.column_numbers(filled):
            return SkipKind.column_numbers, (_joined(filled), None)
        label = row_kinds.total_label(filled)
        if label is not None and (not own_id or filled[0][0] == self.id_column):
            return SkipKind.total, (label, None)
        line = row_kinds.signature_line(filled)
        if line is not None:
            return SkipKind.signature, (line, None)
        if len(filled) <= 2:
            across = filled[0][0] in self._across.get(number, set())
            heading = row_kinds.section_heading(filled, across)
            if heading is not None:
                return SkipKind.section, heading
        if self._blank_run and self._seen_data and self._not_data(filled):
            return SkipKind.trailing_text, (_joined(filled), None)
        return None, ("", None)

    def _not_data(self, filled: list[tuple[int, Any]]) -> bool:
        """A line of text, not a household with little filled in: at most three text cells,
        at most one of them in a field's column, and no code in the id column."""
        if len(filled) > 3 or not all(isinstance(value, str) for _, value in filled):
            return False
        if sum(1 for column, _ in filled if column in self.mapped) > 1:
            return False
        return not any(
            column == self.id_column and not any(ch.isspace() for ch in value.strip())
            for column, value in filled
        )

    def _skip(
        self,
        number: int,
        kind: SkipKind,
        filled: list[tuple[int, Any]],
        text: str | None = None,
        village: str | None = None,
    ) -> None:
        self.skipped.append(Skipped(number, kind, text or _joined(filled), village))


_TOTAL_STARTS = ("tổng", "cộng", "tong", "cong")


def _ordinary(cells: list[Any], id_column: int) -> bool:
    """A row as data rows are: its id a number or a short code without spaces, and its
    first cell not a total's label.

    Rows whose id cell holds nothing or words ("Tổng cộng", "Người lập biểu") are looked
    at closely; the many ordinary rows pass here at the cost of a few tests.
    """
    if id_column >= len(cells):
        return False
    value = cells[id_column]
    if value.__class__ is str:
        if not value or " " in value:
            return False
        if value[0] in "TtCc" and value.lower().startswith(_TOTAL_STARTS):
            return False
    elif value is None or value.__class__ is bool:
        return False
    first = cells[0]  # a total's label sits in the first column, its count maybe under the id
    if first.__class__ is str and first[:1] in "TtCc":
        return not first.lower().startswith(_TOTAL_STARTS)
    return True


def _joined(filled: list[tuple[int, Any]]) -> str:
    shown = [_shown(value) for _, value in filled[:6]]
    return " | ".join(shown) + (" …" if len(filled) > 6 else "")


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return canonical(str(value))
