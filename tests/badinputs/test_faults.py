"""Faults while writing: a full disk, a directory that refuses writes, a run stopped midway.

An output is written through a temporary file renamed at the end; whatever stops it, no
half-written output and no temporary file may remain, and an earlier output stays whole.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from tests.support import EXAMPLE_YAML, ROOT, RunCli, results_of

from .corpus import HEADER, row
from .xlsx_parts import Sheet, numbered, write_xlsx

ALL_TYPES = ROOT / "tests" / "records" / "all-types.yaml"
_SLOW_WRITER = """
import sys, time
from pathlib import Path
from hoctap_cli.atomic import write_atomic
from hoctap_cli.cli.errors import stops_cleanly

def fill(stream):
    for _ in range(2000):
        stream.write(b"x" * 1000)
        stream.flush()
        time.sleep(0.005)

with stops_cleanly():
    write_atomic(Path(sys.argv[1]), fill)
"""


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def _failing_fsync(descriptor: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_is_a_clear_error(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It reports a full disk in Vietnamese with exit code 2, leaving neither output nor temp."""
    monkeypatch.setattr(os, "fsync", _failing_fsync)
    result = run_cli("evaluate", EXAMPLE_YAML, "-f", "json", "-o", tmp_path / "ket-qua.json")
    assert result.exit_code == 2
    assert f"không ghi được tệp {tmp_path / 'ket-qua.json'}: ổ đĩa đã đầy" in result.output
    assert list(tmp_path.iterdir()) == []


def test_full_disk_keeps_the_earlier_output(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It leaves the earlier output whole when replacing it fails for want of space."""
    target = tmp_path / "ket-qua.json"
    target.write_text("bản cũ", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", _failing_fsync)
    run_cli("evaluate", EXAMPLE_YAML, "-f", "json", "-o", target, "--force")
    assert target.read_text(encoding="utf-8") == "bản cũ" and _leftovers(tmp_path) == []


def test_directory_refusing_writes_is_a_clear_error(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It reports a directory it may not write in (read-only) in Vietnamese, exit code 2."""
    real_open = os.open

    def refusing_open(path: Any, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".tmp"):  # as a read-only directory answers
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", refusing_open)
    result = run_cli("evaluate", EXAMPLE_YAML, "-f", "json", "-o", tmp_path / "ket-qua.json")
    assert result.exit_code == 2
    assert f"không ghi được vào thư mục {tmp_path}: không có quyền ghi" in result.output


def test_missing_directory_is_a_clear_error(run_cli: RunCli, tmp_path: Path) -> None:
    """It reports an output directory that does not exist in Vietnamese, exit code 2."""
    result = run_cli("evaluate", EXAMPLE_YAML, "-f", "json", "-o", tmp_path / "khong-co" / "a.json")
    assert result.exit_code == 2
    assert "thư mục không tồn tại" in result.output


def _stop_while_writing(tmp_path: Path, sent: signal.Signals) -> subprocess.CompletedProcess[str]:
    target = tmp_path / "ket-qua.json"
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Generous: on a 2-core machine busy with the rest of the suite, starting Python and
    # importing the writer has been seen to take many seconds.
    deadline = time.monotonic() + 60
    while not _leftovers(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _leftovers(tmp_path), "the writer never started"
    process.send_signal(sent)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.mark.parametrize(("sent", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_stop_while_writing_leaves_nothing(tmp_path: Path, sent: signal.Signals, code: int) -> None:
    """It removes the half-written temporary file when stopped by SIGTERM or Ctrl+C midway."""
    done = _stop_while_writing(tmp_path, sent)
    assert (done.returncode, list(tmp_path.iterdir())) == (code, [])


def test_stop_while_writing_says_so(tmp_path: Path) -> None:
    """It says in Vietnamese that it was stopped, without a traceback."""
    done = _stop_while_writing(tmp_path, signal.SIGTERM)
    assert "Đã dừng: chương trình bị ngắt giữa chừng" in done.stderr
    assert "Traceback" not in done.stderr


def test_stopped_evaluation_leaves_no_output(tmp_path: Path) -> None:
    """It leaves no output nor temporary file when `hoctap evaluate` itself is terminated."""
    # Some 8 s of work on this 2-core machine (50,000 rows once were; reading got faster).
    rows = [HEADER, *(row(f"H{i}") for i in range(200_000))]
    book = write_xlsx(tmp_path / "lon.xlsx", [Sheet("Danh sách", numbered(rows))])
    target = tmp_path / "ket-qua.json"
    command = [sys.executable, "-m", "hoctap_cli", "evaluate", str(book), "-c", str(ALL_TYPES)]
    process = subprocess.Popen([*command, "-f", "json", "-o", str(target)], cwd=tmp_path)
    time.sleep(2.5)  # started (about 0.7 s) and still reading
    process.send_signal(signal.SIGTERM)
    code = process.wait(timeout=60)
    assert (code, sorted(p.name for p in tmp_path.iterdir())) == (143, ["lon.xlsx"])


def test_unexpected_error_is_one_vietnamese_line(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It turns a bug into one line pointing at --debug, without a traceback."""
    monkeypatch.setattr("hoctap_cli.workflow.run.evaluate_paths", _broken)
    result = run_cli("evaluate", EXAMPLE_YAML)
    assert result.exit_code == 2
    assert "lỗi không mong đợi (RuntimeError: hỏng). Chạy lại với --debug" in result.output


def test_debug_shows_the_traceback(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    """It lets the exception through with --debug, for whoever fixes the bug."""
    monkeypatch.setattr("hoctap_cli.workflow.run.evaluate_paths", _broken)
    with pytest.raises(RuntimeError, match="hỏng"):
        run_cli("--debug", "evaluate", EXAMPLE_YAML)


def _broken(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("hỏng")


def test_interrupted_output_is_complete_or_absent(tmp_path: Path) -> None:
    """It leaves, after a kill at any moment, either a whole JSON output or none at all."""
    target = tmp_path / "ket-qua.json"
    command = [sys.executable, "-m", "hoctap_cli", "evaluate", str(EXAMPLE_YAML), "-f", "json"]
    process = subprocess.Popen([*command, "-o", str(target)], stderr=subprocess.DEVNULL)
    time.sleep(0.8)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    assert _leftovers(tmp_path) == []
    if target.exists():
        assert results_of(json.loads(target.read_text(encoding="utf-8")))
