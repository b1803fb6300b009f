"""New workbooks written top to bottom with xlsxwriter, in constant memory.

openpyxl keeps every cell of a workbook as a Python object until it saves: a province's
list (500,000 households) took six minutes and 1.8 GB that way. xlsxwriter in
constant-memory mode sends each row to a temporary file as soon as a later row is begun,
so a sheet is planned from its top: its column widths are known when it is made, and a
row's cells, merged spans and borders are settled, within a few rows, before the rows
below are written. The height of each row (``xlsx_fit``) is worked out when the row is
sent, and the heights kept (one float a row) lay out the printed pages (``xlsx_pages``).

Text from the inputs stays text: the workbook never turns a string into a number, a
formula or a link (its options say so, and every text goes through ``write_string``).
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import IO, Any

import xlsxwriter  # type: ignore[import-untyped]
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

from hoctap_cli.outputs.papers.xlsx_fit import DEFAULT_WIDTH, fitted_height

# A row is sent once a row this far below it is begun, so that a block of a few rows (the
# letterhead: motto on the right, then the issuer on the left of the same rows) may fill
# its rows in any order; a row already sent cannot be written again.
WINDOW = 12
PIXELS_PER_UNIT = 7  # xlsxwriter's pixels per column width unit (Calibri 11's '0')
OPTIONS = {
    "constant_memory": True,
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}


@dataclass(frozen=True)
class Style:
    """A cell's look; ``None`` and ``False`` leave the workbook's default (Calibri 11)."""

    font: str | None = None
    size: float | None = None
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: str | None = None  # "center", "left"
    valign: str | None = None  # "vcenter", "top"
    wrap: bool = False
    border: bool = False  # thin on all four sides
    num_format: str | None = None
    fill: str | None = None  # a solid background, "#DDEBF7"

    @functools.cached_property
    def _hash(self) -> int:
        return hash(tuple(getattr(self, f.name) for f in fields(self)))

    def __hash__(self) -> int:
        # Looked up for every cell written: the fields are hashed once per style.
        return self._hash

    def __or__(self, other: Style) -> Style:
        """This style with every property ``other`` sets (worked out once per pair)."""
        return _combined(self, other)

    def options(self) -> dict[str, object]:
        """xlsxwriter's format properties for this style."""
        names = {
            "font": "font_name",
            "size": "font_size",
            "wrap": "text_wrap",
            "fill": "bg_color",
        }
        chosen: dict[str, object] = {
            names.get(f.name, f.name): getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name)
        }
        if self.border:
            chosen["border"] = 1
        if self.underline:
            chosen["underline"] = 1
        if self.fill:
            chosen["pattern"] = 1
        return chosen


@functools.cache
def _combined(style: Style, other: Style) -> Style:
    changes = {f.name: getattr(other, f.name) for f in fields(other) if getattr(other, f.name)}
    return replace(style, **changes)


BORDER = Style(border=True)


# A planned cell: the span's last column (1-based; its own column when not merged), the
# value and the style. A plain tuple: a list writes millions of them.
_Cell = tuple[int, object, Style]


@dataclass
class _Row:
    cells: dict[int, _Cell] = field(default_factory=dict)
    boxed: int = 0  # columns 1 to ``boxed`` get a border, written or not
    height: float | None = None  # kept when no cell has a value to fit


class PaperWorksheet(Worksheet):  # type: ignore[misc]
    """xlsxwriter's worksheet, able to leave the page header off the first page.

    Nghị định 30/2020 numbers pages from the second; xlsxwriter has no option for the
    ``differentFirst`` flag of the header, so it is added where the header is written.
    """

    different_first = False

    def _write_header_footer(self) -> None:
        if not (self.different_first and self.header_footer_changed):
            super()._write_header_footer()
            return
        self._xml_start_tag("headerFooter", [("differentFirst", 1)])
        if self.header:
            self._write_odd_header()
        if self.footer:
            self._write_odd_footer()
        self._xml_end_tag("headerFooter")


