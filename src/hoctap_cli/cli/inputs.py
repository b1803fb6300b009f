"""Which files an ``evaluate`` run reads, and the progress bar shown while it reads them.

A folder stands for every input file inside it, its subfolders included (hidden ones
excepted), in sorted order. Excel's lock files (``~$…``), hoctap's own annotated copies
(``…-ket-qua.xlsx``) and the run's outputs are skipped: reading them would count an
applicant twice or fail on a file that is not an input.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

INPUT_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".yaml", ".yml")
ANNOTATED_SUFFIX = "-ket-qua.xlsx"
FEW_FILES = 3  # up to this many files, a progress bar shows only when reading is slow
SLOW_SECONDS = 2.0


@dataclass
class InputSet:
    """The files to read, and what was left out of the folders given, with why."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    empty_folders: list[Path] = field(default_factory=list)


def expand_inputs(paths: Sequence[Path], exclude: Sequence[Path] = ()) -> InputSet:
    """Files named as given; folders replaced by the input files inside them, sorted.

    ``exclude`` (the run's outputs) is left out of folders only: a file named outright
    is kept, so that writing over it can be refused.
    """
    found = InputSet()
    seen: set[Path] = set()
    outputs = {_key(path) for path in exclude}
    for path in paths:
        folder = path.is_dir()
        inside = _walk(path) if folder else [path]
        if folder and not inside:
            found.empty_folders.append(path)
        for candidate in inside:
            key = _key(candidate)
            if key in seen or (folder and key in outputs):
                continue
            seen.add(key)
            reason = skip_reason(candidate) if folder else None
            if reason:
                found.skipped.append((candidate, reason))
            else:
                found.files.append(candidate)
    return found


def gather_inputs(paths: Sequence[Path], exclude: Sequence[Path | None]) -> list[Path]:
    """The files to read; what folders held but will not be read is said on stderr."""
    from hoctap_cli.cli.errors import fail, stderr

    found = expand_inputs(paths, [path for path in exclude if path is not None])
    for path, reason in found.skipped:
        stderr.print(f"Bỏ qua {path}: {reason}.", markup=False)
    for folder in found.empty_folders:
        stderr.print(f"Thư mục {folder} không có tệp hồ sơ nào ({', '.join(INPUT_SUFFIXES)}).")
    if not found.files:
        raise fail("không có tệp hồ sơ nào để chấm")
    return found.files


def refuse_folder_member(
    output: Path, given: Sequence[Path], ours: Callable[[Path], bool] = lambda _path: False
) -> None:
    """Refuse an output that is one of a given folder's input files (unless hoctap wrote it).

    Folders are expanded without the run's outputs, so that a result written there is not
    read back as applicants; without this check ``--force`` would replace a data file.
    """
    from hoctap_cli.atomic import OutputError

    if not output.exists() or not any(path.is_dir() for path in given):
        return
    target = _key(output)
    if target in {_key(path) for path in expand_inputs(given).files} and not ours(output):
        raise OutputError(
            f"tệp kết quả {output} là một tệp hồ sơ trong thư mục đầu vào; hãy chọn tên khác"
        )


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


def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def wants_progress(total: int, elapsed: float, is_terminal: bool) -> bool:
    """A bar for many files or a slow read, and only where a person watches."""
    return is_terminal and (total > FEW_FILES or elapsed >= SLOW_SECONDS)


@contextmanager
def reading_progress(total: int, console: Console | None = None) -> Iterator[Callable[[str], None]]:
    """A callback for ``evaluate_paths(on_read=…)`` that drives a bar on stderr, if wanted."""
    console = console or Console(stderr=True)
    progress = Progress(
        TextColumn("Đang đọc"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = progress.add_task("", total=total)
    started = time.monotonic()
    done = -1  # the first call starts the first file

    def step(name: str) -> None:
        nonlocal done
        done += 1
        elapsed = time.monotonic() - started
        if not progress.live.is_started and wants_progress(total, elapsed, console.is_terminal):
            progress.start()
        progress.update(task, completed=done, description=Path(name).name)

    try:
        yield step
    finally:
        if progress.live.is_started:
            progress.update(task, completed=total)
            progress.stop()
