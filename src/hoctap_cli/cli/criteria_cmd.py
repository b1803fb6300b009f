"""``hoctap criteria list|show``: the shipped criteria, readable."""

from __future__ import annotations

from typing import Annotated

import typer

from hoctap_cli.cli.errors import reports_errors
from hoctap_cli.cli.options import AsOfOption
from hoctap_cli.cli.vietnamese import VietnameseCommand, VietnameseGroup

criteria_app = typer.Typer(
    help="Xem các bộ tiêu chí có sẵn.", no_args_is_help=True, cls=VietnameseGroup
)


@criteria_app.command("list", cls=VietnameseCommand)
@reports_errors
def list_criteria() -> None:
    """Liệt kê các bộ tiêu chí có sẵn, phiên bản và văn bản căn cứ."""
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.report.console import make_console
    from hoctap_cli.report.criteria_view import catalog_table

    make_console().print(catalog_table(shipped_catalog()))


@criteria_app.command("show", cls=VietnameseCommand)
@reports_errors
def show_criteria(
    name: Annotated[
        str, typer.Argument(help="Mã bộ tiêu chí, mã@phiên-bản hoặc đường dẫn tệp .yaml.")
    ],
    *,
    as_of: AsOfOption = None,
) -> None:
    """Hiện từng tiêu chí: điểm, quy tắc, văn bản căn cứ và giá trị tạm tính."""
    import datetime as dt

    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.report.console import make_console
    from hoctap_cli.report.criteria_view import criteria_view

    day = as_of.date() if as_of else dt.date.today()
    compiled = shipped_catalog().resolve(name, day)
    make_console().print(criteria_view(compiled))
