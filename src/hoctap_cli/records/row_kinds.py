"""What a row under a table's header is, as a person reading the sheet would say.

Pure tests on one row of cells: a row numbering the columns ("(1) (2) (3)", "1 2 3",
"A B 1 2 3"), a total ("Tổng cộng", "Cộng", "Tổng số", "Tổng"), a line of the signature
block ("…, ngày … tháng … năm …", "Người lập biểu", "TM.", "KT.", "CHỦ TỊCH", "(Ký …)"), a
section heading ("I. Thôn Quảng Tiến", or "I" | "Thôn 1") and the village a heading names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from hoctap_cli.text import canonical, fold

Cells = Sequence[tuple[int, Any]]  # (0-based column, value) of the non-blank cells of a row

_NUMBER_TOKEN = re.compile(r"^\(?(\d{1,3})\)?(?:\s*=.*)?$")
_LETTER_TOKEN = re.compile(r"^\(?([A-Z])\)?$")
_TOTAL = re.compile(r"^(?:tong cong|tong so|tong|cong)(?!\s+(?:dong|dan|nhan|tac|hoa|ty|viec))\b")
_SIGNATURE = re.compile(
    r"ngay\b.*\bthang\b.*\bnam\b"  # the place-and-date line
    r"|^nguoi (?:lap|duyet|ky|kiem tra)\b"
    r"|^(?:tm|kt|tl|tuq|q)\s*[./]\s*\S"  # on behalf of: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
    r"|^(?:pho )?chu tich\b"
    r"|^(?:truong|pho truong) (?:thon|ban|ap|buon|ban cong tac mat tran|khu|xom|to dan pho)\b"
    r"|^(?:bi thu|thu truong don vi|ke toan|can bo van hoa)\b"
    r"|^\(?\s*ky\s*(?:,|ten|va|ghi|$|\))"  # "(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)"
    r"|^xac nhan cua\b"
)
_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")
_MARKER = re.compile(r"^\s*([IVXLC]+|[A-ZĐ]|\d{1,3})\s*[.):-]?\s*$")
# "I. Thôn 1", "A) Hộ mới", "2 - Xóm Bãi": a numeral or capital letter, a stop, words.
_MARKED_TEXT = re.compile(r"^\s*([IVXLC]+|[A-ZĐ]|\d{1,3})\s*[.):-]\s*([^\W\d_]{2}.*)$", re.S)
# Words a village (or a street group in town) is called by. Folded where the word cannot be
# mistaken; with its marks where the bare letters are another word too ("Ban" is a board).
_VILLAGE_FOLDED = re.compile(
    r"^(?:thon|buon|xom|lang|khu pho|khoi pho|to dan pho|khu dan cu|plei|phum)\s+\S"
)
_VILLAGE_MARKED = re.compile(r"^(?:bản|ấp|tổ|khu|khối|bon|sóc)\s+\S")


def column_numbers(cells: Cells) -> bool:
    """A row numbering the columns: each a number (or letter) rising one per column."""
    if len(cells) < 3:
        return False
    offsets: dict[str, set[int]] = {"number": set(), "letter": set()}
    for column, value in cells:
        token = _token(value)
        if token is None:
            return False
        kind, rank = token
        offsets[kind].add(rank - column)
    return all(len(found) <= 1 for found in offsets.values())


def _token(value: Any) -> tuple[str, int] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return ("number", int(value)) if float(value).is_integer() else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    number = _NUMBER_TOKEN.match(text)
    if number:
        return "number", int(number.group(1))
    letter = _LETTER_TOKEN.match(text)
    if letter:
        return "letter", ord(letter.group(1)) - ord("A")
    return None


def total_label(cells: Cells) -> str | None:
    """The label of a total row: its first cell, when that cell says "Tổng cộng" or the like."""
    if not cells or not isinstance(cells[0][1], str):
        return None
    text = cells[0][1]
    return canonical(text) if _TOTAL.match(fold(text)) else None


def signature_line(cells: Cells) -> str | None:
    """The text of a signature-block line, when every cell of the row is such text."""
    if not cells or len(cells) > 3 or not all(isinstance(value, str) for _, value in cells):
        return None
    for _, value in cells:
        if _SIGNATURE.search(fold(value)):
            return canonical(str(cells[0][1]))
    return None


def section_heading(cells: Cells, merged_across: bool) -> tuple[str, str | None] | None:
    """A section row ("I. Thôn 1", "I" | "Thôn 1"): its heading and the village it names.

    A lone text cell is a heading when it starts with a numeral or letter and a stop,
    names a village, or is merged across several columns. Two cells are a heading when the
    first is a numeral or letter and the second text; a plain number then counts only
    when the text names a village (else it is a row numbered in its STT column).
    """
    texts = [value for _, value in cells]
    if len(texts) == 1 and isinstance(texts[0], str):
        text = canonical(texts[0])
        marked = _MARKED_TEXT.match(text)
        if marked and _is_marker(marked.group(1)):
            village = village_of(marked.group(2))
            if not marked.group(1).isdigit() or village is not None:
                return text, village
        village = village_of(text)
        return (text, village) if merged_across or village else None
    if len(texts) != 2 or not isinstance(texts[1], str) or isinstance(texts[0], bool):
        return None
    marker = str(_plain(texts[0])).strip()
    if not isinstance(texts[0], str | int | float) or not _MARKER.match(marker):
        return None
    bare = marker.rstrip(".):/-").strip()
    village = village_of(texts[1])
    if not _is_marker(bare) or (bare.isdigit() and village is None):
        return None
    return f"{marker} {canonical(texts[1])}", village


def _is_marker(marker: str) -> bool:
    folded = marker.lower()
    return bool(_ROMAN.match(folded)) or len(marker) == 1 or marker.isdigit()


def _plain(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def village_of(text: str) -> str | None:
    """The village a heading's text names ("Thôn Quảng Tiến"), if it names one.

    A heading typed in capitals ("THÔN QUẢNG TIẾN") gives the village as rows write it
    ("Thôn Quảng Tiến"), so that both count as one village.
    """
    text = canonical(text)
    if _VILLAGE_FOLDED.match(fold(text)) or _VILLAGE_MARKED.match(text.lower()):
        return text.title() if text.isupper() else text
    return None
