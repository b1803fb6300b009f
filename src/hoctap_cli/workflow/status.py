"""The exit status of a run, decided in one place for every command.

0: everything read and evaluated; 1: some rows or cells had errors (the outputs were still
written); 2: a file could not be read or an output could not be written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the run pulls in the readers and engine: not needed for --help
    from hoctap_cli.workflow.run import Evaluation

EXIT_OK = 0
EXIT_ROWS = 1
EXIT_ERROR = 2


def exit_status(evaluations: Sequence[Evaluation], *, missed: bool = False) -> int:
    """2 when a file could not be read (or an output was ``missed``), 1 when rows or cells
    had errors, else 0."""
    from hoctap_cli.problems import has_errors

    if missed or any(evaluation.failed_files for evaluation in evaluations):
        return EXIT_ERROR
    if any(has_errors(evaluation.problems) for evaluation in evaluations):
        return EXIT_ROWS
    return EXIT_OK
