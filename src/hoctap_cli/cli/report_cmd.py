"""``hoctap report``: one self-contained HTML report, for screens and A4 paper."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hoctap_cli.cli.errors import reports_errors
from hoctap_cli.cli.options import AsOfOption, CriteriaOption, ForceOption, InputFiles
from hoctap_cli.cli.paper import (
    BodyOption,
    CommuneOption,
    DayOption,
    PlaceOption,
    PositionOption,
    SettingsOption,
    SignerOption,
    YearOption,
)

if TYPE_CHECKING:  # the run pulls in the readers and engine: not needed for --help
    from hoctap_cli.outputs.papers.settings import ExportSettings
    from hoctap_cli.problems import Problem
    from hoctap_cli.workflow.run import Evaluation

PDF = (".pdf", "PDF", "báo cáo")

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


PdfOption = Annotated[
    Path | None,
    typer.Option(
        "--pdf",
        help="Ghi thêm bản PDF khổ A4 của báo cáo (in bằng Chromium không giao diện).",
        metavar="TỆP",
        dir_okay=False,
        show_default=False,
    ),
]


@reports_errors
def report(
    files: InputFiles,
    *,
    output: ReportOutput,
    pdf: PdfOption = None,
    settings: SettingsOption = None,
    xa: CommuneOption = None,
    co_quan: BodyOption = None,
    nguoi_ky: SignerOption = None,
    chuc_vu: PositionOption = None,
    dia_danh: PlaceOption = None,
    ngay: DayOption = None,
    nam: YearOption = None,
    criteria: CriteriaOption = None,
    as_of: AsOfOption = None,
    force: ForceOption = False,
) -> None:
    """Lập báo cáo HTML có biểu đồ gửi cấp trên: tỉ lệ công nhận, tiêu chí không đạt, hồ sơ
    sắp đạt; có tên xã, cơ quan, ngày và chữ ký theo tệp cài đặt."""
    from hoctap_cli.cli.options import protected_files
    from hoctap_cli.cli.paper import paper_settings
    from hoctap_cli.cli.steps import finish, run_by_year

    # The settings and a criteria file are read as themselves, never as records.
    protected = protected_files(settings, criteria)
    inputs = report_inputs(files, output, pdf, protected, force)
    wording = paper_settings(
        settings, xa=xa, co_quan=co_quan, nguoi_ky=nguoi_ky, chuc_vu=chuc_vu,
        dia_danh=dia_danh, ngay=ngay, nam=nam,
    )  # fmt: skip
    evaluations = run_by_year(inputs, criteria, as_of)
    write_report(evaluations, wording, settings is not None, output)
    if pdf is not None:
        print_pdf(output, pdf)
        typer.echo(f"Đã ghi bản PDF {pdf}.")
    report_problems([p for e in evaluations for p in [*e.failed_files, *e.problems]])
    finish(evaluations)


def report_inputs(
    files: list[Path],
    output: Path,
    pdf: Path | None,
    protected: list[Path],
    force: bool,
) -> list[Path]:
    """The files to read, once the page and its PDF are known to replace none of them."""
    from hoctap_cli.cli.inputs import gather_inputs
    from hoctap_cli.outputs.registry import REPORT
    from hoctap_cli.workflow.writing import check_companion, check_suffix

    check_suffix(output, REPORT.suffixes, f"tệp báo cáo {output} phải có đuôi .html")
    inputs = gather_inputs(files, [output], force, protected=protected)
    if pdf is not None:
        check_companion(pdf, PDF, output, inputs, force)
    return inputs


def write_report(
    evaluations: list[Evaluation], wording: ExportSettings, letter: bool, output: Path
) -> None:
    """Write the page atomically and say what it holds; ``letter``: head it as a letter
    (also when the commune or body were given as options)."""
    from hoctap_cli.cli.steps import emit
    from hoctap_cli.outputs.html import render_report
    from hoctap_cli.outputs.papers.letterhead import letterhead
    from hoctap_cli.outputs.registry import REPORT

    year = wording.nam or max(e.as_of.year for e in evaluations)
    head = letterhead(wording, year) if letter or wording.xa or wording.co_quan else None
    page = render_report(evaluations, head, wording.noi_nhan).encode("utf-8")
    emit(REPORT, page, output)
    typer.echo(done_line(output, evaluations, page))


def print_pdf(page: Path, pdf: Path) -> None:
    """Print the written page to PDF with the installed Chromium (see outputs/papers/pdf.py)."""
    from hoctap_cli.cli.errors import fail
    from hoctap_cli.outputs.papers.pdf import PdfError, html_to_pdf

    try:
        html_to_pdf(page, pdf)
    except PdfError as exc:
        raise fail(str(exc)) from None


def report_problems(problems: list[Problem]) -> None:
    """How many data errors there were, and the first few, on stderr (as evaluate does)."""
    from hoctap_cli.cli.errors import stderr
    from hoctap_cli.cli.paper import say_problems
    from hoctap_cli.problems import split_problems

    errors, _ = split_problems(problems)
    if errors:
        stderr.print(
            f"Có {len(errors)} lỗi dữ liệu: các dòng này không được xét hoặc thiếu ô; "
            "xem mục “Lỗi dữ liệu” của báo cáo.",
            markup=False,
        )
    say_problems(errors)


def done_line(output: Path, evaluations: list[Evaluation], page: bytes) -> str:
    """What was written: titles, applicants, charts and years."""
    titles = {title_result.criteria.criteria.id for e in evaluations for title_result in e.titles}
    applicants = sum(len(e.results) for e in evaluations)
    charts = page.count(b'<figure class="chart">')
    years = sorted({e.as_of.year for e in evaluations})
    span = f"năm {years[0]}" if len(years) == 1 else f"các năm {years[0]}–{years[-1]}"
    return (
        f"Đã ghi báo cáo {output}: {len(titles)} danh hiệu, {applicants} hồ sơ, "
        f"{charts} biểu đồ, {span}."
    )
