"""Turning library errors into one Vietnamese line on stderr and exit code 2."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_ROWS = 1
EXIT_ERROR = 2

stderr = Console(stderr=True, highlight=False, soft_wrap=True)
DEBUG = {"on": False}


def fail(message: str) -> typer.Exit:
    """Print ``message`` as an error and return the exit to raise."""
    stderr.print(f"[bold red]Lỗi:[/] {message}", markup=True)
    return typer.Exit(EXIT_ERROR)


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Run ``command``; known failures become a message and exit code 2, never a traceback."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        from hoctap_cli.atomic import OutputError
        from hoctap_cli.criteria.catalog import UnknownCriteria
        from hoctap_cli.criteria.loader import CriteriaError
        from hoctap_cli.service import InputsUnreadable, NoCriteriaFound

        try:
            return command(*args, **kwargs)
        except CriteriaError as exc:
            raise fail("tệp tiêu chí không dùng được:\n" + exc.render()) from None
        except InputsUnreadable as exc:
            lines = "\n".join(f"  • {p.location()}: {p.message}" for p in exc.problems)
            raise fail("không đọc được tệp đầu vào nào:\n" + lines) from None
        except NoCriteriaFound as exc:
            raise fail(
                f"không nhận ra danh hiệu của tệp {exc.file}. Hãy chọn bộ tiêu chí bằng "
                f"--criteria, một trong: {', '.join(exc.titles)} (xem 'hoctap criteria list')"
            ) from None
        except (UnknownCriteria, OutputError) as exc:
            raise fail(str(exc.args[0])) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if DEBUG["on"]:
                raise
            raise fail(
                f"lỗi không mong đợi ({type(exc).__name__}: {exc}). "
                "Chạy lại với --debug để xem chi tiết."
            ) from None

    return run
