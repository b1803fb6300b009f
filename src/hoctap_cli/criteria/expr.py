"""A small, safe rule language, parsed and type-checked when a criteria file loads.

Rules use Python's expression syntax, but only a whitelisted subset of it: field names,
literals, ``and``/``or``/``not``, comparisons (also ``in`` a literal list), ``+ - * /``,
``x if c else y`` and the functions in ``FUNCTIONS``. Nothing is ever passed to ``eval``:
the syntax tree is checked node by node and compiled into plain closures.

Missing data is a value of its own (``MISSING``). ``and``/``or`` follow three-valued
logic, so ``children == 0 or in_school >= children`` is decided for a household with no
children even when ``in_school`` is blank; anything else that touches a missing value
is itself missing, which the engine reports as "not assessable".

Numbers are exact (``hoctap_cli.exact``): a decimal written in a rule is that decimal, and
``+ - * /`` work on fractions, so ``a / b >= 0.7`` holds for 7 and 10 and a share read
from a roll-up compares exactly with the threshold it is checked against.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from hoctap_cli.criteria.model import FieldType, InputField
from hoctap_cli.errors import CriteriaCode, HoctapError
from hoctap_cli.exact import exact, ratio


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self) -> str:
        return "MISSING"  # unpickled as the one MISSING (records read in another process)


MISSING: Final = _Missing()
Record = Mapping[str, Any]
Compiled = Callable[[Record], Any]

MAX_LENGTH = 1000
MAX_DEPTH = 40
MAX_CONSTANT = 1e12


# Why a rule is refused (``ExprError.reason``) → its stable code; the wording of each
# reason is in ``hoctap_cli.messages.RULES``.
_REASON_CODES = {
    "too_long": CriteriaCode.rule_too_long,
    "syntax": CriteriaCode.rule_syntax,
    "in_not_last": CriteriaCode.rule_syntax,
    "in_list": CriteriaCode.rule_syntax,
    "too_deep": CriteriaCode.rule_too_deep,
    "unknown_field": CriteriaCode.unknown_field,
    "not_a_choice": CriteriaCode.rule_bad_choice,
    "wrong_kind": CriteriaCode.rule_type,
    "compare_kinds": CriteriaCode.rule_type,
    "unordered_kind": CriteriaCode.rule_type,
    "choice_fields": CriteriaCode.rule_type,
    "choice_with": CriteriaCode.rule_type,
    "choice_unordered": CriteriaCode.rule_type,
    "in_kind": CriteriaCode.rule_type,
    "in_element": CriteriaCode.rule_type,
    "functions": CriteriaCode.rule_call,
    "keyword_arguments": CriteriaCode.rule_call,
    "at_least_one": CriteriaCode.rule_call,
    "present_arguments": CriteriaCode.rule_call,
    "default_arguments": CriteriaCode.rule_call,
    "arguments": CriteriaCode.rule_call,
}


class ExprError(HoctapError):
    """A rule that cannot be accepted: its code, and the ``reason`` that words it."""

    def __init__(self, reason: str, **params: Any) -> None:
        code = _REASON_CODES.get(reason, CriteriaCode.rule_forbidden)
        super().__init__(code=code, params={"reason": reason, **params})


@dataclass(frozen=True, slots=True)
class Kind:
    """The static type of an expression; ``choice`` remembers whose options apply."""

    name: str  # bool, number, text, date, choice
    field: InputField | None = None

    def describe(self) -> str:
        from hoctap_cli.messages import KINDS

        return KINDS[self.name]


BOOL = Kind("bool")
NUMBER = Kind("number")
TEXT = Kind("text")
DATE = Kind("date")

_FIELD_KINDS = {
    FieldType.boolean: BOOL,
    FieldType.integer: NUMBER,
    FieldType.number: NUMBER,
    FieldType.text: TEXT,
    FieldType.date: DATE,
}


@dataclass(frozen=True, slots=True)
class Rule:
    """A checked, compiled rule."""

    source: str
    kind: Kind
    fields: tuple[str, ...]
    run: Compiled


def compile_rule(source: str, fields: Mapping[str, InputField]) -> Rule:
    """Parse, type-check and compile ``source`` against the declared ``fields``."""
    if len(source) > MAX_LENGTH:
        raise ExprError("too_long", limit=MAX_LENGTH)
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except (SyntaxError, ValueError) as exc:  # ValueError: null bytes on some 3.11 releases
        offset = getattr(exc, "offset", None) or 0
        raise ExprError("syntax", offset=offset) from None
    compiler = _Compiler(fields)
    kind, run = compiler.visit(tree.body, depth=0)
    return Rule(source, kind, tuple(sorted(compiler.used)), run)


def _show(node: ast.AST) -> str:
    """The source of ``node`` for a message; a tree too deep to print is cut short."""
    try:
        return ast.unparse(node)
    except RecursionError:
        return "…"


# Syntax a rule may not use, named for people who do not know Python's grammar.


def _kind_of(field: InputField) -> Kind:
    if field.type is FieldType.choice:
        return Kind("choice", field)
    return _FIELD_KINDS[field.type]


class _Compiler:
    def __init__(self, fields: Mapping[str, InputField]) -> None:
        self.fields = fields
        self.used: set[str] = set()

    def visit(self, node: ast.expr, depth: int) -> tuple[Kind, Compiled]:
        if depth > MAX_DEPTH:
            raise ExprError("too_deep", limit=MAX_DEPTH)
        handler = _HANDLERS.get(type(node))
        if handler is None:
            raise ExprError("syntax_node", node=type(node).__name__)
        return handler(self, node, depth + 1)

    def expect(self, node: ast.expr, depth: int, want: Kind) -> Compiled:
        kind, run = self.visit(node, depth)
        if kind.name != want.name:
            raise ExprError("wrong_kind", expression=_show(node), kind=kind.name, want=want.name)
        return run

    def constant(self, node: ast.Constant, depth: int) -> tuple[Kind, Compiled]:
        value = node.value
        if isinstance(value, bool):
            return BOOL, lambda _r: value
        if isinstance(value, int | float):
            if abs(value) > MAX_CONSTANT:
                raise ExprError("constant_too_large", value=value)
            number = exact(value)  # 0.7 is the decimal 0.7, not the float nearest to it
            return NUMBER, lambda _r: number
        if isinstance(value, str):
            return TEXT, lambda _r: value
        raise ExprError("constant", value=repr(value))

    def name(self, node: ast.Name, depth: int) -> tuple[Kind, Compiled]:
        field = self.fields.get(node.id)
        if field is None:
            raise ExprError("unknown_field", field=node.id)
        self.used.add(node.id)
        key = node.id
        return _kind_of(field), lambda r: r.get(key, MISSING)

    def bool_op(self, node: ast.BoolOp, depth: int) -> tuple[Kind, Compiled]:
        parts = [self.expect(value, depth, BOOL) for value in node.values]
        return BOOL, (_all_of(parts) if isinstance(node.op, ast.And) else _any_of(parts))

    def unary(self, node: ast.UnaryOp, depth: int) -> tuple[Kind, Compiled]:
        if isinstance(node.op, ast.Not):
            inner = self.expect(node.operand, depth, BOOL)
            return BOOL, lambda r: _lift1(inner(r), lambda v: not v)
        if isinstance(node.op, ast.USub | ast.UAdd):
            inner = self.expect(node.operand, depth, NUMBER)
            sign = -1 if isinstance(node.op, ast.USub) else 1
            return NUMBER, lambda r: _lift1(inner(r), lambda v: sign * v)
        raise ExprError("unary_operator")

    def bin_op(self, node: ast.BinOp, depth: int) -> tuple[Kind, Compiled]:
        operator = _ARITHMETIC.get(type(node.op))
        if operator is None:
            raise ExprError("operator", expression=_show(node))
        left = self.expect(node.left, depth, NUMBER)
        right = self.expect(node.right, depth, NUMBER)
        return NUMBER, lambda r: _lift2(left(r), right(r), _no_overflow(operator))

    def if_exp(self, node: ast.IfExp, depth: int) -> tuple[Kind, Compiled]:
        test = self.expect(node.test, depth, BOOL)
        body_kind, body = self.visit(node.body, depth)
        other = self.expect(node.orelse, depth, body_kind)

        def choose(r: Record) -> Any:
            decided = test(r)
            if decided is MISSING:
                return MISSING
            return body(r) if decided else other(r)

        return body_kind, choose

    def compare(self, node: ast.Compare, depth: int) -> tuple[Kind, Compiled]:
        links: list[Compiled] = []
        left_node = node.left
        left_kind, left = self.visit(left_node, depth)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn):
                links.append(self._membership(op, left_kind, left, right_node))
                break
            right_kind, right = self.visit(right_node, depth)
            links.append(self._comparison(op, left_kind, left, right_kind, right, node))
            left_kind, left = right_kind, right
        if len(links) != len(node.ops):
            raise ExprError("in_not_last")
        return BOOL, _all_of(links)

    def _comparison(
        self,
        op: ast.cmpop,
        left_kind: Kind,
        left: Compiled,
        right_kind: Kind,
        right: Compiled,
        node: ast.Compare,
    ) -> Compiled:
        operator = _COMPARISONS.get(type(op))
        if operator is None:
            raise ExprError("comparison", expression=_show(node))
        ordering = not isinstance(op, ast.Eq | ast.NotEq)
        if left_kind.name == "choice" or right_kind.name == "choice":
            return self._choice_comparison(operator, ordering, left_kind, left, right_kind, right)
        if left_kind.name != right_kind.name:
            raise ExprError(
                "compare_kinds",
                kind=left_kind.name,
                other_kind=right_kind.name,
                expression=_show(node),
            )
        if ordering and left_kind.name in ("bool", "text"):
            raise ExprError("unordered_kind", kind=left_kind.name)
        return lambda r: _lift2(left(r), right(r), operator)

    def _choice_comparison(
        self,
        operator: Callable[[Any, Any], Any],
        ordering: bool,
        left_kind: Kind,
        left: Compiled,
        right_kind: Kind,
        right: Compiled,
    ) -> Compiled:
        choice_kind = left_kind if left_kind.name == "choice" else right_kind
        other_kind = right_kind if choice_kind is left_kind else left_kind
        field = choice_kind.field
        assert field is not None
        if other_kind.name == "choice" and other_kind.field is not field:
            raise ExprError("choice_fields")
        if other_kind.name not in ("choice", "text"):
            raise ExprError("choice_with", field=field.id, kind=other_kind.name)
        if ordering and not field.ordered:
            raise ExprError("choice_unordered", field=field.id)
        rank = {choice.value: index for index, choice in enumerate(field.choices)}
        probe = right if choice_kind is left_kind else left
        self._check_literal_choice(probe({}), field)
        if not ordering:
            return lambda r: _lift2(left(r), right(r), operator)
        return lambda r: _lift2(left(r), right(r), lambda a, b: _by_rank(operator, rank, a, b))

    @staticmethod
    def _check_literal_choice(literal: Any, field: InputField) -> None:
        if isinstance(literal, str) and literal not in {c.value for c in field.choices}:
            choices = [c.value for c in field.choices]
            raise ExprError("not_a_choice", value=literal, field=field.id, choices=choices)

    def _membership(
        self, op: ast.cmpop, left_kind: Kind, left: Compiled, right_node: ast.expr
    ) -> Compiled:
        if not isinstance(right_node, ast.List | ast.Tuple) or not right_node.elts:
            raise ExprError("in_list")
        allowed = _MEMBER_TYPES.get(left_kind.name)
        if allowed is None:
            raise ExprError("in_kind", kind=left_kind.name)
        options: set[Any] = set()
        for element in right_node.elts:
            if not isinstance(element, ast.Constant) or isinstance(element.value, bool):
                raise ExprError("in_constants")
            if not isinstance(element.value, allowed):
                raise ExprError("in_element", kind=left_kind.name, value=repr(element.value))
            options.add(exact(element.value))
            if left_kind.field is not None:
                self._check_literal_choice(element.value, left_kind.field)
        negate = isinstance(op, ast.NotIn)
        return lambda r: _lift1(left(r), lambda v: (v in options) != negate)

    def call(self, node: ast.Call, depth: int) -> tuple[Kind, Compiled]:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise ExprError("functions", functions=sorted(FUNCTIONS))
        if node.keywords:
            raise ExprError("keyword_arguments")
        return FUNCTIONS[node.func.id](self, node.args, depth)


_MEMBER_TYPES: dict[str, tuple[type, ...]] = {
    "number": (int, float),
    "text": (str,),
    "choice": (str,),
}


def _by_rank(operator: Callable[[Any, Any], Any], rank: dict[str, int], a: Any, b: Any) -> Any:
    """Order two choices by rank; a value that is not one of the choices is missing."""
    if a not in rank or b not in rank:
        return MISSING
    return operator(rank[a], rank[b])


# Exact arithmetic never overflows, but a result this large is no figure of a household
# or a commune (and would let a rule grow numbers without bound): it is missing, like x / 0.
MAX_RESULT = 10**300


def _no_overflow(fn: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Arithmetic whose result does not fit in a number gives MISSING, like x / 0."""

    def run(a: Any, b: Any) -> Any:
        try:
            result = fn(a, b)
        except OverflowError:
            return MISSING
        if result is not MISSING and abs(result) > MAX_RESULT:
            return MISSING
        return result

    return run


