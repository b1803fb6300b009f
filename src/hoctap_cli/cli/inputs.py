"""The CLI side of a run's inputs: saying what folders held but will not be read, and the
progress bar shown while reading. Which files are read is ``workflow.inputs``'s rule; which
outputs may be written is ``workflow.writing``'s."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from hoctap_cli.workflow.inputs import INPUT_SUFFIXES, expand_inputs

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

FEW_FILES = 3  # up to this many files, a progress bar shows only when reading is slow
SLOW_SECONDS = 2.0


def gather_inputs(
    files: Sequence[Path],
    outputs: Sequence[Path | None],
    force: bool,
    *,
    protected: Sequence[Path] = (),
    ours: Callable[[Path], bool] = lambda _path: False,
    also_skip: Callable[[Path], str | None] | None = None,
) -> list[Path]:
    """The files to read, once every output is known not to replace one of them (nor a
    ``protected`` file: settings, criteria); what folders held but will not be read is
    said on stderr. ``ours`` tells a file hoctap wrote, which ``--force`` may replace."""
    from hoctap_cli.cli.errors import fail, stderr
    from hoctap_cli.workflow.writing import check_target, refuse_folder_member

    targets = [path for path in outputs if path is not None and not path.is_dir()]
    for target in targets:
        refuse_folder_member(target, files, ours)
    found = expand_inputs(files, [*outputs, *protected], also_skip)
    for path, reason in found.skipped:
        stderr.print(f"Bỏ qua {path}: {reason}.", markup=False)
    for folder in found.empty_folders:
        stderr.print(f"Thư mục {folder} không có tệp hồ sơ nào ({', '.join(INPUT_SUFFIXES)}).")
    if not found.files:
        raise fail("không có tệp hồ sơ nào để chấm")
    for target in targets:
        check_target(target, [*found.files, *protected], force)
    return found.files


def wants_progress(total: int, elapsed: float, is_terminal: bool) -> bool:
    """A bar for many files or a slow read, and only where a person watches."""
    return is_terminal and (total > FEW_FILES or elapsed >= SLOW_SECONDS)


@contextmanager
def reading_progress(total: int, console: Console | None = None) -> Iterator[Callable[[str], None]]:
    """A callback for ``evaluate_paths(on_read=…)`` that drives a bar on stderr, if wanted.

    rich is loaded only once a bar might be wanted: a quick run of a few files never needs it.
    """
    started = time.monotonic()
    done = -1  # the first call starts the first file
    shown: tuple[Progress, TaskID] | None = None

    def step(name: str) -> None:
        nonlocal done, shown
        done += 1
        elapsed = time.monotonic() - started
        if shown is None:
            if not wants_progress(total, elapsed, is_terminal=True):
                return
            from rich.console import Console

            bar = _bar(console or Console(stderr=True))
            shown = bar, bar.add_task("", total=total)
        bar, task = shown
        if not bar.live.is_started and wants_progress(total, elapsed, bar.console.is_terminal):
            bar.start()
        bar.update(task, completed=done, description=Path(name).name)

    try:
        yield step
    finally:
        if shown is not None and shown[0].live.is_started:
            shown[0].update(shown[1], completed=total)
            shown[0].stop()


def _bar(console: Console) -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("Đang đọc"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
