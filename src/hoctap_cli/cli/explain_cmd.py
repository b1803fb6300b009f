"""``hoctap explain FILE --id ID``: the full trace of one applicant."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from hoctap_cli.cli.errors import reports_errors
from hoctap_cli.cli.options import AsOfOption, CriteriaOption, InputFiles, choices
from hoctap_cli.outputs.registry import TRACES
from hoctap_cli.workflow.status import EXIT_ERROR, EXIT_ROWS

if TYPE_CHECKING:
    from hoctap_cli.outputs.writers import Explained
    from hoctap_cli.workflow.run import Evaluation
    from hoctap_cli.workflow.unevaluated import UnevaluatedRow

    TracesName = str
else:
    TracesName = choices(TRACES)

IdOption = Annotated[
    str,
    typer.Option("--id", help="Mã hồ sơ cần giải thích (mã hộ, mã công dân…).", metavar="MÃ"),
]
TitleOption = Annotated[
    str | None,
    typer.Option(
        "--title",
        help="Chỉ xét danh hiệu này (mã, ví dụ gia-dinh-hoc-tap) khi nhiều cấp có cùng mã.",
        metavar="DANH_HIỆU",
        show_default=False,
    ),
]
ExplainFormatOption = Annotated[
    TracesName, typer.Option("--format", "-f", help="Dạng kết quả: text (bảng) hoặc json.")
]


@reports_errors
def explain(
    files: InputFiles,
    *,
    applicant: IdOption,
    title: TitleOption = None,
    criteria: CriteriaOption = None,
    as_of: AsOfOption = None,
    output_format: ExplainFormatOption = "text",
) -> None:
    """Giải thích từng bước kết quả của một hồ sơ: ô đã đọc, quy tắc, điểm, căn cứ."""
    from hoctap_cli.cli.errors import fail
    from hoctap_cli.cli.inputs import gather_inputs
    from hoctap_cli.cli.options import criteria_file
    from hoctap_cli.cli.steps import emit, run, say_unread
    from hoctap_cli.outputs.writers import Explanations
    from hoctap_cli.workflow.unevaluated import unevaluated_rows

    inputs = gather_inputs(files, [], False, protected=criteria_file(criteria))
    evaluation = run(inputs, criteria, as_of)
    found = explained(evaluation, applicant, title)
    left_out = unevaluated_rows(evaluation.problems, applicant)
    say_unread(evaluation)  # the applicant may be in a file that could not be read
    if not found and not left_out:
        raise fail(f"không có hồ sơ mã '{applicant}' trong các tệp đã đọc")
    not_evaluated = [row.to_dict() for row in left_out]
    if found or output_format == "json":  # JSON holds both, in one shape
        emit(TRACES[output_format], Explanations(found, not_evaluated), None)
    if output_format != "json":
        _say_left_out(left_out, to_stderr=bool(found))
    if evaluation.failed_files:
        raise typer.Exit(EXIT_ERROR)
    if not found:
        raise typer.Exit(EXIT_ROWS)  # a row of this id was read but could not be evaluated


def explained(evaluation: Evaluation, applicant: str, title: str | None) -> list[Explained]:
    """Every applicant of this id (of ``title`` when given): its trace and why."""
    from hoctap_cli.outputs.writers import explain_one

    wanted = applicant.strip().casefold()
    return [
        explain_one(title_result, result, evaluation.title_names)
        for title_result in evaluation.titles
        for result in title_result.results
        if result.id.casefold() == wanted and (title is None or result.title == title)
    ]


def _say_left_out(rows: list[UnevaluatedRow], *, to_stderr: bool) -> None:
    """Rows of the id not evaluated: the answer itself, or a note beside the trace."""
    from hoctap_cli.cli.errors import stderr
    from hoctap_cli.outputs.screens.console import make_console

    console = stderr if to_stderr else make_console()
    for row in rows:
        console.print(("Lưu ý: " if to_stderr else "") + row.sentence, markup=False)
