"""``hoctap export``: the recognition lists to print, sign and send up (xlsx, csv, json)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hoctap_cli.cli.errors import reports_errors
from hoctap_cli.cli.options import AsOfOption, CriteriaOption, ForceOption, InputFiles, choices
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
from hoctap_cli.outputs.registry import LISTS

if TYPE_CHECKING:
    from hoctap_cli.outputs.papers.export_data import ExportData, TitleList
    from hoctap_cli.outputs.papers.settings import ExportSettings
    from hoctap_cli.outputs.registry import Output
    from hoctap_cli.workflow.run import Evaluation

    ListsName = str
else:
    ListsName = choices(LISTS)

DECISION = (".docx", "quyết định", "danh sách")
ExportOutput = Annotated[
    Path,
    typer.Option(
        "--output", "-o", help="Tệp danh sách sẽ ghi.", dir_okay=False, show_default=False
    ),
]
ExportFormatOption = Annotated[
    ListsName | None,
    typer.Option(
        "--format",
        help="Dạng tệp: xlsx (mặc định), csv hoặc json; bỏ trống thì theo đuôi tệp.",
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
    from hoctap_cli.cli.paper import paper_settings, say_problems
    from hoctap_cli.cli.steps import finish, run
    from hoctap_cli.problems import split_problems

    kind = output_kind(output, export_format)
    inputs = list_inputs(files, output, quyet_dinh, settings, criteria, force)
    wording = paper_settings(
        settings, xa=xa, co_quan=co_quan, nguoi_ky=nguoi_ky, chuc_vu=chuc_vu,
        dia_danh=dia_danh, ngay=ngay, nam=nam,
    )  # fmt: skip
    evaluation = run(inputs, criteria, as_of)
    data = write_export(evaluation, wording, kind, output)
    if quyet_dinh is not None:
        write_decision(data, wording, quyet_dinh)
    say_problems(split_problems([*evaluation.failed_files, *evaluation.problems])[0])
    finish([evaluation])


def list_inputs(
    files: list[Path],
    output: Path,
    decision: Path | None,
    settings: Path | None,
    criteria: str | None,
    force: bool,
) -> list[Path]:
    """The files to read (lists an earlier export left in a folder are not), once the list
    and the decision are known to replace none of them, nor the settings or criteria file."""
    from hoctap_cli.cli.inputs import gather_inputs
    from hoctap_cli.cli.options import protected_files
    from hoctap_cli.outputs.ours import exported_list, written_by_export
    from hoctap_cli.workflow.writing import check_companion

    protected = protected_files(settings, criteria)
    inputs = gather_inputs(
        files, [output], force, protected=protected, ours=written_by_export, also_skip=exported_list
    )
    if decision is not None:
        check_companion(decision, DECISION, output, [*inputs, *protected], force)
    return inputs


def write_decision(data: ExportData, settings: ExportSettings, path: Path) -> None:
    """The draft decision for the titles the commune recognises, or say why there is none."""
    from hoctap_cli.cli.errors import stderr
    from hoctap_cli.cli.steps import emit
    from hoctap_cli.outputs.papers.decision import decided_lists
    from hoctap_cli.outputs.registry import DECISION as DECISION_DOCX
    from hoctap_cli.outputs.writers import Decision

    decided = decided_lists(data)
    if not decided:
        stderr.print(
            "Không lập quyết định: không có danh hiệu nào do xã công nhận có hồ sơ đạt "
            "(xem khóa 'cong_nhan' trong tệp cài đặt).",
            markup=False,
        )
        return
    emit(DECISION_DOCX, Decision(data, settings), path)
    titles = ", ".join(title_list.title for title_list in decided)
    typer.echo(f"Đã ghi dự thảo quyết định công nhận ({titles}) vào {path}.")


def output_kind(output: Path, chosen: str | None) -> Output[ExportData]:
    """The format asked for, else the one the file name ends with, else xlsx."""
    from hoctap_cli.outputs.registry import lists_by_suffix
    from hoctap_cli.workflow.writing import check_suffix

    kind = LISTS[chosen] if chosen else lists_by_suffix(output)
    if kind.binary:  # a workbook is only a workbook under its own suffix
        check_suffix(output, kind.suffixes, f"tệp Excel {output} phải có đuôi .xlsx")
    return kind


def write_export(
    evaluation: Evaluation, settings: ExportSettings, kind: Output[ExportData], output: Path
) -> ExportData:
    """Write the lists atomically, then say what they hold."""
    from hoctap_cli.cli.steps import emit
    from hoctap_cli.outputs.papers.export_data import build_export

    data = build_export(evaluation, settings)
    emit(kind, data, output)
    for title_list in data.lists:
        typer.echo(list_line(title_list, kind.binary))
    typer.echo(f"Đã ghi danh sách vào {output}.")
    return data


def list_line(title_list: TitleList, workbook: bool) -> str:
    """What one title's list holds; an empty list says so (the workbook has no page for it)."""
    incomplete = f"{len(title_list.incomplete)} hồ sơ cần bổ sung"
    if not title_list.listed:
        skipped = ", không lập trang danh sách để ký" if workbook else ""
        none = f"không có {title_list.unit} nào đủ điều kiện"
        return f"{title_list.title}: {none}{skipped}; {incomplete}."
    verb = "được công nhận" if title_list.recognised_by == "commune" else "đề nghị công nhận"
    return f"{title_list.title}: {title_list.listed} {title_list.unit} {verb}, {incomplete}."
