"""Opening tabular inputs (xlsx, csv) as tables of raw rows, streamed after the head."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import unicodedata
from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hoctap_cli.atomic import os_reason
from hoctap_cli.errors import HoctapError
from hoctap_cli.problems import Problem, ProblemCode, problem_location
from hoctap_cli.records import legacy_text, limits, xlsx_guard
from hoctap_cli.records.headers import HEADER_SCAN_ROWS
from hoctap_cli.records.xlsx_scan import FormulaCell, SheetFacts, SheetScanner, SheetTooLarge
from hoctap_cli.text import column_letter

Row = tuple[int, list[Any]]  # 1-based row number, cells
_SAMPLE = 65536  # characters looked at to tell an encoding


class InputError(HoctapError):
    """A whole input that cannot be read; ``problem`` says why and where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message, code=problem.code, location=problem_location(problem))
        self.problem = problem


@dataclass
class Table:
    """One sheet (or a CSV file): its first rows for header search, then the rest."""

    sheet: str | None
    head: list[Row]
    rest: Iterator[Row]
    column_offset: int = 0
    note: str | None = None  # e.g. which text encoding was detected
    column_names: list[str] | None = None  # for inputs without column letters (YAML keys)
    keyed: bool = False  # records name their fields, so an absent key is a blank, not a column
    hidden: bool = False  # a hidden sheet
    hidden_rows: Set[int] = frozenset()
    formulas: Mapping[tuple[int, int], FormulaCell] = field(default_factory=dict)  # (row, col)
    notices: list[Problem] = field(default_factory=list)  # how the file was read
    # Merged ranges: first row (1-based), first column (0-based, as in the cells), last row,
    # last column.
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    def column_label(self, index: int) -> str:
        """How people find a column: its letter, or its key in a YAML record."""
        if self.column_names is not None:
            return self.column_names[index]
        return column_letter(index + self.column_offset)

    def rows_after(self, index: int) -> Iterator[Row]:
        """Every row after the ``index``-th row of the head."""
        return itertools.chain(self.head[index + 1 :], self.rest)


def _split_head(rows: Iterator[Row]) -> tuple[list[Row], Iterator[Row]]:
    head = list(itertools.islice(rows, HEADER_SCAN_ROWS))
    return head, rows


def open_xlsx(path: Path) -> list[Table]:
    """The sheets of a workbook, once the file has passed the checks of ``xlsx_guard``."""
    try:
        if xlsx_guard.sniff(path) == "text":
            tables = open_csv(path)
            notice = Problem(ProblemCode.read_as_csv, str(path), params={"suffix": path.suffix})
            tables[0].notices.insert(0, notice)
            return tables
        facts = xlsx_guard.inspect_zip(path)
    except xlsx_guard.Refused as exc:
        if exc.problem.code is ProblemCode.old_excel_format and path.suffix.lower() != ".xls":
            return _old_excel(path)
        raise InputError(exc.problem) from None
    return read_sheets(path, facts)


def _old_excel(path: Path) -> list[Table]:
    """An Excel 97–2003 workbook under another name (often renamed .xlsx): read as .xls."""
    tables = read_sheets(path, {}, kind=".xls", check_extents=True)
    if tables:
        notice = Problem(ProblemCode.read_as_xls, str(path), params={"suffix": path.suffix})
        tables[0].notices.insert(0, notice)
    return tables


Merges = Mapping[str, list[tuple[int, int, int, int]]]
_SUFFIXES = {".xlsx": (".xlsx", ".xlsm")}  # the names the reader opens each kind under


def read_sheets(
    path: Path,
    facts: Mapping[str, SheetFacts],
    merges: Merges | None = None,
    kind: str = ".xlsx",
    check_extents: bool = False,
) -> list[Table]:
    """Every sheet python-calamine reads in ``path``, with what the checks found of it;
    ``merges`` for a format whose merged ranges the reader does not give (.ods);
    ``check_extents`` for one whose sheets were not measured before (.xls)."""
    import python_calamine as calamine

    try:
        if path.suffix.lower() in _SUFFIXES.get(kind, (kind,)):
            workbook = calamine.CalamineWorkbook.from_path(str(path))
        else:  # e.g. an .xlsx named .xls: the reader goes by the name, so give it the bytes
            with path.open("rb") as stream:
                workbook = calamine.CalamineWorkbook.from_filelike(stream)
        hidden = {s.name for s in workbook.sheets_metadata if s.visible != s.visible.Visible}
        tables = []
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            if sheet.start is None:
                continue
            if check_extents and sheet.end is not None:
                _within_limits(path, name, sheet.end)
            numbered = enumerate(sheet.iter_rows(), start=1)  # each row is a new list already
            head, rest = _split_head(numbered)
            found = facts.get(name, SheetFacts())
            offset = sheet.start[1]
            table = Table(name, head, rest, column_offset=offset)
            table.hidden = found.hidden_sheet or name in hidden
            table.hidden_rows, table.formulas = found.hidden_rows, found.formulas
            table.merges = (
                _merges(sheet, offset) if merges is None else _shifted(merges, name, offset)
            )
            tables.append(table)
        return tables
    except calamine.PasswordError:
        raise InputError(Problem(ProblemCode.password_protected, str(path))) from None
    except (calamine.CalamineError, OSError, ValueError):
        raise _unreadable(path, "not_a_workbook", kind=kind) from None


