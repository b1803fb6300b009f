"""``hoctap diff OLD NEW``: what changed between two criteria files."""

from __future__ import annotations

import datetime as dt
import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from hoctap_cli.cli.errors import reports_errors
from hoctap_cli.cli.options import ForceOption, OutputOption

if TYPE_CHECKING:
    from hoctap_cli.criteria.catalog import Catalog
    from hoctap_cli.criteria.diff import CriteriaDiff
    from hoctap_cli.criteria.loader import CompiledCriteria


class DiffFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


_NAME_HELP = "mã bộ tiêu chí, mã@phiên-bản hoặc đường dẫn tệp .yaml."
OldArgument = Annotated[
    str, typer.Argument(help="Bộ tiêu chí cũ: " + _NAME_HELP, metavar="CŨ", show_default=False)
]
NewArgument = Annotated[
    str, typer.Argument(help="Bộ tiêu chí mới: " + _NAME_HELP, metavar="MỚI", show_default=False)
]
DiffFormatOption = Annotated[
    DiffFormat,
    typer.Option(
        "--format", "-f", help="Dạng kết quả: table (bảng), json hoặc markdown (cho báo cáo)."
    ),
]


RecordsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--records",
        help="Tệp hồ sơ để xem ai đổi kết quả giữa hai bộ tiêu chí (có thể lặp lại).",
        metavar="TỆP",
        show_default=False,
    ),
]


@reports_errors
def diff(
    old: OldArgument,
    new: NewArgument,
    *,
    records: RecordsOption = None,
    output_format: DiffFormatOption = DiffFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """So sánh hai bộ tiêu chí: tiêu chí, điểm, cột, mức đạt đã thêm, bỏ, sửa hay chuyển nhóm;
    với --records: những hồ sơ đổi kết quả và vì tiêu chí nào."""
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.criteria.diff import diff_criteria

    catalog, today = shipped_catalog(), dt.date.today()
    before, after = catalog.resolve(old, today), catalog.resolve(new, today)
    if records:
        _impact(catalog, old, new, records, output_format, output, force)
        return
    changes = diff_criteria(before.criteria, after.criteria)
    if output is None and output_format is DiffFormat.table:
        from hoctap_cli.report.console import make_console
        from hoctap_cli.report.diff_view import diff_table

        make_console().print(diff_table(changes, before, after))
        return
    data = _encode(output_format, changes, before, after)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    _write(output, data, [Path(before.source), Path(after.source)], force)


def _encode(
    output_format: DiffFormat, changes: CriteriaDiff, old: CompiledCriteria, new: CompiledCriteria
) -> bytes:
    from hoctap_cli.report.diff_view import diff_json, diff_markdown, diff_table

    if output_format is DiffFormat.json:
        return diff_json(changes, old, new)
    if output_format is DiffFormat.markdown:
        return diff_markdown(changes, old, new).encode("utf-8")
    # A table in a file is plain text, wide enough that no cell is cut.
    console = Console(record=True, width=200, file=io.StringIO())
    console.print(diff_table(changes, old, new))
    return console.export_text().encode("utf-8")


def _write(output: Path, data: bytes, inputs: list[Path], force: bool) -> None:
    """Write atomically, never over a compared file, never over a file unless --force."""
    from hoctap_cli.atomic import OutputError, refuse_overwriting_inputs, write_atomic

    refuse_overwriting_inputs(output, inputs)
    if output.exists() and not force:
        raise OutputError(f"tệp {output} đã có; thêm --force để ghi đè")

    def fill(stream: IO[bytes]) -> None:
        stream.write(data)

    write_atomic(output, fill)


def _impact(
    catalog: Catalog,
    old: str,
    new: str,
    records: list[Path],
    output_format: DiffFormat,
    output: Path | None,
    force: bool,
) -> None:
    """Evaluate the records under both versions and show whose verdict changes."""
    from hoctap_cli.impact import verdict_impact
    from hoctap_cli.report.impact_view import Names, impact_json, impact_markdown, impact_table
    from hoctap_cli.service import evaluate_paths

    before = evaluate_paths(records, catalog, old, None)
    after = evaluate_paths(records, catalog, new, None)
    impact = verdict_impact(before, after)
    levels = {
        lv.id: lv.label
        for run in (before, after)
        for level in run.levels
        for lv in level.criteria.criteria.verdict.levels
    }
    from hoctap_cli.report.names import Names as ItemNames
    from hoctap_cli.report.names import capitalize

    items = {
        item.id: capitalize(ItemNames(level.criteria.criteria).item(item.id))
        for run in (before, after)
        for level in run.levels
        for _, item in level.criteria.criteria.items()
    }
    names = Names(catalog.title_names(), levels, items)
    if output is None and output_format is DiffFormat.table:
        from hoctap_cli.report.console import make_console

        make_console().print(impact_table(impact, names))
        return
    if output_format is DiffFormat.json:
        data = impact_json(impact)
    elif output_format is DiffFormat.markdown:
        data = impact_markdown(impact, names).encode("utf-8")
    else:
        console = Console(record=True, width=200, file=io.StringIO())
        console.print(impact_table(impact, names))
        data = console.export_text().encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    _write(output, data, list(records), force)
