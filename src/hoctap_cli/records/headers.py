"""Finding the header row and matching its cells to declared fields.

A header cell matches a field when its folded text (no case, no diacritics, single
spaces) equals the field's id, label or one of its aliases. A header typed in a legacy
encoding (TCVN3, VNI) matches once converted; the conversion is reported.

Officers often put a group title over several columns, merged across them ("Điểm" over
"TC3" and "TC4") while the other titles are merged down over both rows. Such a two-row
header is read column by column: the lower cell alone, else the group title and the lower
cell together ("Điểm TC3"); where the lower cell is empty, the upper cell alone. It is used
when it names more fields than either row does, and the lower row holds no applicant id (so
it is no data).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hoctap_cli.criteria.model import Criteria
from hoctap_cli.records.legacy_text import alternatives
from hoctap_cli.text import fold

HEADER_SCAN_ROWS = 30

Converted = tuple[int, str, str, str]  # column, text as typed, text in Unicode, encoding


@dataclass(frozen=True)
class HeaderMatch:
    """A header row and, for each matched field, its 0-based column."""

    row_index: int  # position in the scanned rows of the header's last row
    columns: dict[str, int]
    duplicates: dict[str, list[int]]  # field → later columns naming the same field
    converted: tuple[Converted, ...] = ()  # header cells typed in a legacy encoding
    rows: int = 1  # 2 when a group title row stands above the column names

    @property
    def score(self) -> int:
        return len(self.columns)


def header_names(criteria: Criteria) -> dict[str, str]:
    """Folded header text → field id, for every id, label and alias."""
    names: dict[str, str] = {}
    for field in criteria.fields:
        for name in (field.id, field.label, *field.aliases):
            names.setdefault(fold(name), field.id)
    return names


def _label(cell: Any) -> str | None:
    if isinstance(cell, float):
        return f"{cell:g}"  # Excel keeps a header typed as 1.3 (an item number) as a number
    if isinstance(cell, str) and cell.strip():
        return cell
    return None


def _field_of(text: str | None, names: dict[str, str]) -> tuple[str | None, tuple[str, str] | None]:
    """The field ``text`` names, and (Unicode text, encoding) when it was legacy text."""
    if text is None:
        return None, None
    field_id = names.get(fold(text))
    if field_id is not None:
        return field_id, None
    for encoding, converted in _legacy_forms(text):
        field_id = names.get(fold(converted))
        if field_id is not None:
            return field_id, (converted, encoding)
    return None, None


@functools.lru_cache(maxsize=4096)
def _legacy_forms(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(alternatives(text))


class _Matcher:
    """Collects fields column by column, remembering repeats and converted cells."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.columns: dict[str, int] = {}
        self.duplicates: dict[str, list[int]] = {}
        self.converted: list[Converted] = []

    def add(self, index: int, texts: Sequence[str | None]) -> None:
        for text in texts:
            field_id, legacy = _field_of(text, self.names)
            if field_id is None:
                continue
            if legacy is not None and text is not None:
                self.converted.append((index, text, *legacy))
            if field_id in self.columns:
                self.duplicates.setdefault(field_id, []).append(index)
            else:
                self.columns[field_id] = index
            return

    def match(self, row_index: int, rows: int = 1) -> HeaderMatch:
        converted = tuple(self.converted)
        return HeaderMatch(row_index, self.columns, self.duplicates, converted, rows)


def match_row(cells: Sequence[Any], names: dict[str, str], row_index: int = 0) -> HeaderMatch:
    """The fields named in one row."""
    matcher = _Matcher(names)
    for index, cell in enumerate(cells):
        matcher.add(index, [_label(cell)])
    return matcher.match(row_index)


def match_pair(
    upper: Sequence[Any], lower: Sequence[Any], names: dict[str, str], row_index: int
) -> HeaderMatch:
    """The fields named by a group title row ``upper`` over the column names ``lower``."""
    matcher = _Matcher(names)
    group: str | None = None
    for index in range(max(len(upper), len(lower))):
        top = _label(upper[index]) if index < len(upper) else None
        bottom = _label(lower[index]) if index < len(lower) else None
        group = top or group  # a merged title is written in its first column only
        if bottom is None:  # a title merged down over both rows
            matcher.add(index, [top])
        else:
            matcher.add(index, [bottom, f"{group} {bottom}" if group else None])
    return matcher.match(row_index + 1, rows=2)


def find_header(rows: Sequence[Sequence[Any]], criteria: Criteria) -> HeaderMatch | None:
    """The row (or pair of rows) among ``rows`` naming the most fields, applicant id included."""
    names = header_names(criteria)
    id_field = criteria.identity.id
    scanned = rows[:HEADER_SCAN_ROWS]
    singles = [match_row(cells, names, index) for index, cells in enumerate(scanned)]
    best: HeaderMatch | None = None
    for index, single in enumerate(singles):
        candidates = [single]
        if index + 1 < len(scanned):
            pair = match_pair(scanned[index], scanned[index + 1], names, index)
            if pair.score > max(single.score, singles[index + 1].score) and _no_data_below(
                pair, scanned[index + 1], names, id_field
            ):
                candidates.append(pair)
        for match in candidates:
            if id_field not in match.columns or match.score < 2:
                continue
            if best is None or match.score > best.score:
                best = match
    return best


def _no_data_below(
    pair: HeaderMatch, lower: Sequence[Any], names: dict[str, str], id_field: str
) -> bool:
    """The lower row of a two-row header holds a title or nothing under the id column."""
    column = pair.columns.get(id_field)
    if column is None:
        return False
    text = _label(lower[column]) if column < len(lower) else None
    return text is None or _field_of(text, names)[0] == id_field
