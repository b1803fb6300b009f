"""A rule said in words built from field labels, for people who do not read expressions.

'so_tre_do_tuoi == 0 or so_tre_di_hoc >= so_tre_do_tuoi' becomes 'số trẻ trong độ tuổi
phổ cập bằng 0, hoặc số trẻ đi học không ít hơn số trẻ trong độ tuổi phổ cập'. The
expression itself stays in JSON and in ``criteria show --chi-tiet``.
"""

from __future__ import annotations

import ast

from hoctap_cli.criteria.model import Criteria, FieldType
from hoctap_cli.criteria.names import lower_first
from hoctap_cli.exact import number

_COMPARE = {
    ast.Eq: "bằng",
    ast.NotEq: "khác",
    ast.GtE: "không ít hơn",
    ast.Gt: "lớn hơn",
    ast.LtE: "không quá",
    ast.Lt: "nhỏ hơn",
}
_ARITHMETIC = {ast.Add: "cộng", ast.Sub: "trừ", ast.Mult: "nhân", ast.Div: "chia cho"}
_FUNCTIONS = {"min": "nhỏ nhất trong", "max": "lớn nhất trong", "abs": "trị tuyệt đối của"}


def rule_words(rule: str, criteria: Criteria) -> str:
    """``rule`` in words; an expression it cannot say stays with labels in place of ids."""
    try:
        tree = ast.parse(rule.strip(), mode="eval")
        return _Sayer(criteria).say(tree.body)
    except (SyntaxError, ValueError, RecursionError):
        return rule


class _Sayer:
    def __init__(self, criteria: Criteria) -> None:
        self.fields = criteria.rule_fields()
        self.shares = {r.id for r in criteria.rollups if r.measure == "share"}
        self.choices = {(f.id, c.value): c.label for f in criteria.fields for c in f.choices}

    def say(self, node: ast.expr, nested: bool = False) -> str:
        if isinstance(node, ast.BoolOp):
            word = " và " if isinstance(node.op, ast.And) else ", hoặc "
            text = word.join(self.say(v, nested=True) for v in node.values)
            return f"({text})" if nested else text
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            if isinstance(node.operand, ast.Name) and self.is_mark(node.operand.id):
                return "chưa đánh dấu " + self.name(node.operand.id)
            return "không phải " + self.say(node.operand, nested=True)
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Name):
            mark = "đã đánh dấu " if self.is_mark(node.id) else ""
            return mark + self.name(node.id)
        if isinstance(node, ast.Constant):
            return self.constant(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
            op = _ARITHMETIC[type(node.op)]
            return f"{self.say(node.left, True)} {op} {self.say(node.right, True)}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self.call(node.func.id, node.args)
        if isinstance(node, ast.IfExp):
            return (
                f"{self.say(node.body, True)} nếu {self.say(node.test, True)}, "
                f"nếu không thì {self.say(node.orelse, True)}"
            )
        return self.labelled(node)

    def is_mark(self, field_id: str) -> bool:
        field = self.fields.get(field_id)
        return field is not None and field.type is FieldType.boolean

    def name(self, field_id: str) -> str:
        field = self.fields.get(field_id)
        if field is None:
            return field_id
        label = lower_first(field.label)
        return f"«{label}»" if field.type is FieldType.boolean else label

    def constant(self, value: object, field_id: str | None = None) -> str:
        if isinstance(value, bool):
            return "có" if value else "không"
        if isinstance(value, int | float):
            return number(value)
        if isinstance(value, str):
            return self.choices.get((field_id or "", value), value)
        return str(value)

    def compare(self, node: ast.Compare) -> str:
        parts = [self.say(node.left, True)]
        left = node.left.id if isinstance(node.left, ast.Name) else None
        for op, right in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn) and isinstance(right, ast.List | ast.Tuple):
                values = [
                    self.constant(e.value, left) if isinstance(e, ast.Constant) else self.say(e)
                    for e in right.elts
                ]
                word = "là" if isinstance(op, ast.In) else "không phải"
                parts.append(f"{word} {' hoặc '.join(values)}")
            elif type(op) in _COMPARE:
                shown = (
                    self.constant(right.value, left) + self.unit(left)
                    if isinstance(right, ast.Constant)
                    else self.say(right, True)
                )
                parts.append(f"{_COMPARE[type(op)]} {shown}")
            else:
                return self.labelled(node)
        return " ".join(parts)

    def unit(self, field_id: str | None) -> str:
        """Roll-up shares are percents: 'không ít hơn 70%'."""
        return "%" if field_id in self.shares else ""

    def call(self, name: str, args: list[ast.expr]) -> str:
        shown = [self.say(a, True) for a in args]
        if name == "present" and shown:
            return f"có ghi {shown[0]}"
        if name == "default" and len(shown) == 2:
            return f"{shown[0]} (trống thì tính là {shown[1]})"
        if name in _FUNCTIONS:
            return f"{_FUNCTIONS[name]} {', '.join(shown)}"
        return f"{name}({', '.join(shown)})"

    def labelled(self, node: ast.expr) -> str:
        """The expression as written, with each field id replaced by its label."""
        for name in ast.walk(node):
            if isinstance(name, ast.Name) and name.id in self.fields:
                name.id = f"[{lower_first(self.fields[name.id].label)}]"
        return ast.unparse(node)
