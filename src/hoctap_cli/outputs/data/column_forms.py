"""Filling a block of results held as columns into their decisions' forms.

The JSON document (``json_columns``) and the NDJSON lines (``line_columns``) both write a
result as its decision's %-format filled with the applicant's own parts: id, name,
village, each value a rule read, and where the row was. Both go through ``fill_block``: the
values are encoded a column at a time, and a result whose decision is its own, or that
has members' figures, is written whole by the writer's plain encoder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, AnyStr

from hoctap_cli.engine.columns import Decision, ResultColumns

Form = tuple[AnyStr, tuple[str, ...]]  # a decision's format, and the fields of its slots


def fill_block(
    results: ResultColumns,
    start: int,
    stop: int,
    own: Sequence[tuple[AnyStr, AnyStr, AnyStr, AnyStr]],
    form_of: Callable[[Decision], tuple[AnyStr, tuple[str, ...]]],
    value_texts: Callable[[Sequence[Any]], list[AnyStr]],
    whole: Callable[[int], AnyStr],
) -> Iterator[AnyStr]:
    """The text of results ``start`` to ``stop``; ``own`` holds each one's id, name,
    village and row, encoded."""
    texts: dict[str, list[AnyStr]] = {}
    rows: dict[tuple[str, ...], list[tuple[AnyStr, ...]]] = {}
    rollups, alone = results.rollups, results.alone
    for offset, decision in enumerate(results.decisions[start:stop]):
        index = start + offset
        if (rollups is not None and rollups[index]) or index in alone:
            yield whole(index)  # its own parts: nothing to share
            continue
        form, fields = form_of(decision)
        values = rows.get(fields)
        if values is None:
            for field in fields:
                if field not in texts:
                    texts[field] = value_texts(results.applicants.column(field)[start:stop])
            values = rows[fields] = (
                list(zip(*(texts[f] for f in fields), strict=True))
                if fields
                else [()] * (stop - start)
            )
        identity, name, village, source = own[offset]
        yield form % ((identity, name, village) + values[offset] + (source,))
