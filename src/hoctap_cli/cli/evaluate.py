"""``hoctap evaluate``: score every applicant in the given files and folders."""

from __future__ import annotations

from pathlib import Path

import typer

from hoctap_cli.cli.errors import EXIT_ERROR, EXIT_OK, EXIT_ROWS, reports_errors
from hoctap_cli.cli.options import (
    AnnotateOption,
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
    annotate: AnnotateOption = None,
    as_of: AsOfOption = None,
    force: ForceOption = False,
) -> None:
    """Chấm điểm và xét Đạt / Không đạt cho từng hồ sơ trong các tệp, thư mục."""
    from hoctap_cli.cli.annotated import plan_annotations, write_annotations
    from hoctap_cli.cli.inputs import gather_inputs, reading_progress, refuse_folder_member
    from hoctap_cli.cli.render import check_target, emit, report_unread
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.problems import has_errors
    from hoctap_cli.report.formats import written_by_csv
    from hoctap_cli.service import evaluate_paths

    criteria_file = Path(criteria) if criteria and criteria.endswith((".yaml", ".yml")) else None
    for target in (output, annotate):
        if target is not None and not target.is_dir():
            refuse_folder_member(target, files, written_by_csv)
    inputs = gather_inputs(files, [output, annotate, criteria_file])
    plan = plan_annotations(annotate, inputs, force, output) if annotate else None
    if output is not None:
        check_target(output, inputs, force)
    day = as_of.date() if as_of else None
    with reading_progress(len(inputs)) as step:
        evaluation = evaluate_paths(inputs, shipped_catalog(), criteria, day, on_read=step)
    emit(evaluation, output_format, output, inputs, force)
    report_unread(evaluation, output_format, output)
    missed = write_annotations(plan, evaluation) if plan else []
    if evaluation.failed_files or missed:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_ROWS if has_errors(evaluation.problems) else EXIT_OK)
