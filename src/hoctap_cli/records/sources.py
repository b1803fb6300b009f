"""Opening tabular inputs (xlsx, csv) as tables of raw rows, streamed after the head."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hoctap_cli.problems import Problem, ProblemCode
from hoctap_cli.records.headers import HEADER_SCAN_ROWS
from hoctap_cli.text import column_letter

Row = tuple[int, list[Any]]  # 1-based row number, cells


class InputError(Exception):
    """A whole input that cannot be read."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
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
    import python_calamine as calamine

    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
        tables = []
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            if sheet.start is None:
                continue
            numbered = ((index + 1, list(cells)) for index, cells in enumerate(sheet.iter_rows()))
            head, rest = _split_head(numbered)
            tables.append(Table(name, head, rest, column_offset=sheet.start[1]))
        return tables
    except calamine.PasswordError:
        raise _unreadable(path, "tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi chạy lại") from None
    except (calamine.CalamineError, OSError, ValueError) as exc:
        raise _unreadable(path, f"không phải tệp Excel .xlsx hợp lệ ({exc})") from None


def _unreadable(path: Path, reason: str) -> InputError:
    return InputError(Problem(ProblemCode.file_unreadable, str(path), params={"reason": reason}))


def decode_text(raw: bytes) -> tuple[str, str | None]:
    """Text of a CSV file and, when it was not UTF-8, a note naming the encoding used."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "UTF-16"
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return raw.decode("cp1258", errors="replace"), "Windows-1258"


def open_csv(path: Path) -> list[Table]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc.strerror or str(exc)) from None
    text, note = decode_text(raw)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        # The sniffer gives up on a title line or a cell over two lines: take the delimiter
        # seen most (a semicolon file has decimal commas too, but far fewer).
        dialect = csv.excel()
        dialect.delimiter = max(",;\t", key=sample.count)
    reader = csv.reader(io.StringIO(text), dialect)

    def numbered() -> Iterator[Row]:
        line = 1
        for cells in reader:
            yield line, list(cells)
            line = reader.line_num + 1

    head, rest = _split_head(numbered())
    return [Table(None, head, rest, note=note)]
