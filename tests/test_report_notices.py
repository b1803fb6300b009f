"""Errors and notices kept apart in the HTML report and the annotated copy's problem sheet."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re

import openpyxl
import pytest
from tests.support import EXAMPLE_XLSX

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.outputs.annotated.annotate_sheets import add_problem_sheet
from hoctap_cli.outputs.html.assemble import build_report
from hoctap_cli.outputs.html.page import render_page
from hoctap_cli.problems import Problem, ProblemCode
from hoctap_cli.workflow.run import Evaluation, evaluate_paths

ERROR = Problem(ProblemCode.missing_id, "f.xlsx", "DS", 9, "B", params={"label": "Mã hộ"})
NOTICE = Problem(ProblemCode.total_row, "f.xlsx", "DS", 30, "A", value="Tổng cộng")


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    return evaluate_paths([EXAMPLE_XLSX], shipped_catalog(), None, dt.date(2025, 12, 31))


def _page(evaluation: Evaluation, problems: list[Problem]) -> str:
    page = render_page(build_report([dataclasses.replace(evaluation, problems=problems)]))
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _card(text: str, label: str) -> str:
    found = re.search(rf"{label}\s+(\d+)|(\d+)\s+{label}", text)
    assert found is not None, text
    return found.group(1) or found.group(2)


def test_card_counts_errors_and_notices_have_their_heading(evaluation: Evaluation) -> None:
    """It counts 2 errors (not 5) and lists the 3 notices under their own heading, after."""
    text = _page(evaluation, [ERROR, NOTICE, ERROR, NOTICE, NOTICE])
    assert _card(text, "Lỗi dữ liệu") == "2"
    section = text[text.index("Lỗi dữ liệu", text.index("Tổng quan") + 200) :]
    assert section.count(ERROR.message) == 2 and section.count(NOTICE.message) == 3
    assert section.index(ERROR.message) < section.index("Lưu ý khi đọc tệp")
    assert section.index("Lưu ý khi đọc tệp") < section.index(NOTICE.message)


def test_notices_alone_are_not_called_errors(evaluation: Evaluation) -> None:
    """It says 0 errors and titles the section as notices when only notices exist."""
    text = _page(evaluation, [NOTICE])
    assert _card(text, "Lỗi dữ liệu") == "0"
    assert "Lưu ý khi đọc tệp" in text and "Không có lỗi dữ liệu" in text
    assert text.count("Lỗi dữ liệu") == 1  # the card only, no error section


def test_problem_sheet_puts_errors_before_notices() -> None:
    """It keeps the "Lỗi" sheet with errors first and notices marked after."""
    sheet = add_problem_sheet(openpyxl.Workbook(), [NOTICE, ERROR])
    assert sheet.title == "Lỗi" and sheet["F1"].value == "Lỗi"
    assert sheet["F2"].value == ERROR.message
    assert sheet["F3"].value == "Lưu ý: " + NOTICE.message


def test_problem_sheet_of_notices_only_says_so() -> None:
    """It names the sheet "Lưu ý" and says there is no error when every row is a notice."""
    sheet = add_problem_sheet(openpyxl.Workbook(), [NOTICE])
    assert sheet.title == "Lưu ý" and sheet["F1"].value == "Lưu ý"
    assert sheet["A3"].value.startswith("Không có lỗi dữ liệu")
