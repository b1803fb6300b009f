"""Dates as people write them, in options and in the settings file."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support import EXAMPLE_XLSX, results_of
from typer.testing import CliRunner

from hoctap_cli.cli.app import app
from hoctap_cli.dates import DateError, parse_day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("31/12/2025", dt.date(2025, 12, 31)),
        ("2025-12-31", dt.date(2025, 12, 31)),
        ("1/2/2025", dt.date(2025, 2, 1)),
        ("01-02-2025", dt.date(2025, 2, 1)),
        ("01.02.2025", dt.date(2025, 2, 1)),
        (" 29/02/2024 ", dt.date(2024, 2, 29)),
    ],
)
def test_both_ways_of_writing_a_date(text: str, day: dt.date) -> None:
    """It reads day/month/year and year-month-day."""
    assert parse_day(text) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2025", "ngày '31/02/2025' không có thật: tháng 2 năm 2025 chỉ có 28 ngày"),
        ("29/02/2025", "tháng 2 năm 2025 chỉ có 28 ngày"),
        ("31/04/2025", "tháng 4 năm 2025 chỉ có 30 ngày"),
        ("2025-13-01", "tháng phải từ 1 đến 12"),
        ("00/12/2025", "tháng 12 năm 2025 chỉ có 31 ngày"),
        ("12/31/2025", "tháng phải từ 1 đến 12"),
        ("31-12", "không phải một ngày: cần ngày dạng ngày/tháng/năm"),
        ("hôm nay", "không phải một ngày"),
    ],
)
def test_impossible_and_unreadable_dates_have_their_own_messages(text: str, message: str) -> None:
    """It tells a day that does not exist from text that is not a date."""
    with pytest.raises(DateError) as raised:
        parse_day(text)
    assert message in str(raised.value)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_every_real_day_reads_back_in_both_forms(day: dt.date) -> None:
    """It reads any real day written either way as that same day."""
    assert parse_day(day.strftime("%d/%m/%Y")) == day
    assert parse_day(day.isoformat()) == day
    assert parse_day(f"{day.day}/{day.month}/{day.year}") == day


def test_as_of_takes_the_date_as_people_write_it() -> None:
    """It evaluates with --as-of 31/12/2025 exactly as with --as-of 2025-12-31."""
    runner = CliRunner()
    outputs = [
        runner.invoke(app, ["evaluate", str(EXAMPLE_XLSX), "-f", "json", "--as-of", day])
        for day in ("31/12/2025", "2025-12-31")
    ]
    documents = [json.loads(result.stdout) for result in outputs]
    assert [d["as_of"] for d in documents] == ["2025-12-31", "2025-12-31"]
    assert results_of(documents[0]) == results_of(documents[1])


@pytest.mark.parametrize(
    "command", [["evaluate"], ["export", "-o", "x.xlsx"], ["report", "-o", "x.html"]]
)
def test_every_date_option_refuses_an_impossible_day(command: list[str]) -> None:
    """It names the impossible day in every command's --as-of, and in --ngay."""
    args = [*command, str(EXAMPLE_XLSX), "--as-of", "30/02/2025"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "không có thật: tháng 2 năm 2025 chỉ có 28 ngày" in result.output
    if command[0] == "export":
        refused = CliRunner().invoke(app, [*command, str(EXAMPLE_XLSX), "--ngay", "32/12/2025"])
        assert "tháng 12 năm 2025 chỉ có 31 ngày" in refused.output
