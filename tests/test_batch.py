"""Folders and batches of inputs, the progress bar, and how every output is written."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import IO, Any

import pytest
from rich.console import Console
from tests.support import EXAMPLE_XLSX, ROOT, RunCli, only_level, problems_of, results_of

from hoctap_cli.cli.inputs import reading_progress, wants_progress
from hoctap_cli.workflow.inputs import expand_inputs

CLEAN_YAML = (
    "criteria: gia-dinh-hoc-tap\nrecords:\n"
    "  - {{ma_ho: {id}, chu_ho: Lê Văn Ba, thon: Thôn 2, so_tre_do_tuoi: 0, diem_1_3: 10,\n"
    "     so_nguoi_lon: 1, so_nguoi_lon_biet_chu: 1, so_nguoi_lon_hoc_chuyen_de: 1,\n"
    "     diem_2_3: 10, diem_tc3: 20, diem_tc4: 20}}\n"
)


def _clean(path: Path, applicant: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CLEAN_YAML.format(id=applicant), encoding="utf-8")
    return path


def _files(document: dict[str, Any]) -> list[str]:
    return [item["file"] for item in document["inputs"]]


def test_folder_is_expanded_sorted_without_hidden_or_lock_files(tmp_path: Path) -> None:
    """It lists input files of a folder and its subfolders, sorted, skipping what is not input."""
    for name in ("b.xlsx", "a.csv", "sub/c.yaml", "sub/d.yml", "e.xlsm", ".hidden/x.xlsx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    for name in ("~$b.xlsx", "b-ket-qua.xlsx", "ghi-chu.docx", ".an.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = expand_inputs([tmp_path])
    names = [p.relative_to(tmp_path).as_posix() for p in found.files]
    assert names == ["a.csv", "b.xlsx", "e.xlsm", "sub/c.yaml", "sub/d.yml"]
    skipped = {p.name: reason for p, reason in found.skipped}
    assert skipped == {
        "~$b.xlsx": "tệp khóa của Excel (bảng đang mở)",
        "b-ket-qua.xlsx": "bảng kết quả hoctap đã ghi trước đó",
    }


def test_named_files_are_kept_once_and_outputs_left_out_of_folders(tmp_path: Path) -> None:
    """It keeps a file named outright (even an output), drops repeats and folder outputs."""
    inside = _clean(tmp_path / "ho" / "a.yaml", "A1")
    output = _clean(tmp_path / "ho" / "ket-qua.csv", "A2")
    empty = tmp_path / "trong"
    empty.mkdir()
    found = expand_inputs([inside, tmp_path / "ho", output, empty], exclude=[output])
    assert found.files == [inside, output]
    assert found.empty_folders == [empty]


def test_folder_input_evaluates_every_file(run_cli: RunCli, tmp_path: Path) -> None:
    """It reads every input file of a folder, in order, and names the lock files it skips."""
    shutil.copy(EXAMPLE_XLSX, tmp_path / "b-thon.xlsx")
    shutil.copy(EXAMPLE_XLSX, tmp_path / "~$b-thon.xlsx")
    _clean(tmp_path / "a" / "ho.yaml", "A1")
    result = run_cli("evaluate", tmp_path, "-f", "json")
    assert result.exit_code == 1  # the example's deliberate mistakes
    document = json.loads(result.stdout)
    assert _files(document) == [str(tmp_path / "a" / "ho.yaml"), str(tmp_path / "b-thon.xlsx")]
    assert only_level(document)["summary"]["totals"]["assessed"] == 39
    assert "Bỏ qua" in result.stderr and "~$b-thon.xlsx" in result.stderr


def test_clean_folder_exits_zero(run_cli: RunCli, tmp_path: Path) -> None:
    """It exits 0 when every row of every file in the folder was evaluated."""
    _clean(tmp_path / "a.yaml", "A1")
    _clean(tmp_path / "b.yaml", "B1")
    result = run_cli("evaluate", tmp_path, "-f", "json")
    assert result.exit_code == 0
    assert [r["verdict"] for r in results_of(json.loads(result.stdout))] == ["pass", "pass"]


def test_unreadable_file_does_not_stop_the_batch(run_cli: RunCli, tmp_path: Path) -> None:
    """It evaluates the other files, names the unreadable one, and exits 2 (a file error)."""
    _clean(tmp_path / "a.yaml", "A1")
    (tmp_path / "b-hong.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    _clean(tmp_path / "c.yaml", "C1")
    result = run_cli("evaluate", tmp_path, "-f", "json")
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert [r["id"] for r in results_of(document)] == ["A1", "C1"]
    broken = [e for e in problems_of(document) if e["file"] == str(tmp_path / "b-hong.xlsx")]
    assert len(broken) == 1
    assert f"{tmp_path / 'b-hong.xlsx'}" in result.stderr  # named even with JSON on stdout
    table = run_cli("evaluate", tmp_path)
    assert table.exit_code == 2
    assert "b-hong.xlsx" in table.stdout and "A1" in table.stdout and "C1" in table.stdout


def test_empty_folder_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    """It exits 2 when the folders hold no input file at all."""
    (tmp_path / "ghi-chu.txt").write_text("x", encoding="utf-8")
    result = run_cli("evaluate", tmp_path)
    assert result.exit_code == 2
    assert "không có tệp hồ sơ nào để chấm" in result.stderr


def test_output_inside_the_input_folder_is_not_read_back(run_cli: RunCli, tmp_path: Path) -> None:
    """It does not read this run's --output or the --criteria file as inputs."""
    _clean(tmp_path / "a.yaml", "A1")
    criteria = tmp_path / "tieu-chi.yaml"
    shutil.copy(ROOT / "criteria" / "gia-dinh-hoc-tap" / "448-2015.yaml", criteria)
    target = tmp_path / "ket-qua.csv"
    first = run_cli("evaluate", tmp_path, "-c", criteria, "-f", "csv", "-o", target)
    again = run_cli("evaluate", tmp_path, "-c", criteria, "-f", "csv", "-o", target, "--force")
    assert (first.exit_code, again.exit_code) == (0, 0)
    assert len(target.read_text(encoding="utf-8-sig").splitlines()) == 2


