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

import uuid
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from hoctap_cli.criteria.expr import MISSING
from hoctap_cli.engine.columns import Decision, ResultColumns
from hoctap_cli.outputs.data.json_text import PART_MEMORY, ResultEncoder, plain_json, raw_json
from hoctap_cli.outputs.data.serialise import missing_groups
from hoctap_cli.records.record import SourceRow

BLOCK = 4096  # applicants encoded a column at a time
_Form = tuple[bytes, tuple[str, ...]]  # the decision's format, and the fields of its slots


class ColumnEncoder(ResultEncoder):
    """``ResultEncoder`` for results held as columns."""

    def __init__(self, indent: str) -> None:
        super().__init__(indent)
        self._forms: dict[int, tuple[Decision, _Form]] = {}
        self._slot = f"\x00{uuid.uuid4().hex}\x00".encode()
        self._source_parts: dict[tuple[str, str | None], bytes] = {}  # before the row

    def encode_columns(self, results: ResultColumns) -> Iterator[bytes]:
        """``encode`` of each result, in order."""
        count = len(results)
        for start in range(0, count, BLOCK):
            yield from self._block(results, start, min(count, start + BLOCK))

    def _block(self, results: ResultColumns, start: int, stop: int) -> Iterator[bytes]:
        applicants = results.applicants
        ids = [_utf8(raw_json(i, self.inner)) for i in results.ids[start:stop]]
        names = [_utf8(raw_json(n, self.inner)) for n in results.names[start:stop]]
        village = self._scalar
        villages = [village(v, raw_json) for v in results.villages[start:stop]]
        sources = self._sources(results, start, stop)
        texts: dict[str, list[bytes]] = {}
        rows: dict[tuple[str, ...], list[tuple[bytes, ...]]] = {}
        rollups = results.rollups
        for offset, decision in enumerate(results.decisions[start:stop]):
            index = start + offset
            if rollups is not None and rollups[index]:
                yield self.encode(results[index])
                continue
            form, fields = self._form_of(results, decision)
            values = rows.get(fields)
            if values is None:
                for field in fields:
                    if field not in texts:
                        texts[field] = self._value_texts(applicants.column(field)[start:stop])
                values = rows[fields] = (
                    list(zip(*(texts[f] for f in fields), strict=True))
                    if fields
                    else [()] * (stop - start)
                )
            own = (ids[offset], names[offset], villages[offset])
            yield form % (own + values[offset] + (sources[offset],))

    def _form_of(self, results: ResultColumns, decision: Decision) -> _Form:
        known = self._forms.get(id(decision))
        if known is not None:
            return known[1]
        made = self._form(results, decision)
        if len(self._forms) < PART_MEMORY:
            self._forms[id(decision)] = (decision, made)  # held, so its id stays its own
        return made

    def _form(self, results: ResultColumns, decision: Decision) -> _Form:
        """The template ``encode`` fills, with the decision's parts (and the title's)
        filled in and a ``%s`` left for each of the applicant's own."""
        # Made, not remembered: a decision has its own tuple of items, and its form is kept.
        template, fields = self._template(decision.items)
        missing = missing_groups(decision.items)
        scalar, slot = self._scalar, self._slot
        near = decision.near_miss
        head = (
            slot,  # id
            scalar(results.title, raw_json),
            slot,  # name
            slot,  # village
            scalar(decision.verdict.value, raw_json),
            scalar(decision.level, raw_json),
            scalar(decision.total, plain_json),
            scalar(results.max_total, plain_json),
            b"false" if missing else b"true",
            scalar(decision.provisional, raw_json),
            self._group_part(decision.groups, missing),
        )
        tail = (
            self._reasons.get(decision.reasons, self._reason_text),
            b"null" if near is None else self._near.get(near, self._near_text),
            b"[]",  # members' figures: an applicant with some is encoded whole
            slot,  # where the row was
        )
        filled = template % (head + (slot,) * len(fields) + tail)
        return filled.replace(b"%", b"%%").replace(slot, b"%s"), fields

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
        source_of = results.applicants.source
        known, end = self._source_parts, _utf8(self.inner + "}")
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


_MISSING_TYPE = type(MISSING)
# Types whose equal values are encoded alike (unlike 1, 1.0 and True, equal across types).
_BY_VALUE = frozenset({int, float, Decimal, str, type(None)})


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")
