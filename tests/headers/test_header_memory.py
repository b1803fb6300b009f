"""Header matching remembers rows across files and skips pairs that can name nothing,
without changing any match."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.records import headers
from hoctap_cli.records.headers import (
    HeaderMatch,
    Names,
    find_header,
    header_names,
    match_pair,
    match_row,
)

CATALOG = shipped_catalog()
CRITERIA = [CATALOG.in_force(t, dt.date(2025, 12, 31)).criteria for t in CATALOG.titles()]
FAMILY = next(c for c in CRITERIA if c.id == "gia-dinh-hoc-tap")
WORDS = sorted({w for c in CRITERIA for f in c.fields for w in f"{f.label} {f.id}".split()})
TEXTS = st.one_of(
    st.sampled_from([f.label for c in CRITERIA for f in c.fields]),
    st.sampled_from(WORDS),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
    st.sampled_from(["STT", "Điểm", "Số trẻ", "TC3", "Trẻ em trong độ tuổi phổ cập", "Mã"]),
    st.sampled_from(["Lê Văn An", "Thôn Ea Súp", "Nguyễn Thị Hà", "Ghi chú", "Ðiªm", "ÑieÅm"]),
    st.text(max_size=12),
)
CELLS = st.one_of(st.none(), TEXTS, st.floats(-5, 5), st.integers(0, 3))
ROWS = st.lists(CELLS, max_size=8)


def _fresh(criteria: Any) -> Names:
    return Names(criteria)


def _reference_row(cells: list[Any], names: Names) -> HeaderMatch:
    """Matching one row as it was written before anything was remembered or skipped."""
    matcher = headers._Matcher(names)
    for index, cell in enumerate(cells):
        matcher.add(index, [headers._label(cell)])
    return matcher.match(0)


def _reference_pair(upper: list[Any], lower: list[Any], names: Names) -> HeaderMatch:
    matcher = headers._Matcher(names)
    group: str | None = None
    for index in range(max(len(upper), len(lower))):
        top = headers._label(upper[index]) if index < len(upper) else None
        bottom = headers._label(lower[index]) if index < len(lower) else None
        group = top or group
        if bottom is None:
            matcher.add(index, [top])
        else:
            matcher.add(index, [bottom, f"{group} {bottom}" if group else None], group)
    return matcher.match(1, rows=2)


@settings(max_examples=300, deadline=None)
@given(ROWS, ROWS, st.sampled_from(CRITERIA))
def test_remembering_and_skipping_change_no_match(
    upper: list[Any], lower: list[Any], criteria: Any
) -> None:
    """It finds the same fields in a row and in a pair of rows as the plain column-by-column
    matching does, the first time and from memory, skipping the group titles that no field
    name begins with."""
    names = _fresh(criteria)
    for _ in range(2):  # the second time from memory
        assert match_row(upper, names) == _reference_row(upper, _fresh(criteria))
        assert match_pair(upper, lower, names, 0) == _reference_pair(upper, lower, _fresh(criteria))


def test_group_title_still_names_its_sub_headers() -> None:
    """It still reads 'Số trẻ' under 'Trẻ em trong độ tuổi phổ cập' and 'TC3' under 'Điểm'."""
    names = _fresh(FAMILY)
    upper = ["Mã hộ", "Trẻ em trong độ tuổi phổ cập", None, "Điểm", None]
    lower = [None, "Số trẻ", "Số trẻ đi học", "TC3", "TC4"]
    match = match_pair(upper, lower, names, 0)
    assert match.score == 5
    assert names.may_begin("Điểm") and not names.may_begin("Nguyễn Thị Hà")


def test_rows_are_remembered_by_their_labels() -> None:
    """It answers a row seen before (in another file) from memory, and tells apart cells
    that compare equal but read differently (0.0 and -0.0, 1 and 1.0)."""
    names = _fresh(FAMILY)
    first = match_row(["Mã hộ", "Họ và tên chủ hộ", 0.0], names, 3)
    assert match_row(["Mã hộ", "Họ và tên chủ hộ", 0.0], names, 3) is first
    assert match_row(["Mã hộ", "Họ và tên chủ hộ", -0.0], names, 3).unmatched != first.unmatched
    assert match_row([1], names) != match_row([1.0], names)


def test_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """It keeps at most the bound of rows, however many different rows it meets."""
    monkeypatch.setattr(headers, "_ROWS_REMEMBERED", 10)
    names = _fresh(FAMILY)
    for number in range(50):
        match_row([f"Hộ {number}", number + 0.5], names, 0)
    assert 0 < len(names.rows) <= 10


def test_header_found_in_many_files_is_the_same() -> None:
    """It finds the same header in a hundred files that differ in their data rows."""
    head = [["UBND XÃ"], [], ["Mã hộ", "Họ và tên chủ hộ", "Thôn", "Số trẻ đi học"]]
    found = [
        find_header([*head, *[[f"H{n}-{i}", "Lê Văn An", "Thôn 1", i] for i in range(30)]], FAMILY)
        for n in range(100)
    ]
    match = found[0]
    assert all(other == match for other in found)
    assert match is not None and match.row_index == 2 and match.score == 4
    assert header_names(FAMILY).rows  # remembered for the next file


def test_every_field_name_split_over_two_rows_is_still_found() -> None:
    """It reads every name of every shipped field written over two rows, split after any
    of its words (the group title above, the rest below), as the plain matching does: the
    skipped lookups are only those that could name nothing."""
    compared = 0
    for criteria in CRITERIA:
        names, plain = _fresh(criteria), _fresh(criteria)
        for field in criteria.fields:
            for name in (field.label, *field.aliases):
                parts = name.split()
                for cut in range(1, len(parts)):
                    upper, lower = [" ".join(parts[:cut])], [" ".join(parts[cut:])]
                    expected = _reference_pair(upper, lower, plain)
                    assert match_pair(upper, lower, names, 0) == expected, name
                    compared += bool(expected.columns)
    assert compared > 500
