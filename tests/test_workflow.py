"""The workflow every command shares: folders for all, formats from one registry, inputs
opened once, one exit status."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from tests.support import EXAMPLE_XLSX, EXAMPLE_YAML, ROOT, RunCli, results_of

from hoctap_cli.outputs import registry
from hoctap_cli.problems import Problem, ProblemCode
from hoctap_cli.workflow.run import Evaluation
from hoctap_cli.workflow.status import EXIT_ERROR, EXIT_OK, EXIT_ROWS, exit_status

PROVINCE = ROOT / "examples" / "tieu-chi-tinh-vi-du.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding the village's workbook, and an Excel lock file to skip."""
    inside = tmp_path / "ho-so"
    inside.mkdir()
    shutil.copy(EXAMPLE_XLSX, inside / EXAMPLE_XLSX.name)
    (inside / f"~${EXAMPLE_XLSX.name}").write_bytes(b"")
    return inside


def test_evaluate_reads_a_folder(run_cli: RunCli, folder: Path) -> None:
    """It evaluates the workbooks in a folder and says which file it skipped."""
    result = run_cli("evaluate", folder, "-f", "json")
    assert result.exit_code == 1
    assert len(results_of(json.loads(result.stdout))) == 38
    assert "Bỏ qua" in result.stderr and "tệp khóa của Excel" in result.stderr


def test_explain_reads_a_folder(run_cli: RunCli, folder: Path) -> None:
    """It finds the applicant in a folder's workbook, as its help text promises."""
    result = run_cli("explain", folder, "--id", "ES-010", "-f", "json")
    assert result.exit_code == 0
    assert [t["id"] for t in json.loads(result.stdout)["traces"]] == ["ES-010"]


def test_export_reads_a_folder(run_cli: RunCli, folder: Path, tmp_path: Path) -> None:
    """It lists the folder's applicants."""
    target = tmp_path / "danh-sach.json"
    result = run_cli("export", folder, "-o", target)
    assert result.exit_code == 1
    assert sum(t["listed"] for t in json.loads(target.read_text("utf-8"))["lists"]) > 0


def test_report_reads_a_folder(run_cli: RunCli, folder: Path, tmp_path: Path) -> None:
    """It reports on the folder's applicants."""
    target = tmp_path / "bao-cao.html"
    result = run_cli("report", folder, "-o", target)
    assert result.exit_code == 1
    assert "1 danh hiệu, 38 hồ sơ" in result.stdout
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_diff_records_reads_a_folder(run_cli: RunCli, folder: Path) -> None:
    """It compares the verdicts of a folder's applicants under two criteria sets, exactly
    as for the workbook named on its own."""
    old = "gia-dinh-hoc-tap@448-2015"
    by_folder = run_cli("diff", old, PROVINCE, "--records", folder, "-f", "json")
    by_file = run_cli("diff", old, PROVINCE, "--records", EXAMPLE_XLSX, "-f", "json")
    assert by_folder.exit_code == 1  # the example's rows with errors, said on stderr
    assert "Lỗi dữ liệu:" in by_folder.stderr
    assert json.loads(by_folder.stdout)["compared"] == 38
    assert json.loads(by_folder.stdout) == json.loads(by_file.stdout)