def test_no_progress_bar_when_stderr_is_not_a_terminal(run_cli: RunCli, tmp_path: Path) -> None:
    """It keeps stderr free of a progress bar when nobody watches it."""
    for index in range(6):
        _clean(tmp_path / f"{index}.yaml", f"H{index}")
    result = run_cli("evaluate", tmp_path, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert len(results_of(json.loads(result.stdout))) == 6


def test_progress_bar_follows_the_files_read(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It shows the bar on stderr, never stdout, when stderr behaves as a terminal."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich treats the stream as a terminal
    for index in range(6):
        _clean(tmp_path / f"{index}.yaml", f"H{index}")
    result = run_cli("evaluate", tmp_path, "-f", "json")
    assert result.exit_code == 0
    assert "Đang đọc" in result.stderr and "6/6" in result.stderr
    assert len(results_of(json.loads(result.stdout))) == 6


@pytest.mark.parametrize("terminal", [True, False])
def test_progress_bar_only_on_a_terminal(terminal: bool) -> None:
    """It draws "Đang đọc" with the file name and count on a terminal, nothing elsewhere."""
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=terminal, width=100)
    with reading_progress(5, console) as step:
        for index in range(5):
            step(f"thu-muc/thon-{index}.xlsx")
    text = stream.getvalue()
    if terminal:
        assert "Đang đọc" in text and "thon-4.xlsx" in text and "5/5" in text
    else:
        assert text == ""


@pytest.mark.parametrize(
    ("total", "elapsed", "terminal", "shown"),
    [(10, 0.0, True, True), (2, 0.0, True, False), (2, 5.0, True, True), (10, 9.0, False, False)],
)
def test_wants_progress(total: int, elapsed: float, terminal: bool, shown: bool) -> None:
    """It wants a bar for many files or a slow read, and only on a terminal."""
    assert wants_progress(total, elapsed, terminal) is shown


def test_every_output_is_written_atomically(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It writes --output and each --annotate copy through write_atomic, nothing else."""
    import hoctap_cli.atomic
    from hoctap_cli.atomic import write_atomic

    written: list[Path] = []

    def recording(path: Path, fill: Any) -> None:
        written.append(path)
        write_atomic(path, fill)

    monkeypatch.setattr(hoctap_cli.atomic, "write_atomic", recording)
    source = tmp_path / "ho.xlsx"
    shutil.copy(EXAMPLE_XLSX, source)
    out = tmp_path / "ra"
    result = run_cli(
        "evaluate", source, "-f", "json", "-o", tmp_path / "kq.json", "--annotate", out
    )
    assert result.exit_code == 1
    assert written == [tmp_path / "kq.json", out / "ho-ket-qua.xlsx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ho.xlsx", "kq.json", "ra"]


def test_interrupted_annotation_keeps_the_old_copy(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It leaves an existing copy whole and no temporary file when saving fails midway."""
    from hoctap_cli.outputs.annotated.copy import AnnotatedCopy

    def broken_save(self: AnnotatedCopy, stream: IO[bytes]) -> None:
        stream.write(b"PK half a workbook")
        raise RuntimeError("đĩa đầy")

    monkeypatch.setattr(AnnotatedCopy, "save", broken_save)
    target = tmp_path / "ket-qua.xlsx"
    target.write_bytes(b"ban cu")
    result = run_cli("evaluate", EXAMPLE_XLSX, "--annotate", target, "--force", "-f", "json")
    assert result.exit_code == 2
    assert target.read_bytes() == b"ban cu"
    assert [p.name for p in tmp_path.iterdir()] == ["ket-qua.xlsx"]


def test_output_over_a_data_file_of_the_folder_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    """It refuses, even with --force, an output that is one of the input folder's data files."""
    data = tmp_path / "ho.xlsx"
    shutil.copy(EXAMPLE_XLSX, data)
    before = data.read_bytes()
    result = run_cli("evaluate", tmp_path, "-f", "csv", "-o", data, "--force")
    assert result.exit_code == 2
    assert "là một tệp hồ sơ trong thư mục đầu vào" in result.output
    assert data.read_bytes() == before
