"""Finding the header row and matching its cells to declared fields.

A header cell matches a field when it names the field's id, label or one of its aliases,
compared as ``header_text`` says: folded, then without spaces and punctuation, then with
abbreviations written out. A header typed in a legacy encoding (TCVN3, VNI) matches once
converted; the conversion is reported. Cells of the header that name no field are kept, to
tell the user which columns were ignored; an "STT" column is kept apart (it can stand in
for a missing id column).

Officers often put a group title over several columns, merged across them ("Điểm" over
"TC3" and "TC4") while the other titles are merged down over both rows. Such a two-row
header is read column by column: the lower cell alone, else the group title and the lower
cell together ("Điểm TC3", or "Số trẻ" under "Trẻ em trong độ tuổi phổ cập" as "Số trẻ trong
độ tuổi phổ cập"); where the lower cell is empty, the upper cell alone. It is used
when it names more fields than either row does, and the lower row holds no applicant id (so
it is no data).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hoctap_cli.criteria.model import Criteria
from hoctap_cli.records.header_text import compact, expanded, in_group, name_variants, words
from hoctap_cli.records.legacy_text import alternatives
from hoctap_cli.text import fold

HEADER_SCAN_ROWS = 30
# The row-number column, compact: it names no field, but gives each row a place in the list.
STT_NAMES = ("stt", "tt", "sott", "sothutu")
STT_LABELS = "'STT', 'TT', 'Số TT', 'Số thứ tự'"
# Columns every list may keep that no criteria scores: not worth a notice that they are ignored.
NEVER_SCORED = ("ghichu", "kyten", "chuky", "kynhan", "kyxacnhan")

Converted = tuple[int, str, str, str]  # column, text as typed, text in Unicode, encoding


@dataclass(frozen=True)
class HeaderMatch:
    """A header row and, for each matched field, its 0-based column."""

    row_index: int  # position in the scanned rows of the header's last row
    columns: dict[str, int]
    duplicates: dict[str, list[int]]  # field → later columns naming the same field
    converted: tuple[Converted, ...] = ()  # header cells typed in a legacy encoding
    rows: int = 1  # 2 when a group title row stands above the column names
    unmatched: tuple[tuple[int, str], ...] = ()  # column, header text naming no field
    stt: int | None = None  # the row-number column, if any

    @property
    def score(self) -> int:
        return len(self.columns)


_REMEMBERED = 1 << 16  # header texts remembered per criteria file


class Names:
    """Every name of every field of one criteria file, in the forms header cells are
    compared in, strictest first; answers are remembered (a header repeats across sheets)."""

    def __init__(self, criteria: Criteria) -> None:
        self.forms: tuple[dict[str, str], ...] = ({}, {}, {})
        self.labels: list[tuple[str, str]] = []  # every name as written, and its field
        for field in criteria.fields:
            for name in (field.id, field.label, *field.aliases):
                for written in (name, *name_variants(name)):
                    self.labels.append((written, field.id))
                    for form, key in zip(self.forms, _keys(written), strict=True):
                        form.setdefault(key, field.id)
        self._word_sets = [(frozenset(words(name)), f) for name, f in self.labels]
        self._seen: dict[str, str | None] = {}
        self._grouped: dict[tuple[str, str], str | None] = {}

    def get(self, text: str) -> str | None:
        """The field ``text`` names, if any."""
        if text in self._seen:
            return self._seen[text]
        found = next(
            (form[key] for form, key in zip(self.forms, _keys(text), strict=True) if key in form),
            None,
        )
        if len(self._seen) > _REMEMBERED:  # a batch of many odd sheets: start afresh
            self._seen.clear()
        self._seen[text] = found
        return found

    def grouped(self, group: str, sub: str) -> str | None:
        """The field a sub-header names under its group title, when exactly one does."""
        key = (group, sub)
        if key not in self._grouped:
            above, below = frozenset(words(group)), frozenset(words(sub))
            fields = {f for name, f in self._word_sets if in_group(above, below, name)}
            self._grouped[key] = fields.pop() if len(fields) == 1 else None
        return self._grouped[key]


# Every criteria file's labels and every header cell are folded three ways; the catalogue's
# files share most labels, and a sheet repeats its headers: fold each text once.
@functools.lru_cache(maxsize=8192)
def _keys(text: str) -> tuple[str, str, str]:
    return fold(text), compact(text), expanded(text)


_NAMES: dict[int, tuple[Criteria, Names]] = {}


def header_names(criteria: Criteria) -> Names:
    """The names of ``criteria``'s fields, built once per criteria file."""
    cached = _NAMES.get(id(criteria))
    if cached is None or cached[0] is not criteria:
        if len(_NAMES) > 64:
            _NAMES.clear()
        cached = _NAMES[id(criteria)] = (criteria, Names(criteria))
    return cached[1]


