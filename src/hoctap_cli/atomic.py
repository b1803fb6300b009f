"""Writing outputs so that an interrupted run never leaves a half-written file.

The output is written to a temporary file beside it (``.NAME.<random>.tmp``), flushed to
the disk, then renamed over the output in one step. Whatever stops the writing (a full
disk, Ctrl+C, a SIGTERM turned into an exception by ``cli.errors.stops_cleanly``) removes
the temporary file and leaves any earlier output as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import IO


class OutputError(Exception):
    """An output that cannot be written; the message is for people."""


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
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Vietnamese."""
    return _REASONS.get(exc.errno or 0, f"lỗi hệ điều hành (mã {exc.errno})")


def write_atomic(path: Path, fill: Callable[[IO[bytes]], None]) -> None:
    """Write through ``fill`` to a temporary file beside ``path``, then rename it over ``path``."""
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
            where = f"tệp {path}" if created else f"vào thư mục {directory}"
            raise OutputError(f"không ghi được {where}: {os_reason(exc)}") from None
        raise
    _sync_directory(directory)


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
            raise OutputError(f"tệp kết quả {output} trùng với tệp đầu vào; hãy chọn tên khác")
