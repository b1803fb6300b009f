"""Evaluating a run's files through the library, as ``hoctap evaluate`` does.

Every failure a person can fix becomes the command line's Vietnamese message (the same
``failure_message`` the CLI uses), with the run's private folder taken out of the paths it names.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hoctap_cli.workflow.run import Evaluation

log = logging.getLogger("hoctap.giao_dien")


class RunFailed(Exception):
    """The run could not be evaluated; the message is the CLI's, for the page."""


def evaluate_files(inputs: list[Path], criteria: str | None) -> tuple[Evaluation, float]:
    """The evaluation of ``inputs`` and the seconds it took (criteria recognised when None).

    Read in this process (``workers=1``): a request's uploads are small, the server runs
    requests side by side on its threads, and each would otherwise start its own workers."""
    from hoctap_cli.criteria.catalog import shipped_catalog
    from hoctap_cli.workflow.run import evaluate_paths

    started = time.perf_counter()
    try:
        evaluation = evaluate_paths(inputs, shipped_catalog(), criteria, None, workers=1)
    except Exception as exc:
        raise RunFailed(message_for(exc)) from exc
    return evaluation, time.perf_counter() - started


def message_for(exc: Exception) -> str:
    """The command line's message for ``exc``; a bug is logged, and said plainly."""
    from hoctap_cli.outputs.words.failures import failure_message

    message = failure_message(exc)
    if message is None:
        log.exception("lỗi không mong đợi khi xử lý yêu cầu", exc_info=exc)
        return f"lỗi không mong đợi ({type(exc).__name__}); hãy báo cho người quản trị"
    return message


def local(text: str, folder: Path) -> str:
    """``text`` with the run's private folder removed from the paths it names."""
    for prefix in {str(folder), str(folder.resolve())}:
        text = text.replace(prefix + os.sep, "")
    return text
