"""The counts a district asks for: per title and village, registered to recognised.

Registered counts every row read, including the rows not evaluated because their id or
another required value was missing, or their id repeated; those rows have no village, so
they are counted for the title only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hoctap_cli.engine.results import ApplicantResult
from hoctap_cli.outputs.data.serialise import summary_by_village

NO_VILLAGE = "(chưa ghi thôn)"
EVERYONE = "Tất cả"  # the statistics line of a title that is not kept by village
NOT_EVALUATED = "Dòng không xét được (thiếu mã, thiếu ô bắt buộc hoặc trùng mã)"


@dataclass(frozen=True)
class Counts:
    """Registered (rows read), assessed, passed, failed, incomplete, and the pass rate."""

    village: str
    registered: int
    assessed: int
    passed: int
    failed: int
    incomplete: int
    pass_rate: float | None  # passed / assessed, rounded like the evaluate JSON


def village_counts(
    results: Sequence[ApplicantResult], skipped: int, has_village: bool
) -> tuple[tuple[Counts, ...], Counts]:
    """One line per village (as evaluate's summary counts it), and the title's total."""
    rows = [
        Counts(
            village_label(row["village"], has_village, whole=EVERYONE),
            row["assessed"],
            row["assessed"],
            row["pass"],
            row["fail"],
            row["incomplete"],
            row["pass_rate"],
        )
        for row in summary_by_village(results)
    ]
    assessed = sum(row.assessed for row in rows)
    passed = sum(row.passed for row in rows)
    total = Counts(
        "Cộng",
        registered=assessed + skipped,
        assessed=assessed,
        passed=passed,
        failed=sum(row.failed for row in rows),
        incomplete=sum(row.incomplete for row in rows),
        pass_rate=round(passed / assessed, 4) if assessed else None,
    )
    return tuple(rows), total


def village_label(village: str, has_village: bool, whole: str = "") -> str:
    """A village as listed: '(chưa ghi thôn)' when blank, ``whole`` for titles without one."""
    if not has_village:
        return whole
    return village or NO_VILLAGE
