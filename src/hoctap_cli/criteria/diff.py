"""What changed between two criteria files, for auditors: pure, no printing, no files.

The comparison walks the pydantic models' declared fields rather than a hand-kept list,
so a key added to the file format is compared without touching this module. Lists of
models with an ``id`` (or a choice's ``value``) are matched by that key; items are
matched across the whole file so that an item put under another group is "moved", not
"removed" and "added".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeAlias

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from hoctap_cli.criteria.model import Criteria, Group

JsonValue: TypeAlias = "str | int | float | bool | None | list[JsonValue] | dict[str, JsonValue]"


class ChangeKind(StrEnum):
    """How one entry differs; English values are part of the JSON output."""

    added = "added"
    removed = "removed"
    changed = "changed"
    moved = "moved"


@dataclass(frozen=True)
class Change:
    """One difference: ``path`` names the entry by ids, e.g. ``groups.TC2.items.2.2.points``."""

    path: str
    kind: ChangeKind
    old: JsonValue
    new: JsonValue


@dataclass(frozen=True)
class Version:
    """Which criteria file a side of the comparison is."""

    id: str
    version: str
    title: str


@dataclass(frozen=True)
class CriteriaDiff:
    """Every difference from ``old`` to ``new``, in file order."""

    old: Version
    new: Version
    changes: tuple[Change, ...]

    @property
    def identical(self) -> bool:
        return not self.changes


def diff_criteria(old: Criteria, new: Criteria) -> CriteriaDiff:
    """Compare two criteria files entry by entry."""
    changes = _model("", old, new, special={"groups": _groups_and_items})
    return CriteriaDiff(_version(old), _version(new), tuple(changes))


def _version(criteria: Criteria) -> Version:
    return Version(criteria.id, criteria.version, criteria.title)


Special = Callable[[str, Any, Any], list[Change]]


def _model(
    path: str,
    old: BaseModel,
    new: BaseModel,
    skip: Collection[str] = (),
    special: dict[str, Special] | None = None,
) -> list[Change]:
    changes: list[Change] = []
    for name in type(old).model_fields:
        if name in skip:
            continue
        handler = (special or {}).get(name, _value)
        changes += handler(_join(path, name), getattr(old, name), getattr(new, name))
    return changes


def _value(path: str, old: object, new: object) -> list[Change]:
    if isinstance(old, BaseModel) and type(old) is type(new):
        assert isinstance(new, BaseModel)
        return _model(path, old, new)
    if _is_keyed(old) and _is_keyed(new):
        assert isinstance(old, list) and isinstance(new, list)
        return _keyed(path, old, new)
    if old == new:
        return []
    return [Change(path, ChangeKind.changed, _plain(old), _plain(new))]


def _key(model: BaseModel) -> str | None:
    for name in ("id", "value"):
        if name in type(model).model_fields:
            return str(getattr(model, name))
    return None


def _is_keyed(value: object) -> bool:
    """A list whose entries can be matched by id; an empty list qualifies (nothing to match)."""
    return isinstance(value, list) and all(
        isinstance(entry, BaseModel) and _key(entry) is not None for entry in value
    )


def _keyed(
    path: str, old: Sequence[BaseModel], new: Sequence[BaseModel], skip: Collection[str] = ()
) -> list[Change]:
    before = {_key(entry): entry for entry in old}
    after = {_key(entry): entry for entry in new}
    # A group's items are compared on their own, so a whole group shown here leaves them out.
    changes = [
        Change(f"{path}.{key}", ChangeKind.removed, _plain(entry, skip), None)
        for key, entry in before.items()
        if key not in after
    ]
    for key, entry in after.items():
        if key not in before:
            changes.append(Change(f"{path}.{key}", ChangeKind.added, None, _plain(entry, skip)))
            continue
        changes += _model(f"{path}.{key}", before[key], entry, skip={"id", "value", *skip})
    return _order(path, list(before), list(after)) + changes


def _order(path: str, old: list[str | None], new: list[str | None]) -> list[Change]:
    """Order matters for levels (lowest first) and ordered choices, so a reordering is shown."""
    common_old = [key for key in old if key in new]
    common_new = [key for key in new if key in old]
    if common_old == common_new:
        return []
    return [Change(f"{path}.order", ChangeKind.changed, _plain(common_old), _plain(common_new))]


def _groups_and_items(path: str, old: list[Group], new: list[Group]) -> list[Change]:
    return _keyed(path, old, new, skip={"items"}) + _items(path, old, new)


def _items(path: str, old: list[Group], new: list[Group]) -> list[Change]:
    before = {item.id: (group.id, item) for group in old for item in group.items}
    after = {item.id: (group.id, item) for group in new for item in group.items}
    changes = [
        Change(f"{path}.{group_id}.items.{item_id}", ChangeKind.removed, _plain(item), None)
        for item_id, (group_id, item) in before.items()
        if item_id not in after
    ]
    for item_id, (group_id, item) in after.items():
        where = f"{path}.{group_id}.items.{item_id}"
        if item_id not in before:
            changes.append(Change(where, ChangeKind.added, None, _plain(item)))
            continue
        old_group, old_item = before[item_id]
        if old_group != group_id:
            changes.append(Change(where, ChangeKind.moved, old_group, group_id))
        changes += _model(where, old_item, item, skip={"id"})
    return changes


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _plain(value: object, skip: Collection[str] = ()) -> JsonValue:
    """Dates as ISO text, enums as their values, models as dicts: what JSON can hold."""
    if isinstance(value, BaseModel):
        dumped: JsonValue = value.model_dump(mode="json", exclude=set(skip))
        return dumped
    plain: JsonValue = to_jsonable_python(value)
    return plain
