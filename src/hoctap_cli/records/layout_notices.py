"""The notice for each row the layout step left out: one per row, located, in Vietnamese."""

from __future__ import annotations

from typing import Any

from hoctap_cli.problems import Problem, ProblemCode
from hoctap_cli.records.layout import SkipKind, Skipped

_CODES = {
    SkipKind.column_numbers: ProblemCode.column_numbers_row,
    SkipKind.total: ProblemCode.total_row,
    SkipKind.section: ProblemCode.section_row,
    SkipKind.signature: ProblemCode.table_end,
    SkipKind.trailing_text: ProblemCode.table_end,
    SkipKind.after_end: ProblemCode.after_table,
}
_END_REASONS = {
    SkipKind.signature: "phần ký tên",
    SkipKind.trailing_text: "dòng chữ sau các dòng trống",
}


def skipped_notice(file: str, sheet: str | None, found: Skipped) -> Problem:
    """The notice for one skipped row: the whole row, so no column and no field."""
    params: dict[str, Any] = {}
    if found.kind is SkipKind.section and found.village:
        params["village"] = f"; các dòng bên dưới chưa ghi thôn được tính thuộc '{found.village}'"
    elif found.kind in _END_REASONS:
        params["reason"] = _END_REASONS[found.kind]
    return Problem(_CODES[found.kind], file, sheet, found.row, value=found.text, params=params)
