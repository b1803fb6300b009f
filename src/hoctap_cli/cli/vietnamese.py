"""Vietnamese for the parts of the command line that the CLI library words itself.

Usage errors are caught where the command group runs and reworded; help pages are
reworded by replacing the library's few fixed English headings. This leans on the
library's internal exception classes, so pyproject.toml pins its minor version and
tests/test_cli.py checks every message.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from typer import _click
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import Abort

_HELP_WORDS = (
    ("Usage:", "Cách dùng:"),
    ("[OPTIONS]", "[TUỲ CHỌN]"),
    ("COMMAND [ARGS]...", "LỆNH [THAM SỐ]..."),
    ("Arguments:", "Tham số:"),
    ("Options:", "Tuỳ chọn:"),
    ("Commands:", "Lệnh:"),
    ("Show this message and exit.", "Hiện hướng dẫn này rồi thoát."),
    ("[required]", "[bắt buộc]"),
    ("[default: ", "[mặc định: "),
    # Type hints sit in aligned columns: keep their width.
    (" <list[Path]>", " " * 13),
    ("<str>", "<chữ>"),
    ("<file>", "<tệp> "),
    ("<%Y-%m-%d>", "<ngày>    "),
)


def vietnamese_help(text: str) -> str:
    for english, vietnamese in _HELP_WORDS:
        text = text.replace(english, vietnamese)
    return text


def usage_message(exc: _click.exceptions.UsageError) -> str:
    """A usage error said in Vietnamese."""
    if isinstance(exc, _click.exceptions.NoSuchOption):
        return f"không có tuỳ chọn {exc.option_name}"
    if isinstance(exc, _click.exceptions.MissingParameter):
        return f"thiếu {_hint(exc)}"
    if isinstance(exc, _click.exceptions.BadParameter):
        return f"giá trị không hợp lệ cho {_hint(exc)}{_expected(exc.message)}"
    if exc.message.startswith("No such command"):
        return "không có lệnh này" + exc.message.partition("command")[2].rstrip(".")
    return "cách dùng không đúng"


def _hint(exc: _click.exceptions.BadParameter) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(h) for h in hint)
    if exc.param is not None:
        return str(exc.param.get_error_hint())
    return "tham số"


def _expected(message: str) -> str:
    """What the library says it expected, for the cases it words in English."""
    if "is not one of" in message:
        return ": chọn một trong " + message.partition("is not one of")[2].strip(" .")
    if "does not match the format" in message:
        return ": cần dạng năm-tháng-ngày, ví dụ 2025-12-31"
    return ""


class VietnameseCommand(TyperCommand):
    """A command whose help page is in Vietnamese."""

    def get_help(self, ctx: _click.Context) -> str:
        return vietnamese_help(super().get_help(ctx))


class VietnameseGroup(TyperGroup):
    """The command group: Vietnamese help, and usage errors reworded before exiting with 2."""

    def get_help(self, ctx: _click.Context) -> str:
        return vietnamese_help(super().get_help(ctx))

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        if kwargs.get("standalone_mode", True) is False:
            return super().main(args, *rest, **kwargs)
        kwargs["standalone_mode"] = False
        try:
            result = super().main(args, *rest, **kwargs)
        except _click.exceptions.NoArgsIsHelpError as exc:
            assert exc.ctx is not None
            print(vietnamese_help(exc.ctx.get_help()))
            sys.exit(exc.exit_code)
        except _click.exceptions.UsageError as exc:
            if exc.ctx is not None:
                help_option = exc.ctx.help_option_names[0]
                print(vietnamese_help(exc.ctx.get_usage()), file=sys.stderr)
                print(f"Xem '{exc.ctx.command_path} {help_option}'.", file=sys.stderr)
            print(f"Lỗi: {usage_message(exc)}", file=sys.stderr)
            sys.exit(exc.exit_code)
        except Abort:
            print("Đã dừng.", file=sys.stderr)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)
