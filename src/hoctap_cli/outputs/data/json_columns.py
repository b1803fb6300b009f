"""A title's results as JSON text written from their columns (``engine.columns``).

``ResultEncoder.encode`` fills one %-format per applicant with about forty parts, most of
them the same for every applicant with the same decision (title, verdict, level, points,
groups, reasons, near miss). Here those are filled in once per decision, leaving a
format with a slot for each of the applicant's own parts: id, name, village, the values
the rules read, and where the row was. Those are encoded a block of applicants at a time,
a column at a time, so the work per applicant is one lookup and one %-format. The text is
byte for byte ``ResultEncoder.encode`` of each result; an applicant with members' figures
is encoded by it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from hoctap_cli.criteria.expr import MISSING
from hoctap_cli.engine.columns import Decision, ResultColumns
from hoctap_cli.engine.results import ItemResult
from hoctap_cli.outputs.data.column_forms import fill_block
from hoctap_cli.outputs.data.json_text import (
    PART_MEMORY,
    RESULT_KEYS,
    PartMemory,
    ResultEncoder,
    plain_json,
    raw_json,
)
from hoctap_cli.outputs.data.serialise import missing_groups
from hoctap_cli.records.record import SourceRow
from hoctap_cli.records.record_columns import Origin, RecordColumns

BLOCK = 4096  # applicants encoded a column at a time
_Form = tuple[bytes, tuple[str, ...]]  # the decision's format, and the fields of its slots


class ColumnEncoder(ResultEncoder):
    """``ResultEncoder`` for results held as columns."""

    def __init__(self, indent: str) -> None:
        super().__init__(indent)
        self._forms = PartMemory()  # decision → its form, by identity
        self._source_parts: dict[tuple[str, str | None], bytes] = {}  # before the row
        self._item_bytes = PartMemory()

    def encode_columns(self, results: ResultColumns) -> Iterator[bytes]:
        """``encode`` of each result, in order."""
        count = len(results)
        for start in range(0, count, BLOCK):
            yield from self._block(results, start, min(count, start + BLOCK))

    def _block(self, results: ResultColumns, start: int, stop: int) -> Iterator[bytes]:
        ids = [_utf8(raw_json(i, self.inner)) for i in results.ids[start:stop]]
        names = [_utf8(raw_json(n, self.inner)) for n in results.names[start:stop]]
        village = self._scalar
        villages = [village(v, raw_json) for v in results.villages[start:stop]]
        own = list(zip(ids, names, villages, self._sources(results, start, stop), strict=True))
        form = partial(self._form, results)
        return fill_block(
            results,
            start,
            stop,
            own,
            lambda decision: self._forms.get(decision, form),
            self._value_texts,
            lambda index: self.encode(results[index]),
        )

    def _form(self, results: ResultColumns, decision: Decision) -> _Form:
        """The text ``encode`` writes for a result of this decision, as a %-format: the
        decision's parts (and the title's) written in, a ``%s`` for each of the
        applicant's own (id, name, village, each value read, where the row was)."""
        scalar = self._scalar
        missing = missing_groups(decision.items)
        near = decision.near_miss
        written = {
            "title": scalar(results.title, raw_json),
            "verdict": scalar(decision.verdict.value, raw_json),
            "level": scalar(decision.level, raw_json),
            "total": scalar(decision.total, plain_json),
            "max_total": scalar(results.max_total, plain_json),
            "total_complete": b"false" if missing else b"true",
            "provisional": scalar(decision.provisional, raw_json),
            "groups": self._group_part(decision.groups, missing),
            "reasons": self._reasons.get(decision.reasons, self._reason_text),
            "near_miss": b"null" if near is None else self._near.get(near, self._near_text),
            "rollups": b"[]",  # members' figures: an applicant with some is encoded whole
        }
        parts: list[bytes] = []
        fields: list[str] = []
        for index, name in enumerate(RESULT_KEYS):
            parts.append(_utf8(("{" if index == 0 else ",") + self.inner + f'"{name}": '))
            if name == "items":
                parts.append(self._items_form(decision.items, fields))
            elif name in written:
                parts.append(written[name].replace(b"%", b"%%"))
            else:
                parts.append(b"%s")
        parts.append(_utf8(self.outer + "}"))
        return b"".join(parts), tuple(fields)

    def _items_form(self, items: tuple[ItemResult, ...], fields: list[str]) -> bytes:
        """The result's list of criteria as a %-format; their fields added to ``fields``."""
        if not items:
            return b"[]"
        parts = [b"["]
        for number, item in enumerate(items):
            form, read = self._item_bytes.get(item, self._item_bytes_of)
            parts.append(_utf8(("" if number == 0 else ",") + self.nested) + form)
            fields += read
        parts.append(_utf8(self.inner + "]"))
        return b"".join(parts)

    def _item_bytes_of(self, item: ItemResult) -> tuple[bytes, tuple[str, ...]]:
        form, read = self._item_forms.get(item, self._item_form)
        return _utf8(form), read

    def _value_texts(self, column: Sequence[Any]) -> list[bytes]:
        """The text of each value a rule read, as ``_values`` writes it. A column of one
        type is encoded once per distinct value: equal values of one type read the same."""
        kinds = set(map(type, column))
        kinds.discard(_MISSING_TYPE)
        if len(kinds) <= 1 and kinds <= _BY_VALUE:
            table = {value: self._value_text(value) for value in set(column)}
            return list(map(table.__getitem__, column))
        return list(map(self._value_text, column))

    def _value_text(self, value: Any) -> bytes:
        kind = type(value)
        if kind is int or kind is float or kind is Decimal:
            known = self._plain
            text = known.get((kind, value))
            if text is None:
                text = _utf8(plain_json(value, self.value_line))
                if len(known) < PART_MEMORY:
                    known[(kind, value)] = text
            return text
        return _utf8(plain_json(None if value is MISSING else value, self.value_line))

    def _sources(self, results: ResultColumns, start: int, stop: int) -> list[bytes]:
        """Where each row was, as ``_source`` writes it; the text before the row number
        is made once per file and sheet."""
        applicants = results.applicants
        end = _utf8(self.inner + "}")
        if isinstance(applicants, RecordColumns):
            numbered = self._numbered(applicants, start, stop, end)
            if numbered is not None:
                return numbered
        source_of = applicants.source
        known = self._source_parts
        texts = []
        for index in range(start, stop):
            source = source_of(index)
            row = source.row
            if type(source) is SourceRow and type(row) is int:
                key = (source.file, source.sheet)
                before = known.get(key)
                if before is not None:
                    texts.append(before + _utf8(int.__repr__(row)) + end)
                    continue
                text = self._source(source)
                after = _utf8(int.__repr__(row)) + end  # the row number closes the text
                if text.endswith(after):
                    known[key] = text[: -len(after)]
                texts.append(text)
                continue
            texts.append(self._source(source))
        return texts

    def _numbered(
        self, applicants: RecordColumns, start: int, stop: int, end: bytes
    ) -> list[bytes] | None:
        """``_sources`` of records held as columns: each row number after the text of its
        table; None when a table's text is not of that shape."""
        found = [self._before_row(origin) for origin in applicants.origins]
        before = [text for text in found if text is not None]
        rows = applicants.rows[start:stop]
        if len(before) < len(found) or not all(type(row) is int for row in rows):
            return None
        which = applicants.origin_of
        if which is None:
            first = before[0]
            return [first + _utf8(int.__repr__(row)) + end for row in rows]
        return [
            before[table] + _utf8(int.__repr__(row)) + end
            for table, row in zip(which[start:stop], rows, strict=True)
        ]

    def _before_row(self, origin: Origin) -> bytes | None:
        """The text ``_source`` writes for a row of ``origin`` before its number."""
        key = (origin.file, origin.sheet)
        known = self._source_parts.get(key)
        if known is None:
            text = self._source(SourceRow(origin.file, origin.sheet, 1, origin.columns))
            after = _utf8("1" + self.inner + "}")
            if not text.endswith(after):
                return None
            known = self._source_parts[key] = text[: -len(after)]
        return known


_MISSING_TYPE = type(MISSING)
# Types whose equal values are encoded alike (unlike 1, 1.0 and True, equal across types).
_BY_VALUE = frozenset({int, float, Decimal, str, type(None)})


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")
