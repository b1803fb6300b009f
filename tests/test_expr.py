"""The rule language: three-valued logic, types, choices, limits, and a reference property."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hoctap_cli.criteria.expr import (
    MAX_DEPTH,
    MAX_LENGTH,
    MISSING,
    ExprError,
    compile_rule,
)
from hoctap_cli.criteria.model import Choice, InputField


def _field(field_id: str, type_: str, **extra: Any) -> InputField:
    return InputField(id=field_id, type=type_, label=field_id.upper(), **extra)


def _choices(*values: str) -> list[Choice]:
    return [Choice(value=value, label=value.capitalize()) for value in values]


FIELDS: dict[str, InputField] = {
    field.id: field
    for field in (
        _field("a", "integer"),
        _field("b", "integer"),
        _field("x", "number"),
        _field("t", "text"),
        _field("u", "text"),
        _field("f", "boolean"),
        _field("g", "boolean"),
        _field("d", "date"),
        _field("muc", "choice", ordered=True, choices=_choices("kem", "kha", "tot")),
        _field("loai", "choice", choices=_choices("mot", "hai")),
    )
}


def run(source: str, **record: Any) -> Any:
    return compile_rule(source, FIELDS).run(record)


def rejects(source: str, message: str) -> None:
    with pytest.raises(ExprError, match=message):
        compile_rule(source, FIELDS)


# --- three-valued logic ---------------------------------------------------------------


def test_or_is_decided_by_a_true_operand_when_another_is_missing() -> None:
    """It decides 'a == 0 or b >= a' as true when a is 0, even though b is missing."""
    assert run("a == 0 or b >= a", a=0) is True


def test_or_is_missing_when_no_operand_is_true_and_one_is_missing() -> None:
    """It gives MISSING for 'a == 0 or b >= a' when a is 1 and b is missing."""
    assert run("a == 0 or b >= a", a=1) is MISSING


def test_or_with_every_operand_known() -> None:
    """It evaluates 'a == 0 or b >= a' normally when every value is present."""
    assert run("a == 0 or b >= a", a=1, b=2) is True
    assert run("a == 0 or b >= a", a=2, b=1) is False


def test_and_is_false_when_any_operand_is_false() -> None:
    """It decides an 'and' as false when one operand is false, whatever its position."""
    assert run("a > 5 and b > 0", a=1) is False
    assert run("b > 0 and a > 5", a=1) is False


def test_and_is_missing_when_no_operand_is_false_and_one_is_missing() -> None:
    """It gives MISSING for an 'and' whose only undecided operand is missing."""
    assert run("b > 0 and a < 5", a=1) is MISSING
    assert run("b > 0 and a < 5", a=1, b=1) is True


def test_or_is_true_even_when_the_missing_operand_comes_first() -> None:
    """It decides an 'or' as true when a later operand is true and an earlier one missing."""
    assert run("b > 0 or a > 0", a=1) is True
    assert run("b > 0 or a > 5", a=1) is MISSING


def test_not_and_if_keep_missing() -> None:
    """It keeps MISSING through 'not' and through an 'if' whose test is missing."""
    assert run("not (b > 0)") is MISSING
    assert run("not (b > 0)", b=0) is True
    assert run("(a if b > 0 else 0) == 0", a=5) is MISSING
    assert run("(a if b > 0 else 0) == 0", a=5, b=0) is True


def test_missing_field_makes_a_comparison_missing() -> None:
    """It gives MISSING for a comparison that reads a missing field."""
    assert run("a >= 1") is MISSING
    assert run("f") is MISSING
    assert run("f", f=False) is False


# --- comparisons, arithmetic, membership ----------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(-1, False), (0, True), (9, True), (10, False)])
def test_comparison_chains_like_python(value: int, expected: bool) -> None:
    """It evaluates '0 <= a < 10' as both comparisons at once."""
    assert run("0 <= a < 10", a=value) is expected


def test_comparison_chain_with_a_false_link_is_decided() -> None:
    """It decides a chain as false from a false link even when another link is missing."""
    assert run("a < 0 < b", a=1) is False
    assert run("a < 0 < b", a=-1) is MISSING
    assert run("a < 0 < b", a=-1, b=1) is True
    assert run("1 < 2 > 0 != 3") is True


def test_arithmetic_follows_precedence() -> None:
    """It computes + - * / with the usual precedence and parentheses."""
    assert run("a + b * 2 == 7", a=1, b=3) is True
    assert run("(a + b) * 2 == 8", a=1, b=3) is True
    assert run("(a - b) / 2 == -0.5", a=1, b=2) is True
    assert run("-a + abs(b) == 2", a=1, b=-3) is True
    assert run("x * 2 == 3.0", x=1.5) is True


def test_min_max_abs() -> None:
    """It computes min(), max() and abs() over numbers."""
    assert run("min(a, b, 3) == 1", a=1, b=4) is True
    assert run("max(a, b, 3) == 4", a=1, b=4) is True
    assert run("abs(a - b) == 3", a=1, b=4) is True
    assert run("min(a, b) == 1", a=1) is MISSING


def test_arithmetic_on_a_missing_value_is_missing() -> None:
    """It gives MISSING for arithmetic that reads a missing field."""
    assert run("a + 1 > 0") is MISSING
    assert run("-a > 0") is MISSING


def test_division_by_zero_is_missing() -> None:
    """It gives MISSING, not an exception, when a rule divides by zero."""
    assert run("a / b > 1", a=1, b=0) is MISSING
    assert run("a / (b - b) == 0", a=1, b=3) is MISSING
    assert run("x / 0 >= 0", x=0.0) is MISSING
    assert run("b == 0 or a / b > 1", a=1, b=0) is True


def test_overflowing_arithmetic_is_missing() -> None:
    """It gives MISSING, not OverflowError, when a result is past any real figure (10^300),
    whatever the kind of arithmetic; just below that bound it still decides exactly."""
    huge = "a" + " * 999999999999" * 30
    assert len(huge) < MAX_LENGTH - 20
    assert run(f"{huge} / 3 > 1", a=1) is MISSING
    assert run(f"{huge} + 0.5 > 1", a=1) is MISSING
    assert run(f"{huge} > 1", a=1) is MISSING
    large = "a" + " * 999999999999" * 20  # about 10^240: still a number
    assert run(f"{large} / 3 + 0.5 > 1", a=1) is True


def test_arithmetic_is_exact() -> None:
    """It decides with exact decimals and fractions: 0.1 + 0.2 is 0.3, 7 / 10 is 0.7."""
    assert run("a + b == 0.3", a=0.1, b=0.2) is True
    assert run("a / b >= 0.7", a=7, b=10) is True
    assert run("a / 3 * 3 == a", a=1) is True
    assert run("a * 100 / b >= 70", a=7, b=10) is True


def test_in_a_literal_list() -> None:
    """It tests membership in a literal list or tuple, negated with 'not in'."""
    assert run("a in (1, 2, 3)", a=2) is True
    assert run("a in [1, 2, 3]", a=4) is False
    assert run("a not in (1, 2)", a=4) is True
    assert run("t in ('x', 'y')", t="y") is True
    assert run("a in (1, 2)") is MISSING
    assert run("a < 5 in (5, 6)", a=1) is True


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("a in (b, 1)", "chỉ chứa hằng"),
        ("a in ()", "danh sách hằng"),
        ("a in b", "danh sách hằng"),
        ("a in (1,) == f", "'in' chỉ được đứng cuối"),
        ("a in ('x', 'y')", "phải gồm các giá trị số"),
        ("t in (1, 2)", "phải gồm các giá trị chữ"),
        ("f in (1, 2)", "không dùng 'in'"),
        ("a in (True,)", "chỉ chứa hằng"),
    ],
)
def test_in_rejects_bad_lists(source: str, message: str) -> None:
    """It rejects 'in' with a non-literal, empty or wrongly typed list, or not last."""
    rejects(source, message)


# --- choice fields ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "value", "expected"),
    [
        ("muc == 'tot'", "tot", True),
        ("'tot' == muc", "kha", False),
        ("muc != 'kem'", "kha", True),
        ("loai == 'hai'", "hai", True),
        ("muc in ('kha', 'tot')", "kem", False),
        ("loai not in ('mot',)", "hai", True),
    ],
)
def test_choice_equality(source: str, value: str, expected: bool) -> None:
    """It compares a choice field with one of its own values, ordered or not."""
    record = {"muc": value, "loai": value}
    assert compile_rule(source, FIELDS).run(record) is expected


@pytest.mark.parametrize(("value", "at_least_kha"), [("kem", False), ("kha", True), ("tot", True)])
def test_ordered_choice_compares_by_rank(value: str, at_least_kha: bool) -> None:
    """It orders an 'ordered: true' choice field by the order its choices are listed."""
    assert run("muc >= 'kha'", muc=value) is at_least_kha
    assert run("'kha' > muc", muc=value) is (value == "kem")
    assert run("muc >= 'kha'") is MISSING


def test_ordered_choice_against_an_unknown_text_is_missing() -> None:
    """It gives MISSING, not KeyError, when a choice is ordered against an unknown text."""
    assert run("muc >= t", muc="kha", t="gioi") is MISSING
    assert run("muc >= t", muc="kha", t="kem") is True


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("loai >= 'mot'", "không có thứ tự"),
        ("loai < loai", "không có thứ tự"),
        ("muc == 'gioi'", "'gioi' không phải lựa chọn của 'muc'"),
        ("'gioi' != muc", "'gioi' không phải lựa chọn"),
        ("muc >= 'gioi'", "'gioi' không phải lựa chọn"),
        ("muc in ('tot', 'gioi')", "'gioi' không phải lựa chọn"),
        ("default(muc, 'gioi') == 'tot'", "'gioi' không phải lựa chọn"),
        ("muc == 1", "là lựa chọn, không so với số"),
        ("muc == loai", "cùng một trường"),
    ],
)
def test_choice_misuse_is_rejected(source: str, message: str) -> None:
    """It rejects ordering an unordered choice, unknown choice values and foreign types."""
    rejects(source, message)


# --- present() and default() -----------------------------------------------------------


def test_present() -> None:
    """It tells with present() whether a value was given, never giving MISSING itself."""
    assert run("present(b)") is False
    assert run("present(b)", b=0) is True
    assert run("present(b) and b > 0") is False
    assert run("not present(a + b)", a=1) is True


def test_default() -> None:
    """It replaces a missing value with default()'s fallback and keeps a present one."""
    assert run("default(b, 0) >= 0") is True
    assert run("default(b, 0) == 5", b=5) is True
    assert run("default(f, False)") is False
    assert run("default(f, False)", f=True) is True
    assert run("default(t, 'x') == 'x'") is True
    assert run("default(muc, 'kem') < 'kha'") is True


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("present()", "đúng một tham số"),
        ("present(a, b)", "đúng một tham số"),
        ("default(a) > 0", "đúng hai tham số"),
        ("default(a, 'x') > 0", "cần số"),
        ("default(f, 0)", "cần đúng/sai"),
        ("abs(a, b) > 0", "đúng 1 tham số"),
        ("max() > 0", "ít nhất một tham số"),
        ("max(a, key=b) > 0", "tham số có tên"),
    ],
)
def test_function_arguments_are_checked(source: str, message: str) -> None:
    """It rejects calls with the wrong number, kind or style of arguments."""
    rejects(source, message)


