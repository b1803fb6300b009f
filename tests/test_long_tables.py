"""Long runs: the plain table says what rich's says, and a terminal gets a summary.

The threshold is lowered so that the examples count as long: the plain renderer then draws
the same applicants as the rich table of the same run, cell for cell.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from tests.support import EXAMPLE_XLSX, ROOT, RunCli

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.outputs.data.serialise import verdict_counts
from hoctap_cli.outputs.screens import long_table
from hoctap_cli.outputs.screens.console import print_evaluation, render_evaluation
from hoctap_cli.workflow.run import Evaluation, evaluate_paths

COMMUNE = ROOT / "examples" / "xa-quang-phu-2025.xlsx"


def _evaluation(path: Path) -> Evaluation:
    return evaluate_paths([path], shipped_catalog(), None, None)


def _rich(evaluation: Evaluation, width: int) -> str:
    console = Console(record=True, width=width, file=io.StringIO())
    console.print(render_evaluation(evaluation, width))
    return console.export_text()


def _printed(evaluation: Evaluation, width: int, summarise: bool = False) -> str:
    stream = io.StringIO()
    print_evaluation(evaluation, Console(file=stream, width=width, color_system=None), summarise)
    return stream.getvalue()


def _rows(text: str) -> list[tuple[tuple[str, ...], str]]:
    """Each applicant of every table: its cells, and its reason's words joined by spaces."""
    rows: list[tuple[tuple[str, ...], str]] = []
    applicant = False
    for line in text.splitlines():
        if not line.startswith("│"):
            applicant = False
            continue
        cells = [cell.strip() for cell in line.strip().strip("│").split("│")]
        if cells[0].isdigit():  # numbered: an applicant (village and title tables are not)
            rows.append((tuple(cells[:-1]), cells[-1]))
            applicant = True
        elif applicant and not cells[0]:  # a wrapped reason goes on under its applicant
            fixed, reason = rows[-1]
            rows[-1] = (fixed, f"{reason} {cells[-1]}".strip())
        else:
            applicant = False
    return rows


@pytest.mark.parametrize("path", [EXAMPLE_XLSX, COMMUNE], ids=["households", "commune"])
@pytest.mark.parametrize("width", [200, 120])
def test_the_plain_table_shows_what_the_rich_one_does(
    monkeypatch: pytest.MonkeyPatch, path: Path, width: int
) -> None:
    """Every applicant, with the same number, code, name, points, total, verdict and
    reason, in the same order, within the width; the rest of the screen unchanged."""
    evaluation = _evaluation(path)
    rich = _rich(evaluation, width)
    monkeypatch.setattr(long_table, "LONG_TABLE", 0)
    plain = _printed(evaluation, width)
    assert len(_rows(rich)) == sum(len(level.results) for level in evaluation.titles) > 0
    assert _rows(plain) == _rows(rich)
    assert max(len(line) for line in plain.splitlines()) <= width
    assert plain.count("Kết quả xét từng hồ sơ") == rich.count("Kết quả xét từng hồ sơ")
    # Outside the verdict tables (village tables, warnings, problems, provenance) the same.
    assert rich[rich.rindex("Nguồn gốc kết quả") :] == plain[plain.rindex("Nguồn gốc kết quả") :]


def _blocks(text: str) -> list[str]:
    """Each numbered block of the narrow layout, its words joined by single spaces."""
    blocks: list[str] = []
    table = text[text.index("Kết quả xét từng hồ sơ") : text.index("Tổng hợp theo")]
    for line in table.splitlines()[1:]:
        if re.match(r"^\s*\d+\. ", line):
            blocks.append(line.strip())
        elif blocks and line.strip():
            blocks[-1] += " " + line.strip()
    return [" ".join(block.split()) for block in blocks]


def test_the_plain_blocks_say_what_the_rich_ones_do(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a narrow width each applicant is one block saying the same words."""
    evaluation = _evaluation(EXAMPLE_XLSX)
    rich = _blocks(_rich(evaluation, 72))
    monkeypatch.setattr(long_table, "LONG_TABLE", 0)
    plain_text = _printed(evaluation, 72)
    assert _blocks(plain_text) == rich
    assert len(rich) == len(evaluation.titles[0].results)
    assert any(block.startswith("3. ES-003 · Đặng Hữu Tuấn") for block in rich)
    assert max(len(line) for line in plain_text.splitlines()) <= 72


def test_a_terminal_gets_the_counts_the_missing_data_and_where_the_rest_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Summarised: the counts of each verdict, the applicants whose data is missing under
    their number in the full table, and the commands that write every row to a file."""
    evaluation = _evaluation(EXAMPLE_XLSX)
    full = _rows(_rich(evaluation, 200))
    monkeypatch.setattr(long_table, "LONG_TABLE", 10)
    shown = _printed(evaluation, 200, summarise=True)
    (level,) = evaluation.titles
    counts = verdict_counts(level.results)
    assert (
        f"{counts['assessed']} hồ sơ: Đạt {counts['pass']}, Không đạt {counts['fail']},"
        f" Chưa đủ dữ liệu {counts['incomplete']}."
    ) in shown
    missing = [row for row in full if "Chưa đủ dữ liệu" in row[0]]
    assert missing and _rows(shown) == missing
    assert "ES-001" not in shown  # a household that passed is not listed
    assert "Tổng hợp theo thôn" in shown
    assert "-o bang.txt" in shown and "-f csv -o ket-qua.csv" in shown
    assert f"Gia đình học tập ({len(level.results)} hồ sơ)" in shown


def test_a_long_run_written_or_piped_has_every_row(
    monkeypatch: pytest.MonkeyPatch, run_cli: RunCli, tmp_path: Path
) -> None:
    """``-o bang.txt`` and a pipe get the whole table (a summary is for a terminal only),
    the same as a short run's."""
    short = run_cli("evaluate", EXAMPLE_XLSX).stdout
    monkeypatch.setattr(long_table, "LONG_TABLE", 0)
    target = tmp_path / "bang.txt"
    run_cli("evaluate", EXAMPLE_XLSX, "-o", target)
    written = target.read_text(encoding="utf-8")
    piped = run_cli("evaluate", EXAMPLE_XLSX).stdout
    assert _rows(written) == _rows(piped) == _rows(short)
    assert len(_rows(written)) > 30
    assert "bảng quá dài" not in written + piped


def test_a_narrow_terminal_gets_the_missing_data_as_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under 100 columns the applicants whose data is missing are blocks, numbered as in
    the full list, and nothing is wider than the terminal."""
    evaluation = _evaluation(EXAMPLE_XLSX)
    (level,) = evaluation.titles
    missing = [
        (index, result.id)
        for index, result in enumerate(level.results, start=1)
        if result.verdict.value == "incomplete"
    ]
    monkeypatch.setattr(long_table, "LONG_TABLE", 10)
    shown = _printed(evaluation, 72, summarise=True)
    assert missing
    for index, code in missing:
        assert re.search(rf"^\s*{index}\. {code} · ", shown, re.MULTILINE), code
    assert max(len(line) for line in shown.splitlines()) <= 72
