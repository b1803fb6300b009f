"""Options shared by several commands, declared once."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


InputFiles = Annotated[
    list[Path],
    typer.Argument(
        help="Tệp hồ sơ: .xlsx, .csv hoặc .yaml (có thể nhiều tệp).",
        metavar="TỆP",
        show_default=False,
    ),
]
CriteriaOption = Annotated[
    str | None,
    typer.Option(
        "--criteria",
        "-c",
        help="Bộ tiêu chí: mã (gia-dinh-hoc-tap), mã@phiên-bản, hoặc đường dẫn tệp .yaml. "
        "Bỏ trống thì tự nhận ra từ tệp.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Dạng kết quả: table (bảng), json hoặc csv."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Ghi kết quả vào tệp này thay vì in ra màn hình.",
        dir_okay=False,
        show_default=False,
    ),
]
AsOfOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--as-of",
        help="Ngày xét (YYYY-MM-DD) để chọn bộ tiêu chí đang có hiệu lực; mặc định là "
        "31/12 của năm đánh giá ghi trong tệp (ví dụ NĂM 2025), nếu không có thì hôm nay.",
        formats=["%Y-%m-%d"],
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Cho phép ghi đè tệp kết quả đã có.")]
