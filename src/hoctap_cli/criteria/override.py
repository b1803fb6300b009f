"""A provincial file that extends a shipped one: its lines, and values changed without a source.

The loader checks the merged criteria; people fix their own file. Paths into the merged data
are mapped back to the entry with the same ``id`` in the local file, so every problem points
at a line the user wrote (or at ``extends`` when it lies wholly in the base file). Pure.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hoctap_cli.criteria.yaml_source import LocatedData

Path = tuple[str | int, ...]

# Keys whose value is a number or a rule a document fixes: changing one needs a new source.
VALUE_KEYS = frozenset(
    {
        "points",
        "rule",
        "min_total",
        "min_group_points",
        "min_item_points",
        "required_items",
        "valid_years",
        "after_year",
        "months",
        "provisional",  # saying a value is now confirmed needs a source too
    }
)


class OverrideLocations(LocatedData):
    """Lines of the user's own file for paths into the merged data."""

    def __init__(self, local: LocatedData, merged: Any) -> None:
        super().__init__(local.data, local.lines)
        self.merged = merged

    def shown_path(self, path: Path) -> Path:
        """The path with list indices of the user's own file, when every entry on the way is
        in it (a key the file leaves to the base is still named); else the merged path."""
        shown: list[str | int] = []
        merged, local = self.merged, self.data
        for part in path:
            if isinstance(part, int):
                index = _same_entry(merged, local, part)
                if index is None:
                    return path
                shown.append(index)
                merged, local = merged[part], local[index]
            else:
                shown.append(part)
                merged = merged.get(part) if isinstance(merged, dict) else None
                local = local.get(part) if isinstance(local, dict) else None
        return tuple(shown)

    def line_of(self, path: Path) -> int | None:
        local = local_path(path, self.merged, self.data)
        if local is None:
            return super().line_of(("extends",))
        return super().line_of(local)


def local_path(path: Path, merged: Any, local: Any) -> Path | None:
    """The same place in the local file, matched by key and by entry ``id``; None if absent."""
    found: list[str | int] = []
    for part in path:
        if isinstance(part, int):
            if not (isinstance(merged, list) and isinstance(local, list) and part < len(merged)):
                return tuple(found) if found else None
            entry = merged[part]
            ident = entry.get("id") if isinstance(entry, dict) else None
            index = next(
                (i for i, e in enumerate(local) if isinstance(e, dict) and e.get("id") == ident),
                None,
            )
            if ident is None or index is None:
                return tuple(found) if found else None
            found.append(index)
            merged, local = entry, local[index]
        else:
            if not (isinstance(local, dict) and part in local):
                return tuple(found) if found else None
            found.append(part)
            merged = merged.get(part) if isinstance(merged, dict) else None
            local = local[part]
    return tuple(found)


def _same_entry(merged: Any, local: Any, index: int) -> int | None:
    """Where the merged list's entry ``index`` stands in the local list, matched by id."""
    if not (isinstance(merged, list) and isinstance(local, list) and index < len(merged)):
        return None
    entry = merged[index]
    ident = entry.get("id") if isinstance(entry, dict) else None
    if ident is None:
        return None
    return next(
        (i for i, e in enumerate(local) if isinstance(e, dict) and e.get("id") == ident), None
    )


def uncited_changes(local: Any, base: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Each value the local file changes in an entry whose citation it leaves as the base's."""
    if isinstance(local, dict) and isinstance(base, dict):
        changed = [
            key
            for key in sorted(VALUE_KEYS & local.keys())
            if key in base and local[key] != base[key]
        ]
        if changed and "citation" in base and "citation" not in local:
            yield (*path, changed[0]), changed[0]
        for key, value in local.items():
            if key in base and key != "citation":
                yield from uncited_changes(value, base[key], (*path, key))
    elif isinstance(local, list) and isinstance(base, list):
        by_id = {e.get("id"): e for e in base if isinstance(e, dict)}
        for index, entry in enumerate(local):
            if isinstance(entry, dict) and entry.get("id") in by_id:
                yield from uncited_changes(entry, by_id[entry["id"]], (*path, index))
