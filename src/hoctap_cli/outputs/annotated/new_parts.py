"""The parts the streamed copy adds to the package: comments with their legacy drawing,
and the "Lỗi" and "Tổng hợp" sheets (``added_sheets``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from hoctap_cli.outputs.annotated.added_sheets import AddedSheet
from hoctap_cli.outputs.annotated.rows import AUTHOR, Mark, comment_size
from hoctap_cli.outputs.annotated.styles_xml import BLANK, Styles
from hoctap_cli.outputs.annotated.xml_text import attribute, cell, column_letter, space, text

DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ROWS_PER_WRITE = 2000


def comments_xml(marks: Sequence[tuple[int, int, Mark]]) -> bytes:
    """The comments part of one sheet: one comment per marked cell."""
    parts = [
        DECLARATION,
        f'<comments xmlns="{MAIN}"><authors><author>{AUTHOR}</author></authors><commentList>',
    ]
    for row, column, mark in marks:
        body = text(mark.text)
        parts.append(
            f'<comment ref="{column_letter(column)}{row}" authorId="0"><text>'
            f"<t{space(body)}>{body}</t></text></comment>"
        )
    parts.append("</commentList></comments>")
    return "".join(parts).encode("utf-8")


def drawing_vml(marks: Sequence[tuple[int, int, Mark]]) -> bytes:
    """The legacy (VML) drawing that places the comment boxes, as openpyxl writes it."""
    parts = [
        '<xml xmlns:v="urn:schemas-microsoft-com:vml"'
        ' xmlns:o="urn:schemas-microsoft-com:office:office"'
        ' xmlns:x="urn:schemas-microsoft-com:office:excel">'
        '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>'
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"'
        ' path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
        '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
    ]
    for number, (row, column, mark) in enumerate(marks, 1026):
        height, width = comment_size(mark.text)
        parts.append(
            f'<v:shape id="_x0000_s{number:04d}" type="#_x0000_t202" style="position:absolute; '
            f"margin-left:59.25pt;margin-top:1.5pt;width:{width}px;height:{height}px;"
            'z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
            '<v:fill color2="#ffffe1"/><v:shadow color="black" obscured="t"/>'
            '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
            '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note">'
            "<x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill>"
            f"<x:Row>{row - 1}</x:Row><x:Column>{column - 1}</x:Column></x:ClientData></v:shape>"
        )
    parts.append("</xml>")
    return "".join(parts).encode("utf-8")


def write_added_sheet(sheet: AddedSheet, styles: Styles, out: IO[bytes]) -> None:
    """``sheet`` as a worksheet part, its rows written as they come."""
    looks = {
        "bold": lambda: styles.derive(BLANK, font=styles.font('<b val="1"/>')),
        "link": lambda: styles.derive(
            BLANK, font=styles.font('<u val="single"/><color theme="10"/>')
        ),
        "percent": lambda: styles.derive(BLANK, number_format=styles.number_format("0.0%")),
        "nowrap": lambda: styles.derive(BLANK, alignment=f"<{styles.prefix}alignment/>"),
    }
    chosen: dict[str, int] = {}
    head = [DECLARATION, f'<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">']
    head.append('<sheetViews><sheetView workbookViewId="0">')
    if sheet.freeze is not None:
        head.append(_pane(sheet.freeze))
    head.append("</sheetView></sheetViews>")
    if sheet.widths:
        head.append("<cols>")
        for letter, width in sorted(sheet.widths.items(), key=lambda item: (len(item[0]), item[0])):
            number = _index(letter)
            head.append(f'<col min="{number}" max="{number}" width="{width}" customWidth="1"/>')
        head.append("</cols>")
    head.append("<sheetData>")
    out.write("".join(head).encode("utf-8"))
    links: list[tuple[str, str]] = []
    batch: list[str] = []
    for number, cells in enumerate(sheet.rows, start=1):
        if not cells:
            continue
        batch.append(f'<row r="{number}">')
        for column, added in enumerate(cells, start=1):
            style = 0
            if added.style is not None:
                if added.style not in chosen:
                    chosen[added.style] = looks[added.style]()
                style = chosen[added.style]
            ref = f"{column_letter(column)}{number}"
            batch.append(cell(ref, added.value, style))
            if added.link is not None:
                links.append((ref, added.link))
        batch.append("</row>")
        if len(batch) > ROWS_PER_WRITE:
            out.write("".join(batch).encode("utf-8"))
            batch.clear()
    batch.append("</sheetData>")
    if links:
        batch.append("<hyperlinks>")
        for ref, location in links:
            where = attribute(location)
            batch.append(f'<hyperlink ref="{ref}" location="{where}" display="{where}"/>')
        batch.append("</hyperlinks>")
    batch.append(
        '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
        "</worksheet>"
    )
    out.write("".join(batch).encode("utf-8"))


def _pane(top_left: str) -> str:
    letters = top_left.rstrip("0123456789")
    columns, rows = _index(letters) - 1, int(top_left[len(letters) :]) - 1
    split = (f' xSplit="{columns}"' if columns else "") + (f' ySplit="{rows}"' if rows else "")
    pane = "bottomRight" if columns and rows else ("bottomLeft" if rows else "topRight")
    return (
        f'<pane{split} topLeftCell="{top_left}" activePane="{pane}" state="frozen"/>'
        f'<selection pane="{pane}" activeCell="{top_left}" sqref="{top_left}"/>'
    )


def _index(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
