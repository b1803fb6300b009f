"""The steps every command shares once its options are parsed: run the workflow with a
progress bar, send an output where it was asked for, and exit with the run's status."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

if TYPE_CHECKING:  # the run pulls in the readers and engine: not needed for --help
    from hoctap_cli.outputs.registry import Output
    from hoctap_cli.workflow.run import Evaluation

S = TypeVar("S")


def run(inputs: Sequence[Path], criteria: str | None, as_of: dt.datetime | None) -> Evaluation:
    """Evaluate ``inputs`` as one run, with a progress bar while reading."""
    from hoctap_cli.cli.inputs import reading_progress
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.workflow.run import evaluate_paths

    day = as_of.date() if as_of else None
    with reading_progress(len(inputs)) as step:
        return evaluate_paths(inputs, shipped_catalog(), criteria, day, on_read=step)


def run_by_year(
    inputs: Sequence[Path], criteria: str | None, as_of: dt.datetime | None
) -> list[Evaluation]:
    """One run per assessment year of ``inputs`` (see ``workflow.years``)."""
    from hoctap_cli.cli.inputs import reading_progress
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.workflow.years import evaluate_by_year

    day = as_of.date() if as_of else None
    with reading_progress(len(inputs)) as step:
        return evaluate_by_year(inputs, shipped_catalog(), criteria, day, on_read=step)


def emit(output: Output[S], subject: S, target: Path | None) -> None:
    """Show ``subject`` on the terminal, or write it to ``target`` atomically."""
    if target is not None:
        output.write_to(subject, target)
    elif output.show is not None:
        output.show(subject)
    else:
        output.writer(subject, sys.stdout.buffer)
        sys.stdout.flush()


def finish(evaluations: Sequence[Evaluation], *, missed: bool = False) -> NoReturn:
    """End the command with the status the run decides (``workflow.status``)."""
    from hoctap_cli.workflow.status import exit_status

    raise typer.Exit(exit_status(evaluations, missed=missed))


def say_unread(evaluation: Evaluation) -> None:
    """Name on stderr each file that could not be read."""
    from hoctap_cli.cli.errors import stderr

    for problem in evaluation.failed_files:
        stderr.print(f"Lỗi: {problem.location()}: {problem.message}", markup=False)
