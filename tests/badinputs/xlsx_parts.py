"""Writing .xlsx files part by part, for inputs no spreadsheet program would write.

A workbook here is a zip of a few XML parts; sheets are given as rows of cells and
streamed, so a sheet of a million rows takes seconds and little memory.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from hoctap_cli.text import column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET = f"{RELS}/worksheet"


@dataclass(frozen=True)
class Formula:
    """A formula cell: its text, and the value Excel computed (None: never computed)."""

    text: str
    cached: Any = None
    error: str | None = None  # e.g. "#DIV/0!", shown instead of a value


@dataclass
class Sheet:
    """One worksheet: rows of cells (row number → cells from column A), or raw row XML."""

    name: str
    rows: Iterable[tuple[int, list[Any]]] = ()
    state: str = "visible"  # or "hidden", "veryHidden"
    hidden_rows: frozenset[int] = frozenset()
    raw: Iterable[str] | None = None  # <row> elements as text, instead of ``rows``
    merged: list[str] = field(default_factory=list)
    dimension: str | None = None  # the extent the sheet states (``A1:G3``), true or not


def cell_xml(reference: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Formula):
        return _formula_xml(reference, value)
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{reference}"><v>{value}</v></c>'
    return f'<c r="{reference}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def _formula_xml(reference: str, value: Formula) -> str:
    formula = f"<f>{escape(value.text)}</f>"
    if value.error is not None:
        return f'<c r="{reference}" t="e">{formula}<v>{value.error}</v></c>'
    if value.cached is None:
        return f'<c r="{reference}">{formula}</c>'
    return f'<c r="{reference}">{formula}<v>{value.cached}</v></c>'


def row_xml(number: int, cells: list[Any], hidden: bool = False) -> str:
    flag = ' hidden="1"' if hidden else ""
    inner = "".join(cell_xml(f"{column_letter(i)}{number}", v) for i, v in enumerate(cells))
    return f'<row r="{number}"{flag}>{inner}</row>'


def _sheet_xml(sheet: Sheet) -> Iterator[str]:
    stated = f'<dimension ref="{sheet.dimension}"/>' if sheet.dimension else ""
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{stated}<sheetData>'
    if sheet.raw is not None:
        yield from sheet.raw
    else:
        for number, cells in sheet.rows:
            yield row_xml(number, cells, number in sheet.hidden_rows)
    yield "</sheetData>"
    if sheet.merged:
        merged = "".join(f'<mergeCell ref="{cells}"/>' for cells in sheet.merged)
        yield f'<mergeCells count="{len(sheet.merged)}">{merged}</mergeCells>'
    yield "</worksheet>"


def write_xlsx(path: Path, sheets: list[Sheet], level: int = 1) -> Path:
    """Write ``sheets`` as a minimal workbook at ``path``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, text in _package(sheets).items():
            archive.writestr(name, text)
        for index, sheet in enumerate(sheets, start=1):
            with archive.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True) as part:
                batch: list[str] = []
                for piece in _sheet_xml(sheet):
                    batch.append(piece)
                    if len(batch) >= 5000:
                        part.write("".join(batch).encode("utf-8"))
                        batch = []
                part.write("".join(batch).encode("utf-8"))
    return path


def _package(sheets: list[Sheet]) -> dict[str, str]:
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    listed = "".join(
        f'<sheet name="{escape(s.name)}" sheetId="{i}" state="{s.state}" r:id="rId{i}"/>'
        for i, s in enumerate(sheets, start=1)
    )
    links = "".join(
        f'<Relationship Id="rId{i}" Type="{WORKSHEET}" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    return {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": (
            f'{head}<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{head}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{listed}</sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{head}<Relationships xmlns="{PACKAGE_RELS}">{links}</Relationships>'
        ),
    }


def _content_types(count: int) -> str:
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}</Types>"
    )


def numbered(rows: list[list[Any]], first: int = 1) -> list[tuple[int, list[Any]]]:
    """Rows from row ``first`` down, without gaps."""
    return [(first + offset, cells) for offset, cells in enumerate(rows)]
