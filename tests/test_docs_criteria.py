"""The README's five steps to a provincial criteria file work as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from tests.support import ROOT

from hoctap_cli.criteria.catalog import shipped_catalog

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("### Viết bộ tiêu chí của tỉnh trong năm bước", 1)[1].split("\n#", 1)[0]


def test_the_section_has_five_steps_and_says_how_bounds_follow_points() -> None:
    """It numbers five steps and tells that a column's max follows changed points."""
    steps = re.findall(r"^(\d)\. ", SECTION, flags=re.M)
    assert steps == ["1", "2", "3", "4", "5"]
    assert "`max`" in SECTION and "fields" in SECTION


def test_the_steps_commands_give_a_checked_file(run_cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """It runs the section's init and check commands and the file passes."""
    monkeypatch.chdir(tmp_path)
    commands = [
        shlex.split(line)
        for block in re.findall(r"```bash\n(.+?)\n\s*```", SECTION, flags=re.S)
        for line in block.splitlines()
    ]
    wanted = (["hoctap", "criteria", "init"], ["hoctap", "criteria", "check"])
    runnable = [c for c in commands if c[:3] in wanted]
    assert [c[2] for c in runnable] == ["init", "check"]
    for command in runnable:
        result = run_cli(*command[1:])
        assert result.exit_code == 0, result.output
    assert Path("tinh.yaml").is_file()


@pytest.mark.parametrize(
    ("prior", "year", "held"),
    [(2024, 2024, True), (2024, 2027, True), (2024, 2028, False), (2024, 2023, False)],
)
def test_recognition_window_of_tt25_at_both_ends(prior: int, year: int, held: bool) -> None:
    """It keeps a commune recognised for year Y through Y+3 and drops it from Y+4."""
    criteria = shipped_catalog().pinned("cong-dong-hoc-tap-xa@tt25-2023").criteria
    assert criteria.recognition.still_valid(prior, year) is held


def test_annual_titles_hold_only_for_their_year() -> None:
    """It counts a family recognised in 2024 for 2024 only."""
    recognition = shipped_catalog().pinned("gia-dinh-hoc-tap@448-2015").criteria.recognition
    assert recognition.still_valid(2024, 2024) and not recognition.still_valid(2024, 2025)
