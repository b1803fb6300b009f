"""A title's results held as columns (``engine.columns``) as the NDJSON lines of a run.

``write_lines`` writes each result as ``{"kind": "result", **result_to_dict(result)}``
through json's C encoder. Here the line of each decision is made once as a %-format: the
decision's parts (verdict, points, groups, criteria, reasons, near miss) written in, a
``%s`` for each of the applicant's own (id, name, village, each value a rule read, where
the row was), which are encoded a block of applicants at a time. The C encoder writes a
dict as its keys and values joined, so the line is byte for byte the one it writes; an
applicant with members' figures is encoded whole, as before.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import partial
from typing import Any

from hoctap_cli.criteria.expr import MISSING
from hoctap_cli.engine.columns import Decision, ResultColumns
from hoctap_cli.engine.results import ItemResult
from hoctap_cli.exact import plain
from hoctap_cli.outputs.data.column_forms import fill_block
from hoctap_cli.outputs.data.json_text import PART_MEMORY, RESULT_KEYS, PartMemory
from hoctap_cli.outputs.data.serialise import (
    group_to_dict,
    item_to_dict,
    missing_groups,
    near_miss_to_dict,
    reason_to_dict,
    result_to_dict,
)
from hoctap_cli.records.record_columns import Origin, RecordColumns
from hoctap_cli.shown_files import named_file

BLOCK = 4096
_Form = tuple[str, tuple[str, ...]]


class LineEncoder:
    """NDJSON result lines for results held as columns."""

    def __init__(self) -> None:
        self.encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        self._forms = PartMemory()  # decision → its line's form, by identity
        self._items = PartMemory()  # criterion result → its form, by identity
        self._numbers: dict[tuple[type, Any], str] = {}
        self._before_row: dict[tuple[str, str | None], str | None] = {}
        self._marker = f"\x00{uuid.uuid4().hex}\x00"

    def lines(self, results: ResultColumns) -> Iterator[str]:
        """Each result's line, in order, without its line break."""
        count = len(results)
        for start in range(0, count, BLOCK):
            yield from self._block(results, start, min(count, start + BLOCK))

    def _block(self, results: ResultColumns, start: int, stop: int) -> Iterator[str]:
        encode = self.encode
        own = zip(
            map(encode, results.ids[start:stop]),
            map(encode, results.names[start:stop]),
            map(encode, results.villages[start:stop]),
            self._sources(results, start, stop),
            strict=True,
        )
        form = partial(self._form, results)
        return fill_block(
            results,
            start,
            stop,
            list(own),
            lambda decision: self._forms.get(decision, form),
            self._value_texts,
            lambda index: encode({"kind": "result", **result_to_dict(results[index])}),
        )

    def _form(self, results: ResultColumns, decision: Decision) -> _Form:
        """The line of a result of this decision as a %-format (see the module's text)."""
        encode = self.encode
        missing = missing_groups(decision.items)
        written = {
            "kind": encode("result"),
            "title": encode(results.title),
            "verdict": encode(decision.verdict.value),
            "level": encode(decision.level),
            "total": encode(plain(decision.total)),
            "max_total": encode(plain(results.max_total)),
            "total_complete": encode(not missing),
            "provisional": encode(decision.provisional),
            "groups": encode(
                [group_to_dict(g, g.group_id not in missing) for g in decision.groups]
            ),
            "reasons": encode([reason_to_dict(reason) for reason in decision.reasons]),
            "near_miss": encode(near_miss_to_dict(decision.near_miss)),
            "rollups": "[]",  # members' figures: an applicant with some is encoded whole
        }
        parts: list[str] = []
        fields: list[str] = []
        for index, name in enumerate(("kind", *RESULT_KEYS)):
            parts.append(("{" if index == 0 else ",") + encode(name) + ":")
            if name == "items":
                forms = [self._item_form(item) for item in decision.items]
                parts.append("[" + ",".join(form for form, _ in forms) + "]")
                fields += [field for _, read in forms for field in read]
            elif name in written:
                parts.append(written[name].replace("%", "%%"))
            else:
                parts.append("%s")
        parts.append("}")
        return "".join(parts), tuple(fields)

    def _item_form(self, item: ItemResult) -> _Form:
        """One criterion as ``item_to_dict`` encodes, a ``%s`` for each value it read."""
        return self._items.get(item, self._item_form_of)

    def _item_form_of(self, item: ItemResult) -> _Form:
        document: dict[str, Any] = dict(item_to_dict(item, {}))
        document["values"] = self._marker
        before, after = self.encode(document).split(self.encode(self._marker))
        keys = ",".join(self.encode(field).replace("%", "%%") + ":%s" for field in item.fields)
        return before.replace("%", "%%") + "{" + keys + "}" + after.replace("%", "%%"), item.fields

    def _value_texts(self, column: Sequence[Any]) -> list[str]:
        """Each value a rule read as ``item_to_dict`` gives it to the encoder."""
        encode, known = self.encode, self._numbers
        texts = []
        for value in column:
            kind = type(value)
            if kind is int or kind is float or kind is Decimal:
                text = known.get((kind, value))
                if text is None:
                    text = encode(plain(value))
                    if len(known) < PART_MEMORY:
                        known[(kind, value)] = text
            else:
                text = encode(plain(None if value is MISSING else value))
            texts.append(text)
        return texts

    def _sources(self, results: ResultColumns, start: int, stop: int) -> list[str]:
        """Where each row was, as the encoder writes ``SourceRow.to_dict``."""
        applicants = results.applicants
        if isinstance(applicants, RecordColumns):
            before = [self._before(origin) for origin in applicants.origins]
            rows = applicants.rows[start:stop]
            if None not in before and all(type(row) is int for row in rows):
                which = applicants.origin_of or [0] * len(applicants)
                return [
                    f"{before[table]}{row}}}"
                    for table, row in zip(which[start:stop], rows, strict=True)
                ]
        encode = self.encode
        return [encode(applicants.source(i).to_dict()) for i in range(start, stop)]

    def _before(self, origin: Origin) -> str | None:
        """The text of a row of ``origin`` before its number; None if not of that shape."""
        key = (origin.file, origin.sheet)
        if key not in self._before_row:
            encode = self.encode
            made = (
                f'{{"file":{encode(named_file(origin.file))},"sheet":{encode(origin.sheet)},"row":'
            )
            whole = encode({"file": named_file(origin.file), "sheet": origin.sheet, "row": 1})
            self._before_row[key] = made if whole == made + "1}" else None
        return self._before_row[key]
