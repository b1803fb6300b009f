"""Options shared by several commands, declared once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from hoctap_cli.outputs.registry import RESULTS


def choices(family: Mapping[str, object]) -> Any:
    """The names ``family`` registers (``outputs.registry``) as the type typer offers as
    ``--format`` choices, so no command keeps its own list of formats."""
    return Literal[tuple(family)]


if TYPE_CHECKING:  # to the type checker a format is its name
    ResultsName = str
else:
    ResultsName = choices(RESULTS)


InputFiles = Annotated[
    list[Path],
    typer.Argument(
        help="Tệp hồ sơ (.xlsx, .xlsm, .csv, .yaml) hoặc thư mục chứa các tệp đó; "
        "có thể nhiều tệp, nhiều thư mục.",
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
        metavar="BỘ_TIÊU_CHÍ",
        show_default=False,
    ),
]
FormatOption = Annotated[
    ResultsName,
    typer.Option(
        "--format",
        "-f",
        help="Dạng kết quả: table (bảng), json, csv hoặc ndjson (mỗi hồ sơ một dòng JSON).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Ghi kết quả vào tệp này thay vì in ra màn hình.",
        dir_okay=False,
        metavar="TỆP",
        show_default=False,
    ),
]


def day_option(text: str) -> dt.datetime:
    """A date option as people type it (31/12/2025 or 2025-12-31), checked for a real day."""
    from hoctap_cli.dates import parse_day

    if isinstance(text, dt.datetime):  # a default given as a date
        return text
    return dt.datetime.combine(parse_day(text), dt.time())


AsOfOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--as-of",
        help="Ngày xét (ngày/tháng/năm, ví dụ 31/12/2025) để chọn bộ tiêu chí đang có hiệu "
        "lực; mặc định là 31/12 của năm đánh giá ghi trong tệp (ví dụ NĂM 2025), nếu không có "
        "thì hôm nay.",
        parser=day_option,
        metavar="NGÀY",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Cho phép ghi đè tệp kết quả đã có.")]
AnnotateOption = Annotated[
    Path | None,
    typer.Option(
        "--annotate",
        help="Ghi thêm bản sao bảng Excel đầu vào có cột kết quả, ô lỗi tô màu kèm chú thích, "
        "trang 'Lỗi' và 'Tổng hợp'. Một bảng: tên tệp .xlsx; nhiều bảng: một thư mục (mỗi "
        "bảng một tệp <tên>-ket-qua.xlsx).",
        metavar="TỆP_HOẶC_THƯ_MỤC",
        show_default=False,
    ),
]


def protected_files(settings: Path | None, criteria: str | None) -> list[Path]:
    """The files a paper's run reads as themselves (the settings, the person's criteria),
    never as records, and never writes over."""
    return [*([settings] if settings else []), *criteria_file(criteria)]


def criteria_file(criteria: str | None) -> list[Path]:
    """The criteria file a run uses, when it is the person's own: never read nor written."""
    return [Path(criteria)] if criteria and criteria.endswith((".yaml", ".yml")) else []
