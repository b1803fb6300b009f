"""Text and cells as spreadsheet XML, for the streamed annotated copy.

Everything that comes from the inputs or the wording is escaped here, so it stays inert:
a cell is written as a number or as an inline string (``t="inlineStr"``), never as a
formula, and ``<b>`` stays the three characters it is. Characters XML 1.0 cannot hold
(control characters other than tab, line feed and carriage return) are left out; openpyxl
refuses such text outright, so the openpyxl copy cannot hold them either.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


def text(value: str) -> str:
    """``value`` as XML character data."""
    return _ILLEGAL.sub("", value).translate(_TEXT)


def attribute(value: str) -> str:
    """``value`` as a double-quoted XML attribute value."""
    return _ILLEGAL.sub("", value).translate(_ATTRIBUTE)


def space(escaped: str) -> str:
    """The ``xml:space`` attribute text whose spaces at either end must be kept needs."""
    if escaped[:1].isspace() or escaped[-1:].isspace():
        return ' xml:space="preserve"'
    return ""


@lru_cache(maxsize=4096)
def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """A → 1, AA → 27; 0 for anything else."""
    if not letters or not letters.isascii() or not letters.isalpha() or len(letters) > 3:
        return 0
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index


def number(value: int | float | Decimal) -> str:
    """A number as a cell's ``<v>`` holds it."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)
    return str(value)


def cell(ref: str, value: object, style: int, prefix: str = "") -> str:
    """One cell: a number, an inline string, or only its style when ``value`` is empty."""
    p = prefix
    s = f' s="{style}"' if style else ""
    kind = type(value)
    if kind is int:  # the common cases first: this runs for every new cell
        return f'<{p}c r="{ref}"{s}><{p}v>{value}</{p}v></{p}c>'
    if value is None or value == "":
        return f'<{p}c r="{ref}"{s}/>'
    if kind is not str:
        if isinstance(value, bool):
            return f'<{p}c r="{ref}"{s} t="b"><{p}v>{int(value)}</{p}v></{p}c>'
        if isinstance(value, int | float | Decimal):
            return f'<{p}c r="{ref}"{s}><{p}v>{number(value)}</{p}v></{p}c>'
    escaped = text(str(value))
    return (
        f'<{p}c r="{ref}"{s} t="inlineStr"><{p}is><{p}t{space(escaped)}>{escaped}'
        f"</{p}t></{p}is></{p}c>"
    )
