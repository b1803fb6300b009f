"""What the terminal shows at 60, 80, 120 and 200 columns, and every help page."""

from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from tests.support import EXAMPLE_XLSX, results_of
from tests.words import leaks
from typer.testing import CliRunner

from hoctap_cli.cli.app import app
from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.outputs.screens.console import PIPE_WIDTH, console_width, make_console

WIDTHS = (60, 80, 120, 200)


def run(*args: str, width: int | None = 200) -> str:
    env = {"COLUMNS": str(width)} if width else {"COLUMNS": ""}
    result = CliRunner(env=env).invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.fixture(scope="module")
def households() -> list[dict[str, str]]:
    document = json.loads(run("evaluate", str(EXAMPLE_XLSX), "-f", "json"))
    results: list[dict[str, str]] = results_of(document)
    return results


@pytest.mark.parametrize("width", WIDTHS)
def test_evaluate_fits_the_width_and_keeps_names_whole(
    width: int, households: list[dict[str, str]]
) -> None:
    """It never writes past the width and never breaks a name inside a syllable."""
    out = run("evaluate", str(EXAMPLE_XLSX), width=width)
    lines = out.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    for household in households:
        assert any(household["name"] in line for line in lines), (width, household["name"])
        assert any(household["id"] in line for line in lines)


@pytest.mark.parametrize("width", (60, 80))
def test_narrow_screens_get_one_block_per_household(
    width: int, households: list[dict[str, str]]
) -> None:
    """It prints code, name and village on one line, then verdict and total, then the reason."""
    out = run("evaluate", str(EXAMPLE_XLSX), width=width)
    first = next(h for h in households if h["id"] == "ES-003")
    block = out[out.index("ES-003") : out.index("ES-004")]
    assert "ES-003 · Đặng Hữu Tuấn · Thôn Ea Súp" in block
    assert "Không đạt — 72/100 điểm" in block
    assert "Lý do: còn thiếu 8 điểm để Đạt (cần 80)" in " ".join(block.split())
    assert first["verdict"] == "fail"
    table = out[out.index("Kết quả xét từng hồ sơ") : out.index("Tổng hợp theo thôn")]
    per_household = len(table.splitlines()) / len(households)
    assert per_household <= 5
    assert "┃" not in table  # no table borders squeezed into a narrow screen


@pytest.mark.parametrize("width", (120, 200))
def test_wide_screens_get_the_table(width: int) -> None:
    """It keeps the table with a column per criterion when there is room for the reason."""
    out = run("evaluate", str(EXAMPLE_XLSX), width=width)
    assert "┃ STT" in out
    assert ("Tiêu chí 1" in out.split("Lý do")[0]) is (width >= 140)


@pytest.mark.parametrize("width", (60, 80, 120, 200))
def test_criteria_list_never_cuts_an_id(width: int) -> None:
    """It shows every id@version whole, on one line, at any width."""
    out = run("criteria", "list", width=width)
    for entry in shipped_catalog().entries:
        typed = f"{entry.criteria.id}@{entry.criteria.version}"
        assert re.search(rf"(?<![\w@-]){re.escape(typed)}(?![\w@-])", out), (width, typed)


def test_piped_output_follows_columns_else_a_sensible_width() -> None:
    """It uses COLUMNS when it names a width, and 120 columns, not 200, otherwise."""
    assert console_width({"COLUMNS": "72"}) == 72
    assert console_width({"COLUMNS": "abc"}) is None
    assert console_width({}) is None
    assert PIPE_WIDTH == 120
    assert make_console(io.StringIO()).width in (PIPE_WIDTH, console_width() or PIPE_WIDTH)
    out = run("evaluate", str(EXAMPLE_XLSX), width=None)
    assert max(len(line) for line in out.splitlines()) <= PIPE_WIDTH


