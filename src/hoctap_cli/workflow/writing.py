"""The one overwrite policy, checked before a run.

An output is never an input (nor a file a given folder holds, unless hoctap wrote it), and
an existing output is replaced only with ``--force``. Every check is made before the run,
so a person never waits for the evaluation to learn the output was refused. Every output is
then written by its registry entry (``Output.write_to``) through ``atomic.write_atomic``: a
temporary file renamed over the target, or a device or FIFO written in place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from hoctap_cli.atomic import OutputError, refuse_overwriting_inputs
from hoctap_cli.errors import ErrorCode, Location
from hoctap_cli.workflow.inputs import expand_inputs, key


def check_target(output: Path, inputs: Sequence[Path], force: bool) -> None:
    """Refuse an output that is an input, or a file that exists and --force was not given.

    A device or a pipe (``/dev/null``, a FIFO another program reads) is written into, not
    replaced: there is nothing to lose, so it needs no --force.
    """
    refuse_overwriting_inputs(output, list(inputs))
    if output.exists() and not force and not _special(output):
        raise _refused(ErrorCode.output_exists, output)


def _special(path: Path) -> bool:
    """A target that exists but is neither a regular file nor a folder."""
    return not path.is_file() and not path.is_dir()


def check_suffix(output: Path, suffixes: Sequence[str], message: str) -> None:
    """Refuse an output whose name does not end as its format must (``message`` says so)."""
    if output.suffix.lower() not in suffixes:
        raise OutputError(message)


def check_companion(
    path: Path, kind: tuple[str, str, str], main: Path, inputs: Sequence[Path], force: bool
) -> None:
    """A second output written beside ``main`` (the report's PDF, the list's decision): its
    suffix, not the main output itself, and as ``check_target`` says. ``kind`` is (suffix,
    what it is, what the main output is) in the user's words."""
    suffix, what, main_what = kind
    check_suffix(path, (suffix,), f"tệp {what} {path} phải có đuôi {suffix}")
    if path.resolve() == main.resolve():
        raise _refused(ErrorCode.output_same_as_main, path, what=what, main_what=main_what)
    check_target(path, inputs, force)


def refuse_folder_member(
    output: Path, given: Sequence[Path], ours: Callable[[Path], bool] = lambda _path: False
) -> None:
    """Refuse an output that is one of a given folder's input files (unless hoctap wrote it).

    Folders are expanded without the run's outputs, so that a result written there is not
    read back as applicants; without this check ``--force`` would replace a data file.
    """
    if not output.exists() or not any(path.is_dir() for path in given):
        return
    target = key(output)
    if target in {key(path) for path in expand_inputs(given).files} and not ours(output):
        raise _refused(ErrorCode.output_in_input_folder, output)


def _refused(code: ErrorCode, path: Path, **params: object) -> OutputError:
    """An output refused before the run: its code, the file, and what the words need."""
    where = str(path)
    return OutputError(code=code, params={"file": where, **params}, location=Location(where))
