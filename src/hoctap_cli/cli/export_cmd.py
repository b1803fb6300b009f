"""``hoctap export``: the recognition lists to print, sign and send up (xlsx, csv, json)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from hoctap_cli.cli.errors import EXIT_ERROR, EXIT_OK, EXIT_ROWS, fail, reports_errors
from hoctap_cli.cli.options import (
    AsOfOption,
    CriteriaOption,
    ForceOption,
    InputFiles,
    day_option,
)

if TYPE_CHECKING:
    from hoctap_cli.report.export_data import ExportData, TitleList
    from hoctap_cli.service import Evaluation
    from hoctap_cli.settings import ExportSettings


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"
    json = "json"


SHOWN_PROBLEMS = 10


def _text(flag: str, help_text: str) -> Any:
    return typer.Option(flag, help=help_text, show_default=False)


ExportOutput = Annotated[
    Path,
    typer.Option(
        "--output", "-o", help="Tệp danh sách sẽ ghi.", dir_okay=False, show_default=False
    ),
]
ExportFormatOption = Annotated[
    ExportFormat | None,
    _text("--format", "Dạng tệp: xlsx (mặc định), csv hoặc json; bỏ trống thì theo đuôi tệp."),
]
SettingsOption = Annotated[
    Path | None,
    typer.Option(
        "--settings",
        help="Tệp cài đặt .yaml: tên xã, cơ quan, người ký, địa danh, ngày (xem README).",
        metavar="TỆP",
        dir_okay=False,
        show_default=False,
    ),
]
CommuneOption = Annotated[str | None, _text("--xa", "Tên xã, ví dụ 'Xã Quảng Phú'.")]
BodyOption = Annotated[
    str | None, _text("--co-quan", "Cơ quan lập danh sách (góc trên bên trái), chữ in hoa.")
]
SignerOption = Annotated[str | None, _text("--nguoi-ky", "Họ tên người ký.")]
PositionOption = Annotated[str | None, _text("--chuc-vu", "Chức vụ người ký, ví dụ 'CHỦ TỊCH'.")]
PlaceOption = Annotated[str | None, _text("--dia-danh", "Địa danh ở dòng ngày tháng.")]
DayOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--ngay",
        help="Ngày ký (ngày/tháng/năm, ví dụ 15/12/2025); bỏ trống thì để chỗ điền tay.",
        parser=day_option,
        metavar="NGÀY",
        show_default=False,
    ),
]
DecisionOption = Annotated[
    Path | None,
    typer.Option(
        "--quyet-dinh",
        help="Ghi thêm dự thảo quyết định công nhận (.docx) cho các danh hiệu do xã công nhận; "
        "danh sách là phụ lục của quyết định.",
        metavar="TỆP",
        dir_okay=False,
        show_default=False,
    ),
]
YearOption = Annotated[
    int | None,
    typer.Option(
        "--nam", help="Năm công nhận; mặc định là năm của ngày xét.", min=2000, max=2100,
        metavar="NĂM", show_default=False,
    ),
]  # fmt: skip


@reports_errors
def export(
    files: InputFiles,
    *,
    output: ExportOutput,
    export_format: ExportFormatOption = None,
    settings: SettingsOption = None,
    xa: CommuneOption = None,
    co_quan: BodyOption = None,
    nguoi_ky: SignerOption = None,
    chuc_vu: PositionOption = None,
    dia_danh: PlaceOption = None,
    ngay: DayOption = None,
    nam: YearOption = None,
    quyet_dinh: DecisionOption = None,
    criteria: CriteriaOption = None,
    as_of: AsOfOption = None,
    force: ForceOption = False,
) -> None:
    """Lập danh sách công nhận hoặc đề nghị công nhận danh hiệu (Excel, CSV, JSON), kèm dự
    thảo quyết định (Word) nếu cần, từ các tệp hồ sơ."""
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.service import evaluate_paths

    kind = output_kind(output, export_format)
    protected = [path for path in (settings, _criteria_file(criteria)) if path is not None]
    inputs = inputs_for(files, output, protected, force)
    if quyet_dinh is not None:
        from hoctap_cli.cli.render import check_companion

        decision = (".docx", "quyết định", "danh sách")
        check_companion(quyet_dinh, decision, output, [*inputs, *protected], force)
    day = ngay.date() if ngay else None
    wording = read_settings(settings).with_options(
        xa=xa, co_quan=co_quan, nguoi_ky=nguoi_ky, chuc_vu=chuc_vu, dia_danh=dia_danh,
        ngay=day, nam=nam,
    )  # fmt: skip
    evaluation = evaluate_paths(
        inputs, shipped_catalog(), criteria, as_of.date() if as_of else None
    )
    data = write_export(evaluation, wording, kind, output)
    if quyet_dinh is not None:
        write_decision(data, wording, quyet_dinh)
    _report_problems(evaluation)
    raise typer.Exit(exit_code(evaluation))


def write_decision(data: ExportData, settings: ExportSettings, path: Path) -> None:
    """The draft decision for the titles the commune recognises, or say why there is none."""
    from hoctap_cli.atomic import write_atomic
    from hoctap_cli.cli.errors import stderr
    from hoctap_cli.report.decision import decided_lists, to_docx

    decided = decided_lists(data)
    if not decided:
        stderr.print(
            "Không lập quyết định: không có danh hiệu nào do xã công nhận có hồ sơ đạt "
            "(xem khóa 'cong_nhan' trong tệp cài đặt).",
            markup=False,
        )
        return
    payload = to_docx(
        data, settings.can_cu, settings.xet_de_nghi, settings.thi_hanh, settings.noi_nhan
    )
    write_atomic(path, lambda stream: _write(stream, payload))
    titles = ", ".join(title_list.title for title_list in decided)
    typer.echo(f"Đã ghi dự thảo quyết định công nhận ({titles}) vào {path}.")


def output_kind(output: Path, chosen: ExportFormat | None) -> ExportFormat:
    """The format asked for, else the one the file name ends with, else xlsx."""
    from hoctap_cli.atomic import OutputError

    suffix = output.suffix.lower().lstrip(".")
    kind = chosen or (ExportFormat(suffix) if suffix in ("csv", "json") else ExportFormat.xlsx)
    if kind is ExportFormat.xlsx and suffix != "xlsx":
        raise OutputError(f"tệp Excel {output} phải có đuôi .xlsx")
    return kind


def inputs_for(files: list[Path], output: Path, protected: list[Path], force: bool) -> list[Path]:
    """The files to read, once the output is known not to replace any of them (or ``protected``)."""
    from hoctap_cli.cli.inputs import refuse_folder_member
    from hoctap_cli.cli.render import check_target

    inputs = gather_lists_inputs(files, [output, *protected])
    check_target(output, [*inputs, *protected], force)
    refuse_folder_member(output, files, written_by_export)
    return inputs


def gather_lists_inputs(given: list[Path], exclude: list[Path | None]) -> list[Path]:
    """The files to read; lists an earlier export left in a folder are skipped, not read."""
    from hoctap_cli.cli.errors import stderr
    from hoctap_cli.cli.inputs import gather_inputs

    named = {path.resolve() for path in given if not path.is_dir()}
    kept = []
    for path in gather_inputs(given, exclude):
        if path.resolve() not in named and written_by_export(path):
            stderr.print(f"Bỏ qua {path}: danh sách do hoctap export ghi trước đó.", markup=False)
        else:
            kept.append(path)
    if not kept:
        raise fail("không có tệp hồ sơ nào để chấm")
    return kept


def written_by_export(path: Path) -> bool:
    """Whether ``path`` is a list an earlier ``hoctap export`` wrote (workbook or CSV)."""
    import re
    import zipfile

    from hoctap_cli.report.export_formats import CSV_HEADER
    from hoctap_cli.report.export_xlsx import WORKBOOK_TITLE

    try:
        if path.suffix.lower() == ".csv":
            with path.open("rb") as handle:
                first = handle.read(400).decode("utf-8-sig", "replace").splitlines()[:1]
            return first == [",".join(CSV_HEADER)]
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
        # with lxml, openpyxl declares the namespace on the element: <dc:title xmlns:dc="…">
        return re.search(f"<dc:title[^>]*>{re.escape(WORKBOOK_TITLE)}</dc:title>", core) is not None
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def read_settings(path: Path | None) -> ExportSettings:
    from hoctap_cli.settings import ExportSettings, SettingsError, load_settings

    if path is None:
        return ExportSettings()
    try:
        return load_settings(path)
    except SettingsError as exc:
        raise fail(f"tệp cài đặt không dùng được:\n{exc}") from None


def write_export(
    evaluation: Evaluation, settings: ExportSettings, kind: ExportFormat, output: Path
) -> ExportData:
    """Write the lists atomically, then say what they hold and which rows had problems."""
    from hoctap_cli.atomic import write_atomic
    from hoctap_cli.report.export_data import build_export
    from hoctap_cli.report.export_formats import to_csv, to_json
    from hoctap_cli.report.export_xlsx import to_xlsx

    data = build_export(evaluation, settings)
    encode = {ExportFormat.xlsx: to_xlsx, ExportFormat.csv: to_csv, ExportFormat.json: to_json}
    payload = encode[kind](data)
    write_atomic(output, lambda stream: _write(stream, payload))
    for title_list in data.lists:
        typer.echo(list_line(title_list, kind))
    typer.echo(f"Đã ghi danh sách vào {output}.")
    return data


def list_line(title_list: TitleList, kind: ExportFormat) -> str:
    """What one title's list holds; an empty list says so (the workbook has no page for it)."""
    incomplete = f"{len(title_list.incomplete)} hồ sơ cần bổ sung"
    if not title_list.listed:
        skipped = ", không lập trang danh sách để ký" if kind is ExportFormat.xlsx else ""
        none = f"không có {title_list.unit} nào đủ điều kiện"
        return f"{title_list.title}: {none}{skipped}; {incomplete}."
    verb = "được công nhận" if title_list.recognised_by == "commune" else "đề nghị công nhận"
    return f"{title_list.title}: {title_list.listed} {title_list.unit} {verb}, {incomplete}."


def _report_problems(evaluation: Evaluation) -> None:
    from hoctap_cli.cli.errors import stderr

    problems = [*evaluation.failed_files, *(p for p in evaluation.problems if not p.is_notice)]
    for problem in problems[:SHOWN_PROBLEMS]:
        stderr.print(f"Lỗi dữ liệu: {problem.location()}: {problem.message}", markup=False)
    if len(problems) > SHOWN_PROBLEMS:
        more = len(problems) - SHOWN_PROBLEMS
        stderr.print(f"… và {more} lỗi khác; xem đủ bằng 'hoctap evaluate'.", markup=False)


def exit_code(evaluation: Evaluation) -> int:
    from hoctap_cli.problems import has_errors

    if evaluation.failed_files:
        return EXIT_ERROR
    return EXIT_ROWS if has_errors(evaluation.problems) else EXIT_OK


def _write(stream: IO[bytes], data: bytes) -> None:
    stream.write(data)


def _criteria_file(criteria: str | None) -> Path | None:
    return Path(criteria) if criteria and criteria.endswith((".yaml", ".yml")) else None
