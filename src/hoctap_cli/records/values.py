"""Cell normalisers: one plain function per field type, fast enough for a province.

Each returns the normalised value, ``None`` for a blank cell, or raises ``BadValue``
with what was expected. Nothing is guessed: a value that is not clearly of the type is
reported, never coerced into something else.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Container, Iterable
from decimal import Decimal
from typing import Any

from hoctap_cli.criteria.model import FieldType, InputField
from hoctap_cli.errors import HoctapError
from hoctap_cli.exact import exact, exact_or_none, exact_text
from hoctap_cli.problems import ProblemCode, expected_words
from hoctap_cli.records.legacy_text import alternatives, repair
from hoctap_cli.text import canonical, fold


class BadValue(HoctapError):
    """A cell that is not a value of its field's type: what it should have been
    (``expected_kind``, a key of ``problems.EXPECTED``, with its ``params``).

    The reader catches it and reports a located ``Problem``: it never leaves the reader.
    """

    def __init__(
        self,
        expected_kind: str,
        params: dict[str, Any] | None = None,
        *,
        out_of_range: bool = False,
        choice: bool = False,
        **more: Any,
    ) -> None:
        code = (
            ProblemCode.out_of_range
            if out_of_range
            else ProblemCode.unknown_choice
            if choice
            else ProblemCode.bad_value
        )
        super().__init__(
            code=code, params={"expected_kind": expected_kind, **(params or {}), **more}
        )

    @property
    def message(self) -> str:
        return expected_words(self.params)

    @property
    def expected(self) -> str:
        """What the cell should have been, for people (the message itself)."""
        return self.message


TRUE_WORDS = frozenset({"x", "co", "c", "yes", "y", "1", "true", "dat", "d", "v", "✓", "✔", "roi"})
FALSE_WORDS = frozenset(
    {"khong", "k", "ko", "no", "n", "0", "false", "khong dat", "chua dat", "chua"}
)
_INTEGER = re.compile(r"^[+-]?\d+(?:[.,]0+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_DECIMAL_POINT = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_LAST_EXCEL_SERIAL = 2_958_465  # 31/12/9999


def is_blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _text(cell: Any, field: InputField) -> Any:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime | dt.date):
        return cell.strftime("%d/%m/%Y")
    return canonical(str(cell))


def _integer(cell: Any, field: InputField) -> Any:
    if cell.__class__ is float and cell.is_integer():  # what calamine gives for a count
        return int(cell)
    if isinstance(cell, bool):
        raise BadValue("integer")
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        if cell.is_integer():
            return int(cell)
        raise BadValue("integer")
    text = str(cell).strip()
    if _INTEGER.match(text):
        try:
            return int(re.split(r"[.,]", text)[0])
        except ValueError:  # thousands of digits: past Python's int-from-text limit
            raise BadValue("integer") from None
    raise BadValue("integer")


# Past this a cell holds no figure of a household or a commune (the float range the reader
# once had, rounded down): refused like a word in a number cell.
_MAX_NUMBER = Decimal(10) ** 300


def _number(cell: Any, field: InputField) -> Any:
    """A decimal number, exactly as written (see ``hoctap_cli.exact``)."""
    value = _decimal_of(cell)
    if abs(value) >= _MAX_NUMBER:
        raise BadValue("number")
    return value


def _decimal_of(cell: Any) -> Decimal:
    if isinstance(cell, bool):
        raise BadValue("number")
    if isinstance(cell, int):
        if abs(cell) >= 10**300:
            raise BadValue("number")
        return Decimal(cell)
    if isinstance(cell, float):
        _finite(cell)
        return _float_decimal(cell)
    if isinstance(cell, Decimal):
        if not cell.is_finite():
            raise BadValue("number")
        return exact_text(str(cell))
    text = str(cell).strip()
    if _DECIMAL_COMMA.match(text):
        return _text_decimal(text.replace(",", "."))
    if _DECIMAL_POINT.match(text):
        return _text_decimal(text)
    raise BadValue("decimal")


# A province's cells hold few distinct numbers (scores, counts): converting each once keeps
# exact decimals as cheap to read as floats were. Decimals are immutable, so sharing is safe;
# 0.0 and -0.0 share an entry, which is right since both read as 0.
@functools.lru_cache(maxsize=4096)
def _float_decimal(cell: float) -> Decimal:
    return exact_text(repr(cell))  # the decimal the cell was typed as (see exact)


_text_decimal = functools.lru_cache(maxsize=4096)(exact_text)


def _finite(value: float) -> float:
    """NaN and infinity (YAML's .nan/.inf, digits past the float range) are not data."""
    if not math.isfinite(value):
        raise BadValue("number")
    return value


def _boolean(cell: Any, field: InputField) -> Any:
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int | float) and cell in (0, 1):
        return bool(cell)
    word = fold(str(cell))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise BadValue("boolean")


