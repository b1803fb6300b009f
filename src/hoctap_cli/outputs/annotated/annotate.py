"""Each applicant's verdict written back into a copy of the user's own workbook.

Workbook in, workbook out: the caller opens the original with openpyxl and saves the
copy elsewhere. On every sheet the run read, columns are appended after the last used
one: "Kết quả", "Tổng điểm" (titles scored in points), one per criteria group and
"Lý do", filled on each applicant's own row. Problem cells get a fill and a comment with
the message; rows that were not evaluated are shaded and say why. Two sheets are added:
"Lỗi" (errors, then notices; named "Lưu ý" when there are only notices) and "Tổng hợp"
(counts, provenance, provisional values).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from copy import copy
from decimal import Decimal

from openpyxl.cell.cell import Cell, MergedCell  # type: ignore[import-untyped]
from openpyxl.comments import Comment  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import column_index_from_string, get_column_letter  # type: ignore[import-untyped]
from openpyxl.workbook import Workbook  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from hoctap_cli.criteria.model import Criteria
from hoctap_cli.criteria.names import Names
from hoctap_cli.engine.results import ApplicantResult, Outcome, VerdictKind
from hoctap_cli.outputs.annotated.annotate_sheets import add_problem_sheet, add_summary_sheet
from hoctap_cli.outputs.inert import put_value
from hoctap_cli.outputs.words.points_text import group_value, total_value
from hoctap_cli.outputs.words.wording import Wording
from hoctap_cli.problems import ROW_FATAL, Problem
from hoctap_cli.records.tabular import SheetLayout
from hoctap_cli.workflow.run import Evaluation, TitleResult

__all__ = ["NOT_EVALUATED", "annotate_workbook", "result_headers"]

NOT_EVALUATED = "Không xét"
AUTHOR = "hoctap"
PROBLEM_FILL = PatternFill("solid", fgColor="FFC7CE")  # light red: a cell that was not read
NOTICE_FILL = PatternFill("solid", fgColor="FFEB9C")  # light yellow: read, but note how
SKIPPED_FILL = PatternFill("solid", fgColor="FCE4D6")  # light orange: a row not evaluated
VERDICT_COLOURS = {
    VerdictKind.passed: ("C6EFCE", "006100"),
    VerdictKind.failed: ("FFC7CE", "9C0006"),
    VerdictKind.incomplete: ("FFEB9C", "9C5700"),
}
WIDTHS = {"Kết quả": 16.0, "Lý do": 60.0}


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


def result_headers(criteria: Criteria) -> list[str]:
    """The columns appended to a sheet read with ``criteria``."""
    names = Names(criteria)
    if criteria.scoring == "points":
        groups = ["Tổng điểm"] + [names.group_points_header(group.id) for group in criteria.groups]
    else:
        groups = [f"Chỉ số đạt — {names.group(group.id)}" for group in criteria.groups]
    return ["Kết quả", *groups, "Lý do"]


def result_cells(result: ApplicantResult, criteria: Criteria, wording: Wording) -> list[object]:
    """One applicant's values under ``result_headers``."""
    groups: list[object]
    if criteria.scoring == "points":
        groups = [
            _number(total_value(result)),
            *(_number(group_value(result, g.group_id, g.points)) for g in result.groups),
        ]
    else:
        groups = [_indicators(result, group.id) for group in criteria.groups]
    return [wording.verdict(result), *groups, wording.explain(result)]


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
            colours = VERDICT_COLOURS[result.verdict]
            cells[0].fill = PatternFill("solid", fgColor=colours[0])
            cells[0].font = Font(bold=True, color=colours[1])
    skipped = _rows_not_evaluated(problems)
    for row, messages in skipped.items():
        _shade_row(sheet, row, first - 1)
        blanks: list[object] = [""] * (len(headers) - 2)
        _write_row(sheet, row, first, [NOT_EVALUATED, *blanks, "; ".join(messages)])
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
    by_cell: dict[tuple[int, int], list[Problem]] = defaultdict(list)
    for problem in problems:
        if problem.row is not None:
            by_cell[(problem.row, _column(problem.column) or result_column)].append(problem)
    for (row, column), found in by_cell.items():
        cell = _anchor(sheet, row, column)
        cell.fill = NOTICE_FILL if all(p.is_notice for p in found) else PROBLEM_FILL
        _comment(cell, [p.message for p in found])


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
        sheet.column_dimensions[letter].width = WIDTHS.get(text, 11.0)


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


def _rows_not_evaluated(problems: Iterable[Problem]) -> dict[int, list[str]]:
    rows: dict[int, list[str]] = defaultdict(list)
    for problem in problems:
        if problem.code in ROW_FATAL and problem.row is not None:
            rows[problem.row].append(problem.message)
    return rows


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


def _comment(cell: Cell, messages: list[str]) -> None:
    text = "\n".join(messages)
    if cell.comment is not None:
        text = f"{cell.comment.text}\n—\n{text}"
    lines = sum(1 + len(line) // 40 for line in text.splitlines())
    cell.comment = Comment(text, AUTHOR, height=max(60, 18 * lines), width=300)


def _column(letter: str | None) -> int | None:
    if not letter:
        return None
    try:
        return int(column_index_from_string(letter))
    except ValueError:
        return None


def _number(value: float | Decimal | None) -> float | int | Decimal | None:
    """A number cell; None (an empty cell) for points that could not be computed."""
    if value is None:
        return None
    return int(value) if value == int(value) else value


def _indicators(result: ApplicantResult, group_id: str) -> str:
    items = [item for item in result.items if item.group_id == group_id]
    met = sum(1 for item in items if item.outcome is Outcome.met)
    return f"{met}/{len(items)}"
