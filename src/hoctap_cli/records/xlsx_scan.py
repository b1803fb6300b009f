"""A fast pass over a worksheet's XML before the reader loads it.

The reader (python-calamine) holds a sheet as one rectangle from its first to its last
cell: two cells at A1 and XFD1048576 make it ask for half a terabyte and abort the whole
program. This pass finds, chunk by chunk and with byte patterns rather than a parser,
how far the cells holding a value reach, which rows are hidden, and which formula cells
have no computed value or show an error (the reader gives both as blank cells).

Two ways of finding the extent. ``SheetScanner`` reads every cell reference in Python: it
is exact, and as slow as the reader's own parse. ``DimensionCheck`` takes the extent the
sheet states in its ``<dimension ref="A1:R100007"/>`` (Excel and every writer put it before
the cells) and only confirms it: one regular-expression search per chunk for a reference
past that corner, or a row or cell without one, runs in C and returns nothing on an honest
sheet. A sheet whose dimension lies (or is missing, or is past the limits) is then scanned
again, from its start, by ``SheetScanner``: a refusal always comes from the exact count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import unescape

from hoctap_cli.errors import HoctapError
from hoctap_cli.problems import ProblemCode, reason_words
from hoctap_cli.records import limits

_UNESCAPE = {"&quot;": '"', "&apos;": "'"}
# A cell reference on a cell holding something (not a self-closing, formatting-only cell).
# References as the reader takes them: in either case, quoted either way, spaced or not.
_VALUE_ROW = re.compile(rb'\br\s*=\s*["\'][A-Za-z]+(\d+)["\'][^>/]*>')
# The stated extent, in the head of the sheet (before its cells).
_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s+ref="(?:[A-Z]{1,3}\d{1,7}:)?([A-Z]{1,3})(\d{1,7})"'
)
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")
_COLUMN = re.compile(rb'\sr\s*=\s*["\']([A-Za-z]+)\d')
_PREFIX = re.compile(rb"<(\w+:)?worksheet\b")
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\s([^>]*?\bhidden="(?:1|true)"[^>]*)>')
_CELL = re.compile(rb"<(?:\w+:)?c(?=[\s>/])([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ROW = re.compile(rb"<(?:\w+:)?row(?=[\s>/])([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.S)
_REFERENCE = re.compile(rb'\br\s*=\s*["\']([A-Za-z]+)(\d+)["\']')
_ROW_NUMBER = re.compile(rb'\br\s*=\s*["\'](\d+)["\']')
_TYPE = re.compile(rb'\bt="(\w+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)</(?:\w+:)?v>")
_FORMULA = re.compile(rb"<(?:\w+:)?f(?=[\s>/])[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)")


class SheetTooLarge(HoctapError, ValueError):
    """A sheet past one of the limits: which (``reason_kind``) and the sizes involved.

    Still a ``ValueError`` for the readers that catch every ``ValueError`` of a broken file.
    """

    def __init__(self, reason_kind: str, **params: Any) -> None:
        params = {"reason_kind": reason_kind, **params}
        super().__init__(code=ProblemCode.file_too_large, params=params)

    @property
    def message(self) -> str:
        return reason_words(self.params)


class Unconfirmed(Exception):
    """A sheet's stated dimension does not hold: it must be scanned cell by cell."""


@dataclass(frozen=True)
class FormulaCell:
    """A formula cell the reader would show as blank: its formula and error, if any."""

    formula: str
    error: str | None  # e.g. "#DIV/0!"; None when Excel never computed the cell


@dataclass
class SheetFacts:
    """What the pass found; rows are 1-based, columns 0-based as in the reader's tables."""

    rows: int = 0  # the last row holding a value
    columns: int = 0  # how many columns up to the last one holding a value
    hidden_rows: set[int] = field(default_factory=set)
    formulas: dict[tuple[int, int], FormulaCell] = field(default_factory=dict)
    hidden_sheet: bool = False


def column_number(letters: bytes | str) -> int:
    """'A' → 1, 'AB' → 28."""
    number = 0
    for letter in letters.upper() if isinstance(letters, str) else letters.decode().upper():
        number = number * 26 + ord(letter) - 64
    return number


