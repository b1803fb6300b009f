"""The layout step alone: rows and merged ranges in, data rows and skipped rows out.

Columns of these tables: A STT, B Mã hộ (the id), C Họ tên, D Thôn, E and F counts; the
header is row 1, so data starts on row 2.
"""

from __future__ import annotations

from typing import Any

import pytest

from hoctap_cli.records.layout import Merge, SkipKind, TableLayout

MAPPED = frozenset({1, 2, 3, 4, 5})
H1: list[Any] = [1, "H01", "Lê Văn An", "Thôn 1", 2, 2]
H2: list[Any] = [2, "H02", "Tổng Văn Bình", None, 1, 1]  # "Tổng" is a family name too
H3: list[Any] = [3, "H03", "Phạm Thị Cúc", None, None, None]


def plan(
    rows: list[list[Any]], merges: list[Merge] | None = None
) -> tuple[list[tuple[int, str | None, Any]], list[tuple[int, SkipKind]]]:
    layout = TableLayout(1, MAPPED, merges or [], header_row=1)
    # As the readers give them: every row as wide as the table, blanks as "".
    numbered = [
        (number, [*cells, *[""] * (6 - len(cells))]) for number, cells in enumerate(rows, start=2)
    ]
    data = [(n, village, cells[3]) for n, cells, village in layout.data_rows(numbered)]
    return data, [(s.row, s.kind) for s in layout.skipped]


CASES: list[tuple[str, list[list[Any]], list[int], list[tuple[int, SkipKind]]]] = [
    ("plain rows", [H1, H2], [2, 3], []),
    (
        "numbers in brackets",
        [["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"], H1],
        [3],
        [(2, SkipKind.column_numbers)],
    ),
    ("numbers as numbers", [[1, 2, 3, 4, 5, 6], H1], [3], [(2, SkipKind.column_numbers)]),
    ("letters then numbers", [["A", "B", "C", 1, 2, 3], H1], [3], [(2, SkipKind.column_numbers)]),
    ("a household is no numbering", [[1, 2, 3, 4, 5, 7], H1], [2, 3], []),
    (
        "total with sums",
        [H1, H2, ["Tổng cộng", None, None, None, 3, 3]],
        [2, 3],
        [(4, SkipKind.total)],
    ),
    ("total in the id column", [H1, [None, "Cộng:", None, None, 2, 2]], [2], [(3, SkipKind.total)]),
    ("family name Tổng is a household", [H2], [2], []),
    (
        "total counting households under the id",
        [H1, H2, ["Tổng số", 2, None, None, 3, 3]],
        [2, 3],
        [(4, SkipKind.total)],
    ),
    (
        "signature in column E ends the table",
        [H1, [None, None, None, None, "Người lập biểu"], H2],
        [2],
        [(3, SkipKind.signature), (4, SkipKind.after_end)],
    ),
    (
        "note after a blank row ends the table",
        [H1, [], ["Ghi chú: gồm 1 hộ"], H2],
        [2],
        [(4, SkipKind.trailing_text), (5, SkipKind.after_end)],
    ),
    ("a sparse household after a blank row is data", [H1, [], H3], [2, 4], []),
    (
        "a code and a name after a blank row are data",
        [H1, [], [None, "H09", "Lê Văn Chín"]],
        [2, 4],
        [],
    ),
    ("heading with a stop", [["I. Thôn Quảng Tiến"], H3], [3], [(2, SkipKind.section)]),
    ("heading in two cells", [["II", "Buôn Ea Sar"], H3], [3], [(2, SkipKind.section)]),
    ("a number and a name are no heading", [[4, "Lê Văn Bốn"], H1], [2, 3], []),
]


@pytest.mark.parametrize(
    ("rows", "data", "skipped"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rows(rows: list[list[Any]], data: list[int], skipped: list[tuple[int, SkipKind]]) -> None:
    found, left_out = plan(rows)
    assert [n for n, _, _ in found] == data
    assert left_out == skipped


def test_heading_gives_its_village_to_rows_without_one() -> None:
    rows = [["I. Thôn Quảng Tiến"], H3, H1, ["II", "Xóm Bãi"], H3]
    found, _ = plan(rows)
    assert [(n, village) for n, village, _ in found] == [
        (3, "Thôn Quảng Tiến"),
        (4, "Thôn Quảng Tiến"),
        (6, "Xóm Bãi"),
    ]
    assert found[1][2] == "Thôn 1"  # a row's own village stays in its cell


def test_merged_cell_fills_the_rows_it_covers() -> None:
    rows = [H1, H3, H3, H3]
    found, _ = plan(rows, merges=[(2, 3, 4, 3)])  # D2:D4
    assert [cells for _, _, cells in found] == ["Thôn 1", "Thôn 1", "Thôn 1", None]


def test_merge_over_a_heading_is_not_copied_down() -> None:
    rows = [["I. Thôn 2", None, None, None, None, None], [None] * 6, H3]
    found, left_out = plan(rows, merges=[(2, 0, 3, 5)])  # A2:F3, a heading two rows high
    assert [n for n, _, _ in found] == [4] and left_out == [(2, SkipKind.section)]


def test_heading_in_capitals_gives_the_village_as_rows_write_it() -> None:
    found, _ = plan([["I. THÔN QUẢNG TIẾN"], H3, ["B", "ẤP 2"], H3])
    assert [village for _, village, _ in found] == ["Thôn Quảng Tiến", "Ấp 2"]
