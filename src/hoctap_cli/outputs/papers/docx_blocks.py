"""Pieces of a Word document in the administrative layout: paragraphs, side-by-side blocks,
and a list as the appendix of a decision."""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from hoctap_cli.exact import Shown
from hoctap_cli.outputs.papers.export_data import FOOTNOTE_MARK, ExportData, TitleList
from hoctap_cli.outputs.papers.export_xlsx import roman

BODY = 14
TABLE = 13


def layout_table(document: Any, widths: tuple[Any, ...]) -> Any:
    """A one-row table with no borders, to place blocks side by side."""
    table = document.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, widths)
    return table


def set_widths(table: Any, widths: Any) -> None:
    """Column widths in the grid (LibreOffice reads these) and in each first-row cell (Word)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width


def para(container: Any, text: str, *, bold: bool = False, italic: bool = False,
         size: float = BODY, align: str = "center", indent: bool = False,
         first: bool = False, space_before: float = 0, space_after: float = 0,
         lead: str | None = None) -> Any:  # fmt: skip
    """One paragraph of plain text (never a field or a link), styled; ``lead`` is bold."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    form = paragraph.paragraph_format
    form.space_before, form.space_after = Pt(space_before), Pt(space_after or 3)
    if indent:
        form.first_line_indent = Cm(1)
    rest = text
    if lead and text.startswith(lead):
        run = paragraph.add_run(lead)
        run.bold, run.font.size = True, Pt(size)
        rest = text[len(lead) :]
    run = paragraph.add_run(rest)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def new_page(document: Any) -> None:
    """Start the next part on a new page of the same section."""
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def appendix(document: Any, title_list: TitleList, data: ExportData, label: str) -> None:
    """The list on new pages: its heading, the 'Kèm theo' line, the table, the footnote."""
    new_page(document)
    para(document, label, bold=True)
    para(document, title_list.heading, bold=True, space_before=4)
    para(document, title_list.attached, italic=True)
    mark = FOOTNOTE_MARK if title_list.provisional else ""
    para(document, title_list.basis + mark, italic=True, space_after=8)
    headers = ["STT", title_list.name_label]
    widths = [Cm(1.3), Cm(6.2)]
    if title_list.id_label:
        headers.append(title_list.id_label)
        widths.append(Cm(2.4))
    if title_list.has_points:
        headers.append("Tổng điểm")
        widths.append(Cm(2.2))
    if title_list.has_rank:
        headers.append(title_list.level_header)
        widths.append(Cm(2.4))
    headers.append("Ghi chú")
    widths.append(Cm(16.5 - sum(w.cm for w in widths)))
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, widths)
    _row(table.rows[0], headers, widths, bold=True)
    _repeat_header(table.rows[0])
    for number, group in enumerate(title_list.villages, start=1):
        if title_list.has_village:
            cells = table.add_row().cells
            _row_cells(cells[:1], [roman(number)], widths[:1], bold=True)
            merged = cells[1].merge(cells[-1])
            count = f"{group.village} ({len(group.applicants)} {title_list.unit})"
            _fill(merged, count, bold=True, align="left")
        for listed in group.applicants:
            values = [str(listed.stt), listed.name]
            if title_list.id_label:
                values.append(listed.code)
            if title_list.has_points:
                values.append(_points(listed.total, listed.total_complete))
            if title_list.has_rank:
                values.append(listed.level_label)
            values.append(listed.note)
            _row(table.add_row(), values, widths)
    para(document, f"Tổng cộng: {title_list.listed} {title_list.unit}.", bold=True,
         align="left", space_before=6)  # fmt: skip
    if title_list.provisional:
        note = f"{FOOTNOTE_MARK} {title_list.provisional}"
        para(document, note, italic=True, size=11, align="justify", space_before=6)


def _points(total: Shown | None, complete: bool) -> str:
    from hoctap_cli.outputs.words.points_text import known_text

    return known_text(total, complete) if total is not None else ""


def _row(row: Any, values: list[str], widths: list[Any], *, bold: bool = False) -> None:
    _row_cells(row.cells, values, widths, bold=bold)


def _row_cells(cells: Any, values: list[str], widths: list[Any], *, bold: bool = False) -> None:
    for index, (cell, value, width) in enumerate(zip(cells, values, widths, strict=True)):
        cell.width = width
        left = index == 1 or (index == len(values) - 1 and index > 1)
        _fill(cell, value, bold=bold and True, align="left" if left and not bold else "center")


def _fill(cell: Any, text: str, *, bold: bool, align: str) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER}[
        align
    ]
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(TABLE)


def _repeat_header(row: Any) -> None:
    """The table's header row printed again at the top of every page."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
