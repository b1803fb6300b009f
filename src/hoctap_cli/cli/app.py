"""The ``hoctap`` command: thin commands over the library."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from hoctap_cli.cli.criteria_cmd import criteria_app
from hoctap_cli.cli.diff_cmd import diff
from hoctap_cli.cli.errors import RunOptions, stops_cleanly
from hoctap_cli.cli.evaluate import evaluate
from hoctap_cli.cli.explain_cmd import explain
from hoctap_cli.cli.export_cmd import export
from hoctap_cli.cli.report_cmd import report
from hoctap_cli.cli.template_cmd import template
from hoctap_cli.cli.vietnamese import VietnameseCommand, VietnameseGroup
from hoctap_cli.cli.web_cmd import giao_dien

app = typer.Typer(
    name="hoctap",
    help="Chấm điểm, xét công nhận danh hiệu học tập (Gia đình, Dòng họ, Cộng đồng, Đơn vị, "
    "Công dân học tập).",
    no_args_is_help=True,
    add_completion=False,
    cls=VietnameseGroup,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("evaluate", cls=VietnameseCommand)(evaluate)
app.command("template", cls=VietnameseCommand)(template)
app.command("diff", cls=VietnameseCommand)(diff)
app.command("explain", cls=VietnameseCommand)(explain)
app.command("export", cls=VietnameseCommand)(export)
app.command("report", cls=VietnameseCommand)(report)
app.add_typer(criteria_app, name="criteria")
app.command("giao-dien", cls=VietnameseCommand)(giao_dien)
app.command("serve", cls=VietnameseCommand, hidden=True)(giao_dien)  # the English alias


@app.callback()
def main_options(
    context: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="In chi tiết lỗi (traceback) khi có sự cố.")
    ] = False,
) -> None:
    """Chấm điểm, xét công nhận danh hiệu học tập."""
    context.obj = RunOptions(debug=debug)


def utf8_streams() -> None:
    """Vietnamese on any console: a Windows pipe or an old code page would refuse 'ạ'."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main() -> None:
    utf8_streams()
    with stops_cleanly():
        app()
