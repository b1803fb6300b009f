"""``hoctap evaluate``: score every applicant in the given files and folders."""

from __future__ import annotations

from hoctap_cli.cli.errors import reports_errors
from hoctap_cli.cli.options import (
    AnnotateOption,
    AsOfOption,
    CriteriaOption,
    ForceOption,
    FormatOption,
    InputFiles,
    OutputOption,
    criteria_file,
)


@reports_errors
def evaluate(
    files: InputFiles,
    *,
    criteria: CriteriaOption = None,
    output_format: FormatOption = "table",
    output: OutputOption = None,
    annotate: AnnotateOption = None,
    as_of: AsOfOption = None,
    force: ForceOption = False,
) -> None:
    """Chấm điểm và xét Đạt / Không đạt cho từng hồ sơ trong các tệp, thư mục."""
    from hoctap_cli.cli.annotated import write_annotations
    from hoctap_cli.cli.inputs import gather_inputs
    from hoctap_cli.cli.steps import emit, finish, run, say_unread
    from hoctap_cli.outputs.ours import written_by_evaluate
    from hoctap_cli.outputs.registry import RESULTS
    from hoctap_cli.workflow.annotations import plan_annotations

    protected = criteria_file(criteria)
    inputs = gather_inputs(
        files, [output, annotate], force, protected=protected, ours=written_by_evaluate
    )
    plan = plan_annotations(annotate, inputs, force, output) if annotate else None
    evaluation = run(inputs, criteria, as_of)
    emit(RESULTS[output_format], evaluation, output)
    if output is not None or output_format != "table":  # else the table lists them
        say_unread(evaluation)
    finish([evaluation], missed=bool(plan and write_annotations(plan, evaluation)))