def _lift1(value: Any, fn: Callable[[Any], Any]) -> Any:
    return MISSING if value is MISSING else fn(value)


def _lift2(a: Any, b: Any, fn: Callable[[Any, Any], Any]) -> Any:
    if a is MISSING or b is MISSING:
        return MISSING
    return fn(a, b)


def _all_of(parts: list[Compiled]) -> Compiled:
    def run(r: Record) -> Any:
        missing = False
        for part in parts:
            value = part(r)
            if value is MISSING:
                missing = True
            elif not value:
                return False
        return MISSING if missing else True

    return parts[0] if len(parts) == 1 else run


def _any_of(parts: list[Compiled]) -> Compiled:
    def run(r: Record) -> Any:
        missing = False
        for part in parts:
            value = part(r)
            if value is MISSING:
                missing = True
            elif value:
                return True
        return MISSING if missing else False

    return run


def _divide(a: Any, b: Any) -> Any:
    return MISSING if b == 0 else ratio(a) / ratio(b)


# On fractions: exact whatever the operands are (counts, decimals, shares).
_ARITHMETIC: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: ratio(a) + ratio(b),
    ast.Sub: lambda a, b: ratio(a) - ratio(b),
    ast.Mult: lambda a, b: ratio(a) * ratio(b),
    ast.Div: _divide,
}
_COMPARISONS: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
}


