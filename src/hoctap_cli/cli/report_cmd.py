"""``hoctap report``: one self-contained HTML report, for screens and A4 paper."""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from hoctap_cli.cli.errors import EXIT_ERROR, EXIT_OK, EXIT_ROWS, reports_errors
from hoctap_cli.cli.options import AsOfOption, CriteriaOption, ForceOption, InputFiles

if TYPE_CHECKING:  # the service pulls in the readers and engine: not needed for --help
    from hoctap_cli.service import Evaluation

ReportOutput = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        help="Tệp báo cáo .html sẽ tạo (một tệp duy nhất, mở bằng trình duyệt, in được khổ A4).",
        dir_okay=False,
        show_default=False,
    ),
]


@reports_errors
def report(
    files: InputFiles,
    *,
    output: ReportOutput,
    criteria: CriteriaOption = None,
    as_of: AsOfOption = None,
    force: ForceOption = False,
) -> None:
    """Lập báo cáo HTML có biểu đồ: tỉ lệ công nhận, tiêu chí chưa đạt, hồ sơ sắp đạt."""
    from hoctap_cli.atomic import write_atomic
    from hoctap_cli.cli.inputs import gather_inputs
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.report.html import render_report
    from hoctap_cli.report.html.years import evaluate_by_year

    inputs = gather_inputs(files, [output])
    check_output(output, inputs, force)
    day = as_of.date() if as_of else None
    evaluations = evaluate_by_year(inputs, shipped_catalog(), criteria, day)
    page = render_report(evaluations).encode("utf-8")
    write_atomic(output, lambda stream: _write(stream, page))
    typer.echo(done_line(output, evaluations, page))
    raise typer.Exit(exit_code(evaluations))


def _write(stream: IO[bytes], data: bytes) -> None:
    stream.write(data)


def check_output(output: Path, inputs: list[Path], force: bool) -> None:
    """An .html file that is no input, and not already there unless --force."""
    from hoctap_cli.atomic import OutputError, refuse_overwriting_inputs

    if output.suffix.lower() not in (".html", ".htm"):
        raise OutputError(f"tệp báo cáo {output} phải có đuôi .html")
    refuse_overwriting_inputs(output, inputs)
    if output.exists() and not force:
        raise OutputError(f"tệp {output} đã có; thêm --force để ghi đè")


def done_line(output: Path, evaluations: list[Evaluation], page: bytes) -> str:
    """What was written: titles, applicants, charts and years."""
    titles = {level.criteria.criteria.id for e in evaluations for level in e.levels}
    applicants = sum(len(e.results) for e in evaluations)
    charts = page.count(b'<figure class="chart">')
    years = sorted({e.as_of.year for e in evaluations})
    span = f"năm {years[0]}" if len(years) == 1 else f"các năm {years[0]}–{years[-1]}"
    return (
        f"Đã ghi báo cáo {output}: {len(titles)} danh hiệu, {applicants} hồ sơ, "
        f"{charts} biểu đồ, {span}."
    )


def exit_code(evaluations: list[Evaluation]) -> int:
    """2 when a file could not be read, 1 when rows or cells had errors, else 0."""
    from hoctap_cli.problems import has_errors

    if any(e.failed_files for e in evaluations):
        return EXIT_ERROR
    return EXIT_ROWS if any(has_errors(e.problems) for e in evaluations) else EXIT_OK
