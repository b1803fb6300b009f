"""``hoctap template``: a blank input workbook made from a criteria file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hoctap_cli.cli.errors import reports_errors
from hoctap_cli.cli.options import AsOfOption, ForceOption

TitleArgument = Annotated[
    str,
    typer.Argument(
        help="Bộ tiêu chí: mã (gia-dinh-hoc-tap), mã@phiên-bản hoặc đường dẫn tệp .yaml.",
        metavar="DANH_HIỆU",
        show_default=False,
    ),
]
TemplateOutput = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        help="Tệp Excel (.xlsx) sẽ tạo.",
        dir_okay=False,
        show_default=False,
    ),
]


@reports_errors
def template(
    title: TitleArgument,
    *,
    output: TemplateOutput,
    force: ForceOption = False,
    as_of: AsOfOption = None,
) -> None:
    """Tạo bảng Excel trống để nhập hồ sơ theo một bộ tiêu chí."""
    import datetime as dt

    from hoctap_cli.atomic import OutputError, refuse_overwriting_inputs, write_atomic
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.report.template import build_template, save

    if output.suffix.lower() != ".xlsx":
        raise OutputError(f"tệp mẫu {output} phải có đuôi .xlsx")
    day = as_of.date() if as_of else dt.date.today()
    compiled = shipped_catalog().resolve(title, day)
    refuse_overwriting_inputs(output, [Path(compiled.source)])
    if output.exists() and not force:
        raise OutputError(f"tệp {output} đã có; thêm --force để ghi đè")
    workbook = build_template(compiled)
    write_atomic(output, lambda stream: save(workbook, stream))
    criteria = compiled.criteria
    typer.echo(
        f"Đã tạo {output}: bảng nhập “{criteria.title}” theo bộ tiêu chí {criteria.id}, "
        f"phiên bản {criteria.version} ({len(criteria.fields)} cột)."
    )