class Sheet:
    """One worksheet, written from the top; rows are 1-based, as the papers count them."""

    def __init__(self, book: Book, worksheet: Any, widths: Sequence[float], fit: bool) -> None:
        self.book = book
        self.worksheet = worksheet
        self.widths = list(widths)
        self.fit = fit
        self.landscape = False
        self.heights = array("d")  # one a row sent, 0 where the row keeps the default
        self.last_row = 0  # the lowest row holding a cell
        self._pending: dict[int, _Row] = {}
        self._first_pending = 0  # the lowest row held, 0 when none is
        for column, width in enumerate(self.widths):
            worksheet.set_column_pixels(column, column, width * PIXELS_PER_UNIT)

    def put(self, row: int, span: tuple[int, int], value: object, style: Style) -> None:
        """``value`` across the columns of ``span`` (merged when more than one)."""
        self._row(row).cells[span[0]] = (span[1], value, style)

    def put_row(self, row: int, cells: dict[int, tuple[int, object, Style]]) -> None:
        """A whole row at once, ``{first column: (last column, value, style)}``: the table
        rows of a list, written a few million times, skip the cell-by-cell planning."""
        self._row(row).cells.update(cells)

    def box(self, row: int, columns: int) -> None:
        """A thin border around each of the first ``columns`` cells of ``row``."""
        self._row(row).boxed = columns

    def set_height(self, row: int, height: float) -> None:
        """The height ``row`` keeps if none of its cells has a value (else it is fitted)."""
        self._row(row).height = height

    def finish(self) -> None:
        """Send every row still held."""
        for row in sorted(self._pending):
            self._send(row, self._pending.pop(row))
        self._first_pending = 0

    def column_style(self, column: int, style: Style) -> None:
        """A format for the whole of ``column`` (1-based): applied to what is typed later."""
        pixels = self._width(column) * PIXELS_PER_UNIT
        self.worksheet.set_column_pixels(column - 1, column - 1, pixels, self.book.format(style))

    def _row(self, row: int) -> _Row:
        planned = self._pending.get(row)
        if planned is not None:
            return planned
        if row <= len(self.heights):
            raise ValueError(f"row {row} written after it was sent")
        if self._first_pending and self._first_pending <= row - WINDOW:
            self._send_before(row - WINDOW + 1)
        planned = self._pending[row] = _Row()
        if not self._first_pending or row < self._first_pending:
            self._first_pending = row
        return planned

    def _send_before(self, row: int) -> None:
        """Send the rows held above ``row``, top first."""
        for held in sorted(held for held in self._pending if held < row):
            self._send(held, self._pending.pop(held))
        self._first_pending = min(self._pending, default=0)

    def _send(self, row: int, planned: _Row) -> None:
        height = self._height(planned) if self.fit else planned.height
        if len(self.heights) < row - 1:
            self.heights.extend([0.0] * (row - 1 - len(self.heights)))
        self.heights.append(height or 0.0)
        index, worksheet, boxed = row - 1, self.worksheet, planned.boxed
        if height:
            # In pixels, so that the height is kept as computed rather than rounded to a
            # whole pixel (xlsxwriter stores pixels * 0.75: 70.6 may read 70.59999999999999).
            worksheet.set_row_pixels(index, height * 4 / 3)
        for column in sorted(planned.cells):
            last, value, style = planned.cells[column]
            cell_format = self.book.format(style | BORDER if column <= boxed else style)
            if last > column:
                worksheet.merge_range(index, column - 1, index, last - 1, "", cell_format)
            write_value(worksheet, index, column - 1, value, cell_format)
        if boxed:
            covered = {
                c for first, cell in planned.cells.items() for c in range(first, cell[0] + 1)
            }
            border = self.book.format(BORDER)
            for column in range(1, boxed + 1):
                if column not in covered:
                    worksheet.write_blank(index, column - 1, None, border)
        if planned.cells or boxed:
            self.last_row = row

    def _height(self, planned: _Row) -> float | None:
        """The fitted height (``xlsx_fit``), else the one the row was given."""
        widths, count = self.widths, len(self.widths)
        texts = (
            (
                value,
                style,
                widths[column - 1] if column == last <= count else self._span(column, last),
            )
            for column, (last, value, style) in planned.cells.items()
            if value is not None
        )
        return fitted_height(texts) or planned.height

    def _span(self, first: int, last: int) -> float:
        return sum(self._width(column) for column in range(first, last + 1))

    def _width(self, column: int) -> float:
        return self.widths[column - 1] if column <= len(self.widths) else DEFAULT_WIDTH


def write_value(worksheet: Any, row: int, column: int, value: object, style: Any) -> None:
    """One cell, 0-based: text always as a string, numbers as numbers, None as blank."""
    if isinstance(value, str) and value:
        worksheet.write_string(row, column, value, style)
    elif value is None or value == "":
        worksheet.write_blank(row, column, None, style)
    elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        worksheet.write_number(row, column, value, style)
    else:
        raise TypeError(f"no cell for a {type(value).__name__}")


def column_letter(column: int) -> str:
    """'A' for 1, 'AB' for 28: Excel's name of a 1-based column."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class Book:
    """A new workbook written to ``stream`` when closed; one xlsxwriter format per style."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.workbook = xlsxwriter.Workbook(stream, OPTIONS)
        self._formats: dict[Style, Any] = {}
        # The same formats by the style object's identity, kept with the object: a cell's
        # style is most often one of a few objects, found here without hashing its fields.
        self._known: dict[int, tuple[Style, Any]] = {}

    def format(self, style: Style) -> Any:
        """The xlsxwriter format of ``style``; None for the default look."""
        known = self._known.get(id(style))
        if known is not None and known[0] is style:
            return known[1]
        if style not in self._formats:
            options = style.options()
            self._formats[style] = self.workbook.add_format(options) if options else None
        self._known[id(style)] = (style, self._formats[style])
        return self._formats[style]

    def sheet(self, name: str, widths: Sequence[float], *, fit: bool = False) -> Sheet:
        """A new sheet ``name`` with its columns ``widths`` wide; ``fit`` sizes the rows."""
        worksheet = self.workbook.add_worksheet(name, worksheet_class=PaperWorksheet)
        return Sheet(self, worksheet, widths, fit)

    def close(self) -> None:
        self.workbook.close()
