"""Deciding a rule that reads a blank cell, when every value the cell may hold agrees.

Three-valued logic decides ``so_tre == 0 or di_hoc >= so_tre`` for a household with no
children, but not ``biet_chu >= nguoi_lon`` for one with no adults and a blank count of
literate adults, although no count (from 0, and at most the adults by the file's
constraints) can make it fail. Here the rule is run on every completion of its blank
fields within their declared bounds and constraints: when all agree, that is the answer.

Only fields whose values can all be tried are completed: yes/no, choices and whole
numbers with a bounded range. A blank decimal, date or text leaves the rule undecided,
as before: the verdict is then computed at the item's worst and best, which is sound but
may call "incomplete" a case no completion could change.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from hoctap_cli.criteria.constraints import broken
from hoctap_cli.criteria.expr import MISSING, Rule
from hoctap_cli.criteria.model import Criteria, FieldType, InputField

MAX_COMPLETIONS = 2048  # per rule and distinct answer; past it the rule stays undecided
MAX_RANGE = 101  # a whole-number field is tried value by value up to this many values


def by_completion(
    rule: Rule, values: Mapping[str, Any], criteria: Criteria, fields: Mapping[str, InputField]
) -> Any:
    """True or False if every completion of the rule's blank fields gives it, else MISSING."""
    blank = [name for name in rule.fields if values.get(name) is None]
    grids = [_every_value(fields[name]) for name in blank]
    if not blank or any(grid is None for grid in grids):
        return MISSING
    total = 1
    for grid in grids:
        assert grid is not None
        total *= len(grid)
        if total > MAX_COMPLETIONS:
            return MISSING
    seen: set[bool] = set()
    # Only what the rule reads, and constraints between those fields: the answer depends on
    # the values read alone, as the engine's memory of answers assumes.
    read = set(rule.fields)
    known = {k: values[k] for k in read if values.get(k) is not None}
    limits = [c for c in criteria.constraints if c.field in read and c.other in read]
    for combination in itertools.product(*(grid or [] for grid in grids)):
        completed = {**known, **dict(zip(blank, combination, strict=True))}
        if limits and broken(completed, limits):
            continue  # not a possible completion: a part larger than its whole
        answer = rule.run(completed)
        if answer is MISSING:
            return MISSING
        seen.add(bool(answer))
        if len(seen) > 1:
            return MISSING
    return seen.pop() if seen else MISSING


def _every_value(field: InputField) -> list[Any] | None:
    """All values a blank cell of ``field`` may hold, or None when they cannot all be tried."""
    if field.type is FieldType.boolean:
        return [False, True]
    if field.type is FieldType.choice:
        return [choice.value for choice in field.choices]
    if field.type is FieldType.integer and field.min is not None and field.max is not None:
        low, high = int(field.min), int(field.max)
        return list(range(low, high + 1)) if 0 <= high - low < MAX_RANGE else None
    return None