@dataclass
class SheetScanner:
    """Fed a worksheet's XML in chunks of any size; ``finish`` checks the limits."""

    name: str
    facts: SheetFacts = field(default_factory=SheetFacts)
    _pending: bytes = b""
    _no_reference: re.Pattern[bytes] | None = None  # a row or cell without r="…"
    _marks: tuple[bytes, ...] = ()  # a formula, a hidden row, an error value

    def feed(self, chunk: bytes) -> None:
        data = self._pending + chunk
        if self._no_reference is None:
            self._prepare(data)
        end = _last_row_end(data)
        self._pending = data[end:]
        if len(self._pending) > limits.MAX_ROW_BYTES:
            size = limits.number(limits.MAX_ROW_BYTES)
            raise SheetTooLarge("row_bytes", sheet=self.name, size=size)
        if end:
            self._block(data[:end])

    def _prepare(self, start: bytes) -> None:
        """Patterns for the namespace prefix the sheet uses, if any (``<x:c>``)."""
        found = _PREFIX.search(start)
        prefix = found.group(1) if found and found.group(1) else b""
        escaped = re.escape(prefix)
        self._no_reference = re.compile(
            b"<" + escaped + rb'(?:c|row)[\s>/](?![^>]*?\br\s*=\s*["\'])'
        )
        self._marks = (b"<" + prefix + b"f", b'hidden="', b't="e"')

    def finish(self) -> SheetFacts:
        if self._pending:
            self._block(self._pending)
            self._pending = b""
        self._check()
        return self.facts

    def _block(self, block: bytes) -> None:
        facts = self.facts
        rows = _VALUE_ROW.findall(block)
        if rows:
            facts.rows = max(facts.rows, _largest(rows))
        letters = set(_COLUMN.findall(block))
        if letters:
            facts.columns = max(facts.columns, max(column_number(c) for c in letters))
        if self._no_reference is not None and self._no_reference.search(block):
            self._count_positions(block)
        self._marked(block)

    def _marked(self, block: bytes) -> None:
        """Hidden rows and formula cells: looked for only in blocks that hold one."""
        facts = self.facts
        if any(mark in block for mark in self._marks):
            for attributes in _HIDDEN_ROW.findall(block):
                found = _ROW_NUMBER.search(attributes)
                if found:
                    facts.hidden_rows.add(int(found.group(1)))
            self._formulas(block)

    def _count_positions(self, block: bytes) -> None:
        """Rows or cells without a reference stand after the previous one, as Excel reads."""
        row = self.facts.rows
        for attributes, cells in _ROW.findall(block):
            found = _ROW_NUMBER.search(attributes)
            row = int(found.group(1)) if found else row + 1
            column = 0
            for cell_attributes, inner in _CELL.findall(cells or b""):
                reference = _REFERENCE.search(cell_attributes)
                column = column_number(reference.group(1)) if reference else column + 1
                if inner:
                    self.facts.rows = max(self.facts.rows, row)
                    self.facts.columns = max(self.facts.columns, column)

    def _formulas(self, block: bytes) -> None:
        for attributes, inner in _CELL.findall(block):
            kind = _TYPE.search(attributes)
            kind_name = kind.group(1) if kind else b"n"
            formula = _FORMULA.search(inner or b"")
            if formula is None and kind_name != b"e":
                continue
            reference = _REFERENCE.search(attributes)
            if reference is None:
                continue
            value = _VALUE.search(inner or b"")
            text = _text(formula.group(1) if formula and formula.group(1) else b"")
            where = (int(reference.group(2)), column_number(reference.group(1)) - 1)
            if kind_name == b"e":
                error = _text(value.group(1)) if value else "#N/A"
                self.facts.formulas[where] = FormulaCell(text, error)
            elif value is None or (not value.group(1) and kind_name != b"str"):
                self.facts.formulas[where] = FormulaCell(text, None)

    def _check(self) -> None:
        check_extent(self.name, self.facts.rows, self.facts.columns)


def check_extent(name: str, rows: int, columns: int) -> None:
    """``SheetTooLarge`` for a sheet of ``rows`` × ``columns`` past the limits."""
    number = limits.number
    if rows > limits.MAX_ROWS:
        limit = number(limits.MAX_ROWS)
        raise SheetTooLarge("sheet_rows", sheet=name, rows=number(rows), limit=limit)
    if columns > limits.MAX_COLUMNS:
        limit = number(limits.MAX_COLUMNS)
        raise SheetTooLarge("sheet_columns", sheet=name, columns=number(columns), limit=limit)
    if rows * columns > limits.MAX_CELLS:
        raise SheetTooLarge(
            "sheet_cells",
            sheet=name,
            rows=number(rows),
            columns=number(columns),
            cells=number(rows * columns),
            limit=number(limits.MAX_CELLS),
        )


def _largest(numbers: list[bytes]) -> int:
    """The largest of numbers written in digits, comparing as few as possible in Python."""
    highest = max(numbers)  # for digits of the same length, text order is number order
    longest = len(max(numbers, key=len))
    if len(highest) == longest:
        return int(highest)
    return max(int(number) for number in numbers if len(number) == longest)


