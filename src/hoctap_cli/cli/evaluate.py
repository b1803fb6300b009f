"""``hoctap evaluate``: score every applicant in the given files."""

from __future__ import annotations

import typer

from hoctap_cli.cli.errors import EXIT_ERROR, EXIT_OK, EXIT_ROWS, reports_errors
from hoctap_cli.cli.options import (
    AsOfOption,
    CriteriaOption,
    ForceOption,
    FormatOption,
    InputFiles,
    OutputFormat,
    OutputOption,
)


@reports_errors
def evaluate(
    files: InputFiles,
    *,
    criteria: CriteriaOption = None,
    output_format: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    as_of: AsOfOption = None,
    force: ForceOption = False,
) -> None:
    """Chấm điểm và xét Đạt / Không đạt cho từng hồ sơ trong các tệp."""
    from hoctap_cli.cli.render import emit
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.service import evaluate_paths

    day = as_of.date() if as_of else None
    evaluation = evaluate_paths(files, shipped_catalog(), criteria, day)
    emit(evaluation, output_format, output, files, force)
    if evaluation.failed_files:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_ROWS if evaluation.problems else EXIT_OK)