def _label(cell: Any) -> str | None:
    if isinstance(cell, float):
        return f"{cell:g}"  # Excel keeps a header typed as 1.3 (an item number) as a number
    if isinstance(cell, str) and cell.strip():
        return cell
    return None


def _field_of(text: str | None, names: Names) -> tuple[str | None, tuple[str, str] | None]:
    """The field ``text`` names, and (Unicode text, encoding) when it was legacy text."""
    if text is None:
        return None, None
    field_id = names.get(text)
    if field_id is not None:
        return field_id, None
    for encoding, converted in _legacy_forms(text):
        field_id = names.get(converted)
        if field_id is not None:
            return field_id, (converted, encoding)
    return None, None


@functools.lru_cache(maxsize=4096)
def _legacy_forms(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(alternatives(text))


class _Matcher:
    """Collects fields column by column, remembering repeats and converted cells."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.columns: dict[str, int] = {}
        self.duplicates: dict[str, list[int]] = {}
        self.converted: list[Converted] = []
        self.unmatched: list[tuple[int, str]] = []
        self.stt: int | None = None

    def add(self, index: int, texts: Sequence[str | None], group: str | None = None) -> None:
        """Match column ``index`` by the first of ``texts`` naming a field; ``group`` is the
        title over it, for a sub-header that names a field only with its group's words."""
        for text in texts:
            field_id, legacy = _field_of(text, self.names)
            if field_id is None:
                continue
            if legacy is not None and text is not None:
                self.converted.append((index, text, *legacy))
            self._found(index, field_id)
            return
        shown = next((t for t in texts if t), None)
        if shown is None:
            return
        below = texts[0]
        grouped = self.names.grouped(group, below) if group and below else None
        if grouped is not None:
            self._found(index, grouped)
        elif compact(shown) in STT_NAMES or (below and compact(below) in STT_NAMES):
            self.stt = index if self.stt is None else self.stt
        elif compact(below or shown) not in NEVER_SCORED:
            self.unmatched.append((index, shown))

    def _found(self, index: int, field_id: str) -> None:
        if field_id in self.columns:
            self.duplicates.setdefault(field_id, []).append(index)
        else:
            self.columns[field_id] = index

    def match(self, row_index: int, rows: int = 1) -> HeaderMatch:
        converted, unmatched = tuple(self.converted), tuple(self.unmatched)
        return HeaderMatch(
            row_index, self.columns, self.duplicates, converted, rows, unmatched, self.stt
        )


def match_row(cells: Sequence[Any], names: Names, row_index: int = 0) -> HeaderMatch:
    """The fields named in one row."""
    matcher = _Matcher(names)
    for index, cell in enumerate(cells):
        matcher.add(index, [_label(cell)])
    return matcher.match(row_index)


def match_pair(
    upper: Sequence[Any], lower: Sequence[Any], names: Names, row_index: int
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
            matcher.add(index, [bottom, f"{group} {bottom}" if group else None], group)
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
            if (id_field not in match.columns and match.stt is None) or match.score < 2:
                continue
            if best is None or match.score > best.score:
                best = match
    return best


def near_header(rows: Sequence[Sequence[Any]], criteria: Criteria) -> HeaderMatch | None:
    """The single row naming the most fields when no header has an id or STT column: to
    say which column is missing rather than that there is no header. A row counts when it
    names at least three fields and they are most of its cells (not a row of numbers that
    happen to be item numbers)."""
    names = header_names(criteria)
    matches = [match_row(cells, names, i) for i, cells in enumerate(rows[:HEADER_SCAN_ROWS])]
    likely = [m for m in matches if m.score >= 3 and m.score > len(m.unmatched)]
    return max(likely, key=lambda match: match.score, default=None)


def _no_data_below(pair: HeaderMatch, lower: Sequence[Any], names: Names, id_field: str) -> bool:
    """The lower row of a two-row header holds a title or nothing under the id column (or,
    without one, under the STT column)."""
    column = pair.columns.get(id_field, pair.stt)
    if column is None:
        return False
    text = _label(lower[column]) if column < len(lower) else None
    return text is None or _field_of(text, names)[0] == id_field
