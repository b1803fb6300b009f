"""``hoctap giao-dien`` (``hoctap serve``): the page in the browser, for officers who never
open a terminal."""

from __future__ import annotations

from typing import Annotated

import typer

from hoctap_cli.cli.errors import reports_errors
from hoctap_cli.workflow.status import EXIT_ERROR

HostOption = Annotated[
    str,
    typer.Option(
        "--host",
        help="Địa chỉ máy chủ lắng nghe. Mặc định chỉ máy này (127.0.0.1); địa chỉ khác thì "
        "mỗi lần truy cập cần mã truy cập in ra một lần khi khởi động.",
        metavar="ĐỊA_CHỈ",
    ),
]
PortOption = Annotated[
    int,
    typer.Option(
        "--port", help="Cổng; 0 (mặc định) là một cổng còn trống.", min=0, max=65535,
        metavar="CỔNG",
    ),
]  # fmt: skip
NoBrowserOption = Annotated[
    bool,
    typer.Option("--khong-mo-trinh-duyet", help="Không tự mở trình duyệt, chỉ in địa chỉ."),
]

WEB_MISSING = (
    "chưa cài phần giao diện trình duyệt. Cài bằng lệnh:\n"
    '  pip install "hoctap[web]"\n'
    "(trong thư mục mã nguồn: pip install \".[web]\") rồi chạy lại 'hoctap giao-dien'."
)


@reports_errors
def giao_dien(
    *,
    host: HostOption = "127.0.0.1",
    port: PortOption = 0,
    khong_mo_trinh_duyet: NoBrowserOption = False,
) -> None:
    """Mở trang chấm hồ sơ trong trình duyệt: chọn tệp, xem kết quả, tải danh sách, báo cáo."""
    try:
        from hoctap_cli.web.server import serve
    except ImportError as exc:  # the optional extra is not installed
        from rich.markup import escape  # "[web]" is text, not a style

        from hoctap_cli.cli.errors import stderr

        stderr.print(f"[bold red]Lỗi:[/] {escape(WEB_MISSING)}", markup=True)
        if exc.name not in ("starlette", "uvicorn", "multipart", "python_multipart"):
            stderr.print(f"(thiếu mô-đun {exc.name})", markup=False)
        raise typer.Exit(EXIT_ERROR) from None
    serve(host, port, open_browser=not khong_mo_trinh_duyet)