# --- types -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("f + 1 > 0", "'f' là đúng/sai, cần số"),
        ("a + f > 0", "'f' là đúng/sai, cần số"),
        ("t < u", "không so sánh lớn/nhỏ được chữ"),
        ("t >= 'a'", "không so sánh lớn/nhỏ được chữ"),
        ("f < g", "không so sánh lớn/nhỏ được đúng/sai"),
        ("a == t", "không so sánh được số với chữ"),
        ("f == 1", "không so sánh được đúng/sai với số"),
        ("d == 1", "không so sánh được ngày với số"),
        ("a and f", "'a' là số, cần đúng/sai"),
        ("not a", "'a' là số, cần đúng/sai"),
        ("-f", "'f' là đúng/sai, cần số"),
        ("t + u == t", "'t' là chữ, cần số"),
        ("'x' * 2 == t", "là chữ, cần số"),
        ("(a if f else t) == 1", "'t' là chữ, cần số"),
        ("(a if b else a) > 0", "'b' là số, cần đúng/sai"),
    ],
)
def test_type_errors_are_rejected(source: str, message: str) -> None:
    """It rejects rules that mix booleans, numbers, text and dates wrongly."""
    rejects(source, message)


def test_rule_reports_kind_and_fields() -> None:
    """It records the result kind and the sorted, de-duplicated fields a rule reads."""
    rule = compile_rule("b >= a or a == 0 or present(x)", FIELDS)
    assert rule.kind.name == "bool"
    assert rule.fields == ("a", "b", "x")
    assert compile_rule("a + 1", FIELDS).kind.name == "number"
    assert compile_rule("muc", FIELDS).kind.field is FIELDS["muc"]


