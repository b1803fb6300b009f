"""What the annotated copy adds to a sheet, decided once for both ways of writing it.

The copy is written by streaming the workbook's XML (``stream_copy``) or, for workbooks
that cannot be streamed, through openpyxl (``annotate``). Both take the headers, the
values of each applicant's row, the rows not evaluated and the marked cells from here, so
the two copies say the same thing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from hoctap_cli.criteria.model import Criteria
from hoctap_cli.criteria.names import Names
from hoctap_cli.engine.results import ApplicantResult, Outcome, VerdictKind
from hoctap_cli.outputs.words.points_text import group_value, total_value
from hoctap_cli.outputs.words.wording import Wording
from hoctap_cli.problems import ROW_FATAL, Problem

NOT_EVALUATED = "Không xét"
AUTHOR = "hoctap"
PROBLEM_RGB = "FFC7CE"  # light red: a cell that was not read
NOTICE_RGB = "FFEB9C"  # light yellow: read, but note how
SKIPPED_RGB = "FCE4D6"  # light orange: a row not evaluated
VERDICT_RGB = {  # fill, font colour
    VerdictKind.passed: ("C6EFCE", "006100"),
    VerdictKind.failed: ("FFC7CE", "9C0006"),
    VerdictKind.incomplete: ("FFEB9C", "9C5700"),
}
WIDTHS = {"Kết quả": 16.0, "Lý do": 60.0}
OTHER_WIDTH = 11.0


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


def not_evaluated_cells(headers: Sequence[str], messages: Sequence[str]) -> list[object]:
    """The values of a row that was not evaluated: "Không xét" and why."""
    blanks: list[object] = [""] * (len(headers) - 2)
    return [NOT_EVALUATED, *blanks, "; ".join(messages)]


def rows_not_evaluated(problems: Iterable[Problem]) -> dict[int, list[str]]:
    """Row → the messages of the problems that kept it out of the run."""
    rows: dict[int, list[str]] = defaultdict(list)
    for problem in problems:
        if problem.code in ROW_FATAL and problem.row is not None:
            rows[problem.row].append(problem.message)
    return rows


@dataclass
class Mark:
    """The fill and comment a cell gets for its problems."""

    notice: bool  # every problem on it is a notice: filled yellow, not red
    text: str


Anchor = Callable[[int, int], tuple[int, int]]


def cell_marks(
    problems: Iterable[Problem], result_column: int, anchor: Anchor, column: Callable[[str], int]
) -> dict[tuple[int, int], Mark]:
    """(row, column) → mark; a problem without a column marks "Kết quả", and a problem in a
    merged range marks its top-left cell (``anchor``), after any mark already there."""
    by_cell: dict[tuple[int, int], list[Problem]] = defaultdict(list)
    for problem in problems:
        if problem.row is not None:
            where = column(problem.column) if problem.column else 0
            by_cell[(problem.row, where or result_column)].append(problem)
    marks: dict[tuple[int, int], Mark] = {}
    for (row, col), found in by_cell.items():
        cell = anchor(row, col)
        text = "\n".join(p.message for p in found)
        earlier = marks.get(cell)
        if earlier is not None:
            text = f"{earlier.text}\n—\n{text}"
        marks[cell] = Mark(all(p.is_notice for p in found), text)
    return marks


def comment_size(text: str) -> tuple[int, int]:
    """Height and width (pixels) of a comment box holding ``text``."""
    lines = sum(1 + len(line) // 40 for line in text.splitlines())
    return max(60, 18 * lines), 300


def _number(value: float | Decimal | None) -> float | int | Decimal | None:
    """A number cell; None (an empty cell) for points that could not be computed."""
    if value is None:
        return None
    return int(value) if value == int(value) else value


def _indicators(result: ApplicantResult, group_id: str) -> str:
    items = [item for item in result.items if item.group_id == group_id]
    met = sum(1 for item in items if item.outcome is Outcome.met)
    return f"{met}/{len(items)}"
