"""The contents of the two sheets an annotated workbook gains, "Lỗi" and "Tổng hợp".

Described as rows of cells with a style name, so that the streamed copy and the openpyxl
copy (``annotate_sheets``) write the same sheets.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from hoctap_cli.criteria.names import Names
from hoctap_cli.engine.columns import ResultColumns
from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.outputs.data.serialise import summary_by_village, verdict_counts
from hoctap_cli.outputs.words.provenance import provenance_lines
from hoctap_cli.outputs.words.wording import PROVISIONAL_WARNING
from hoctap_cli.problems import ROW_FATAL, Problem
from hoctap_cli.records.record_columns import RecordColumns
from hoctap_cli.shown_files import shown_path
from hoctap_cli.workflow.run import Evaluation, TitleResult

PROBLEM_SHEET = "Lỗi"
NOTICE_SHEET = "Lưu ý"  # the same sheet when every problem is a notice
SUMMARY_SHEET = "Tổng hợp"
PROBLEM_HEADERS = ("Tệp", "Trang", "Dòng", "Cột", "Giá trị", "Lỗi")
COUNT_HEADERS = ("Số hồ sơ", "Đạt", "Không đạt", "Chưa đủ dữ liệu", "Tỉ lệ đạt")
NOTICE_PREFIX = "Lưu ý: "

Style = Literal["bold", "link", "percent", "nowrap"] | None


@dataclass(frozen=True)
class AddedCell:
    value: object
    style: Style = None
    link: str | None = None  # a place in the workbook: 'Trang'!B7


Row = list[AddedCell]


@dataclass
class AddedSheet:
    """One new sheet: its rows from row 1 (an empty list is an empty row), widths, panes."""

    title: str
    rows: Iterable[Row]
    widths: dict[str, float] = field(default_factory=dict)
    freeze: str | None = None  # the top-left cell of the scrolling pane


def free_title(taken: Iterable[str], title: str) -> str:
    """``title``, or ``title (2)`` … when a sheet of the workbook is already named so."""
    names = {name.casefold() for name in taken}
    candidate, number = title, 1
    while candidate.casefold() in names:
        number += 1
        candidate = f"{title} ({number})"
    return candidate


def quote_sheet(name: str) -> str:
    """A sheet name as a formula or link reference writes it."""
    return "'" + name.replace("'", "''") + "'"


def problem_sheet(taken: Iterable[str], problems: Sequence[Problem]) -> AddedSheet:
    """One row per problem, errors first, each linked to its cell.

    When every problem is a notice the sheet is named "Lưu ý" and says there is no error,
    so that nobody goes looking for mistakes that are not there.
    """
    only_notices = bool(problems) and all(p.is_notice for p in problems)
    title = free_title(taken, NOTICE_SHEET if only_notices else PROBLEM_SHEET)
    widths = dict(zip("ABCDEF", (30.0, 20.0, 7.0, 6.0, 16.0, 70.0), strict=True))
    return AddedSheet(title, _problem_rows(problems, only_notices), widths, freeze="A2")


def _problem_rows(problems: Sequence[Problem], only_notices: bool) -> Iterator[Row]:
    last = "Lưu ý" if only_notices else PROBLEM_HEADERS[-1]
    yield [AddedCell(text, "bold") for text in (*PROBLEM_HEADERS[:-1], last)]
    for problem in sorted(problems, key=lambda p: p.is_notice):
        message = (NOTICE_PREFIX if problem.is_notice else "") + problem.message
        link = None
        if problem.sheet and problem.row is not None:
            link = f"{quote_sheet(problem.sheet)}!{problem.column or 'A'}{problem.row}"
        yield [
            AddedCell(_shown(problem.file)),
            AddedCell(problem.sheet),
            AddedCell(problem.row, "link" if link else None, link),
            AddedCell(problem.column),
            AddedCell(problem.value),
            AddedCell(message),
        ]
    if not problems:
        yield [AddedCell("Không có lỗi.")]
    elif only_notices:
        yield [AddedCell("Không có lỗi dữ liệu; các dòng trên chỉ là lưu ý về cách đọc tệp.")]


def summary_sheet(taken: Iterable[str], evaluation: Evaluation, file: str) -> AddedSheet:
    """Counts per title and per village for ``file``, provenance and provisional values."""
    rows: list[Row] = []
    levels = [(title_result, _results_of(title_result, file)) for title_result in evaluation.titles]
    levels = [(title_result, results) for title_result, results in levels if results]
    _heading(rows, f"Tổng hợp kết quả chấm — {shown_path(file)}")
    for title_result, _ in levels:  # criteria used outside their period come first, unmissable
        if title_result.fallback is not None:
            rows.append([AddedCell(f"Lưu ý: {title_result.fallback.message}", "bold")])
    if len(evaluation.inputs) > 1:
        rows.append(
            [AddedCell(f"Chỉ tính các hồ sơ của tệp này ({len(evaluation.inputs)} tệp cùng chấm).")]
        )
    _heading(rows, "Theo danh hiệu", gap=True)
    _table_header(rows, "Danh hiệu")
    for title_result, results in levels:
        rows.append(_count_row(title_result.criteria.criteria.title, verdict_counts(results)))
    skipped = sum(1 for p in evaluation.problems if p.file == file and p.code in ROW_FATAL)
    rows.append([AddedCell("Dòng không được xét (thiếu mã hoặc trùng mã)"), AddedCell(skipped)])
    for title_result, results in levels:
        criteria = title_result.criteria.criteria
        village = criteria.identity.village
        label = criteria.field(village).label if village else "Nhóm"
        _heading(rows, f"Theo {label.lower()} — {criteria.title}", gap=True)
        _table_header(rows, label)
        for row in summary_by_village(results):
            rows.append(_count_row(row["village"] or "(không ghi)", row))
    _heading(rows, "Nguồn gốc kết quả", gap=True)
    for label, value in provenance_lines(evaluation):
        rows.append([AddedCell(label), AddedCell(value)])
    _provisional(rows, [title_result for title_result, _ in levels])
    widths = {"A": 45.0} | dict.fromkeys("BCDEF", 16.0)
    return AddedSheet(free_title(taken, SUMMARY_SHEET), rows, widths)


def _provisional(rows: list[Row], levels: Sequence[TitleResult]) -> None:
    provisional = [level.criteria.criteria for level in levels]
    provisional = [criteria for criteria in provisional if criteria.is_provisional]
    if not provisional:
        return
    _heading(rows, "Giá trị tạm tính", gap=True)
    rows.append([AddedCell(PROVISIONAL_WARNING, "nowrap")])
    for criteria in provisional:
        rows.append([AddedCell(f"{criteria.title} (phiên bản {criteria.version})", "bold")])
        for note in Names(criteria).provisional_notes():
            rows.append([AddedCell(f"• {note}")])


def _results_of(title_result: TitleResult, file: str) -> Sequence[ApplicantResult]:
    """The title's results read from ``file``: all of them when every row came from it
    (kept as they are, columns or not)."""
    results = title_result.results
    if isinstance(results, ResultColumns) and isinstance(results.applicants, RecordColumns):
        files = {origin.file for origin in results.applicants.origins}
        if files == {file}:
            return results
    return [result for result in results if result.source.file == file]


def _heading(rows: list[Row], text: str, gap: bool = False) -> None:
    if gap:
        rows.append([])
    rows.append([AddedCell(text, "bold")])


def _table_header(rows: list[Row], first: str) -> None:
    rows.append([AddedCell(text, "bold") for text in (first, *COUNT_HEADERS)])


def _count_row(label: str, counts: Mapping[str, Any]) -> Row:
    assessed = counts["assessed"]
    rate = counts["pass"] / assessed if assessed else None
    values = (label, assessed, counts["pass"], counts["fail"], counts["incomplete"])
    return [*(AddedCell(value) for value in values), AddedCell(rate, "percent")]


def _shown(file: str | None) -> str | None:
    return shown_path(file) if file else file