# --- forbidden syntax ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("z > 0", "trường 'z' chưa được khai báo"),
        ("a.__class__ == 1", "truy cập thuộc tính"),
        ("t.upper() == 'X'", "chỉ được gọi các hàm"),
        ("__import__('os') == 1", "chỉ được gọi các hàm"),
        ("open('/etc/passwd') == 1", "chỉ được gọi các hàm"),
        ("eval('1') == 1", "chỉ được gọi các hàm"),
        ("(lambda: a)() > 0", "chỉ được gọi các hàm"),
        ("max(lambda: a, 0) > 0", "hàm lambda"),
        ("max([a for a in (1, 2)]) > 0", "vòng lặp"),
        ("max(a for a in (1, 2)) > 0", "vòng lặp"),
        ("a[0] > 1", "lấy phần tử"),
        ("(a := 1) > 0", "phép gán"),
        ("f'{a}' == t", "chuỗi f"),
        ("a ** 99999999 > 1", r"chỉ cho phép \+ - \* /"),
        ("a // 2 > 1", r"chỉ cho phép \+ - \* /"),
        ("a % 2 == 1", r"chỉ cho phép \+ - \* /"),
        ("~a > 0", "toán tử một ngôi"),
        ("a is b", "không cho phép phép so sánh"),
        ("a == None", "không cho phép hằng"),
        ("a == 1j", "không cho phép hằng"),
        ("a >= (1", "sai cú pháp ở ký tự"),
        ("a >=", "sai cú pháp"),
    ],
)
def test_forbidden_syntax_is_rejected(source: str, message: str) -> None:
    """It rejects undeclared names, attributes, foreign calls and non-whitelisted syntax."""
    rejects(source, message)


