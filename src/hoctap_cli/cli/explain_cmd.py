"""``hoctap explain FILE --id ID``: the full trace of one applicant."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hoctap_cli.cli.errors import reports_errors
from hoctap_cli.cli.options import AsOfOption, CriteriaOption, InputFiles

if TYPE_CHECKING:
    from hoctap_cli.engine.results import ApplicantResult
    from hoctap_cli.service import LevelResult
    from hoctap_cli.unevaluated import UnevaluatedRow


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"


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
    ExplainFormat, typer.Option("--format", "-f", help="Dạng kết quả: text (bảng) hoặc json.")
]


@reports_errors
def explain(
    files: InputFiles,
    *,
    applicant: IdOption,
    title: TitleOption = None,
    criteria: CriteriaOption = None,
    as_of: AsOfOption = None,
    output_format: ExplainFormatOption = ExplainFormat.text,
) -> None:
    """Giải thích từng bước kết quả của một hồ sơ: ô đã đọc, quy tắc, điểm, căn cứ."""
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.service import evaluate_paths

    evaluation = evaluate_paths(files, shipped_catalog(), criteria, as_of.date() if as_of else None)
    found = [
        (level, result)
        for level in evaluation.levels
        for result in level.results
        if result.id.casefold() == applicant.strip().casefold()
        and (title is None or result.title == title)
    ]
    from hoctap_cli.unevaluated import unevaluated_rows

    left_out = unevaluated_rows(evaluation.problems, applicant)
    if not found and not left_out:
        from hoctap_cli.cli.errors import fail

        raise fail(f"không có hồ sơ mã '{applicant}' trong các tệp đã đọc")
    if found:
        _show(found, evaluation.title_names, output_format)
    _say_left_out(left_out, output_format, to_stderr=bool(found))
    if not found:
        raise typer.Exit(1)  # a row of this id was read but could not be evaluated


def _say_left_out(rows: list[UnevaluatedRow], fmt: ExplainFormat, *, to_stderr: bool) -> None:
    """Rows of the id not evaluated: the answer itself, or a note beside the trace."""
    from hoctap_cli.cli.errors import stderr
    from hoctap_cli.report.console import make_console

    if fmt is ExplainFormat.json and not to_stderr:
        document = [row.to_dict() for row in rows]
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    console = stderr if to_stderr else make_console()
    for row in rows:
        console.print(("Lưu ý: " if to_stderr else "") + row.sentence, markup=False)


def _show(
    found: list[tuple[LevelResult, ApplicantResult]], names: dict[str, str], fmt: ExplainFormat
) -> None:
    from hoctap_cli.explain import trace
    from hoctap_cli.records.raw import raw_row
    from hoctap_cli.report.console import make_console
    from hoctap_cli.report.explain_view import explain_view
    from hoctap_cli.report.names import Names
    from hoctap_cli.report.wording import Wording

    traces = []
    for level, result in found:
        raw = raw_row(Path(result.source.file), result.source.sheet, result.source.row)
        why = Wording(level.criteria.criteria, names).explain(result)
        traces.append((trace(result, level.criteria, raw), why, level))
    if fmt is ExplainFormat.json:
        data = [t for t, _, _ in traces]
        document = data if len(data) > 1 else data[0]
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    console = make_console()
    for item, explanation, level in traces:
        named = Names(level.criteria.criteria, names)
        console.print(explain_view(item, explanation, named, console.width))
