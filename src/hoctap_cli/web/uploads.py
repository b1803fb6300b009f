"""Uploaded files into a run's folder: safe names, bounded sizes, known kinds only.

The name a browser sends is only a hint: it is reduced to letters, digits and a few marks,
its folders are dropped, and two uploads of the same name are numbered. The file is written
inside the run's private folder and nowhere else.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
CRITERIA_SUFFIXES = (".yaml", ".yml")
CRITERIA_NAME = "tieu-chi-tinh.yaml"  # a fixed name: the uploaded one is never used as a path
MAX_NAME = 80
CHUNK = 1 << 16


class UploadError(Exception):
    """An upload that cannot be used; the message is for the officer."""


class Upload(Protocol):
    """What Starlette's ``UploadFile`` offers that this module uses."""

    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


@dataclass(frozen=True)
class Saved:
    path: Path
    shown: str  # the sanitised name, as the page shows it


def safe_name(filename: str, fallback: str = "tep") -> str:
    """A file name with no folder, no control or path characters, and a bounded length."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", filename))[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    cleaned = re.sub(r"[^\w\- ]+", "-", stem, flags=re.UNICODE).strip(" .-_") or fallback
    suffix = re.sub(r"[^A-Za-z0-9]", "", suffix).lower()
    cleaned = cleaned[: MAX_NAME - len(suffix) - 1]
    return f"{cleaned}.{suffix}" if suffix else cleaned


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3`` … when a file of that name is already in the run."""
    stem, suffix = os.path.splitext(name)
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    taken.add(candidate.casefold())
    return candidate


async def save_workbooks(files: Sequence[Upload], folder: Path, limit: int) -> list[Saved]:
    """Each uploaded workbook written into ``folder``; refuse kinds hoctap does not read."""
    saved: list[Saved] = []
    taken: set[str] = set()
    for upload in files:
        name = safe_name(upload.filename or "")
        if not name.lower().endswith(WORKBOOK_SUFFIXES):
            raise UploadError(
                f"tệp «{name}» không phải bảng hồ sơ; chỉ nhận " + ", ".join(WORKBOOK_SUFFIXES)
            )
        name = unique(name, taken)
        path = folder / name
        await _copy(upload, path, limit)
        saved.append(Saved(path, name))
    if not saved:
        raise UploadError("không có tệp hồ sơ nào để chấm; hãy chọn ít nhất một tệp")
    return saved


async def save_criteria(upload: Upload, folder: Path, limit: int) -> Path:
    """The provincial criteria file, under a fixed name inside ``folder``."""
    name = safe_name(upload.filename or "")
    if not name.lower().endswith(CRITERIA_SUFFIXES):
        raise UploadError(f"tệp tiêu chí «{name}» phải có đuôi .yaml hoặc .yml")
    path = folder / CRITERIA_NAME
    await _copy(upload, path, limit)
    return path


async def _copy(upload: Upload, path: Path, limit: int) -> None:
    written = 0
    # O_EXCL: a name is never written twice, so nothing already there is replaced.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as target:
        while chunk := await upload.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise UploadError(f"tệp «{path.name}» lớn quá {limit // 1_000_000} MB")
            target.write(chunk)
    if written == 0:
        raise UploadError(f"tệp «{path.name}» trống")


def chosen_criteria(value: str) -> str | None:
    """The drop-down's choice, only if it names a shipped set (``mã@phiên-bản``).

    Any other text is refused: the catalog would read a name ending in .yaml as a path.
    """
    from hoctap_cli.criteria.catalog import shipped_catalog

    if not value:
        return None
    shipped = {f"{e.criteria.id}@{e.criteria.version}" for e in shipped_catalog().entries}
    if value not in shipped:
        raise UploadError(f"không có bộ tiêu chí '{value}' trong danh sách có sẵn")
    return value