def _date(cell: Any, field: InputField) -> Any:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if 1 <= cell <= _LAST_EXCEL_SERIAL and float(cell).is_integer():
            return _EXCEL_EPOCH + dt.timedelta(days=int(cell))
        raise BadValue("date")
    text = str(cell).strip()
    found = _DMY.match(text)
    parts = (found.group(3), found.group(2), found.group(1)) if found else None
    if parts is None and (found := _YMD.match(text)):
        parts = (found.group(1), found.group(2), found.group(3))
    if parts is not None:
        try:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            pass
    raise BadValue("date_example")


def _choice(cell: Any, field: InputField) -> Any:
    word = fold(_text(cell, field))
    for choice in field.choices:
        if word in {fold(choice.value), fold(choice.label), *(fold(a) for a in choice.aliases)}:
            return choice.value
    raise BadValue("choices", choice=True, choices=[choice.label for choice in field.choices])


_NORMALISERS: dict[FieldType, Callable[[Any, InputField], Any]] = {
    FieldType.text: _text,
    FieldType.integer: _integer,
    FieldType.number: _number,
    FieldType.boolean: _boolean,
    FieldType.date: _date,
    FieldType.choice: _choice,
}


def normaliser(field: InputField) -> Callable[[Any], Any]:
    """A function turning one raw cell of ``field`` into its value (or raising BadValue)."""
    convert = _NORMALISERS[field.type]
    # Bounds compare exactly: 0.1 in a criteria file is the decimal 0.1, not a float.
    low, high = exact_or_none(field.min), exact_or_none(field.max)
    blank: Any = field.when_blank
    if field.type is FieldType.integer and isinstance(blank, float) and blank.is_integer():
        blank = int(blank)  # the model keeps numbers as floats; a count stays a whole number
    elif field.type is FieldType.number and isinstance(blank, float):
        blank = exact(blank)

    def run(cell: Any) -> Any:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return blank
        value = convert(cell, field)
        if (low is not None and value < low) or (high is not None and value > high):
            raise BadValue(*_bounds(low, high), out_of_range=True)
        return value

    def run_unbounded(cell: Any) -> Any:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return blank
        return convert(cell, field)

    return Remembering(run_unbounded if low is None and high is None else run)


# A province's sheet has hundreds of thousands of rows but few distinct cells per column (a
# count of 2, a score of 7.5, "x", a village's name), so each column's normaliser remembers
# what it made of each cell. Keyed with the cell's type, since True == 1 == 1.0 as dict keys
# and a boolean is refused where a count is read; refusals are not remembered (each raise
# makes its own problem). Bounded: a column of names misses every time and must not grow.
NORMALISED_MEMORY = 4096
UNSEEN: Any = object()


class Remembering:
    """A normaliser with its memory: ``memory[(type(cell), cell)]`` is what it made of
    ``cell``; a reader's hot loop may look there first and call it only on a miss."""

    __slots__ = ("convert", "memory")

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self.convert = convert
        self.memory: dict[tuple[type, Any], Any] = {}

    def __call__(self, cell: Any) -> Any:
        key = (cell.__class__, cell)
        try:
            value = self.memory.get(key, UNSEEN)
        except TypeError:  # a value that cannot be remembered
            return self.convert(cell)
        if value is UNSEEN:
            value = self.convert(cell)
            if len(self.memory) < NORMALISED_MEMORY:
                self.memory[key] = value
        return value


def _bounds(low: Decimal | None, high: Decimal | None) -> tuple[str, dict[str, str]]:
    """The kind of range (``between``, ``at_least``, ``at_most``) and its limits."""
    if low is not None and high is not None:
        return "between", {"low": f"{low:g}", "high": f"{high:g}"}
    return (
        ("at_least", {"low": f"{low:g}"}) if low is not None else ("at_most", {"high": f"{high:g}"})
    )


def absent_defaults(fields: Iterable[InputField], present: Container[str]) -> dict[str, Any]:
    """What a column the input does not have stands for: its ``when_blank``, as for a blank cell."""
    return {
        f.id: normaliser(f)(None)
        for f in fields
        if f.when_blank is not None and f.id not in present
    }


def unlegacy(
    cell: str, kind: FieldType, convert: Callable[[Any], Any], prefer: str | None = None
) -> tuple[str, str | None]:
    """``cell`` in Unicode and the legacy encoding it came from, if it was legacy text.

    Free text is converted when that makes it well-formed Vietnamese; a word from a list
    (có/không, a choice) when only its converted form is one of the words. ``prefer`` is
    the encoding other cells of the file were in, tried first.
    """
    if kind is FieldType.text:
        return repair(cell, prefer)
    if kind not in (FieldType.boolean, FieldType.choice):
        return cell, None
    try:
        convert(cell)
        return cell, None
    except BadValue:
        pass
    for encoding, converted in sorted(alternatives(cell), key=lambda a: a[0] != prefer):
        try:
            convert(converted)
        except BadValue:
            continue
        return converted, encoding
    return cell, None
