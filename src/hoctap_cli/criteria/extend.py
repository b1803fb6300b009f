"""A local criteria file that builds on a shipped one (``extends: id@version``).

Mappings merge key by key; lists of entries with an ``id`` (fields, groups, items,
levels, roll-ups, choices) merge entry by entry: an entry with a known id updates it,
a new id is appended, and ``remove: true`` drops it. Anything else is replaced; so is a
``citation`` as a whole, so a province's reference never keeps the national source's URL.
"""

from __future__ import annotations

from typing import Any

REMOVE = "remove"
# Mappings a local file replaces whole rather than key by key.
WHOLE = frozenset({"citation"})


def merge(base: Any, local: Any) -> Any:
    """``base`` updated by ``local``; neither is changed."""
    if isinstance(base, dict) and isinstance(local, dict):
        merged = dict(base)
        for key, value in local.items():
            if key in base and key not in WHOLE:
                merged[key] = merge(base[key], value)
            else:
                merged[key] = _drop_removed(value)
        return merged
    if _entries(base) and _entries(local):
        return _merge_entries(base, local)
    return local


def _entries(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(e, dict) and "id" in e for e in value)


def _merge_entries(base: list[dict[str, Any]], local: list[dict[str, Any]]) -> list[Any]:
    updates = {entry["id"]: entry for entry in local}
    merged = []
    for entry in base:
        update = updates.pop(entry["id"], None)
        if update is None:
            merged.append(entry)
        elif not update.get(REMOVE):
            merged.append(merge(entry, update))
    merged += [_drop_removed(e) for e in updates.values() if not e.get(REMOVE)]
    return merged


def _drop_removed(value: Any) -> Any:
    if isinstance(value, list):
        return [_drop_removed(v) for v in value if not (isinstance(v, dict) and v.get(REMOVE))]
    if isinstance(value, dict):
        return {k: _drop_removed(v) for k, v in value.items()}
    return value
