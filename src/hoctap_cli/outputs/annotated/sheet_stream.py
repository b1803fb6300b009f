"""One sheet of the annotated copy, rewritten as it streams out of the user's workbook.

The sheet's XML is read twice, a chunk at a time, never whole. The first pass (``scan``)
finds the last column holding a value, the merged ranges, and what the second pass cannot
take on. The second pass (``SheetWriter``) copies the bytes through, and only where a row
needs it: appends the result cells before the row's ``</row>``, or, for the few rows with
marked cells or shading, rewrites the row cell by cell. The header gains its cells,
``<dimension>`` and ``<cols>`` grow, and ``<legacyDrawing>`` points at the comments.

Sheets are written by many programs (Excel, LibreOffice, openpyxl, xlsxwriter, Google
Sheets): a namespace prefix (``<x:row>``) is followed; rows missing for blank lines are
created when a mark lands there; a row or cell without its ``r`` position is refused
(``SheetUnsupported``) and the workbook goes the openpyxl way.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO

from hoctap_cli.engine.results import ApplicantResult, VerdictKind
from hoctap_cli.outputs.annotated.rows import (
    NOTICE_RGB,
    OTHER_WIDTH,
    PROBLEM_RGB,
    SKIPPED_RGB,
    VERDICT_RGB,
    WIDTHS,
    Mark,
    not_evaluated_cells,
)
from hoctap_cli.outputs.annotated.styles_xml import BLANK, Styles
from hoctap_cli.outputs.annotated.xml_text import cell, column_index, column_letter

CHUNK = 1 << 20
MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROOT = re.compile(rb"<(?:(\w+):)?worksheet\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\sr\s*=\s*"(\d+)"')
_CELL_COLUMN = re.compile(rb'\sr\s*=\s*"([A-Z]{1,3})\d+"')
_STYLE = re.compile(rb'\ss\s*=\s*"(\d+)"')
_SPANS = re.compile(rb'\sspans\s*=\s*"(\d+):(\d+)"')
_REF = re.compile(r"([A-Z]{1,3})(\d+)")


class SheetUnsupported(Exception):
    """A sheet the streamed copy does not rewrite; the reason is for the log."""


@dataclass
class SheetScan:
    """What the first pass over a sheet found."""

    prefix: str  # "" or the main namespace's prefix with its colon ("x:")
    last_column: int  # the last column holding a value, 0 for none
    merges: list[tuple[int, int, int, int]]  # first row, first column, last row, last column
    has_comments: bool  # the sheet has a legacy drawing (comments) already
    relationships: str = ""  # the root's prefix for relationship ids ("r"), if it has one


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while data := stream.read(CHUNK):
        yield data


def scan(stream: IO[bytes]) -> SheetScan:
    """The first pass: see ``SheetScan``; refuses what the second pass cannot rewrite."""
    prefix: str | None = None
    relationships = ""
    letters: set[bytes] = set()
    merges: list[tuple[int, int, int, int]] = []
    has_comments = False
    carry = b""
    patterns: tuple[re.Pattern[bytes], ...] = ()
    for data in _chunks(stream):
        data = carry + data
        cut = data.rfind(b">") + 1
        piece, carry = data[:cut], data[cut:]
        if prefix is None:
            prefix = _prefix(piece)
            relationships = _relationships_prefix(piece)
            patterns = _scan_patterns(prefix.encode())
        valued, unplaced, merged, legacy = patterns
        letters.update(valued.findall(piece))
        if unplaced.search(piece):
            raise SheetUnsupported("a row or cell without its position (r)")
        merges.extend(_merge(ref) for ref in merged.findall(piece))
        has_comments = has_comments or legacy.search(piece) is not None
    if prefix is None:
        raise SheetUnsupported("empty sheet part")
    last = max((column_index(letter.decode()) for letter in letters), default=0)
    return SheetScan(prefix, last, [m for m in merges if m[0]], has_comments, relationships)


def _prefix(head: bytes) -> str:
    root = _ROOT.search(head)
    if root is None:
        raise SheetUnsupported("no worksheet element")
    prefix = root.group(1)
    declared = b"xmlns" + (b":" + prefix if prefix else b"") + b'="' + MAIN_NS + b'"'
    if declared not in root.group(2):
        raise SheetUnsupported("not the transitional SpreadsheetML namespace")
    return prefix.decode() + ":" if prefix else ""


def _relationships_prefix(head: bytes) -> str:
    root = _ROOT.search(head)
    if root is None:
        return ""
    namespace = RELATIONSHIPS_NS.encode()
    declared = re.search(rb'xmlns:(\w+)\s*=\s*"' + namespace + rb'"', root.group(2))
    return declared.group(1).decode() if declared else ""


def _scan_patterns(p: bytes) -> tuple[re.Pattern[bytes], ...]:
    p = re.escape(p)
    return (
        # a cell with content: not self-closing, and not closed at once
        re.compile(
            rb"<" + p + rb'c\s[^>]*?\br\s*=\s*"([A-Z]{1,3})\d+"[^>]*?(?<!/)>(?!</' + p + rb"c>)"
        ),
        # a row or cell without its position, or with it in single quotes
        re.compile(rb"<" + p + rb"(?:c|row)(?=[\s/>])(?![^>]*?\sr\s*=\s*\")"),
        re.compile(rb"<" + p + rb'mergeCell\s[^>]*?ref\s*=\s*"([^"]*)"'),
        re.compile(rb"<" + p + rb"legacyDrawing[\s/>]"),
    )


Merge = tuple[int, int, int, int]


def merges_on_rows(merges: list[Merge], rows: set[int]) -> dict[int, list[Merge]]:
    """Row → the merged ranges crossing it, for ``rows`` only: a province's sheet may hold
    thousands of ranges (a village merged down) and thousands of marked rows, and looking
    through every range for every mark would cost their product."""
    wanted = sorted(rows)
    found: dict[int, list[Merge]] = {}
    for merge in merges:
        top, _, bottom, _ = merge
        for row in wanted[bisect_left(wanted, top) : bisect_right(wanted, bottom)]:
            found.setdefault(row, []).append(merge)
    return found


def _merge(ref: bytes) -> tuple[int, int, int, int]:
    ends = _REF.findall(ref.decode("ascii", "replace"))
    if not ends:
        return (0, 0, 0, 0)
    (left, top), (right, bottom) = ends[0], ends[-1]
    return (int(top), column_index(left), int(bottom), column_index(right))


@dataclass
class SheetPlan:
    """What one sheet gains: see ``rows``. ``values`` gives an applicant's result cells."""

    header_row: int
    headers: list[str]
    first: int  # the first appended column
    results: Mapping[int, ApplicantResult]
    values: Callable[[ApplicantResult], list[object]]
    skipped: dict[int, list[str]]
    marks: dict[tuple[int, int], Mark]
    merges: list[tuple[int, int, int, int]]
    legacy_drawing: str | None = None  # the relationship id of the comments' drawing
    _by_row: dict[int, dict[int, Mark]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for (row, column), mark in self.marks.items():
            self._by_row.setdefault(row, {})[column] = mark

    @property
    def last(self) -> int:
        return self.first + len(self.headers) - 1

    def marks_on(self, row: int) -> dict[int, Mark]:
        return self._by_row.get(row, {})

    def rows(self) -> list[int]:
        """Every row the copy writes into, in order."""
        return sorted({self.header_row, *self.results, *self.skipped, *self._by_row})


_FILLS = {"problem": PROBLEM_RGB, "notice": NOTICE_RGB, "skipped": SKIPPED_RGB}


class SheetWriter:
    """The second pass: see the module's docstring."""

    def __init__(self, plan: SheetPlan, sheet: SheetScan, styles: Styles) -> None:
        self.plan, self.styles = plan, styles
        self.p = sheet.prefix
        self.relationships = sheet.relationships
        pb = re.escape(self.p.encode())
        self._row_open = re.compile(rb"<" + pb + rb"row(?=[\s/>])[^>]*?(/?)>")
        self._cell = re.compile(rb"<" + pb + rb"c(?=[\s/>])[^>]*?(?:/>|>.*?</" + pb + rb"c>)", re.S)
        self._row_close = f"</{self.p}row>".encode()
        self._end = f"</{self.p}sheetData>".encode()
        self._last_cell = f"<{self.p}c ".encode()
        self._letters = [column_letter(plan.first + i) for i in range(len(plan.headers))]
        self._model = column_letter(plan.first - 1).encode() if plan.first > 1 else b""
        self._targets = plan.rows()
        self._next = 0  # index in ``_targets`` of the next row not yet written
        self._styles: dict[tuple[object, ...], int] = {}
        # a row's kinds follow from its first (header, verdict or "Không xét" row)
        self._row_styles: dict[tuple[str, int], list[int]] = {}
        self._shaded_merges: dict[int, list[Merge]] | None = None
        middle = ["plain"] * (len(plan.headers) - 2)
        self._verdict_kinds = {
            kind: [f"verdict:{kind.value}", *middle, "last"] for kind in VerdictKind
        }

    # Whole sheet ---------------------------------------------------------------------------

    def write(self, source: IO[bytes], out: IO[bytes]) -> None:
        chunks = _chunks(source)
        pending = b""
        head = re.compile(rb"<" + re.escape(self.p.encode()) + rb"sheetData(?=[\s/>])[^>]*?(/?)>")
        while (found := head.search(pending)) is None:
            data = next(chunks, b"")
            if not data:
                raise SheetUnsupported("no sheetData")
            pending += data
        out.write(self._head(pending[: found.start()]))
        if found.group(1):  # <sheetData/>: every row is new
            out.write(f"<{self.p}sheetData>".encode())
            out.write(self._rows_before(None))
            out.write(self._end)
            self._tail(pending[found.end() :], chunks, out)
            return
        out.write(pending[found.start() : found.end()])
        pending = pending[found.end() :]
        while True:
            end = pending.find(self._end)
            if end >= 0:
                out.write(self._piece(pending[:end]))
                out.write(self._rows_before(None))
                self._tail(pending[end:], chunks, out)
                return
            cut = pending.rfind(self._row_close)
            if cut >= 0:
                cut += len(self._row_close)
                out.write(self._piece(pending[:cut]))
                pending = pending[cut:]
            data = next(chunks, b"")
            if not data:
                raise SheetUnsupported("no </sheetData>")
            pending += data

    def _head(self, head: bytes) -> bytes:
        """``<dimension>`` and ``<cols>`` made to cover the new columns."""
        text = head.decode("utf-8")
        p = re.escape(self.p)
        last_row = max(self._targets, default=0)

        def dimension(found: re.Match[str]) -> str:
            ends = _REF.findall(found.group(2))
            if not ends:
                return found.group(0)
            (left, top), (right, bottom) = ends[0], ends[-1]
            right = column_letter(max(column_index(right), self.plan.last))
            bottom = str(max(int(bottom), last_row))
            return f"{found.group(1)}{left}{top}:{right}{bottom}{found.group(3)}"

        text = re.sub(rf'(<{p}dimension\s[^>]*?ref\s*=\s*")([^"]*)(")', dimension, text, count=1)
        cols = re.search(rf"<{p}cols\b[^>]*?(?:/>|>(.*?)</{p}cols>)", text, re.S)
        new = self._cols(cols.group(1) or "" if cols else "")
        if cols:
            text = text[: cols.start()] + new + text[cols.end() :]
        else:  # <cols> comes right before <sheetData>
            text += new
        return text.encode("utf-8")

    def _cols(self, inner: str) -> str:
        """The ``<col>`` list with the appended columns' widths, existing ranges cut around
        them (LibreOffice writes ranges up to the last column of the sheet)."""
        first, last = self.plan.first, self.plan.last
        entries: list[tuple[int, str]] = []
        for found in re.finditer(
            rf"<{re.escape(self.p)}col\b([^>]*?)(?:/>|>\s*</{re.escape(self.p)}col>)", inner
        ):
            attributes = found.group(1)
            low = re.search(r'\smin\s*=\s*"(\d+)"', attributes)
            high = re.search(r'\smax\s*=\s*"(\d+)"', attributes)
            if low is None or high is None:
                continue
            rest = re.sub(r'\s(?:min|max)\s*=\s*"\d+"', "", attributes)
            start, end = int(low.group(1)), int(high.group(1))
            for a, b in ((start, min(end, first - 1)), (max(start, last + 1), end)):
                if a <= b:
                    entries.append((a, f'<{self.p}col min="{a}" max="{b}"{rest}/>'))
        for offset, header in enumerate(self.plan.headers):
            number = first + offset
            width = WIDTHS.get(header, OTHER_WIDTH)
            entries.append(
                (
                    number,
                    f'<{self.p}col min="{number}" max="{number}" width="{width}" customWidth="1"/>',
                )
            )
        entries.sort(key=lambda entry: entry[0])
        return f"<{self.p}cols>" + "".join(xml for _, xml in entries) + f"</{self.p}cols>"

    def _tail(self, tail: bytes, chunks: Iterator[bytes], out: IO[bytes]) -> None:
        """The rest of the sheet after ``</sheetData>``, with ``<legacyDrawing>`` when the
        copy comments cells (placed where the schema's order wants it)."""
        rest = tail + b"".join(chunks)
        if self.plan.legacy_drawing is not None:
            p = re.escape(self.p.encode())
            after = re.search(
                rb"<" + p + rb"(?:legacyDrawingHF|drawingHF|picture|oleObjects|controls"
                rb"|webPublishItems|tableParts|extLst)[\s/>]|</" + p + rb"worksheet>",
                rest,
            )
            if after is None:
                raise SheetUnsupported("no </worksheet>")
            # Excel expects the id's prefix declared on the root, as its own sheets do; a
            # sheet without that declaration gets it on the element itself
            r = self.relationships or "r"
            declare = "" if self.relationships else f' xmlns:r="{RELATIONSHIPS_NS}"'
            element = (
                f'<{self.p}legacyDrawing{declare} {r}:id="{self.plan.legacy_drawing}"/>'
            ).encode()
            rest = rest[: after.start()] + element + rest[after.start() :]
        out.write(rest)

    # Rows ----------------------------------------------------------------------------------

    def _piece(self, piece: bytes) -> bytes:
        """Complete rows: copied through, except the rows the copy writes into."""
        parts: list[bytes] = []
        written = position = 0
        plan = self.plan
        while (found := self._row_open.search(piece, position)) is not None:
            number_found = _ROW_NUMBER.search(found.group(0))
            if number_found is None:
                raise SheetUnsupported("a row without its position (r)")
            number = int(number_found.group(1))
            if found.group(1):
                body, end = None, found.end()
            else:
                close = piece.find(self._row_close, found.end())
                if close < 0:
                    raise SheetUnsupported("a row not closed")
                body, end = piece[found.end() : close], close + len(self._row_close)
            targets = self._targets
            if self._next < len(targets) and targets[self._next] <= number:
                parts.append(piece[written : found.start()])
                parts.append(self._rows_before(number))
                if self._next < len(targets) and targets[self._next] == number:
                    self._next += 1
                    parts.append(self._row(number, found.group(0), body))
                    written = end
                else:
                    written = found.start()
            position = end
        parts.append(piece[written:])
        del plan
        return b"".join(parts)

    def _rows_before(self, number: int | None) -> bytes:
        """New rows for the targets before row ``number`` (all that are left for None):
        rows a sheet leaves out when they are blank."""
        parts = []
        targets = self._targets
        while self._next < len(targets) and (number is None or targets[self._next] < number):
            row = targets[self._next]
            self._next += 1
            parts.append(self._row(row, f'<{self.p}row r="{row}">'.encode(), b""))
        return b"".join(parts)

    def _row(self, number: int, tag: bytes, body: bytes | None) -> bytes:
        plan, p = self.plan, self.p
        values, kinds = self._values(number)
        marks = plan.marks_on(number)
        shaded = number in plan.skipped
        if tag.endswith(b"/>"):
            tag = tag[:-2].rstrip() + b">"
        if values:
            tag = _SPANS.sub(
                lambda m: b' spans="%s:%d"' % (m.group(1), max(int(m.group(2)), plan.last)), tag
            )
        content = body or b""
        model = self._model_style(number, content)
        if not marks and not shaded and self._last_column(content) < plan.first:
            key = (kinds[0], model)
            styles = self._row_styles.get(key)
            if styles is None:
                styles = [self._style(kind, model, None) for kind in kinds]
                self._row_styles[key] = styles
            row = str(number)
            cells = "".join(
                [
                    cell(letter + row, value, style, p)
                    for letter, value, style in zip(self._letters, values, styles, strict=True)
                ]
            )
            return tag + content + cells.encode("utf-8") + self._row_close
        return (
            tag
            + self._rewrite(number, content, values, kinds, model, marks, shaded)
            + self._row_close
        )

    def _values(self, number: int) -> tuple[list[object], list[str]]:
        plan = self.plan
        count = len(plan.headers)
        if number == plan.header_row:
            return list(plan.headers), ["header"] * count
        result = plan.results.get(number)
        if result is not None:
            return plan.values(result), self._verdict_kinds[result.verdict]
        messages = plan.skipped.get(number)
        if messages is not None:
            return not_evaluated_cells(plan.headers, messages), ["plain"] * (count - 1) + ["last"]
        return [], []

    def _model_style(self, number: int, body: bytes) -> int:
        """The style of the cell left of the first new column, which the new cells follow."""
        if not self._model:
            return -1
        at = body.find(b'r="%s%d"' % (self._model, number))
        if at < 0:
            return -1
        start = body.rfind(b"<", 0, at)
        style = _STYLE.search(body, start, body.find(b">", at))
        return int(style.group(1)) if style else 0

    def _last_column(self, body: bytes) -> int:
        at = body.rfind(self._last_cell)
        if at < 0:
            return 0
        found = _CELL_COLUMN.search(body, at, body.find(b">", at) + 1)
        return column_index(found.group(1).decode()) if found else 0

    def _rewrite(
        self,
        number: int,
        body: bytes,
        values: list[object],
        kinds: list[str],
        model: int,
        marks: dict[int, Mark],
        shaded: bool,
    ) -> bytes:
        """A row rebuilt cell by cell: new cells in column order, existing ones restyled."""
        p = self.p
        cells: dict[int, bytes] = {}
        for found in self._cell.finditer(body):
            raw = found.group(0)
            position = _CELL_COLUMN.search(raw, 0, raw.find(b">") + 1)
            if position is None:
                raise SheetUnsupported("a cell without its position (r)")
            cells[column_index(position.group(1).decode())] = raw
        if shaded:
            covered = self._covered(number)
            for column in range(1, self.plan.first):
                if column not in covered:
                    cells[column] = self._filled(number, column, cells.get(column), "skipped")
        for offset, (value, kind) in enumerate(zip(values, kinds, strict=True)):
            column = self.plan.first + offset
            existing = cells.get(column)
            base = _style_of(existing) if existing is not None else None
            style = self._style(kind, model, base)
            cells[column] = cell(f"{column_letter(column)}{number}", value, style, p).encode(
                "utf-8"
            )
        for column, mark in marks.items():
            kind = "notice" if mark.notice else "problem"
            cells[column] = self._filled(number, column, cells.get(column), kind)
        return b"".join(cells[column] for column in sorted(cells))

    def _filled(self, number: int, column: int, raw: bytes | None, fill: str) -> bytes:
        """Cell ``raw`` (or a new empty one) with its style's fill replaced."""
        base = _style_of(raw) if raw is not None else 0
        key = ("fill", fill, base)
        if key not in self._styles:
            xf = self.styles.xf(base) if raw is not None else BLANK
            self._styles[key] = self.styles.derive(xf, fill=self.styles.fill(_FILLS[fill]))
        style = self._styles[key]
        if raw is None:
            return f'<{self.p}c r="{column_letter(column)}{number}" s="{style}"/>'.encode()
        return _with_style(raw, style)

    def _covered(self, number: int) -> set[int]:
        """Columns of row ``number`` inside a merged range but not its top-left cell."""
        covered: set[int] = set()
        if self._shaded_merges is None:
            self._shaded_merges = merges_on_rows(self.plan.merges, set(self.plan.skipped))
        for top, left, bottom, right in self._shaded_merges.get(number, ()):
            if top <= number <= bottom:
                for column in range(left, right + 1):
                    if (number, column) != (top, left):
                        covered.add(column)
        return covered

    def _style(self, kind: str, model: int, base: int | None) -> int:
        """The style of a new cell of ``kind`` next to a cell of style ``model``, over the
        style ``base`` of a cell already there (None: no cell), as the openpyxl copy sets it."""
        key = (kind, model, base)
        found = self._styles.get(key)
        if found is not None:
            return found
        styles = self.styles
        xf = styles.xf(base) if base is not None else BLANK
        styled = model >= 0 and styles.has_style(model)
        like = styles.xf(model)
        parts: dict[str, object] = {}
        if kind == "header":
            if styled:
                parts = {
                    "border": like.number("borderId"),
                    "fill": like.number("fillId"),
                    "alignment": like.alignment,
                    "font": styles.bold_font(like.number("fontId")),
                }
            else:
                parts = {
                    "font": styles.font('<b val="1"/>'),
                    "alignment": f'<{styles.prefix}alignment vertical="center" wrapText="1"/>',
                }
        else:
            if styled:
                parts = {"border": like.number("borderId"), "font": like.number("fontId")}
            if kind.startswith("verdict:"):
                fill, colour = VERDICT_RGB[VerdictKind(kind.split(":", 1)[1])]
                parts["fill"] = styles.fill(fill)
                parts["font"] = styles.font(f'<b val="1"/><color rgb="00{colour}"/>')
            elif kind == "last":
                parts["alignment"] = f'<{styles.prefix}alignment vertical="top" wrapText="1"/>'
        if not parts and base is None:
            style = 0
        elif not parts and base is not None:
            style = base
        else:
            style = styles.derive(xf, **parts)  # type: ignore[arg-type]
        self._styles[key] = style
        return style


def _style_of(raw: bytes) -> int:
    found = _STYLE.search(raw, 0, raw.find(b">") + 1)
    return int(found.group(1)) if found else 0


def _with_style(raw: bytes, style: int) -> bytes:
    head = raw.find(b">") + 1
    tag = raw[:head]
    found = _STYLE.search(tag)
    if found:
        tag = tag[: found.start()] + b' s="%d"' % style + tag[found.end() :]
    else:
        at = tag.find(b" ")
        tag = tag[:at] + b' s="%d"' % style + tag[at:]
    return tag + raw[head:]
