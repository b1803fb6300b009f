"""Vietnamese for the parts of the command line that the CLI library words itself.

Usage errors are caught where the command group runs and reworded; help pages are
reworded by replacing the library's few fixed English headings, by giving the library's
translatable words ("default", "required") their Vietnamese, and by naming each parameter
without the library's type hints ("<str>") and braces ("{FILE}"). This leans on the
library's internals, so pyproject.toml pins its minor version and tests/test_cli.py and
tests/test_words.py check every message and help page.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from types import MethodType
from typing import Any

import typer.core
from typer import _click
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.exceptions import Abort

# The library's own translatable words (it looks them up through gettext when it runs).
_LIBRARY_WORDS = {
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(tính khi chạy)",
    "Aborted!": "Đã dừng.",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Arguments": "Tham số",
    "Options": "Tuỳ chọn",
    "Commands": "Lệnh",
}


def _library_gettext(message: str) -> str:
    return _LIBRARY_WORDS.get(message, message)


setattr(typer.core, "_", _library_gettext)  # noqa: B010 - the module looks ``_`` up when it runs

# What an option's value is called when its declaration does not say.
_VALUE_NAMES = {
    "str": "GIÁ_TRỊ",
    "int": "SỐ",
    "float": "SỐ",
    "file": "TỆP",
    "dir": "THƯ_MỤC",
    "path": "ĐƯỜNG_DẪN",
}

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
)


def vietnamese_help(text: str) -> str:
    for english, vietnamese in _HELP_WORDS:
        text = text.replace(english, vietnamese)
    return re.sub(r"\[(\d+)<=x<=(\d+)\]", r"[từ \1 đến \2]", text)


def usage_message(exc: _click.exceptions.UsageError) -> str:
    """A usage error said in Vietnamese."""
    if isinstance(exc, _click.exceptions.NoSuchOption):
        close = sorted(exc.possibilities or ())
        return f"không có tuỳ chọn {exc.option_name}" + (
            f"; có phải ý bạn là {' hoặc '.join(close)}?" if close else ""
        )
    if isinstance(exc, _click.exceptions.MissingParameter):
        return f"thiếu {_hint(exc)}"
    if isinstance(exc, _click.exceptions.BadParameter):
        return f"giá trị không hợp lệ cho {_hint(exc)}{_expected(exc.message)}"
    if exc.message.startswith(("No such command", "Không có lệnh")):
        name, _, guess = exc.message.partition(". Did you mean ")
        typed = re.search(r"'[^']*'|\"[^\"]*\"", name)
        said = "không có lệnh" + (f" {typed[0]}" if typed else "")
        return said + (f"; có phải ý bạn là {guess.rstrip('?')}?" if guess else "")
    option = re.match(r"Option '([^']+)' (requires an argument|does not take a value)", exc.message)
    if option:
        needs = "cần một giá trị" if option[2].startswith("requires") else "không nhận giá trị"
        return f"tuỳ chọn {option[1]} {needs}"
    if exc.message.startswith("Got unexpected extra argument"):
        extra = exc.message.rpartition("(")[2].rstrip(")")
        return f"thừa tham số: {extra}"
    return "cách dùng không đúng"


def _hint(exc: _click.exceptions.BadParameter) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(h) for h in hint)
    if exc.param is not None:
        return str(exc.param.get_error_hint())
    return "tham số"


def _expected(message: str) -> str:
    """What the library says it expected, for the cases it words in English; the
    Vietnamese message of a parser of ours as it is."""
    if "is not one of" in message:
        return ": chọn một trong " + message.partition("is not one of")[2].strip(" .")
    if message.startswith("Value error, "):
        return ": " + message.removeprefix("Value error, ")
    for english, vietnamese in _PATH_PROBLEMS:
        if message.endswith(english):
            name = message.removesuffix(english).partition(" ")[2]
            return f": {name} {vietnamese}"
    bound = re.search(r"(greater|less) than or equal to (\S+)", message)
    if bound:
        return f": phải từ {bound[2]} trở lên" if bound[1] == "greater" else f": tối đa {bound[2]}"
    if "is not a valid" in message or "valid integer" in message:
        return ": cần một số"
    return ""


_PATH_PROBLEMS = (
    (" does not exist.", "không có"),
    (" is a directory.", "là một thư mục, cần một tệp"),
    (" is a file.", "là một tệp, cần một thư mục"),
    (" is not readable.", "không có quyền đọc"),
    (" is not writable.", "không có quyền ghi"),
)


def _name_parameters(params: Sequence[_click.Parameter]) -> None:
    """Name each parameter in help and usage as people read it: 'TỆP...', 'NGÀY'."""
    for param in params:
        if isinstance(param, TyperArgument):
            param.display_type_rich = MethodType(_no_type, param)  # type: ignore[method-assign]
            param._usage_display_name = MethodType(_usage_name, param)  # type: ignore[method-assign]
        elif isinstance(param, TyperOption) and param.metavar is None:
            param.display_type_rich = MethodType(_option_value, param)  # type: ignore[method-assign]


def _option_value(self: TyperOption, ctx: _click.Context) -> str | None:
    """'table|json|csv' for a choice; otherwise what the value is, never '<str>'."""
    kind = self.display_type(ctx).strip("<>")
    shown = kind if "|" in kind and "%" not in kind else _VALUE_NAMES.get(kind, "GIÁ_TRỊ")
    return shown + ("..." if self.nargs != 1 else "")


def _no_type(self: TyperArgument, ctx: _click.Context) -> str | None:
    return None


def _usage_name(self: TyperArgument) -> str:
    name = self.display_name_raw
    if not self.required:
        name = f"[{name}]"
    return name + ("..." if self.nargs != 1 else "")


class VietnameseCommand(TyperCommand):
    """A command whose help page is in Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_parameters(self.params)

    def get_help(self, ctx: _click.Context) -> str:
        return vietnamese_help(super().get_help(ctx))


class VietnameseGroup(TyperGroup):
    """The command group: Vietnamese help, and usage errors reworded before exiting with 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_parameters(self.params)

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
