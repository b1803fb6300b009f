"""Cross-field constraints: two values of one record that must compare a certain way.

A criteria file declares them (``constraints:``), for instance that the children at school
never outnumber the children of school age. ``findings`` checks, when the file loads and
in ``hoctap criteria check``, that both sides are declared fields of comparable types;
``broken`` finds, for one record, the constraints its values break.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from hoctap_cli.criteria.model import Constraint, ConstraintOp, Criteria, FieldType

Path = tuple[str | int, ...]
Finding = tuple[Path, str]

_NUMERIC = frozenset({FieldType.integer, FieldType.number})
HOLDS: dict[ConstraintOp, Callable[[Any, Any], bool]] = {
    ConstraintOp.at_most: operator.le,
    ConstraintOp.less: operator.lt,
    ConstraintOp.at_least: operator.ge,
    ConstraintOp.greater: operator.gt,
    ConstraintOp.equal: operator.eq,
}
_TYPE_NAMES = {
    FieldType.text: "chữ",
    FieldType.integer: "số nguyên",
    FieldType.number: "số",
    FieldType.boolean: "đúng/sai",
    FieldType.date: "ngày",
    FieldType.choice: "lựa chọn",
}
# What a broken constraint means, said of the first field: "lớn hơn" for a broken "<=".
BROKEN_WORDS: dict[ConstraintOp, str] = {
    ConstraintOp.at_most: "lớn hơn",
    ConstraintOp.less: "không nhỏ hơn",
    ConstraintOp.at_least: "nhỏ hơn",
    ConstraintOp.greater: "không lớn hơn",
    ConstraintOp.equal: "khác",
}


def findings(criteria: Criteria) -> Iterator[Finding]:
    """Each constraint names two different declared fields that can be compared."""
    declared = {f.id: f for f in criteria.fields}
    for index, constraint in enumerate(criteria.constraints):
        path: Path = ("constraints", index)
        sides = (("field", constraint.field), ("other", constraint.other))
        unknown = [(key, name) for key, name in sides if name not in declared]
        for key, name in unknown:
            yield (*path, key), f"trường '{name}' chưa được khai báo trong 'fields'"
        if unknown:
            continue
        if constraint.field == constraint.other:
            yield (*path, "other"), "ràng buộc phải so sánh hai trường khác nhau"
            continue
        left, right = declared[constraint.field].type, declared[constraint.other].type
        comparable = (left in _NUMERIC and right in _NUMERIC) or (
            left is right and left is FieldType.date
        )
        if constraint.op is ConstraintOp.equal:
            comparable = comparable or (left is right and left is not FieldType.choice)
        if not comparable:
            yield (
                path,
                f"không so sánh được trường '{constraint.field}' ({_TYPE_NAMES[left]}) với "
                f"'{constraint.other}' ({_TYPE_NAMES[right]}): cần hai trường số hoặc hai "
                "trường ngày",
            )


def broken(values: Mapping[str, Any], constraints: list[Constraint]) -> list[Constraint]:
    """The constraints ``values`` break; one with a blank side is not broken (not known)."""
    found = []
    for constraint in constraints:
        left, right = values.get(constraint.field), values.get(constraint.other)
        if left is None or right is None:
            continue
        if not HOLDS[constraint.op](left, right):
            found.append(constraint)
    return found
