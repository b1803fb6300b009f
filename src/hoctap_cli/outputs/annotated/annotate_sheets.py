"""The two sheets an annotated workbook gains, "Lỗi" and "Tổng hợp", written with openpyxl
for the copies that are not streamed (their contents: ``added_sheets``)."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.workbook import Workbook  # type: ignore[import-untyped]
from openpyxl.worksheet.hyperlink import Hyperlink  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from hoctap_cli.outputs.annotated import added_sheets
from hoctap_cli.outputs.annotated.added_sheets import AddedSheet, quote_sheet
from hoctap_cli.outputs.inert import append_row
from hoctap_cli.problems import Problem
from hoctap_cli.workflow.run import Evaluation

__all__ = ["add_problem_sheet", "add_summary_sheet", "free_title", "quote_sheet"]

BOLD = Font(bold=True)


def add_problem_sheet(workbook: Workbook, problems: Sequence[Problem]) -> Worksheet:
    """One row per problem, errors first, each linked to its cell."""
    return render(workbook, added_sheets.problem_sheet(workbook.sheetnames, problems))


def add_summary_sheet(workbook: Workbook, evaluation: Evaluation, file: str) -> Worksheet:
    """Counts per title and per village for ``file``, provenance and provisional values."""
    return render(workbook, added_sheets.summary_sheet(workbook.sheetnames, evaluation, file))


def free_title(workbook: Workbook, title: str) -> str:
    """``title``, or ``title (2)`` … when the workbook already has a sheet by that name."""
    return added_sheets.free_title(workbook.sheetnames, title)


def render(workbook: Workbook, added: AddedSheet) -> Worksheet:
    """``added`` as a new last sheet of ``workbook``."""
    sheet = workbook.create_sheet(added.title)
    for number, cells in enumerate(added.rows, start=1):
        if not cells:
            sheet.append([])
            continue
        append_row(sheet, [cell.value for cell in cells])
        for column, cell in enumerate(cells, start=1):
            target = sheet.cell(number, column)
            if cell.style == "bold":
                target.font = BOLD
            elif cell.style == "percent":
                target.number_format = "0.0%"
            elif cell.style == "nowrap":
                target.alignment = Alignment(wrap_text=False)
            if cell.link is not None:
                target.hyperlink = Hyperlink(ref=target.coordinate, location=cell.link)
                target.style = "Hyperlink"
    for letter, width in added.widths.items():
        sheet.column_dimensions[letter].width = width
    if added.freeze is not None:
        sheet.freeze_panes = added.freeze
    return sheet