# What a person types is named as typed: commands, and the ids of the built-in sets.
TYPED = {"evaluate", "export", "report", "template", "explain", "diff", "criteria", "list"}
TYPED |= {"show", "check", *(e.criteria.id for e in shipped_catalog().entries)}
COMMANDS = [
    [],
    ["evaluate"],
    ["export"],
    ["report"],
    ["template"],
    ["explain"],
    ["diff"],
    ["criteria"],
    ["criteria", "list"],
    ["criteria", "show"],
    ["criteria", "check"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "hoctap")
def test_every_help_page_is_vietnamese(command: list[str]) -> None:
    """It words every help page in Vietnamese: no English, no '<str>', '{FILE}' or '[default'."""
    out = run(*command, "--help")
    assert out.startswith("Cách dùng: hoctap")
    assert not re.search(r"<[a-zA-Z%\[\]|]+>|\{[A-ZĐ_]+\}|\[default|\[required", out), out
    assert not leaks(out, TYPED), leaks(out, TYPED)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["evalute"], "không có lệnh 'evalute'; có phải ý bạn là 'evaluate'?"),
        (["evaluate", "--fomat", "csv", "x"], "có phải ý bạn là --format?"),
        (["criteria", "show", "a", "b"], "thừa tham số: b"),
        (["evaluate", "--as-of", "31/02/2025", "x"], "tháng 2 năm 2025 chỉ có 28 ngày"),
        (["evaluate", "--as-of", "mai", "x"], "cần ngày dạng ngày/tháng/năm"),
        (["evaluate", "x", "-f"], "tuỳ chọn -f cần một giá trị"),
        (["evaluate", "x", "--force=có"], "tuỳ chọn --force không nhận giá trị"),
        (["export", "x", "-o", "y.xlsx", "--nam", "1990"], "'--nam': phải từ 2000 trở lên"),
    ],
)
def test_usage_errors_are_vietnamese(args: list[str], message: str) -> None:
    """It rewords the CLI library's usage errors, suggestions included, and exits with 2."""
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output
    assert not leaks(result.output, TYPED), result.output


def test_wide_table_and_blocks_say_the_same(households: list[dict[str, str]]) -> None:
    """It gives the same verdict words in both layouts."""
    from hoctap_cli.outputs.screens.console import render_evaluation
    from hoctap_cli.workflow.run import evaluate_paths

    evaluation = evaluate_paths([EXAMPLE_XLSX], shipped_catalog(), None, None)
    texts = []
    for width in (80, 200):
        console = Console(record=True, width=width, file=io.StringIO())
        console.print(render_evaluation(evaluation, width))
        texts.append(console.export_text())
    for word in ("Đạt", "Không đạt", "Chưa đủ dữ liệu"):
        assert texts[0].count(word) == texts[1].count(word), word


def test_rules_in_words_and_the_expression_on_request() -> None:
    """It says each rule with field labels; --chi-tiet adds the expression as written."""
    plain = run("criteria", "show", "gia-dinh-hoc-tap", width=1000)
    detail = run("criteria", "show", "gia-dinh-hoc-tap", "--chi-tiet", width=1000)
    words = "Số trẻ trong độ tuổi phổ cập bằng 0, hoặc số trẻ đi học không ít hơn số trẻ"
    assert words in plain and words in detail
    expression = "so_tre_do_tuoi == 0 or so_tre_di_hoc >= so_tre_do_tuoi"
    assert expression not in plain
    assert expression in detail


@pytest.mark.parametrize("width", (60, 80, 120))
def test_explain_fits_the_width(width: int) -> None:
    """It explains one household in blocks on a narrow screen and a table on a wide one."""
    out = run("explain", str(EXAMPLE_XLSX), "--id", "ES-020", width=width)
    assert max(len(line.rstrip()) for line in out.splitlines()) <= width
    assert ("┃ Mục" in out) is (width >= 100)
    flat = " ".join(out.split())
    assert "chưa chấm được Tiêu chí 4 vì thiếu «Điểm tiêu chí 4 (tác động của học tập)»" in flat


@pytest.fixture(scope="module")
def village_run() -> object:
    from hoctap_cli.workflow.run import evaluate_paths

    return evaluate_paths([EXAMPLE_XLSX], shipped_catalog(), None, None)


@settings(max_examples=15, deadline=None)
@given(width=st.integers(min_value=40, max_value=220))
def test_no_width_breaks_a_name_or_overflows(width: int, village_run: object) -> None:
    """At any width it keeps each name whole on one line and writes nothing past the width."""
    from hoctap_cli.outputs.screens.console import render_evaluation
    from hoctap_cli.workflow.run import Evaluation

    assert isinstance(village_run, Evaluation)
    console = Console(record=True, width=width, file=io.StringIO())
    console.print(render_evaluation(village_run, width))
    lines = console.export_text().splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    for result in village_run.titles[0].results:
        assert any((result.name or "") in line for line in lines), (width, result.name)
