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

    from hoctap_cli.cli.steps import emit
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.outputs.papers.template import build_template
    from hoctap_cli.outputs.registry import TEMPLATE
    from hoctap_cli.workflow.writing import check_suffix, check_target

    check_suffix(output, TEMPLATE.suffixes, f"tệp mẫu {output} phải có đuôi .xlsx")
    day = as_of.date() if as_of else dt.date.today()
    compiled = shipped_catalog().resolve(title, day)
    check_target(output, [Path(compiled.source)], force)
    emit(TEMPLATE, build_template(compiled), output)
    criteria = compiled.criteria
    typer.echo(
        f"Đã tạo {output}: bảng nhập “{criteria.title}” theo bộ tiêu chí {criteria.id}, "
        f"phiên bản {criteria.version} ({len(criteria.fields)} cột)."
    )
