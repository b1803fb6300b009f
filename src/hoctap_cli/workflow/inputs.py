"""Which files a run reads: the same rules for every command.

A folder stands for every input file inside it, its subfolders included (hidden ones
excepted), in sorted order. Excel's lock files (``~$…``), hoctap's own annotated copies
(``…-ket-qua.xlsx``) and the run's outputs are skipped: reading them would count an
applicant twice or fail on a file that is not an input. A file named outright is always
read, so that writing over it can be refused.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

INPUT_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".yaml", ".yml")
ANNOTATED_SUFFIX = "-ket-qua.xlsx"


@dataclass
class InputSet:
    """The files to read, and what was left out of the folders given, with why."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    empty_folders: list[Path] = field(default_factory=list)


def expand_inputs(
    paths: Sequence[Path],
    exclude: Sequence[Path | None] = (),
    also_skip: Callable[[Path], str | None] | None = None,
) -> InputSet:
    """Files named as given; folders replaced by the input files inside them, sorted.

    ``exclude`` (the run's outputs) is left out of folders only. ``also_skip`` names a
    further reason to leave a folder's file out (``export`` skips the lists it wrote);
    those are said after the common ones.
    """
    found = InputSet()
    seen: set[Path] = set()
    outputs = {key(path) for path in exclude if path is not None}
    later: list[tuple[Path, str]] = []
    for path in paths:
        folder = path.is_dir()
        inside = _walk(path) if folder else [path]
        if folder and not inside:
            found.empty_folders.append(path)
        for candidate in inside:
            name = key(candidate)
            if name in seen or (folder and name in outputs):
                continue
            seen.add(name)
            reason = skip_reason(candidate) if folder else None
            extra = also_skip(candidate) if folder and also_skip and not reason else None
            if reason:
                found.skipped.append((candidate, reason))
            elif extra:
                later.append((candidate, extra))
            else:
                found.files.append(candidate)
    found.skipped += later
    return found


def skip_reason(path: Path) -> str | None:
    """Why a file found in a folder is not read, or None when it is an input."""
    if path.name.startswith("~$"):
        return "tệp khóa của Excel (bảng đang mở)"
    if path.name.lower().endswith(ANNOTATED_SUFFIX):
        return "bảng kết quả hoctap đã ghi trước đó"
    return None


def _walk(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [
            Path(root, name)
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in INPUT_SUFFIXES
        ]
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def key(path: Path) -> Path:
    """The path to compare by: resolved where possible."""
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