@pytest.fixture
def with_broken(folder: Path) -> Path:
    """The folder with a workbook that cannot be read beside the good one."""
    (folder / "hong.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    return folder


@pytest.mark.parametrize(
    "command",
    [
        ("explain", "--id", "ES-010"),
        ("diff", "gia-dinh-hoc-tap@448-2015", str(PROVINCE), "--records"),
        ("evaluate",),
    ],
    ids=["explain", "diff-records", "evaluate"],
)
def test_a_file_that_cannot_be_read_is_named_and_ends_in_2(
    run_cli: RunCli, with_broken: Path, command: tuple[str, ...]
) -> None:
    """Every command reading records names the file it could not read and exits 2, as
    ``evaluate`` does, even when the applicant asked for was found elsewhere."""
    result = run_cli(*command, with_broken)
    assert result.exit_code == EXIT_ERROR
    said = result.stderr if command[0] != "evaluate" else result.stdout  # its table lists it
    assert "hong.xlsx" in said


def test_report_never_reads_its_criteria_file_as_records(
    run_cli: RunCli, folder: Path, tmp_path: Path
) -> None:
    """It leaves the provincial criteria file kept in the records' folder out of the
    records, as ``evaluate`` and ``export`` do."""
    criteria = folder / "tinh.yaml"
    shutil.copy(PROVINCE, criteria)
    result = run_cli("report", folder, "--criteria", criteria, "-o", tmp_path / "bc.html")
    assert result.exit_code == EXIT_ROWS, result.output
    assert "38 hồ sơ" in result.stdout


def test_the_library_reads_a_folder_or_one_path_given_as_text(folder: Path) -> None:
    """It expands a folder with the command's skip rules and takes one path as a path,
    never as a sequence of letters; an empty folder is a worded error."""
    import hoctap_cli

    assert len(hoctap_cli.evaluate_paths(folder).results) == 38
    assert len(hoctap_cli.evaluate_paths(str(folder / EXAMPLE_XLSX.name)).results) == 38
    empty = folder / "trong"
    empty.mkdir()
    with pytest.raises(hoctap_cli.HoctapError) as caught:
        hoctap_cli.evaluate_paths([empty])
    assert "thư mục không có tệp hồ sơ nào" in caught.value.message


@pytest.mark.parametrize(
    ("command", "family"),
    [
        (["evaluate"], registry.RESULTS),
        (["export"], registry.LISTS),
        (["diff"], registry.CHANGES),
        (["explain"], registry.TRACES),
        (["criteria", "check"], registry.CHECKS),
    ],
)
def test_format_choices_are_the_registry_names(
    run_cli: RunCli, command: list[str], family: registry.Mapping[str, object]
) -> None:
    """It offers as --format exactly the outputs registered for the command."""
    shown = run_cli(*command, "--help").stdout
    assert f"--format {'|'.join(family)}" in shown
    refused = run_cli(*command, "--format", "pdf")
    assert refused.exit_code == 2
    listed = ", ".join(f"'{name}'" for name in family)
    assert "giá trị không hợp lệ cho '--format'" in refused.stderr
    assert f"chọn một trong {listed}" in refused.stderr


def test_impact_formats_match_the_diff_choices() -> None:
    """It can write the impact in every format diff offers (they share --format)."""
    assert list(registry.IMPACT) == list(registry.CHANGES)


def test_report_opens_each_input_once(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It opens each file once, even when it splits the run by assessment year."""
    from hoctap_cli.records import reader

    opened: list[Path] = []
    real = reader.OPENERS[".yaml"]

    def counting(path: Path) -> object:  # whoever opens the file, it goes through here
        opened.append(path)
        return real(path)

    monkeypatch.setitem(reader.OPENERS, ".yaml", counting)
    older = tmp_path / "thon-ea-sup-gia-dinh-2024.yaml"
    older.write_text(EXAMPLE_YAML.read_text("utf-8"), "utf-8")
    result = run_cli("report", EXAMPLE_YAML, older, "-o", tmp_path / "bc.html")
    assert result.exit_code == 1
    assert "các năm 2024–2025" in result.stdout
    assert sorted(opened) == sorted([EXAMPLE_YAML, older])


def _problem(code: ProblemCode) -> Problem:
    return Problem(code, "ho.xlsx", "Trang 1", 5, "B", params={"label": "Mã hộ", "reason": "hỏng"})


def test_exit_status_is_decided_once() -> None:
    """It gives 2 for an unread file or a missed output, 1 for row errors, else 0."""
    day = dt.date(2025, 12, 31)
    clean = Evaluation(day)
    rows = Evaluation(day, problems=[_problem(ProblemCode.missing_id)])
    unread = Evaluation(day, failed_files=[_problem(ProblemCode.file_unreadable)])
    assert exit_status([clean]) == EXIT_OK
    assert exit_status([clean], missed=True) == EXIT_ERROR
    assert exit_status([clean, rows]) == EXIT_ROWS
    assert exit_status([rows, unread]) == EXIT_ERROR


def test_evaluate_never_writes_over_its_criteria_file(run_cli: RunCli, tmp_path: Path) -> None:
    """It refuses, even with --force, an output that is the criteria file the run uses,
    as export always did: one overwrite policy for every command."""
    criteria = tmp_path / "tinh.yaml"
    shutil.copy(PROVINCE, criteria)
    before = criteria.read_bytes()
    result = run_cli(
        "evaluate", EXAMPLE_YAML, "--criteria", criteria, "-f", "json", "-o", criteria, "--force"
    )
    assert result.exit_code == 2
    assert f"tệp kết quả {criteria} trùng với tệp đầu vào" in result.stderr
    assert criteria.read_bytes() == before


def test_unreadable_inputs_are_a_hoctap_error(tmp_path: Path) -> None:
    """It lets a library caller catch one class for inputs it cannot use."""
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.errors import HoctapError
    from hoctap_cli.workflow.run import evaluate_paths

    with pytest.raises(HoctapError) as missing:
        evaluate_paths([tmp_path / "khong-co.xlsx"], shipped_catalog(), None, None)
    assert missing.value.code == "inputs_unreadable"
    stray = tmp_path / "ghi-chu.csv"
    stray.write_text("a,b\n1,2\n", "utf-8")
    with pytest.raises(HoctapError) as unknown:
        evaluate_paths([stray], shipped_catalog(), None, None)
    assert unknown.value.code == "no_criteria_found"
