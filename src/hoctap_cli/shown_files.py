"""How outputs name the files they were read from.

On the command line a file is named as the person typed it, relative to the current
folder when it lies inside it. A program serving uploads (``hoctap giao-dien``) keeps them
in a private folder of its own: inside ``files_shown_from(folder)`` every output names
them relative to that folder, so no paper or download shows where a server keeps its files.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path, PurePath

_SHOWN_FROM: ContextVar[Path | None] = ContextVar("hoctap_shown_from", default=None)


def relative_to(path: PurePath, folder: PurePath) -> PurePath:
    """``path`` under ``folder`` as a relative path; unchanged when it is elsewhere.

    Pure, so Windows paths (case-insensitive, either slash) are checked on any system.
    """
    if not path.is_absolute():
        return path
    try:
        return path.relative_to(folder)
    except ValueError:
        return path


def shown_path(path: str | os.PathLike[str], folder: Path | None = None) -> str:
    """A path as a person typed or would type it: relative to the current folder (or to
    the folder ``files_shown_from`` set)."""
    given = Path(path)
    try:
        base = folder or _SHOWN_FROM.get() or Path.cwd()
    except OSError:  # the current folder was removed under us
        return str(given)
    return str(relative_to(given, base))


def named_file(file: str) -> str:
    """A file as machine-readable outputs (JSON, CSV) name it: as given on the command
    line, relative to the folder ``files_shown_from`` set otherwise."""
    base = _SHOWN_FROM.get()
    return file if base is None or not file else str(relative_to(Path(file), base))


@contextmanager
def files_shown_from(folder: Path) -> Iterator[None]:
    """Within the block, outputs name files relative to ``folder`` (a server's private
    folder of uploads), in this thread or task only."""
    token = _SHOWN_FROM.set(folder)
    try:
        yield
    finally:
        _SHOWN_FROM.reset(token)