def _numbers(compiler: _Compiler, args: list[ast.expr], depth: int, name: str) -> list[Compiled]:
    if not args:
        raise ExprError("at_least_one", function=name)
    return [compiler.expect(arg, depth, NUMBER) for arg in args]


def _fn_min(c: _Compiler, args: list[ast.expr], depth: int) -> tuple[Kind, Compiled]:
    parts = _numbers(c, args, depth, "min")
    return NUMBER, lambda r: _reduce([p(r) for p in parts], min)


def _fn_max(c: _Compiler, args: list[ast.expr], depth: int) -> tuple[Kind, Compiled]:
    parts = _numbers(c, args, depth, "max")
    return NUMBER, lambda r: _reduce([p(r) for p in parts], max)


def _reduce(values: list[Any], fn: Callable[[list[Any]], Any]) -> Any:
    return MISSING if any(v is MISSING for v in values) else fn(values)


def _fn_abs(c: _Compiler, args: list[ast.expr], depth: int) -> tuple[Kind, Compiled]:
    (inner,) = _exactly(c, args, depth, "abs", 1, NUMBER)
    return NUMBER, lambda r: _lift1(inner(r), abs)


def _fn_present(c: _Compiler, args: list[ast.expr], depth: int) -> tuple[Kind, Compiled]:
    if len(args) != 1:
        raise ExprError("present_arguments")
    _, inner = c.visit(args[0], depth)
    return BOOL, lambda r: inner(r) is not MISSING


