"""Results as JSON text, fast, byte for byte what ``json.dumps(..., indent=2)`` writes.

``json.dumps`` with ``indent`` runs the pure-Python encoder: a province's document (500,000
applicants, 8 criteria each, about 2 GB of text) takes minutes and is built in memory
whole. ``ResultEncoder`` writes one applicant's ``result_to_dict`` as the same text without
building the dict: the parts shared by many applicants (the result of one criterion, the
group points, the reasons, the near miss) are frozen objects the engine shares between
applicants with the same answers, so their text is encoded once per object and reused.
Only the applicant's own values (id, name, village, the values each rule read, where the
row was) are encoded each time. Anything unusual falls back to ``json.dumps`` itself.

Nested JSON is ``json.dumps`` of the value on its own with every line break followed by
the indentation of the place it is put (strings never hold a raw line break).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from json.encoder import encode_basestring  # the C encoder json.dumps uses for str
from typing import Any, TypeVar

from hoctap_cli.engine.results import ApplicantResult, GroupScore, ItemResult, NearMiss, Reason
from hoctap_cli.exact import plain
from hoctap_cli.outputs.data.serialise import (
    group_to_dict,
    item_to_dict,
    missing_groups,
    near_miss_to_dict,
    reason_to_dict,
    rollup_to_dict,
)
from hoctap_cli.records.record import SourceRow

INDENT = 2
# A result's keys, in the order ``result_to_dict`` writes them.
RESULT_KEYS = (
    *("id", "title", "name", "village", "verdict", "level", "total", "max_total"),
    *("total_complete", "provisional", "groups", "items", "reasons", "near_miss"),
    *("rollups", "source"),
)
# Bound of each memory of encoded parts, against results whose parts are not shared.
PART_MEMORY = 1 << 16
_T = TypeVar("_T")
_K = TypeVar("_K")


def dumps(value: Any, newline: str = "\n") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` placed after ``newline``."""
    text = json.dumps(value, ensure_ascii=False, indent=INDENT)
    return text if newline == "\n" else text.replace("\n", newline)


def json_bytes(value: Any) -> bytes:
    """A whole JSON output as every hoctap JSON file is written: UTF-8 characters kept,
    indented by two, ending in a newline (the run's document is streamed the same way)."""
    return (dumps(value) + "\n").encode("utf-8")


def _float(value: float) -> str:
    """A float as ``json.dumps`` writes it."""
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


def raw_json(value: Any, newline: str) -> str:
    """``value`` as ``json.dumps`` writes it (scalars fast, the rest through json.dumps)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is float:
        return _float(value)
    return dumps(plain(value) if isinstance(value, Decimal | Fraction) else value, newline)


def plain_json(value: Any, newline: str) -> str:
    """``plain(value)`` as ``json.dumps`` writes it: whole floats as integers, dates as text."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return int.__repr__(int(value)) if value.is_integer() else _float(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    return dumps(plain(value), newline)


class PartMemory:
    """Text of frozen objects by identity; each entry holds its object, so ids stay unique."""

    __slots__ = ("parts",)

    def __init__(self) -> None:
        self.parts: dict[int, tuple[object, Any]] = {}

    def __len__(self) -> int:
        return len(self.parts)

    def get(self, thing: _K, make: Callable[[_K], _T]) -> _T:
        found = self.parts.get(id(thing))
        if found is not None:
            text: _T = found[1]
            return text
        made = make(thing)
        if len(self.parts) < PART_MEMORY:
            self.parts[id(thing)] = (thing, made)
        return made


