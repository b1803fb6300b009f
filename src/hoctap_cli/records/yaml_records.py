"""Records written as YAML: ``{criteria: ID, records: [{field: value, ...}, ...]}`` or a bare list.

Keys may be field ids, labels or aliases, matched like spreadsheet headers. The row of
a record is the line where it starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hoctap_cli.atomic import os_reason
from hoctap_cli.criteria.yaml_source import YamlSourceError, load_located
from hoctap_cli.records import limits, xlsx_guard
from hoctap_cli.records.sources import InputError, Row, Table


def load_yaml_records(path: Path) -> tuple[str | None, Table]:
    """The criteria the file names (if any) and its records as a table with a header row."""
    try:
        located = load_located(_text(path), max_bytes=limits.MAX_YAML_BYTES)
    except OSError as exc:
        raise _unreadable(path, "os", os_reason=os_reason(exc)) from None
    except UnicodeDecodeError as exc:
        raise _unreadable(path, "yaml_not_utf8", start=exc.start) from None
    except YamlSourceError as exc:
        yaml = {"yaml_code": exc.code, "yaml_params": exc.params, "line": exc.line}
        raise _unreadable(path, "yaml", **yaml) from None
    data = located.data
    criteria_name = None
    if isinstance(data, dict):
        criteria_name = data.get("criteria") if isinstance(data.get("criteria"), str) else None
        data = data.get("records")
        base: tuple[str | int, ...] = ("records",)
    else:
        base = ()
    if not isinstance(data, list) or not all(isinstance(entry, dict) for entry in data):
        raise _unreadable(path, "yaml_no_records")
    keys: list[str] = []
    for entry in data:
        keys += [key for key in entry if key not in keys]
    rows: list[Row] = [(located.line_of(()) or 1, list(keys))]
    for index, entry in enumerate(data):
        line = located.line_of((*base, index)) or 0
        rows.append((line, [entry.get(key) for key in keys]))
    return criteria_name, Table(None, rows, iter(()), column_names=keys, keyed=True)


def _text(path: Path) -> str:
    """The file's text, once its size is known to be within the limit."""
    too_big = limits.file_size_problem(path, path.stat().st_size, limits.MAX_YAML_BYTES)
    if too_big:
        raise InputError(too_big)
    return path.read_text(encoding="utf-8-sig")


def _unreadable(path: Path, reason_kind: str, **params: Any) -> InputError:
    return InputError(xlsx_guard.unreadable(path, reason_kind, **params))