@pytest.mark.parametrize("source", ["a >= (1", "a >=", "a > 1 )", "'x", "a\x00 > 1"])
def test_syntax_errors_are_worded_in_vietnamese(source: str) -> None:
    """It rejects malformed rules without passing on Python's English parser message."""
    with pytest.raises(ExprError) as caught:
        compile_rule(source, FIELDS)
    message = str(caught.value)
    assert message.startswith("sai cú pháp")
    assert not any(word in message for word in ("invalid", "never", "closed", "syntax", "EOF"))


# --- limits ----------------------------------------------------------------------------


def test_length_limit() -> None:
    """It accepts a rule of exactly MAX_LENGTH characters and rejects a longer one."""
    assert run("a > 0" + " " * (MAX_LENGTH - 5), a=1) is True
    rejects("a > 0" + " " * (MAX_LENGTH - 4), f"dài quá {MAX_LENGTH} ký tự")


def test_depth_limit() -> None:
    """It accepts nesting up to MAX_DEPTH and rejects nesting one level deeper."""
    assert run("-" * (MAX_DEPTH - 1) + "a > 0", a=-1) is True
    rejects("-" * MAX_DEPTH + "a > 0", f"lồng quá {MAX_DEPTH} tầng")
    rejects("not " * (MAX_DEPTH + 1) + "f", f"lồng quá {MAX_DEPTH} tầng")


@pytest.mark.parametrize(
    "source",
    [
        "a ** (" + "-" * 900 + "a) > 1",
        "a % (" + "-" * 900 + "a) > 1",
        "a == 'x' < (" + "-" * 900 + "a)",
        "a is (" + "-" * 900 + "a)",
    ],
)
def test_deep_rule_in_an_error_message_does_not_crash(source: str) -> None:
    """It rejects a deep rule with ExprError even when the error quotes that rule."""
    assert len(source) <= MAX_LENGTH
    with pytest.raises(ExprError):
        compile_rule(source, FIELDS)


def test_constant_limit() -> None:
    """It rejects numeric constants beyond 10**12 (and infinity) but accepts 10**12."""
    assert run("a < 1000000000000", a=1) is True
    rejects("a < 1000000000001", "quá lớn")
    rejects("a < 1e400", "quá lớn")


# --- property: compiled rules agree with a reference evaluation ------------------------

PROPERTY_FIELDS = {name: _field(name, "integer") for name in ("p", "q", "r")}
ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}
COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
Tree = tuple[Any, ...]


def _extend_numbers(children: st.SearchStrategy[Tree]) -> st.SearchStrategy[Tree]:
    condition = st.tuples(
        st.just("cmp"),
        st.lists(st.sampled_from(sorted(COMPARISONS)), min_size=1, max_size=1),
        st.lists(children, min_size=2, max_size=2),
    )
    return st.one_of(
        st.tuples(st.just("bin"), st.sampled_from(sorted(ARITHMETIC)), children, children),
        st.tuples(st.just("neg"), children),
        st.tuples(st.just("call"), st.just("abs"), st.tuples(children)),
        st.tuples(
            st.just("call"),
            st.sampled_from(["min", "max"]),
            st.lists(children, min_size=1, max_size=3).map(tuple),
        ),
        st.tuples(st.just("default"), children, children),
        st.tuples(st.just("if"), condition, children, children),
    )


