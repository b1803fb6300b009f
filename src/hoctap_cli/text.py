"""Vietnamese text helpers: canonical form and the folded form used to match headers."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


def canonical(text: str) -> str:
    """NFC, trimmed: how a value is stored and shown."""
    return unicodedata.normalize("NFC", text).strip()


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: 'Số  trẻ\\nđi HỌC' → 'so tre di hoc'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.translate(_FOLD_TABLE)).strip().lower()


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
