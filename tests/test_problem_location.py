"""Where a problem is: the column's label is named once, in the location or the message."""

from __future__ import annotations

import pytest

from hoctap_cli.problems import Problem, ProblemCode

LABEL = "Điểm 1.3 (trẻ ngoan, tham gia hoạt động)"


@pytest.mark.parametrize(
    ("code", "value", "params"),
    [
        (ProblemCode.out_of_range, "12", {"expected": "từ 0 đến 10"}),
        (ProblemCode.bad_value, "hai", {"expected": "một số nguyên"}),
        (ProblemCode.unknown_choice, "Xuất sắc", {"expected": "Có, Không"}),
    ],
)
def test_cell_value_problems_name_the_label_after_the_column(
    code: ProblemCode, value: str, params: dict[str, str]
) -> None:
    """It says "cột I («label»)" for a value that could not be used, once."""
    problem = Problem(code, "f.xlsx", "DS", 9, "I", "diem_1_3", value, {**params, "label": LABEL})
    where = f"{problem.location()}: {problem.message}"
    assert where.startswith(f"f.xlsx, trang 'DS', dòng 9, cột I («{LABEL}»): Giá trị")
    assert where.count(LABEL) == 1


def test_label_is_not_repeated_when_the_message_names_it() -> None:
    """It leaves the column bare when the message already says the label."""
    params = {"label": "Họ tên chủ hộ"}
    problem = Problem(ProblemCode.missing_required, "f.xlsx", "DS", 10, "C", "chu_ho", None, params)
    assert problem.location().endswith("dòng 10, cột C")
    assert f"{problem.location()}: {problem.message}".count("Họ tên chủ hộ") == 1