def _within_limits(path: Path, name: str, end: tuple[int, int]) -> None:
    """A sheet within the limits on rows, columns and cells, said as for .xlsx."""
    try:
        SheetScanner(name, SheetFacts(rows=end[0] + 1, columns=end[1] + 1)).finish()
    except SheetTooLarge as exc:
        raise InputError(limits.too_large(path, **exc.params)) from None


def _merges(sheet: Any, offset: int) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges as the table numbers rows (from 1) and columns (from its first)."""
    ranges = getattr(sheet, "merged_cell_ranges", None) or []
    return [(r0 + 1, c0 - offset, r1 + 1, c1 - offset) for (r0, c0), (r1, c1) in ranges]


def _shifted(merges: Merges, name: str, offset: int) -> list[tuple[int, int, int, int]]:
    return [(r0, c0 - offset, r1, c1 - offset) for r0, c0, r1, c1 in merges.get(name, [])]


def _unreadable(path: Path, reason_kind: str, **params: Any) -> InputError:
    return InputError(xlsx_guard.unreadable(path, reason_kind, **params))


def decode_text(raw: bytes) -> tuple[str, str | None]:
    """Text of a CSV file and, when it was not UTF-8, a note naming the encoding used.

    Bytes that are not UTF-8 are read as Windows-1258, unless reading them as the legacy
    Vietnamese encodings (TCVN3, VNI) gives more well-formed Vietnamese words; then the text
    is kept byte for byte (Latin-1) and each cell converted as it is read, with a notice.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace"), "UTF-16"
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    windows = unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))
    latin = raw.decode("latin-1")
    scores = {
        name: legacy_text.well_formed(convert(latin[:_SAMPLE]))
        for name, convert in legacy_text.CONVERTERS.items()
    }
    best = max(scores, key=lambda name: scores[name])
    if scores[best] > legacy_text.well_formed(windows[:_SAMPLE]):
        return latin, best
    return windows, "Windows-1258"


def open_csv(path: Path) -> list[Table]:
    try:
        size = path.stat().st_size
        too_big = limits.file_size_problem(path, size, limits.MAX_CSV_BYTES)
        if too_big:
            raise InputError(too_big)
        raw = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, "os", os_reason=os_reason(exc)) from None
    text, note = decode_text(raw)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        # The sniffer gives up on a title line or a cell over two lines: take the delimiter
        # seen most (a semicolon file has decimal commas too, but far fewer).
        dialect = csv.excel()
        dialect.delimiter = max(",;\t", key=sample.count)
    head, rest = _split_head(_csv_rows(path, csv.reader(io.StringIO(text), dialect)))
    table = Table(None, head, rest, note=note)
    if note:
        params = {"encoding": note}
        table.notices.append(Problem(ProblemCode.encoding_converted, str(path), params=params))
    return [table]


def _csv_rows(path: Path, reader: Any) -> Iterator[Row]:
    """Numbered rows of a CSV file, within the limits; an unreadable line stops the file."""
    line = 1
    try:
        for cells in reader:
            if line > limits.MAX_ROWS or len(cells) > limits.MAX_COLUMNS:
                raise InputError(_csv_too_large(path, line, len(cells)))
            yield line, list(cells)
            line = reader.line_num + 1
    except csv.Error:
        raise _unreadable(path, "csv_line", line=line) from None


def _csv_too_large(path: Path, line: int, width: int) -> Problem:
    if line > limits.MAX_ROWS:
        return limits.too_large(path, "csv_rows", limit=limits.number(limits.MAX_ROWS))
    width_text, limit = limits.number(width), limits.number(limits.MAX_COLUMNS)
    return limits.too_large(path, "csv_columns", line=line, count=width_text, limit=limit)
