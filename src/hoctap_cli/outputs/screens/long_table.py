"""Long verdict tables as plain text, a line at a time, for runs too long for rich.

rich lays out a ``Table`` whole, measuring every cell of every row, and keeps every segment
until the table is printed: 100,000 applicants took about two minutes and 900 MB. Here the
columns are the same as ``console.verdict_table``'s (and the blocks ``verdict_blocks``'s),
drawn with the same box characters, but widths come from one pass over the short cells and
each row is written as soon as it is made. Reasons repeat across applicants (a few hundred
distinct ones in a province), so each is wrapped once per width.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache

from hoctap_cli.engine.results import ApplicantResult, VerdictKind
from hoctap_cli.exact import number
from hoctap_cli.outputs.words.points_text import council_groups, group_text, total_text
from hoctap_cli.outputs.words.wording import Wording
from hoctap_cli.workflow.run import TitleResult

# More applicants than this in one title and its table is written by this module.
LONG_TABLE = 2000
# A reason narrower than this is unreadable: the line grows past the width instead.
_MIN_REASON = 24

Cell = Callable[[ApplicantResult], str]


def is_long(title_result: TitleResult) -> bool:
    """Whether ``level``'s table is too long for rich to lay out quickly."""
    return len(title_result.results) > LONG_TABLE


def _wrapped(text: str, width: int) -> tuple[str, ...]:
    return (text,) if len(text) <= width else _wrapped_long(text, width)


@lru_cache(maxsize=4096)
def _wrapped_long(text: str, width: int) -> tuple[str, ...]:
    # Break at spaces only: a syllable or a name cut in two misreads.
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return tuple(lines) or ("",)


def table_lines(
    title_result: TitleResult,
    title_names: Mapping[str, str],
    identity: list[tuple[str, Cell]],
    width: int,
    group_columns: bool,
) -> Iterator[str]:
    """The lines of ``level``'s verdict table: title, header, one row (or more) per result."""
    criteria = title_result.criteria.criteria
    wording = Wording(criteria, title_names)
    scored = criteria.scoring == "points"
    groups = criteria.groups if scored and group_columns else ()
    headers = ["STT", *(label for label, _ in identity)]
    headers += [wording.names.group(group.id) for group in groups]
    headers += ["Tổng"] if scored else []
    headers.append("Kết quả")
    right = [True] + [False] * len(identity) + [True] * (len(groups) + scored) + [False]

    def cells(index: int, result: ApplicantResult) -> list[str]:
        row = [str(index)] + [cell(result) for _, cell in identity]
        if groups:
            row += [group_text(result, g.group_id, g.points) for g in result.groups]
        if scored:
            row.append(total_text(result))
        row.append(wording.verdict(result))
        return row

    widths = [len(header) for header in headers]
    for index, result in enumerate(title_result.results, start=1):
        for column, text in enumerate(cells(index, result)):
            if len(text) > widths[column]:
                widths[column] = len(text)
    # Each column takes its text plus "│ " before and " " after; the last border is one.
    reason_width = max(_MIN_REASON, width - sum(widths) - 3 * (len(widths) + 1) - 1)
    widths.append(reason_width)
    headers.append("Lý do")
    right.append(False)

    def line(texts: list[str], left: str, middle: str, end: str) -> str:
        padded = [
            t.rjust(w) if r else t.ljust(w) for t, w, r in zip(texts, widths, right, strict=True)
        ]
        return left + " " + (" " + middle + " ").join(padded) + " " + end

    def rule(left: str, fill: str, middle: str, end: str) -> str:
        return left + middle.join(fill * (w + 2) for w in widths) + end

    total = sum(widths) + 3 * len(widths) + 1
    yield "Kết quả xét từng hồ sơ".center(total).rstrip()
    yield rule("┏", "━", "┳", "┓")
    yield line(headers, "┃", "┃", "┃")
    yield rule("┡", "━", "╇", "┩")
    blank = [""] * (len(widths) - 1)
    for index, result in enumerate(title_result.results, start=1):
        first, *more = _wrapped(wording.explain(result), reason_width)
        yield line([*cells(index, result), first], "│", "│", "│")
        for extra in more:
            yield line([*blank, extra], "│", "│", "│")
    yield rule("└", "─", "┴", "┘")
    council = council_groups(title_result.results)
    if council:
        names = ", ".join(wording.names.group(g) for g in council)
        caption = f"{names}: điểm do hội đồng chấm cả tiêu chí; – là chưa tính được"
        yield caption.center(total).rstrip()


def block_lines(
    title_result: TitleResult,
    title_names: Mapping[str, str],
    identity: list[tuple[str, Cell]],
    width: int,
) -> Iterator[str]:
    """The lines of ``level``'s blocks for a narrow width: who, verdict and total, why."""
    criteria = title_result.criteria.criteria
    wording = Wording(criteria, title_names)
    scored = criteria.scoring == "points"
    lead = len(f"{len(title_result.results)}.")
    body = max(_MIN_REASON, width - lead - 1)
    indent = " " * (lead + 1)
    yield "Kết quả xét từng hồ sơ".center(width).rstrip()
    for index, result in enumerate(title_result.results, start=1):
        who = " · ".join(filter(None, (cell(result) for _, cell in identity)))
        verdict = wording.verdict(result)
        if scored:
            verdict += f" — {total_text(result)}/{number(result.max_total)} điểm"
        lines = [*_wrapped(who, body), *_wrapped(verdict, body)]
        reason = wording.explain(result)
        if reason:
            said = "Số liệu" if result.verdict is VerdictKind.passed else "Lý do"
            lines += _wrapped(f"{said}: {reason}", body)
        yield f"{index}.".rjust(lead) + " " + lines[0]
        for extra in lines[1:]:
            yield indent + extra
