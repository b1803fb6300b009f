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
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hoctap_cli.criteria.model import Criteria
from hoctap_cli.records.header_text import compact, expanded, in_group, name_variants, words
from hoctap_cli.records.legacy_text import alternatives, could_be_legacy
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
_ROWS_REMEMBERED = 4096  # matched rows (and pairs of rows) remembered per criteria file
Labels = tuple[str | None, ...]
# What a header text says alone: the field it names, its legacy reading, and its kind.
Said = tuple[str | None, tuple[str, str] | None, int]


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
        self._vocabulary = frozenset(word for names, _ in self._word_sets for word in names)
        # Every beginning of every compact and expanded name: a group title that begins
        # none can name nothing together with the cell under it (see ``may_begin``).
        self._beginnings = tuple(
            frozenset(key[:end] for key in form for end in range(len(key) + 1))
            for form in self.forms[1:]
        )
        self._seen: dict[str, str | None] = {}
        self._grouped: dict[tuple[str, str], str | None] = {}
        self._begins: dict[str, bool] = {}
        self._in_names: dict[str, tuple[bool, bool]] = {}
        self.remembered: dict[str, Said] = {}  # what each text says alone (``single``)
        # The same title rows and header head every village's file and every sheet: their
        # matches are kept, keyed by the rows' labels (all that matching reads of them).
        self.rows: dict[tuple[int, Labels], HeaderMatch] = {}
        self.pairs: dict[tuple[int, Labels, Labels], HeaderMatch] = {}

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
        # A name must hold every word of the sub-header and one of the group's: most pairs
        # of cells (two data rows) fail that on their own words, without a pair to remember.
        if not (self._vocabulary_of(sub)[1] and self._vocabulary_of(group)[0]):
            return None
        key = (group, sub)
        if key not in self._grouped:
            above, below = frozenset(words(group)), frozenset(words(sub))
            fields = {f for name, f in self._word_sets if in_group(above, below, name)}
            if len(self._grouped) > _REMEMBERED:
                self._grouped.clear()
            self._grouped[key] = fields.pop() if len(fields) == 1 else None
        return self._grouped[key]

    def _vocabulary_of(self, text: str) -> tuple[bool, bool]:
        """Whether some word of ``text`` is in a field name, and whether all are (and it has
        words)."""
        known = self._in_names.get(text)
        if known is None:
            found = frozenset(words(text))
            known = (bool(found & self._vocabulary), bool(found) and found <= self._vocabulary)
            if len(self._in_names) > _REMEMBERED:
                self._in_names.clear()
            self._in_names[text] = known
        return known

    def may_group(self, sub: str) -> bool:
        """Whether ``sub`` could name a field under some group title (``grouped``)."""
        return self._vocabulary_of(sub)[1]

    def single(self, text: str) -> Said:
        """What one header text says alone: the field it names and its legacy reading, or
        else whether it is the STT column, a column to report as unknown, or one to pass."""
        known = self.remembered.get(text)
        if known is None:
            field_id, legacy = _field_of(text, self)
            if field_id is not None:
                known = (field_id, legacy, _FIELD)
            elif compact(text) in STT_NAMES:
                known = (None, None, _STT)
            else:
                kind = _PASSED if compact(text) in NEVER_SCORED else _UNKNOWN
                known = (None, None, kind)
            if len(self.remembered) > _REMEMBERED:
                self.remembered.clear()
            self.remembered[text] = known
        return known

    def may_begin(self, group: str) -> bool:
        """Whether ``group`` and words after it could name a field: the compact and expanded
        forms of "group sub" are those of ``group`` followed by those of ``sub`` (folding
        works letter by letter, and the space keeps words apart), so one of them must begin
        a name. Legacy text is read whole, so it is left to ``may_name_together``."""
        known = self._begins.get(group)
        if known is None:
            compact_names, expanded_names = self._beginnings
            known = compact(group) in compact_names or expanded(group) in expanded_names
            if len(self._begins) > _REMEMBERED:
                self._begins.clear()
            self._begins[group] = known
        return known

    def may_name_together(self, group: str, sub: str) -> bool:
        """Whether "group sub" (the group title, a space, the sub-header) may name a field:
        unless the group begins no name and the text cannot be read as legacy text (which
        it can when all of it is Latin-1 and some of it is not ASCII, as ``alternatives``
        asks of the whole text)."""
        if self.may_begin(group):
            return True
        above, below = _latin_shape(group), _latin_shape(sub)
        return _BEYOND not in (above, below) and _LATIN in (above, below)


_FIELD, _STT, _UNKNOWN, _PASSED = range(4)  # what a header text alone is (``Names.single``)
_ASCII, _LATIN, _BEYOND = range(3)


