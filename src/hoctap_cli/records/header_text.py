"""How a header cell is compared with field names, forgiving what people type.

Three forms of a name, tried in turn, strictest first:

1. folded: no case, no diacritics, single spaces ("Số trẻ đi học" → "so tre di hoc");
2. compact: folded with every space and punctuation mark removed, so "Điểm TC 3",
   "Điểm TC3" and "Điểm TC.3" are one name;
3. expanded: compact after writing out the abbreviations of ``ABBREVIATIONS``, so "Mã DH"
   is "Mã dòng họ" and "Điểm TC3" is "Điểm tiêu chí 3".

A field label with an explanation in brackets ("Điểm 1.3 (trẻ ngoan …)") is also known by
the part before the bracket.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from hoctap_cli.text import fold

# The one table of abbreviations officers write in column titles, folded (no diacritics).
# Each is a whole word of the header, or letters glued to a number ("TC3" is "TC" and "3").
# Ambiguous ones stay out: "CĐHT" is Cộng đồng học tập as often as Công dân học tập.
ABBREVIATIONS: dict[str, str] = {
    "hgd": "ho gia dinh",  # HGĐ
    "gd": "gia dinh",  # GĐ
    "dh": "dong ho",  # DH, ĐH in a household list: the clan, not a university
    "tc": "tieu chi",  # TC1 … TC4
    "cs": "chi so",  # CS: an indicator
    "hl": "hoc luc",  # HL
    "hk": "hanh kiem",  # HK
    "tb": "trung binh",  # TB
    "sl": "so luong",  # SL
    "ht": "hoc tap",  # GĐHT, DHHT
    "dv": "don vi",  # ĐV
    "tdp": "to dan pho",  # TDP
    "gdht": "gia dinh hoc tap",
    "dhht": "dong ho hoc tap",
}

_WORDS = re.compile(r"[a-z]+|[0-9]+")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_BRACKET = re.compile(r"\s*\(.*\)\s*$")


@functools.lru_cache(maxsize=8192)
def compact(text: str) -> str:
    """Folded text without spaces or punctuation: 'Điểm TC.3' → 'diemtc3'."""
    return _NOT_WORD.sub("", fold(text))


@functools.lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` with abbreviations written out: 'Mã DH' → ('ma', 'dong', 'ho')."""
    found: list[str] = []
    for word in _WORDS.findall(fold(text)):
        found += ABBREVIATIONS.get(word, word).split()
    return tuple(found)


@functools.lru_cache(maxsize=8192)
def expanded(text: str) -> str:
    """Compact text after writing out abbreviations: 'Điểm TC 3' → 'diemtieuchi3'."""
    return "".join(words(text))


def name_variants(name: str) -> Iterable[str]:
    """The other names a field name is known by: without its bracketed explanation."""
    short = _BRACKET.sub("", name)
    if short and short != name:
        yield short


def in_group(group: frozenset[str], sub: frozenset[str], name: frozenset[str]) -> bool:
    """Whether a field name (its ``words``) is what a sub-header says under its group title:
    every word of the sub-header is in the name, every word of the name is in one of the
    two, and the group adds at least one ('Số trẻ' under 'Trẻ em trong độ tuổi phổ cập' is
    'Số trẻ trong độ tuổi phổ cập')."""
    return bool(sub) and sub <= name <= sub | group and bool(name & (group - sub))
