"""Writing outputs so that an interrupted run never leaves a half-written file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


class OutputError(Exception):
    """An output that cannot be written; the message is for people."""


def write_atomic(path: Path, fill: Callable[[IO[bytes]], None]) -> None:
    """Write through ``fill`` to a temporary file beside ``path``, then rename it over ``path``."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"không ghi được vào thư mục {directory}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            fill(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise OutputError(f"không ghi được tệp {path}: {exc.strerror}") from None
        raise


def refuse_overwriting_inputs(output: Path, inputs: list[Path]) -> None:
    """An output must never be one of the inputs."""
    target = output.resolve()
    for source in inputs:
        if source.exists() and source.resolve() == target:
            raise OutputError(f"tệp kết quả {output} trùng với tệp đầu vào; hãy chọn tên khác")
