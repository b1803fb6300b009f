"""Sending an evaluation to the terminal or to a file, in the chosen format."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from rich.console import Console

from hoctap_cli.atomic import OutputError, refuse_overwriting_inputs, write_atomic
from hoctap_cli.cli.options import OutputFormat
from hoctap_cli.report.console import (
    PIPE_WIDTH,
    console_width,
    make_console,
    render_evaluation,
)
from hoctap_cli.report.formats import to_csv, write_json
from hoctap_cli.service import Evaluation


def _table(evaluation: Evaluation, stream: IO[bytes]) -> None:
    width = console_width() or PIPE_WIDTH
    console = Console(record=True, width=width, file=io.StringIO())
    console.print(render_evaluation(evaluation, width))
    stream.write(console.export_text().encode("utf-8"))


def _csv(evaluation: Evaluation, stream: IO[bytes]) -> None:
    stream.write(to_csv(evaluation))


# JSON is streamed: a province's document is never held whole in memory.
WRITERS: dict[OutputFormat, Callable[[Evaluation, IO[bytes]], None]] = {
    OutputFormat.json: write_json,
    OutputFormat.csv: _csv,
    OutputFormat.table: _table,
}


def emit(
    evaluation: Evaluation,
    output_format: OutputFormat,
    output: Path | None,
    inputs: list[Path],
    force: bool,
) -> None:
    """Print to stdout, or write ``output`` atomically (never over an input, never unasked)."""
    if output is None:
        if output_format is OutputFormat.table:
            console = make_console()
            console.print(render_evaluation(evaluation, console.width))
        else:
            WRITERS[output_format](evaluation, sys.stdout.buffer)
            sys.stdout.flush()
        return
    check_target(output, inputs, force)
    write = WRITERS[output_format]
    write_atomic(output, lambda stream: write(evaluation, stream))


def report_unread(evaluation: Evaluation, output_format: OutputFormat, output: Path | None) -> None:
    """Name on stderr each file that could not be read, unless the printed table lists it."""
    from hoctap_cli.cli.errors import stderr

    if output is None and output_format is OutputFormat.table:
        return
    for problem in evaluation.failed_files:
        stderr.print(f"Lỗi: {problem.location()}: {problem.message}", markup=False)


def check_target(output: Path, inputs: Sequence[Path], force: bool) -> None:
    """Refuse an output that is an input, or that exists and --force was not given."""
    refuse_overwriting_inputs(output, list(inputs))
    if output.exists() and not force:
        raise OutputError(f"tệp {output} đã có; thêm --force để ghi đè")


def check_companion(
    path: Path, kind: tuple[str, str, str], main: Path, inputs: Sequence[Path], force: bool
) -> None:
    """A second output written beside ``main`` (the report's PDF, the list's decision): its
    suffix, not the main output itself, and as ``check_target`` says. ``kind`` is (suffix,
    what it is, what the main output is) in the user's words."""
    suffix, what, main_what = kind
    if path.suffix.lower() != suffix:
        raise OutputError(f"tệp {what} {path} phải có đuôi {suffix}")
    if path.resolve() == main.resolve():
        raise OutputError(f"tệp {what} {path} trùng với tệp {main_what}")
    check_target(path, inputs, force)
