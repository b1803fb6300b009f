"""Checks on an OpenDocument spreadsheet (.ods) before the reader opens it.

An .ods is a zip like an .xlsx: its directory is checked the same way (parts, sizes,
ratios), then ``content.xml`` is unpacked once as a stream and parsed incrementally to
learn, per sheet, how far the cells holding a value reach (the reader holds a sheet as
one rectangle: the same limits as for .xlsx apply), which rows are hidden, which sheets
are hidden, and which cells are merged (the reader does not say for .ods).
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from hoctap_cli.problems import Problem, ProblemCode
from hoctap_cli.records import limits, xlsx_guard
from hoctap_cli.records.xlsx_scan import SheetFacts, SheetScanner, SheetTooLarge

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_CONTENT = "content.xml"
_MAX_HIDDEN_RUN = 10_000
_CELLS = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")


def _attribute(element: ElementTree.Element, namespace: str, name: str) -> str | None:
    return element.get(f"{{{namespace}}}{name}")


def _count(element: ElementTree.Element, name: str) -> int:
    try:
        return max(1, int(_attribute(element, _TABLE, name) or 1))
    except ValueError:
        return 1


class _Walker:
    """Follows rows and cells as the parser meets them."""

    def __init__(self) -> None:
        self.sheets: dict[str, SheetFacts] = {}
        self.merges: dict[str, list[tuple[int, int, int, int]]] = {}
        self.hidden_styles: set[str] = set()
        self._sheet: str | None = None
        self._row = 0  # rows seen so far in the current sheet (the next row is _row + 1)
        self._column = 0
        self._repeat = 1
        self._style = ""

    def start(self, element: ElementTree.Element) -> None:
        tag = element.tag
        if tag == f"{{{_TABLE}}}table":
            self._sheet = _attribute(element, _TABLE, "name") or ""
            facts = self.sheets[self._sheet] = SheetFacts()
            facts.hidden_sheet = _attribute(element, _TABLE, "style-name") in self.hidden_styles
            self.merges[self._sheet] = []
            self._row = 0
        elif tag == f"{{{_TABLE}}}table-row" and self._sheet is not None:
            self._repeat = _count(element, "number-rows-repeated")
            self._column = 0
            if _attribute(element, _TABLE, "visibility") in ("collapse", "filter"):
                # A long run of repeated rows is the empty end of a sheet: nothing to read.
                first = self._row + 1
                if self._repeat <= _MAX_HIDDEN_RUN:
                    self.sheets[self._sheet].hidden_rows.update(range(first, first + self._repeat))
        elif tag == f"{{{_STYLE}}}table-properties":
            if _attribute(element, _TABLE, "display") == "false":
                self.hidden_styles.add(self._style)
        elif tag == f"{{{_STYLE}}}style":
            self._style = _attribute(element, _STYLE, "name") or ""

    def end(self, element: ElementTree.Element) -> None:
        tag = element.tag
        if tag in _CELLS and self._sheet is not None:
            self._cell(element)
        elif tag == f"{{{_TABLE}}}table-row" and self._sheet is not None:
            self._row += self._repeat
        elif tag == f"{{{_TABLE}}}table":
            self._sheet = None
        if tag in _CELLS or tag == f"{{{_TABLE}}}table-row":
            element.clear()  # keep memory flat on large sheets

    def _cell(self, element: ElementTree.Element) -> None:
        assert self._sheet is not None
        repeat = _count(element, "number-columns-repeated")
        first_column = self._column
        self._column += repeat
        facts = self.sheets[self._sheet]
        row = self._row + 1
        held = _attribute(element, _OFFICE, "value-type") is not None or len(element) > 0
        if held:
            facts.rows = max(facts.rows, self._row + self._repeat)
            facts.columns = max(facts.columns, self._column)
        rows_spanned = _count(element, "number-rows-spanned")
        columns_spanned = _count(element, "number-columns-spanned")
        if rows_spanned > 1 or columns_spanned > 1:
            last_row, last_column = row + rows_spanned - 1, first_column + columns_spanned - 1
            self.merges[self._sheet].append((row, first_column, last_row, last_column))


Merges = dict[str, list[tuple[int, int, int, int]]]


def inspect_ods(path: Path) -> tuple[dict[str, SheetFacts], Merges]:
    """Facts and merged ranges (1-based rows, 0-based columns) of every sheet, by name;
    ``xlsx_guard.Refused`` for a bomb, a sheet past the limits or a broken file."""
    try:
        with zipfile.ZipFile(path) as archive:
            xlsx_guard.check_directory(path, archive.infolist())
            if _CONTENT not in archive.namelist():
                raise xlsx_guard.Refused(xlsx_guard.unreadable(path, "ods_no_content"))
            walker = _parse(path, archive, archive.getinfo(_CONTENT))
    except SheetTooLarge as exc:
        raise xlsx_guard.Refused(limits.too_large(path, **exc.params)) from None
    except RuntimeError:
        raise xlsx_guard.Refused(Problem(ProblemCode.password_protected, str(path))) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError):
        raise xlsx_guard.Refused(xlsx_guard.unreadable(path, "ods_broken")) from None
    except ElementTree.ParseError:
        raise xlsx_guard.Refused(xlsx_guard.unreadable(path, "ods_content")) from None
    for name, facts in walker.sheets.items():
        check = SheetScanner(name, facts)
        check.finish()  # the limits on rows, columns and cells, said as for .xlsx
    return walker.sheets, dict(walker.merges.items())


def _parse(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> _Walker:
    parser: Any = ElementTree.XMLPullParser(events=("start", "end"))
    walker = _Walker()
    unpacked = 0
    with archive.open(info) as stream:
        while chunk := stream.read(xlsx_guard.CHUNK):
            unpacked += len(chunk)
            if unpacked > limits.MAX_UNCOMPRESSED_BYTES:
                raise xlsx_guard.Refused(xlsx_guard.unpacked_over(path))
            parser.feed(chunk)
            for event, element in parser.read_events():
                (walker.start if event == "start" else walker.end)(element)
            _check_so_far(walker)
    parser.close()
    return walker


def _check_so_far(walker: _Walker) -> None:
    """Stop early on a sheet already past the limits, rather than parse all of it."""
    for name, facts in walker.sheets.items():
        if facts.rows > limits.MAX_ROWS or facts.columns > limits.MAX_COLUMNS:
            SheetScanner(name, facts).finish()