def _last_row_end(data: bytes) -> int:
    """Where the last complete row element ends in ``data`` (0 when none does)."""
    end = len(data)
    while True:
        index = data.rfind(b"row>", 0, end)
        if index < 0:
            return 0
        opening = data.rfind(b"<", 0, index)
        if opening >= 0 and data[opening + 1 : opening + 2] == b"/":
            return index + len(b"row>")
        end = index


def _text(raw: bytes) -> str:
    return unescape(raw.decode("utf-8", errors="replace"), _UNESCAPE)


def stated_extent(head: bytes) -> tuple[int, int] | None:
    """(last row, last column) of the ``<dimension>`` in a sheet's head, if it has one."""
    data = _SHEET_DATA.search(head)
    if data is None:
        return None
    found = _DIMENSION.search(head, 0, data.start())
    if found is None:
        return None
    return int(found.group(2)), column_number(found.group(1))


def within_limits(rows: int, columns: int) -> bool:
    return (
        rows <= limits.MAX_ROWS
        and columns <= limits.MAX_COLUMNS
        and rows * columns <= limits.MAX_CELLS
    )


@dataclass
class DimensionCheck(SheetScanner):
    """A ``SheetScanner`` that trusts the sheet's stated last row and column (within the
    limits) and raises ``Unconfirmed`` at the first block that could prove them wrong: a
    reference past them, or one not written as plain capitals and digits, a row or cell
    whose reference is not its first attribute (``<c r="…``, as every writer puts it), a
    namespace prefix on a row or cell. Each is one search in C over the block; what the
    reader then holds is within the stated corner, counted from A1."""

    rows: int = 0
    columns: int = 0
    _outside: re.Pattern[bytes] | None = None

    def __post_init__(self) -> None:
        self._outside = re.compile(
            rb' r="(?:'
            + _beyond(_letters(self.columns), "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            + rb"\d|[A-Z]*+(?:[^0-9]|"
            + _beyond(str(self.rows).encode(), "0123456789")
            + rb'"))'
        )
        self.facts.rows, self.facts.columns = self.rows, self.columns

    def _prepare(self, start: bytes) -> None:
        super()._prepare(start)
        if self._marks[0] != b"<f":  # a prefixed sheet (``<x:c>``): scanned cell by cell
            raise Unconfirmed(self.name)
        self._no_reference = _NOT_FIRST_REFERENCE

    def _block(self, block: bytes) -> None:
        assert self._outside is not None and self._no_reference is not None
        if (
            self._outside.search(block)
            or self._no_reference.search(block)
            or _PREFIXED_CELL.search(block)
        ):
            raise Unconfirmed(self.name)
        self._marked(block)


_NOT_FIRST_REFERENCE = re.compile(rb'<(?:c(?! r=")[\s>/]|row(?! r=")[\s>/])')
_PREFIXED_CELL = re.compile(rb":(?:c|row)[\s>/]")


def _letters(column: int) -> bytes:
    """1 → b'A', 28 → b'AB'."""
    letters = b""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = bytes([65 + rest]) + letters
    return letters


def _beyond(last: bytes, alphabet: str) -> bytes:
    """A pattern for the words over ``alphabet`` that come after ``last`` in its order:
    longer ones, and those of the same length greater at their first difference (``last``
    has no leading zero: references never have one, and one written so only costs a scan)."""
    symbol = b"[" + alphabet[0].encode() + b"-" + alphabet[-1].encode() + b"]"
    choices = [symbol + b"{%d,}" % (len(last) + 1)]
    for index, current in enumerate(last):
        position = alphabet.index(chr(current))
        if position + 1 < len(alphabet):
            above = alphabet[position + 1].encode() + b"-" + alphabet[-1].encode()
            rest = symbol + b"{%d}" % (len(last) - index - 1)
            choices.append(last[:index] + b"[" + above + b"]" + rest)
    return b"(?:" + b"|".join(choices) + b")"


@dataclass
class OtherPart(SheetScanner):
    """An XML part that is no sheet (shared strings, styles, drawings): only watched for
    sheet data, which would make it a sheet the reader could load; ``Unconfirmed`` then."""

    def feed(self, chunk: bytes) -> None:
        if _SHEET_DATA_WORD in self._pending + chunk:
            raise Unconfirmed(self.name)
        self._pending = chunk[-len(_SHEET_DATA_WORD) :]

    def finish(self) -> SheetFacts:
        return self.facts


_SHEET_DATA_WORD = b"sheetData"
