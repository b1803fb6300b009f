"""Where a criteria set or a file comes from, said without install paths.

A shipped set is "bộ có sẵn trong hoctap 0.2 (gia-dinh-hoc-tap@448-2015)" for people
and ``builtin:gia-dinh-hoc-tap@448-2015`` in JSON; a user's file is shown relative to
the current folder when it lies inside it, as given otherwise.
"""

from __future__ import annotations

from pathlib import Path

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.shown_files import shown_path

BUILTIN = "builtin:"


def is_builtin(compiled: CompiledCriteria) -> bool:
    """Whether the set is one hoctap ships (inside the package or a checkout's criteria/)."""
    from hoctap_cli.criteria.catalog import shipped_root

    try:
        Path(compiled.source).resolve().relative_to(shipped_root().resolve())
    except (ValueError, OSError):
        return False
    return True


def criteria_key(compiled: CompiledCriteria) -> str:
    c = compiled.criteria
    return f"{c.id}@{c.version}"


def criteria_ref(compiled: CompiledCriteria) -> str:
    """For JSON: ``builtin:id@version``, or the user's file."""
    if is_builtin(compiled):
        return BUILTIN + criteria_key(compiled)
    return shown_path(compiled.source)


def criteria_origin(compiled: CompiledCriteria) -> str:
    """For people: 'bộ có sẵn trong hoctap 0.2 (…)' or 'tệp tieu-chi-tinh.yaml'."""
    from hoctap_cli.version import __version__

    if is_builtin(compiled):
        return f"bộ có sẵn trong hoctap {__version__} ({criteria_key(compiled)})"
    return f"tệp {shown_path(compiled.source)}"