def numbers(max_leaves: int) -> st.SearchStrategy[Tree]:
    """Random arithmetic trees over the integer fields and constants up to 10**12."""
    return st.recursive(
        st.one_of(
            st.tuples(
                st.just("const"),
                st.integers(-2, 3)
                | st.integers(-1000, 1000)
                | st.sampled_from([10**12, -(10**12), 999_999_999_999]),
            ),
            st.tuples(st.just("field"), st.sampled_from(sorted(PROPERTY_FIELDS))),
        ),
        _extend_numbers,
        max_leaves=max_leaves,
    )


NUMBERS = numbers(8)
OPERANDS = numbers(4)


def _comparison_chain(draw: st.DrawFn) -> Tree:
    size = draw(st.integers(1, 3))
    ops = draw(st.lists(st.sampled_from(sorted(COMPARISONS)), min_size=size, max_size=size))
    operands = draw(st.lists(OPERANDS, min_size=size + 1, max_size=size + 1))
    return ("cmp", ops, operands)


BOOLEANS: st.SearchStrategy[Tree] = st.recursive(
    st.one_of(
        st.composite(_comparison_chain)(),
        st.tuples(st.just("bool"), st.booleans()),
        st.tuples(st.just("present"), st.sampled_from(sorted(PROPERTY_FIELDS))),
    ),
    lambda children: st.one_of(
        st.tuples(st.sampled_from(["and", "or"]), st.lists(children, min_size=2, max_size=3)),
        st.tuples(st.just("not"), children),
        st.tuples(st.sampled_from(["==", "!="]), children, children),
        st.tuples(st.just("if"), children, children, children),
    ),
    max_leaves=6,
)


def render(tree: Tree) -> str:
    """The rule source of a tree, every compound part in parentheses."""
    kind = tree[0]
    if kind == "const":
        return str(tree[1]) if tree[1] >= 0 else f"(-{-tree[1]})"
    if kind in ("field", "bool"):
        return str(tree[1])
    if kind == "present":
        return f"present({tree[1]})"
    if kind == "bin":
        return f"({render(tree[2])} {tree[1]} {render(tree[3])})"
    if kind == "neg":
        return f"(-{render(tree[1])})"
    if kind == "call":
        return f"{tree[1]}({', '.join(render(arg) for arg in tree[2])})"
    if kind == "default":
        return f"default({render(tree[1])}, {render(tree[2])})"
    if kind == "if":
        return f"({render(tree[2])} if {render(tree[1])} else {render(tree[3])})"
    if kind == "cmp":
        text = render(tree[2][0])
        for op, operand in zip(tree[1], tree[2][1:], strict=True):
            text += f" {op} {render(operand)}"
        return f"({text})"
    if kind in ("and", "or"):
        return "(" + f" {kind} ".join(render(part) for part in tree[1]) + ")"
    if kind == "not":
        return f"(not {render(tree[1])})"
    assert kind in ("==", "!="), kind
    return f"({render(tree[1])} {kind} {render(tree[2])})"


def depth(tree: Tree) -> int:
    """How deep the tree's syntax nests (a negative constant counts two levels)."""
    kind = tree[0]
    if kind == "const":
        return 2 if tree[1] < 0 else 1
    if kind in ("field", "bool", "present"):
        return 1
    children: list[Tree] = []
    for part in tree[1:]:
        if isinstance(part, tuple) and part and isinstance(part[0], str):
            children.append(part)
        elif isinstance(part, tuple | list):
            children += [p for p in part if isinstance(p, tuple)]
    return 1 + max(depth(child) for child in children)


def fields_of(tree: Tree) -> set[str]:
    if tree[0] in ("field", "present"):
        return {tree[1]}
    found: set[str] = set()
    for part in tree[1:]:
        if isinstance(part, tuple) and part and isinstance(part[0], str):
            found |= fields_of(part)
        elif isinstance(part, tuple | list):
            for p in part:
                if isinstance(p, tuple):
                    found |= fields_of(p)
    return found


