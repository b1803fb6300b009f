"""Does a rule ever change its answer? Found by running it on synthetic records.

Each field the rule reads gets a few values: its bounds, their neighbours, a middle
value, each number or text written in the rule with its neighbours, and blank. Every
combination is tried. A rule that gives one answer on all of them (blank cells aside)
is reported as constant. The values straddle every literal the rule compares with,
so a rule such as ``so_tre >= 3`` is never taken for a constant; a rule over too many
fields to try exhaustively is not judged at all rather than judged on a sample.
"""

from __future__ import annotations

import ast
import datetime as dt
import itertools
import math
from collections.abc import Mapping
from typing import Any

from hoctap_cli.criteria.expr import MISSING, Rule
from hoctap_cli.criteria.model import FieldType, InputField

MAX_RECORDS = 50_000
_DATES = (dt.date(2000, 1, 1), dt.date(2020, 6, 15), dt.date(2040, 12, 31))


def constant_value(rule: Rule, fields: Mapping[str, InputField]) -> bool | None:
    """The answer ``rule`` gives on every synthetic record it decides, or None if it varies."""
    numbers, texts = _literals(rule.source)
    grids = [_candidates(fields[name], numbers, texts) for name in rule.fields]
    if math.prod(len(values) for values in grids) > MAX_RECORDS:
        return None
    seen: set[bool] = set()
    for combination in itertools.product(*grids):
        record = {n: v for n, v in zip(rule.fields, combination, strict=True) if v is not MISSING}
        answer = rule.run(record)
        if answer is not MISSING:
            seen.add(bool(answer))
        if len(seen) > 1:
            return None
    return seen.pop() if seen else None


def _literals(source: str) -> tuple[set[float], set[str]]:
    numbers: set[float] = set()
    texts: set[str] = set()
    for node in ast.walk(ast.parse(source.strip(), mode="eval")):
        if isinstance(node, ast.Constant) and not isinstance(node.value, bool):
            if isinstance(node.value, int | float):
                numbers |= {node.value, -node.value}
            elif isinstance(node.value, str):
                texts.add(node.value)
    return numbers, texts


def _candidates(field: InputField, numbers: set[float], texts: set[str]) -> list[Any]:
    if field.type is FieldType.boolean:
        values: list[Any] = [True, False]
    elif field.type is FieldType.choice:
        values = [choice.value for choice in field.choices]
    elif field.type is FieldType.text:
        values = sorted(texts | {"", "khác"})
    elif field.type is FieldType.date:
        values = list(_DATES)
    else:
        values = _numbers(field, numbers)
    return [*values, MISSING]


def _numbers(field: InputField, literals: set[float]) -> list[float]:
    low = field.min if field.min is not None else min(literals | {0.0}) - 10
    high = field.max if field.max is not None else max(literals | {0.0}) + 10
    step = 1.0 if field.type is FieldType.integer else 0.5
    points = {low, low + step, (low + high) / 2, high - step, high, 0.0, 1.0}
    for literal in literals:
        points |= {literal - step, literal, literal + step}
    if field.type is FieldType.integer:
        points = {float(math.floor(p)) for p in points}
    return sorted(p for p in points if low <= p <= high)
