"""The options and settings of the papers hoctap lays out for signing (``export``,
``report``): commune, body, signer, place, day, year, and the settings file behind them;
and the few data errors said on stderr beside them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hoctap_cli.cli.options import day_option

if TYPE_CHECKING:
    from hoctap_cli.outputs.papers.settings import ExportSettings
    from hoctap_cli.problems import Problem

SHOWN_PROBLEMS = 10


def _text(flag: str, help_text: str) -> Any:
    return typer.Option(flag, help=help_text, show_default=False)


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
YearOption = Annotated[
    int | None,
    typer.Option(
        "--nam", help="Năm công nhận; mặc định là năm của ngày xét.", min=2000, max=2100,
        metavar="NĂM", show_default=False,
    ),
]  # fmt: skip


def paper_settings(path: Path | None, **options: Any) -> ExportSettings:
    """The settings file (if any) with every option the person gave put over it."""
    if isinstance(options.get("ngay"), dt.datetime):
        options["ngay"] = options["ngay"].date()
    return read_settings(path).with_options(**options)


def read_settings(path: Path | None) -> ExportSettings:
    from hoctap_cli.cli.errors import fail
    from hoctap_cli.outputs.papers.settings import ExportSettings, SettingsError, load_settings

    if path is None:
        return ExportSettings()
    try:
        return load_settings(path)
    except SettingsError as exc:
        raise fail(f"tệp cài đặt không dùng được:\n{exc}") from None


def say_problems(problems: list[Problem]) -> None:
    """The first data errors on stderr, and how many more there are."""
    from hoctap_cli.cli.errors import stderr

    for problem in problems[:SHOWN_PROBLEMS]:
        stderr.print(f"Lỗi dữ liệu: {problem.location()}: {problem.message}", markup=False)
    if len(problems) > SHOWN_PROBLEMS:
        more = len(problems) - SHOWN_PROBLEMS
        stderr.print(f"… và {more} lỗi khác; xem đủ bằng 'hoctap evaluate'.", markup=False)