@functools.lru_cache(maxsize=1 << 16)
def _latin_shape(text: str) -> int:
    """ASCII, else Latin-1 only, else beyond (in NFC: what ``could_be_legacy`` tests)."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return _ASCII
    return _LATIN if could_be_legacy(text) else _BEYOND


@functools.lru_cache(maxsize=1 << 16)  # shared by every criteria file matching the same cell
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

    def add_one(self, index: int, text: str, group: str | None = None) -> None:
        """``add(index, [text], group)``, from what ``text`` says alone (remembered)."""
        said = self.names.single(text)
        grouped = self.names.grouped(group, text) if group and said[0] is None else None
        if grouped is not None:
            self._found(index, grouped)
        elif said[2] == _UNKNOWN:
            self.unmatched.append((index, text))
        elif said[2] != _PASSED:
            self.take(index, text, said)

    def take(self, index: int, text: str, said: Said) -> None:
        """A field or the STT column, as ``Names.single`` said of ``text`` alone."""
        field_id, legacy, kind = said
        if field_id is not None:
            if legacy is not None:
                self.converted.append((index, text, *legacy))
            self._found(index, field_id)
        elif kind == _STT:
            self.stt = index if self.stt is None else self.stt

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


def _labels(cells: Sequence[Any]) -> Labels:
    return tuple(_label(cell) for cell in cells)


def _remember(memory: dict[Any, HeaderMatch], key: Any, match: HeaderMatch) -> HeaderMatch:
    if len(memory) >= _ROWS_REMEMBERED:  # a batch of many different layouts: start afresh
        memory.clear()
    memory[key] = match
    return match


def match_row(cells: Sequence[Any], names: Names, row_index: int = 0) -> HeaderMatch:
    """The fields named in one row."""
    return _match_labels(_labels(cells), names, row_index)


def _match_labels(labels: Labels, names: Names, row_index: int) -> HeaderMatch:
    key = (row_index, labels)
    known = names.rows.get(key)
    if known is not None:
        return known
    matcher = _Matcher(names)
    remembered = names.remembered
    for index, label in enumerate(labels):
        if label is not None:  # ``add_one`` written out: this loop runs for every cell
            said = remembered.get(label) or names.single(label)
            if said[2] == _UNKNOWN:
                matcher.unmatched.append((index, label))
            elif said[2] != _PASSED:
                matcher.take(index, label, said)
    return _remember(names.rows, key, matcher.match(row_index))


def match_pair(
    upper: Sequence[Any], lower: Sequence[Any], names: Names, row_index: int
) -> HeaderMatch:
    """The fields named by a group title row ``upper`` over the column names ``lower``."""
    return _match_pair_labels(_labels(upper), _labels(lower), names, row_index)


def _match_pair_labels(tops: Labels, bottoms: Labels, names: Names, row_index: int) -> HeaderMatch:
    key = (row_index, tops, bottoms)
    known = names.pairs.get(key)
    if known is not None:
        return known
    matcher = _Matcher(names)
    remembered = names.remembered
    group: str | None = None
    for index in range(max(len(tops), len(bottoms))):
        top = tops[index] if index < len(tops) else None
        bottom = bottoms[index] if index < len(bottoms) else None
        group = top or group  # a merged title is written in its first column only
        if bottom is None:  # a title merged down over both rows
            if top is not None:
                matcher.add_one(index, top)
        elif group is None:
            matcher.add_one(index, bottom)
        else:
            said = remembered.get(bottom) or names.single(bottom)
            if said[0] is not None:  # the lower cell names a field alone: looked up first
                matcher.take(index, bottom, said)
            elif names.may_name_together(group, bottom):
                matcher.add(index, [bottom, f"{group} {bottom}"], group)
            elif said[2] == _UNKNOWN and not names.may_group(bottom):
                matcher.unmatched.append((index, bottom))  # two data rows, most often
            else:
                matcher.add_one(index, bottom, group)
    return _remember(names.pairs, key, matcher.match(row_index + 1, rows=2))


def header_labels(rows: Sequence[Sequence[Any]]) -> list[Labels]:
    """What matching reads of the first rows of a table: made once for every criteria set."""
    return [_labels(cells) for cells in rows[:HEADER_SCAN_ROWS]]


def find_header(
    rows: Sequence[Sequence[Any]], criteria: Criteria, labels: list[Labels] | None = None
) -> HeaderMatch | None:
    """The row (or pair of rows) among ``rows`` naming the most fields, applicant id included;
    ``labels``: ``header_labels(rows)``, when already made."""
    names = header_names(criteria)
    id_field = criteria.identity.id
    scanned = rows[:HEADER_SCAN_ROWS]
    labels = header_labels(rows) if labels is None else labels
    singles = [_match_labels(cells, names, index) for index, cells in enumerate(labels)]
    best: HeaderMatch | None = None
    for index, single in enumerate(singles):
        candidates = [single]
        if index + 1 < len(scanned):
            pair = _match_pair_labels(labels[index], labels[index + 1], names, index)
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
