"""Turning library errors into one Vietnamese line on stderr and exit code 2.

A run stopped by Ctrl+C or SIGTERM ends with a Vietnamese line and exit code 130 or 143,
after the cleanups on the way (a half-written output's temporary file is removed).
"""

from __future__ import annotations

import contextlib
import functools
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer
from typer._click.globals import get_current_context

from hoctap_cli.outputs.words.failures import failure_message
from hoctap_cli.workflow.status import EXIT_ERROR

P = ParamSpec("P")
R = TypeVar("R")

EXIT_INTERRUPTED = 130  # Ctrl+C (SIGINT), as shells report it
EXIT_TERMINATED = 143  # SIGTERM

if TYPE_CHECKING:
    from rich.console import Console


class _Stderr:
    """rich's console on stderr, made when first printed to: a run that says nothing on
    stderr (a file evaluated to JSON) does not load rich."""

    def __init__(self) -> None:
        self._console: Console | None = None

    def print(self, *objects: Any, **options: Any) -> None:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True, highlight=False, soft_wrap=True)
        self._console.print(*objects, **options)


stderr = _Stderr()


@dataclass(frozen=True)
class RunOptions:
    """Options of the whole run (``hoctap --debug …``), handed to commands as the click
    context's ``obj`` rather than kept in a module global that outlives the run."""

    debug: bool = False


def debugging() -> bool:
    """Whether the running command was started with ``--debug``; False outside a command."""
    context = get_current_context(silent=True)
    options = context.obj if context is not None else None
    return isinstance(options, RunOptions) and options.debug


def fail(message: str) -> typer.Exit:
    """Print ``message`` as an error and return the exit to raise."""
    stderr.print(f"[bold red]Lỗi:[/] {message}", markup=True)
    return typer.Exit(EXIT_ERROR)


class Terminated(BaseException):
    """SIGTERM, raised wherever the program was, so that cleanups run as for Ctrl+C."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def stopped(exc: BaseException) -> typer.Exit:
    """Say the run was stopped and return the exit to raise."""
    message = "chương trình bị ngắt giữa chừng; không có tệp kết quả nào bị ghi dở."
    stderr.print(f"[bold red]Đã dừng:[/] {message}", markup=True)
    return typer.Exit(EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED)


@contextlib.contextmanager
def stops_cleanly() -> Iterator[None]:
    """Around the whole program: SIGTERM becomes ``Terminated``; a stop becomes an exit code."""
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        yield
    except (KeyboardInterrupt, Terminated) as exc:
        raise SystemExit(stopped(exc).exit_code) from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Run ``command``; known failures become a message and exit code 2, never a traceback."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, BrokenPipeError):
            raise
        except (KeyboardInterrupt, Terminated) as exc:
            raise stopped(exc) from None
        except Exception as exc:
            debug = debugging()
            message = failure_message(exc, debug=debug)
            if message is None:
                if debug:
                    raise
                message = (
                    f"lỗi không mong đợi ({type(exc).__name__}: {exc}). "
                    "Chạy lại với --debug để xem chi tiết."
                )
            raise fail(message + _command_hint(exc)) from None

    return run


def _command_hint(exc: Exception) -> str:
    """What to type, for a failure the library words without naming any command."""
    from hoctap_cli.errors import ErrorCode, HoctapError

    if isinstance(exc, HoctapError) and exc.code is ErrorCode.no_criteria_found:
        return " (chọn bằng --criteria; xem 'hoctap criteria list')"
    return ""