class ResultEncoder:
    """Encodes results placed at one depth of a document (``indent``: their own line start).

    A result is one ``bytes % tuple`` per applicant: the format is the result's text with a
    ``%s`` for each part that is the applicant's own, and is made once per shared tuple of
    item results. The parts are UTF-8 bytes, so the text is copied once and never widened.
    """

    def __init__(self, indent: str) -> None:
        self.outer = "\n" + indent  # before the result's closing brace
        self.inner = self.outer + " " * INDENT  # before each of its keys
        self.nested = self.inner + " " * INDENT  # before each item of its lists
        self.value_line = self.nested + " " * (2 * INDENT)  # before each value an item read
        self._templates = PartMemory()
        self._items = PartMemory()
        self._item_forms = PartMemory()
        self._groups = PartMemory()
        self._missing = PartMemory()
        self._reasons = PartMemory()
        self._near = PartMemory()
        # Text of scalars by type and value: as they are (titles, verdicts, levels, villages)
        # and as ``plain`` makes them (points, the values the items read).
        self._raw: dict[tuple[type, Any], bytes] = {}
        self._plain: dict[tuple[type, Any], bytes] = {}
        self._files: dict[tuple[str, str | None], bytes] = {}
        self._group_parts: dict[tuple[str, str, str, bool], str] = {}  # one group's text
        self._marker = f"\x00{uuid.uuid4().hex}\x00"

    def encode(self, result: ApplicantResult) -> bytes:
        """``dumps(result_to_dict(result))`` placed at this encoder's depth, as UTF-8."""
        template, fields = self._templates.get(result.items, self._template)
        missing = self._missing.get(result.items, missing_groups)
        scalar, inner = self._scalar, self.inner
        near, rollups = result.near_miss, result.rollups
        head = (
            _utf8(raw_json(result.id, inner)),
            scalar(result.title, raw_json),
            _utf8(raw_json(result.name, inner)),
            scalar(result.village, raw_json),
            scalar(result.verdict.value, raw_json),
            scalar(result.level, raw_json),
            scalar(result.total, plain_json),
            scalar(result.max_total, plain_json),
            b"false" if missing else b"true",
            scalar(result.provisional, raw_json),
            self._group_part(result.groups, missing),
        )
        tail = (
            self._reasons.get(result.reasons, self._reason_text),
            b"null" if near is None else self._near.get(near, self._near_text),
            _utf8(self._list([rollup_to_dict(r) for r in rollups])) if rollups else b"[]",
            self._source(result.source),
        )
        if not fields:
            return template % (head + tail)
        return template % (head + self._values(result.values, fields) + tail)

    def _scalar(self, value: Any, encode: Callable[[Any, str], str]) -> bytes:
        """A value of the result itself, remembered by type and value when it repeats
        (apart for ``raw_json`` and ``plain_json``: 10.0 is "10.0" raw, "10" plain)."""
        kind = type(value)
        if (
            kind is str
            or kind is int
            or kind is float
            or kind is Decimal
            or kind is bool
            or (value is None)
        ):
            memory = self._plain if encode is plain_json else self._raw
            key = (kind, value)
            known = memory.get(key)
            if known is None:
                known = _utf8(encode(value, self.inner))
                if len(memory) < PART_MEMORY:
                    memory[key] = known
            return known
        return _utf8(encode(value, self.inner))

    def _values(self, values: Mapping[str, Any], fields: tuple[str, ...]) -> tuple[bytes, ...]:
        """The values the items read. Numbers repeat, so their text is remembered by type and
        value: for int and float, equal values of one type read the same."""
        known, line = self._plain, self.value_line
        texts = []
        for value in map(values.get, fields):
            kind = type(value)
            if kind is int or kind is float or kind is Decimal:
                text = known.get((kind, value))
                if text is None:
                    text = _utf8(plain_json(value, line))
                    if len(known) < PART_MEMORY:
                        known[(kind, value)] = text
            else:
                text = _utf8(plain_json(value, line))
            texts.append(text)
        return tuple(texts)

    def _list(self, parts: Sequence[Mapping[str, Any]]) -> str:
        """A list of dicts as a value of the result."""
        if not parts:
            return "[]"
        nested = self.nested
        body = ("," + nested).join(dumps(part, nested) for part in parts)
        return "[" + nested + body + self.inner + "]"

    def _group_part(self, groups: tuple[GroupScore, ...], missing: frozenset[str]) -> bytes:
        """Groups all complete are remembered as a tuple; those with a gap are joined."""
        if not missing:
            return self._groups.get(groups, self._group_text)
        return self._joined_groups(groups, missing)

    def _group_text(self, groups: tuple[GroupScore, ...]) -> bytes:
        return self._joined_groups(groups, frozenset())

    def _joined_groups(self, groups: tuple[GroupScore, ...], missing: frozenset[str]) -> bytes:
        """``_list`` of the groups, each group's text remembered by its id, points and
        completeness: the tuples differ per decision, but each group takes few scores."""
        if not groups:
            return b"[]"
        known, nested = self._group_parts, self.nested
        texts = []
        for group in groups:
            complete = group.group_id not in missing
            key = (group.group_id, repr(group.points), repr(group.max_points), complete)
            text = known.get(key)
            if text is None:
                text = dumps(group_to_dict(group, complete), nested)
                if len(known) < PART_MEMORY:
                    known[key] = text
            texts.append(text)
        return _utf8("[" + nested + ("," + nested).join(texts) + self.inner + "]")

    def _reason_text(self, reasons: tuple[Reason, ...]) -> bytes:
        return _utf8(self._list([reason_to_dict(reason) for reason in reasons]))

    def _near_text(self, near: NearMiss) -> bytes:
        return _utf8(dumps(near_miss_to_dict(near), self.inner))

    def _item_parts(self, item: ItemResult) -> tuple[str, list[str], str]:
        """The text of one criterion around its values: before, each value's key, after."""
        document: dict[str, Any] = dict(item_to_dict(item, {}))
        document["values"] = self._marker
        text = dumps(document, self.nested)
        before, after = text.split(encode_basestring(self._marker))
        if not item.fields:
            return before + "{}" + after, [], ""
        keys = [
            ("{" if index == 0 else ",") + self.value_line + encode_basestring(field) + ": "
            for index, field in enumerate(item.fields)
        ]
        keys[0] = before + keys[0]
        return "", keys, self.nested + " " * INDENT + "}" + after

    def _item_form(self, item: ItemResult) -> tuple[str, tuple[str, ...]]:
        """One criterion's text as a %-format, a ``%s`` for each value it read, and the
        fields of those values."""
        whole, keys, after = self._items.get(item, self._item_parts)
        if not keys:
            return whole.replace("%", "%%"), ()
        form = "".join(key.replace("%", "%%") + "%s" for key in keys)
        return form + after.replace("%", "%%"), item.fields

    def _template(self, items: tuple[ItemResult, ...]) -> tuple[bytes, tuple[str, ...]]:
        """The result's text as a %-format for results with these ``items``, and the fields
        whose values fill the ``%s`` of the items, in order."""
        parts: list[str] = []
        fields: list[str] = []
        for index, name in enumerate(RESULT_KEYS):
            parts.append(("{" if index == 0 else ",") + self.inner + encode_basestring(name) + ": ")
            if name != "items":
                parts.append("%s")
                continue
            if not items:
                parts.append("[]")
                continue
            parts.append("[")
            for number, item in enumerate(items):
                form, read = self._item_forms.get(item, self._item_form)
                parts.append(("" if number == 0 else ",") + self.nested + form)
                fields += read
            parts.append(self.inner + "]")
        parts.append(self.outer + "}")
        return _utf8("".join(parts)), tuple(fields)

    def _source(self, source: SourceRow) -> bytes:
        """Where the row was: ``SourceRow.to_dict`` as ``json.dumps`` writes it."""
        document = source.to_dict()
        if tuple(document) != ("file", "sheet", "row"):
            return _utf8(flat_json(document, self.inner))
        file, sheet, row = document.values()
        if type(file) is not str or (sheet is not None and type(sheet) is not str):
            return _utf8(flat_json(document, self.inner))
        first = self._files.get((file, sheet))
        if first is None:
            first = self._files[(file, sheet)] = _utf8(
                f'{{{self.nested}"file": {raw_json(file, self.nested)},'
                f'{self.nested}"sheet": {raw_json(sheet, self.nested)},'
                f'{self.nested}"row": '
            )
        return first + _utf8(raw_json(row, self.nested)) + _utf8(self.inner + "}")


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


def flat_json(document: Mapping[str, Any], newline: str) -> str:
    """A dict of scalars (``SourceRow.to_dict``) as ``json.dumps`` writes it."""
    if not document:
        return "{}"
    inner = newline + " " * INDENT
    parts = []
    for key, value in document.items():
        if type(key) is not str or type(value) in (dict, list, tuple):
            return dumps(document, newline)
        parts.append(inner + encode_basestring(key) + ": " + raw_json(value, inner))
    return "{" + ",".join(parts) + newline + "}"
