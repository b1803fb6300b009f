"""A higher level claimed before its waiting time: kept at the lower level, with a location."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from tests.test_cases import _evaluate

from hoctap_cli.engine.waiting import add_months
from hoctap_cli.problems import ProblemCode

CASES = Path(__file__).parent / "cases" / "cong-dong-hoc-tap-xa"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2024, 3, 15), 12, dt.date(2025, 3, 15)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2023, 11, 30), 3, dt.date(2024, 2, 29)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    """It moves a date by whole months, to the month's last day when the day is missing."""
    assert add_months(day, months) == expected


def test_too_early_is_located_and_names_the_dates() -> None:
    """It reports the row and field of the level-1 date, the date and the earliest day."""
    case = yaml.safe_load((CASES / "muc-2-qua-som.yaml").read_text(encoding="utf-8"))
    result, problems = _evaluate(case)
    (problem,) = [p for p in problems if p.code is ProblemCode.level_too_early]
    assert (problem.file, problem.row, problem.field) == ("case.yaml", 1, "ngay_cong_nhan_muc_1")
    assert problem.value == "01/03/2025"
    assert "sớm nhất từ ngày 01/03/2026" in problem.message
    assert "Mức độ 2 (Tốt)" in problem.message and "Mức độ 1 (Khá)" in problem.message
    assert result.level == "muc_1" and result.verdict.value == "pass"
