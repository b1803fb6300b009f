"""File errors that point at the real cause."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from tests.support import EXAMPLE_XLSX
from typer.testing import CliRunner

from hoctap_cli.atomic import OPEN_IN_EXCEL, OutputError, os_reason, write_atomic, write_failure
from hoctap_cli.cli.app import app


class SharingViolation(PermissionError):
    """What Windows raises when Excel holds the file (winerror 32, or 33 for a lock)."""

    def __init__(self, winerror: int, filename: str) -> None:
        super().__init__(errno.EACCES, "The process cannot access the file", filename)
        self.winerror = winerror


@pytest.mark.parametrize("code", [32, 33])
def test_windows_sharing_violation_says_the_file_is_open_in_excel(
    code: int, tmp_path: Path
) -> None:
    """It says the file may be open in Excel, for reading and for writing."""
    target = tmp_path / "ket-qua.xlsx"
    exc = SharingViolation(code, str(target))
    assert os_reason(exc) == OPEN_IN_EXCEL
    assert write_failure(target, tmp_path, exc, created=True).endswith(OPEN_IN_EXCEL)
    assert OPEN_IN_EXCEL == "tệp có thể đang mở trong Excel; hãy đóng rồi chạy lại"


def test_lock_file_beside_the_target_says_open_in_excel(tmp_path: Path) -> None:
    """It names Excel when the workbook's lock file lies beside it."""
    target = tmp_path / "danh-sach.xlsx"
    (tmp_path / "~$danh-sach.xlsx").write_bytes(b"\x00" * 165)
    exc = PermissionError(errno.EACCES, "Permission denied", str(target))
    assert write_failure(target, tmp_path, exc, created=True).endswith(OPEN_IN_EXCEL)


def test_missing_folder_is_named_missing(tmp_path: Path) -> None:
    """It says the folder does not exist only when it does not."""
    with pytest.raises(OutputError) as raised:
        write_atomic(tmp_path / "khong-co" / "x.csv", lambda stream: stream.write(b"x"))
    assert str(raised.value).endswith("thư mục không tồn tại")


def test_unwritable_folder_is_not_called_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It says a folder that exists but refuses writing is not writable."""
    exc = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "x.csv"))
    message = write_failure(tmp_path / "x.csv", tmp_path, exc, created=False)
    assert "không có quyền ghi vào thư mục này" in message
    assert "không tồn tại" not in message
    # Some systems answer ENOENT for a folder that exists but cannot be entered.
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    odd = FileNotFoundError(errno.ENOENT, "No such file or directory", str(tmp_path / "x.csv"))
    assert "không có quyền ghi" in write_failure(tmp_path / "x.csv", tmp_path, odd, False)


def test_read_only_target_file_is_named(tmp_path: Path) -> None:
    """It says an existing output that refuses writing is read-only or held by a program."""
    target = tmp_path / "ket-qua.csv"
    target.write_text("cũ", encoding="utf-8")
    exc = PermissionError(errno.EACCES, "Permission denied", str(target))
    assert "chỉ cho phép đọc hoặc đang bị chương trình khác giữ" in write_failure(
        target, tmp_path, exc, created=True
    )


def test_a_lock_file_given_directly_is_named_as_one(tmp_path: Path) -> None:
    """It says '~$…xlsx' is Excel's lock file, not that the workbook is damaged."""
    shutil.copy(EXAMPLE_XLSX, tmp_path / "thon.xlsx")
    lock = tmp_path / "~$thon.xlsx"
    lock.write_bytes(b"\x05hoctap" + b"\x00" * 150)
    result = CliRunner().invoke(app, ["evaluate", str(lock)])
    assert result.exit_code == 2
    assert "tệp khóa tạm của Excel" in result.output
    assert "hỏng" not in result.output
    assert "thon.xlsx" in result.output


def test_no_english_from_the_system(tmp_path: Path) -> None:
    """It words a missing criteria file and an unreadable settings file in Vietnamese."""
    runner = CliRunner()
    missing = runner.invoke(app, ["criteria", "check", str(tmp_path / "khong-co.yaml")])
    assert missing.exit_code == 2 and "không có tệp hoặc thư mục" in missing.output
    folder = tmp_path / "cai-dat.yaml"
    folder.mkdir()
    args = ["export", str(EXAMPLE_XLSX), "-o", str(tmp_path / "ds.xlsx"), "--settings", str(folder)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "No such" not in result.output and "Is a directory" not in result.output
