"""The two sheets an annotated workbook gains: "Lỗi" and "Tổng hợp"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.workbook import Workbook  # type: ignore[import-untyped]
from openpyxl.worksheet.hyperlink import Hyperlink  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from hoctap_cli.criteria.names import Names
from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.outputs.data.serialise import summary_by_village, verdict_counts
from hoctap_cli.outputs.inert import append_row
from hoctap_cli.outputs.words.provenance import provenance_lines
from hoctap_cli.outputs.words.wording import PROVISIONAL_WARNING
from hoctap_cli.problems import ROW_FATAL, Problem
from hoctap_cli.shown_files import shown_path
from hoctap_cli.workflow.run import Evaluation, TitleResult

PROBLEM_SHEET = "Lỗi"
NOTICE_SHEET = "Lưu ý"  # the same sheet when every problem is a notice
SUMMARY_SHEET = "Tổng hợp"
PROBLEM_HEADERS = ("Tệp", "Trang", "Dòng", "Cột", "Giá trị", "Lỗi")
COUNT_HEADERS = ("Số hồ sơ", "Đạt", "Không đạt", "Chưa đủ dữ liệu", "Tỉ lệ đạt")
NOTICE_PREFIX = "Lưu ý: "
BOLD = Font(bold=True)


def add_problem_sheet(workbook: Workbook, problems: Sequence[Problem]) -> Worksheet:
    """One row per problem, errors first, each linked to its cell.

    When every problem is a notice the sheet is named "Lưu ý" and says there is no error,
    so that nobody goes looking for mistakes that are not there.
    """
    only_notices = bool(problems) and all(p.is_notice for p in problems)
    sheet = workbook.create_sheet(
        free_title(workbook, NOTICE_SHEET if only_notices else PROBLEM_SHEET)
    )
    sheet.append([*PROBLEM_HEADERS[:-1], "Lưu ý" if only_notices else PROBLEM_HEADERS[-1]])
    for cell in sheet[1]:
        cell.font = BOLD
    for problem in sorted(problems, key=lambda p: p.is_notice):
        message = (NOTICE_PREFIX if problem.is_notice else "") + problem.message
        append_row(
            sheet,
            [
                _shown(problem.file),
                problem.sheet,
                problem.row,
                problem.column,
                problem.value,
                message,
            ],
        )
        if problem.sheet and problem.row is not None:
            link = sheet.cell(sheet.max_row, 3)
            target = f"{quote_sheet(problem.sheet)}!{problem.column or 'A'}{problem.row}"
            link.hyperlink = Hyperlink(ref=link.coordinate, location=target)
            link.style = "Hyperlink"
    if not problems:
        sheet.append(["Không có lỗi."])
    elif only_notices:
        sheet.append(["Không có lỗi dữ liệu; các dòng trên chỉ là lưu ý về cách đọc tệp."])
    for letter, width in zip("ABCDEF", (30, 20, 7, 6, 16, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    return sheet


def add_summary_sheet(workbook: Workbook, evaluation: Evaluation, file: str) -> Worksheet:
    """Counts per title and per village for ``file``, provenance and provisional values."""
    sheet = workbook.create_sheet(free_title(workbook, SUMMARY_SHEET))
    levels = [(title_result, _results_of(title_result, file)) for title_result in evaluation.titles]
    levels = [(title_result, results) for title_result, results in levels if results]
    _heading(sheet, f"Tổng hợp kết quả chấm — {shown_path(file)}")
    for title_result, _ in levels:  # criteria used outside their period come first, unmissable
        if title_result.fallback is not None:
            sheet.append([f"Lưu ý: {title_result.fallback.message}"])
            sheet.cell(sheet.max_row, 1).font = BOLD
    if len(evaluation.inputs) > 1:
        append_row(
            sheet, [f"Chỉ tính các hồ sơ của tệp này ({len(evaluation.inputs)} tệp cùng chấm)."]
        )
    _heading(sheet, "Theo danh hiệu", gap=True)
    _table_header(sheet, "Danh hiệu")
    for title_result, results in levels:
        _count_row(sheet, title_result.criteria.criteria.title, verdict_counts(results))
    skipped = sum(1 for p in evaluation.problems if p.file == file and p.code in ROW_FATAL)
    append_row(sheet, ["Dòng không được xét (thiếu mã hoặc trùng mã)", skipped])
    for title_result, results in levels:
        criteria = title_result.criteria.criteria
        village = criteria.identity.village
        label = criteria.field(village).label if village else "Nhóm"
        _heading(sheet, f"Theo {label.lower()} — {criteria.title}", gap=True)
        _table_header(sheet, label)
        for row in summary_by_village(results):
            _count_row(sheet, row["village"] or "(không ghi)", row)
    _heading(sheet, "Nguồn gốc kết quả", gap=True)
    for label, value in provenance_lines(evaluation):
        append_row(sheet, [label, value])
    _provisional(sheet, [title_result for title_result, _ in levels])
    sheet.column_dimensions["A"].width = 45
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = 16
    return sheet


def _provisional(sheet: Worksheet, levels: Sequence[TitleResult]) -> None:
    provisional = [level.criteria.criteria for level in levels]
    provisional = [criteria for criteria in provisional if criteria.is_provisional]
    if not provisional:
        return
    _heading(sheet, "Giá trị tạm tính", gap=True)
    append_row(sheet, [PROVISIONAL_WARNING])
    sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=False)
    for criteria in provisional:
        append_row(sheet, [f"{criteria.title} (phiên bản {criteria.version})"])
        sheet.cell(sheet.max_row, 1).font = BOLD
        for note in Names(criteria).provisional_notes():
            append_row(sheet, [f"• {note}"])


def _results_of(title_result: TitleResult, file: str) -> list[ApplicantResult]:
    return [result for result in title_result.results if result.source.file == file]


def _heading(sheet: Worksheet, text: str, gap: bool = False) -> None:
    if gap:
        sheet.append([])
    append_row(sheet, [text])
    sheet.cell(sheet.max_row, 1).font = BOLD


def _table_header(sheet: Worksheet, first: str) -> None:
    append_row(sheet, [first, *COUNT_HEADERS])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def _count_row(sheet: Worksheet, label: str, counts: Mapping[str, Any]) -> None:
    assessed = counts["assessed"]
    rate = counts["pass"] / assessed if assessed else None
    append_row(sheet, [label, assessed, counts["pass"], counts["fail"], counts["incomplete"], rate])
    sheet.cell(sheet.max_row, 6).number_format = "0.0%"


def free_title(workbook: Workbook, title: str) -> str:
    """``title``, or ``title (2)`` … when the workbook already has a sheet by that name."""
    taken = {name.casefold() for name in workbook.sheetnames}
    candidate, number = title, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{title} ({number})"
    return candidate


def quote_sheet(name: str) -> str:
    """A sheet name as a formula or link reference writes it."""
    return "'" + name.replace("'", "''") + "'"


def _shown(file: str | None) -> str | None:
    return shown_path(file) if file else file
