"""Writing outputs so that an interrupted run never leaves a half-written file.

The output is written to a temporary file beside it (``.NAME.<random>.tmp``), flushed to
the disk, then renamed over the output in one step. Whatever stops the writing (a full
disk, Ctrl+C, a SIGTERM turned into an exception by ``cli.errors.stops_cleanly``) removes
the temporary file and leaves any earlier output as it was.

A target that exists but is not a regular file (``/dev/null``, a FIFO another program
reads, a terminal) is written to directly: renaming a file over it would replace the
device or the pipe itself, and there is no earlier content a half write could spoil.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO

from hoctap_cli.errors import ErrorCode, HoctapError, Location
from hoctap_cli.messages import OPEN_IN_EXCEL


class OutputError(HoctapError):
    """An output that cannot be written; the message is for people."""

    code = ErrorCode.output_failed


_REASONS = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết hạn mức dung lượng được dùng",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EROFS: "ổ đĩa hoặc thư mục chỉ cho phép đọc",
    errno.ENOENT: "thư mục không tồn tại",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EISDIR: "đường dẫn là một thư mục",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EIO: "lỗi đọc ghi trên ổ đĩa",
    errno.EEXIST: "tệp tạm đã có",
}
# Windows: another program (Excel, most often) holds the file open.
SHARING_VIOLATIONS = (32, 33)
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Vietnamese."""
    if getattr(exc, "winerror", None) in SHARING_VIOLATIONS:
        return OPEN_IN_EXCEL
    if exc.filename and excel_lock(Path(exc.filename)) is not None:
        return OPEN_IN_EXCEL
    return _REASONS.get(exc.errno or 0, f"lỗi hệ điều hành (mã {exc.errno})")


def lock_names(name: str) -> tuple[str, ...]:
    """The names Excel gives the lock file of a workbook it has open: '~$' before the
    name, or in place of its first two letters when the name is long."""
    return tuple(dict.fromkeys(("~$" + name, "~$" + name[2:])))


def excel_lock(path: Path) -> Path | None:
    """The Excel lock file beside ``path``, when Excel has it open."""
    for name in lock_names(path.name):
        candidate = path.with_name(name)
        with contextlib.suppress(OSError):
            if candidate != path and candidate.is_file():
                return candidate
    return None


def write_failure(path: Path, directory: Path, exc: OSError, created: bool) -> str:
    """Why ``path`` could not be written, pointing at the real cause, for people."""
    return output_failure(path, directory, exc, created).message


def output_failure(path: Path, directory: Path, exc: OSError, created: bool) -> OutputError:
    """The error of ``path`` not written: its real cause in ``params["cause"]``, worded by
    ``hoctap_cli.messages``."""
    where = {"file": str(path), "directory": str(directory)}
    if getattr(exc, "winerror", None) in SHARING_VIOLATIONS or excel_lock(path):
        cause = "open_in_excel"
    elif not created:
        if not directory.exists():
            cause = "no_directory"
        elif not directory.is_dir():
            cause = "directory_is_file"
        elif exc.errno in (errno.EACCES, errno.EPERM) or not os.access(directory, os.W_OK):
            cause = "directory_denied"
        else:
            cause = "directory_os"
    elif exc.errno in (errno.EACCES, errno.EPERM) and path.exists():
        cause = "file_held"
    else:
        cause = "file_os"
    params = {"cause": cause, "os_reason": os_reason(exc), **where}
    return OutputError(code=ErrorCode.output_failed, params=params, location=Location(str(path)))


def is_special(path: Path) -> bool:
    """Whether ``path`` exists as something other than a regular file or a folder."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def write_atomic(path: Path, fill: Callable[[IO[bytes]], None]) -> None:
    """Write through ``fill`` to a temporary file beside ``path``, then rename it over ``path``.

    A special file (see the module's note) is written to directly, never renamed over.
    """
    if is_special(path):
        _write_through(path, fill)
        return
    directory = path.parent if str(path.parent) else Path(".")
    # The name is chosen before the file exists, so a signal arriving between creating the
    # file and remembering it cannot leave it behind.
    temporary = directory / f".{path.name}.{secrets.token_hex(4)}.tmp"
    created = False
    try:
        descriptor = os.open(temporary, _FLAGS, 0o666)
        created = True
        with os.fdopen(descriptor, "wb") as stream:
            fill(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        if created or not isinstance(exc, OSError):  # never remove a file that was not ours
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(exc, OSError):
            raise output_failure(path, directory, exc, created) from None
        raise
    _sync_directory(directory)


def _write_through(path: Path, fill: Callable[[IO[bytes]], None]) -> None:
    """Write into a device or a pipe in place; opening without O_CREAT cannot make a file."""
    try:
        descriptor = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "wb") as stream:
            fill(stream)
            stream.flush()
    except OSError as exc:
        raise OutputError(f"không ghi được vào {path}: {os_reason(exc)}") from None


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable where the system allows it (not on Windows)."""
    with contextlib.suppress(OSError, AttributeError):
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def refuse_overwriting_inputs(output: Path, inputs: list[Path]) -> None:
    """An output must never be one of the inputs."""
    target = output.resolve()
    for source in inputs:
        if source.exists() and source.resolve() == target:
            raise OutputError(
                code=ErrorCode.output_is_input,
                params={"file": str(output)},
                location=Location(str(output)),
            )