def reference(tree: Tree, record: dict[str, int]) -> Any:
    """Evaluate a tree directly: Kleene logic, exact fractions, MISSING for absent values,
    x/0 and results past 10^300."""
    kind = tree[0]
    if kind in ("const", "bool"):
        return tree[1]
    if kind == "field":
        return record.get(tree[1], MISSING)
    if kind == "present":
        return tree[1] in record
    if kind == "default":
        value = reference(tree[1], record)
        return reference(tree[2], record) if value is MISSING else value
    if kind == "if":
        test = reference(tree[1], record)
        if test is MISSING:
            return MISSING
        return reference(tree[2] if test else tree[3], record)
    if kind in ("and", "or"):
        values = [reference(part, record) for part in tree[1]]
        decisive = kind == "or"
        if any(v is not MISSING and bool(v) is decisive for v in values):
            return decisive
        return MISSING if any(v is MISSING for v in values) else not decisive
    if kind == "cmp":
        operands = [reference(operand, record) for operand in tree[2]]
        links = [
            MISSING if left is MISSING or right is MISSING else COMPARISONS[op](left, right)
            for op, left, right in zip(tree[1], operands, operands[1:], strict=False)
        ]
        if any(link is False for link in links):
            return False
        return MISSING if any(link is MISSING for link in links) else True
    if kind == "bin":
        args = [reference(tree[2], record), reference(tree[3], record)]
    elif kind == "call":
        args = [reference(arg, record) for arg in tree[2]]
    else:
        args = [reference(part, record) for part in tree[1:]]
    if any(arg is MISSING for arg in args):
        return MISSING
    if kind == "neg":
        return -args[0]
    if kind == "not":
        return not args[0]
    if kind in ("==", "!="):
        return COMPARISONS[kind](args[0], args[1])
    if kind == "call":
        return {"abs": lambda v: abs(v[0]), "min": min, "max": max}[tree[1]](args)
    if tree[1] == "/" and args[1] == 0:
        return MISSING
    # Exact rational arithmetic; past 10^300 a result is no figure and is missing.
    result = ARITHMETIC[tree[1]](Fraction(args[0]), Fraction(args[1]))
    return MISSING if abs(result) > 10**300 else result


def same(got: Any, want: Any) -> bool:
    if isinstance(got, float) and isinstance(want, float) and math.isnan(want):
        return math.isnan(got)
    return got is want if want is MISSING or isinstance(want, bool) else got == want


# Mostly small values, so that comparisons go both ways and divisors are often zero.
VALUES = st.integers(-2, 3) | st.integers(-(10**6), 10**6) | st.just(10**12)
FULL_RECORDS = st.fixed_dictionaries(dict.fromkeys(PROPERTY_FIELDS, VALUES))
PARTIAL_RECORDS = st.dictionaries(st.sampled_from(sorted(PROPERTY_FIELDS)), VALUES)


@settings(deadline=None, max_examples=250)
@given(tree=BOOLEANS, record=FULL_RECORDS)
def test_boolean_rules_match_the_reference(tree: Tree, record: dict[str, int]) -> None:
    """It compiles random boolean rules over integer fields and agrees with the reference."""
    source = render(tree)
    assume(depth(tree) <= MAX_DEPTH - 5 and len(source) <= MAX_LENGTH)
    rule = compile_rule(source, PROPERTY_FIELDS)
    assert rule.kind.name == "bool"
    assert set(rule.fields) == fields_of(tree)
    assert same(rule.run(record), reference(tree, record))


@settings(deadline=None, max_examples=250)
@given(tree=NUMBERS, record=FULL_RECORDS)
def test_arithmetic_matches_the_reference(tree: Tree, record: dict[str, int]) -> None:
    """It compiles random arithmetic over integer fields and computes the reference value."""
    source = render(tree)
    assume(depth(tree) <= MAX_DEPTH - 5 and len(source) <= MAX_LENGTH)
    rule = compile_rule(source, PROPERTY_FIELDS)
    assert rule.kind.name == "number"
    assert same(rule.run(record), reference(tree, record))


@settings(deadline=None, max_examples=250)
@given(tree=BOOLEANS, record=PARTIAL_RECORDS)
def test_rules_never_raise_with_missing_values(tree: Tree, record: dict[str, int]) -> None:
    """It runs random rules on records with missing values without raising, as the reference."""
    source = render(tree)
    assume(depth(tree) <= MAX_DEPTH - 5 and len(source) <= MAX_LENGTH)
    result = compile_rule(source, PROPERTY_FIELDS).run(record)
    assert result is True or result is False or result is MISSING
    assert same(result, reference(tree, record))
