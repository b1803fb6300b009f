"""``hoctap criteria list|show|check``: the shipped criteria, readable, and checking files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hoctap_cli.cli.errors import fail, reports_errors
from hoctap_cli.cli.options import AsOfOption, ForceOption, choices
from hoctap_cli.cli.vietnamese import VietnameseCommand, VietnameseGroup
from hoctap_cli.outputs.registry import CHECKS
from hoctap_cli.workflow.status import EXIT_OK

if TYPE_CHECKING:
    from hoctap_cli.criteria.compiled import CompiledCriteria

    ChecksName = str
else:
    ChecksName = choices(CHECKS)

criteria_app = typer.Typer(
    help="Xem và kiểm tra các bộ tiêu chí.", no_args_is_help=True, cls=VietnameseGroup
)
# Like rows that could not be read: there is something to fix, and everything was checked.
EXIT_FINDINGS = 1


@criteria_app.command("list", cls=VietnameseCommand)
@reports_errors
def list_criteria() -> None:
    """Liệt kê các bộ tiêu chí có sẵn, phiên bản và văn bản căn cứ."""
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.outputs.screens.console import make_console
    from hoctap_cli.outputs.screens.criteria_view import catalog_table

    console = make_console()
    console.print(catalog_table(shipped_catalog(), console.width))


@criteria_app.command("show", cls=VietnameseCommand)
@reports_errors
def show_criteria(
    name: Annotated[
        str,
        typer.Argument(
            help="Mã bộ tiêu chí, mã@phiên-bản hoặc đường dẫn tệp .yaml.",
            metavar="BỘ_TIÊU_CHÍ",
            show_default=False,
        ),
    ],
    *,
    as_of: AsOfOption = None,
    detail: Annotated[
        bool, typer.Option("--chi-tiet", help="Hiện thêm biểu thức của từng quy tắc.")
    ] = False,
) -> None:
    """Hiện từng tiêu chí: điểm, quy tắc, văn bản căn cứ và giá trị tạm tính."""
    import datetime as dt

    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.outputs.screens.console import make_console
    from hoctap_cli.outputs.screens.criteria_view import criteria_view

    day = as_of.date() if as_of else dt.date.today()
    compiled = shipped_catalog().resolve(name, day)
    make_console().print(criteria_view(compiled, detail))


CheckPaths = Annotated[
    list[Path],
    typer.Argument(
        help="Tệp tiêu chí .yaml hoặc thư mục chứa chúng (có thể nhiều).",
        metavar="ĐƯỜNG_DẪN",
        show_default=False,
    ),
]
CheckFormatOption = Annotated[
    ChecksName, typer.Option("--format", "-f", help="Dạng kết quả: table (danh sách) hoặc json.")
]


@criteria_app.command("check", cls=VietnameseCommand)
@reports_errors
def check_criteria(paths: CheckPaths, *, output_format: CheckFormatOption = "table") -> None:
    """Kiểm tra tệp tiêu chí: lỗi định dạng, mức đạt không thể đạt hoặc luôn đạt, quy tắc
    không đổi, căn cứ thiếu mục, cột không dùng; liệt kê giá trị tạm tính."""
    from hoctap_cli.cli.steps import emit
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.criteria.lint import check_sources

    checks = check_sources(_read_sources(paths), _shipped(), shipped_catalog().pinned)
    emit(CHECKS[output_format], checks, None)
    raise typer.Exit(EXIT_OK if all(check.passed for check in checks) else EXIT_FINDINGS)


def _read_sources(paths: list[Path]) -> list[tuple[str, bytes]]:
    """Every file named, and every .yaml under each folder named; all must be readable."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise fail(f"không có tệp hoặc thư mục {path}")
        found = sorted(path.rglob("*.y*ml")) if path.is_dir() else [path]
        if not found:
            raise fail(f"thư mục {path} không có tệp .yaml nào")
        files += found
    sources = []
    for file in files:
        try:
            sources.append((str(file), file.read_bytes()))
        except OSError as exc:
            from hoctap_cli.atomic import os_reason

            raise fail(f"không đọc được tệp {file}: {os_reason(exc)}") from None
    return sources


def _shipped() -> tuple[CompiledCriteria, ...]:
    """The shipped files, whose roll-ups may read the checked files' columns; a broken
    shipped file is reported when it is itself checked, not here."""
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.criteria.loader import CriteriaError

    try:
        return shipped_catalog().entries
    except CriteriaError:
        return ()


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Ghi ra tệp này (mặc định: in ra màn hình).", dir_okay=False
    ),
]


@criteria_app.command("schema", cls=VietnameseCommand)
@reports_errors
def schema_command(
    *,
    output: OutputOption = None,
    extends: Annotated[
        bool, typer.Option("--extends", help="Lược đồ cho tệp mở rộng một bộ có sẵn.")
    ] = False,
    force: ForceOption = False,
) -> None:
    """Ghi lược đồ JSON Schema của tệp tiêu chí (để trình soạn thảo gợi ý và kiểm tra)."""
    from hoctap_cli.criteria.scaffold import criteria_schema

    _emit(criteria_schema(extends), output, force)


@criteria_app.command("init", cls=VietnameseCommand)
@reports_errors
def init_command(
    base: Annotated[str, typer.Argument(help="Bộ tiêu chí gốc: mã hoặc mã@phiên-bản.")],
    *,
    output: OutputOption = None,
    as_of: AsOfOption = None,
    force: ForceOption = False,
) -> None:
    """Tạo tệp bộ tiêu chí của tỉnh mở rộng bộ có sẵn, liệt kê mọi giá trị tạm tính cần điền."""
    import datetime as dt

    from hoctap_cli.criteria.catalog import shipped_catalog, shipped_root
    from hoctap_cli.criteria.scaffold import EXTENDS_SCHEMA_NAME, override_text

    day = as_of.date() if as_of else dt.date.today()
    compiled = shipped_catalog().resolve(base, day)
    _emit(override_text(compiled, str(shipped_root() / EXTENDS_SCHEMA_NAME)), output, force)


def _emit(text: str, output: Path | None, force: bool) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from hoctap_cli.atomic import os_reason
    from hoctap_cli.cli.steps import emit
    from hoctap_cli.outputs.registry import CRITERIA_TEXT
    from hoctap_cli.workflow.writing import check_target

    check_target(output, [], force)  # the one overwrite policy: an existing file needs --force
    try:
        emit(CRITERIA_TEXT, text, output)
    except OSError as exc:
        raise fail(f"không ghi được tệp {output}: {os_reason(exc)}") from None
