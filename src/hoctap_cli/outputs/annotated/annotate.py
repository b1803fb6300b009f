"""Each applicant's verdict written back into a copy of the user's own workbook, through
openpyxl: the way for converted .xls/.ods workbooks and for the rare .xlsx the streamed
copy (``stream_copy``) does not take on.

Workbook in, workbook out: the caller opens the original with openpyxl and saves the
copy elsewhere. On every sheet the run read, columns are appended after the last used
one: "Kết quả", "Tổng điểm" (titles scored in points), one per criteria group and
"Lý do", filled on each applicant's own row. Problem cells get a fill and a comment with
the message; rows that were not evaluated are shaded and say why. Two sheets are added:
"Lỗi" (errors, then notices; named "Lưu ý" when there are only notices) and "Tổng hợp"
(counts, provenance, provisional values).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import copy

from openpyxl.cell.cell import Cell, MergedCell  # type: ignore[import-untyped]
from openpyxl.comments import Comment  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import column_index_from_string, get_column_letter  # type: ignore[import-untyped]
from openpyxl.workbook import Workbook  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from hoctap_cli.outputs.annotated.annotate_sheets import add_problem_sheet, add_summary_sheet
from hoctap_cli.outputs.annotated.rows import (
    AUTHOR,
    NOT_EVALUATED,
    NOTICE_RGB,
    OTHER_WIDTH,
    PROBLEM_RGB,
    SKIPPED_RGB,
    VERDICT_RGB,
    WIDTHS,
    cell_marks,
    comment_size,
    not_evaluated_cells,
    result_cells,
    result_headers,
    rows_not_evaluated,
)
from hoctap_cli.outputs.inert import put_value
from hoctap_cli.outputs.words.wording import Wording
from hoctap_cli.problems import Problem
from hoctap_cli.records.tabular import SheetLayout
from hoctap_cli.workflow.run import Evaluation, TitleResult

__all__ = ["NOT_EVALUATED", "annotate_workbook", "result_headers"]

PROBLEM_FILL = PatternFill("solid", fgColor=PROBLEM_RGB)
NOTICE_FILL = PatternFill("solid", fgColor=NOTICE_RGB)
SKIPPED_FILL = PatternFill("solid", fgColor=SKIPPED_RGB)


def annotate_workbook(workbook: Workbook, evaluation: Evaluation, file: str) -> None:
    """Add result columns and problem marks to each sheet of ``file`` the run read."""
    levels = {level.criteria.criteria.id: level for level in evaluation.titles}
    problems = [p for p in evaluation.problems if p.file == file]
    for item in evaluation.inputs:
        for layout in item.layouts if item.file == file else ():
            level = levels.get(layout.title)
            if level is None or layout.sheet not in workbook.sheetnames:
                continue
            on_sheet = [p for p in problems if p.sheet == layout.sheet]
            wording = Wording(level.criteria.criteria, evaluation.title_names)
            annotate_sheet(workbook[layout.sheet], layout, level, wording, on_sheet)
    add_problem_sheet(workbook, problems)
    add_summary_sheet(workbook, evaluation, file)


def annotate_sheet(
    sheet: Worksheet,
    layout: SheetLayout,
    title_result: TitleResult,
    wording: Wording,
    problems: Sequence[Problem],
) -> None:
    """Result columns on one sheet, then the marks of its problems."""
    criteria = title_result.criteria.criteria
    first = first_free_column(sheet, layout.header_row)
    headers = result_headers(criteria)
    _write_headers(sheet, layout.header_row, first, headers)
    for result in title_result.results:
        source = result.source
        if source.file == layout.file and source.sheet == layout.sheet and source.row:
            cells = _write_row(sheet, source.row, first, result_cells(result, criteria, wording))
            fill, font = VERDICT_RGB[result.verdict]
            cells[0].fill = PatternFill("solid", fgColor=fill)
            cells[0].font = Font(bold=True, color=font)
    for row, messages in rows_not_evaluated(problems).items():
        _shade_row(sheet, row, first - 1)
        _write_row(sheet, row, first, not_evaluated_cells(headers, messages))
    mark_problems(sheet, problems, first)


def first_free_column(sheet: Worksheet, header_row: int) -> int:
    """The column after the last one holding a value, or merged from the header down."""
    last = 0
    for row in sheet.iter_rows(values_only=True):
        for index in range(len(row), last, -1):
            if row[index - 1] is not None:
                last = index
                break
    for merged in sheet.merged_cells.ranges:
        if merged.max_row >= header_row:
            last = max(last, merged.max_col)
    return last + 1


def mark_problems(sheet: Worksheet, problems: Iterable[Problem], result_column: int) -> None:
    """Fill and comment each problem's cell; a problem without a column marks "Kết quả"."""

    def anchor(row: int, column: int) -> tuple[int, int]:
        cell = _anchor(sheet, row, column)
        return cell.row, cell.column

    for (row, column), mark in cell_marks(problems, result_column, anchor, _column).items():
        cell = sheet.cell(row, column)
        cell.fill = NOTICE_FILL if mark.notice else PROBLEM_FILL
        text = mark.text
        if cell.comment is not None:  # the officer's own comment stays first
            text = f"{cell.comment.text}\n—\n{text}"
        height, width = comment_size(text)
        cell.comment = Comment(text, AUTHOR, height=height, width=width)


def _write_headers(sheet: Worksheet, row: int, first: int, headers: list[str]) -> None:
    model = sheet.cell(row, first - 1) if first > 1 else None
    for offset, text in enumerate(headers):
        cell = put_value(sheet, row, first + offset, text)
        if model is not None and model.has_style:
            cell.border, cell.fill = copy(model.border), copy(model.fill)
            cell.alignment = copy(model.alignment)
            font = copy(model.font)
            font.b = True
            cell.font = font
        else:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        letter = get_column_letter(first + offset)
        sheet.column_dimensions[letter].width = WIDTHS.get(text, OTHER_WIDTH)


def _write_row(sheet: Worksheet, row: int, first: int, values: list[object]) -> list[Cell]:
    model = sheet.cell(row, first - 1) if first > 1 else None
    cells = []
    for offset, value in enumerate(values):
        cell = put_value(sheet, row, first + offset, value)
        if model is not None and model.has_style:
            cell.border, cell.font = copy(model.border), copy(model.font)
        cells.append(cell)
    cells[-1].alignment = Alignment(wrap_text=True, vertical="top")
    return cells


def _shade_row(sheet: Worksheet, row: int, last: int) -> None:
    for column in range(1, last + 1):
        cell = sheet.cell(row, column)
        if not isinstance(cell, MergedCell):
            cell.fill = SKIPPED_FILL


def _anchor(sheet: Worksheet, row: int, column: int) -> Cell:
    """The cell itself, or the top-left cell of the merged range it lies in."""
    cell = sheet.cell(row, column)
    if isinstance(cell, MergedCell):
        for merged in sheet.merged_cells.ranges:
            if cell.coordinate in merged:
                return sheet.cell(merged.min_row, merged.min_col)
    return cell


def _column(letter: str) -> int:
    try:
        return int(column_index_from_string(letter))
    except ValueError:
        return 0