def _fn_default(c: _Compiler, args: list[ast.expr], depth: int) -> tuple[Kind, Compiled]:
    if len(args) != 2:
        raise ExprError("default_arguments")
    kind, value = c.visit(args[0], depth)
    fallback = c.expect(args[1], depth, kind if kind.name != "choice" else TEXT)
    if kind.field is not None:
        c._check_literal_choice(fallback({}), kind.field)

    def run(r: Record) -> Any:
        got = value(r)
        return fallback(r) if got is MISSING else got

    return kind, run


def _exactly(
    c: _Compiler, args: list[ast.expr], depth: int, name: str, count: int, kind: Kind
) -> list[Compiled]:
    if len(args) != count:
        raise ExprError("arguments", function=name, count=count)
    return [c.expect(arg, depth, kind) for arg in args]


FunctionCompiler = Callable[[_Compiler, list[ast.expr], int], tuple[Kind, Compiled]]
FUNCTIONS: Final[dict[str, FunctionCompiler]] = {
    "min": _fn_min,
    "max": _fn_max,
    "abs": _fn_abs,
    "present": _fn_present,
    "default": _fn_default,
}

_HANDLERS: dict[type[ast.expr], Callable[[_Compiler, Any, int], tuple[Kind, Compiled]]] = {
    ast.Constant: _Compiler.constant,
    ast.Name: _Compiler.name,
    ast.BoolOp: _Compiler.bool_op,
    ast.UnaryOp: _Compiler.unary,
    ast.BinOp: _Compiler.bin_op,
    ast.IfExp: _Compiler.if_exp,
    ast.Compare: _Compiler.compare,
    ast.Call: _Compiler.call,
}
