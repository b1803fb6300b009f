"""Finding the header row and matching its cells to declared fields.

A header cell matches a field when its folded text (no case, no diacritics, single
spaces) equals the field's id, label or one of its aliases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hoctap_cli.criteria.model import Criteria
from hoctap_cli.text import fold

HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class HeaderMatch:
    """A header row and, for each matched field, its 0-based column."""

    row_index: int  # position in the scanned rows
    columns: dict[str, int]
    duplicates: dict[str, list[int]]  # field → later columns naming the same field

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


def match_row(
    cells: Sequence[Any], names: dict[str, str]
) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Columns of the fields found in one row, and repeated ones."""
    columns: dict[str, int] = {}
    duplicates: dict[str, list[int]] = {}
    for index, cell in enumerate(cells):
        if isinstance(cell, float):
            cell = f"{cell:g}"  # Excel keeps a header typed as 1.3 (an item number) as a number
        if not isinstance(cell, str) or not cell.strip():
            continue
        field_id = names.get(fold(cell))
        if field_id is None:
            continue
        if field_id in columns:
            duplicates.setdefault(field_id, []).append(index)
        else:
            columns[field_id] = index
    return columns, duplicates


def find_header(rows: Sequence[Sequence[Any]], criteria: Criteria) -> HeaderMatch | None:
    """The row among ``rows`` that names the most fields, if it names the applicant id."""
    names = header_names(criteria)
    best: HeaderMatch | None = None
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns, duplicates = match_row(cells, names)
        if criteria.identity.id not in columns or len(columns) < 2:
            continue
        if best is None or len(columns) > best.score:
            best = HeaderMatch(index, columns, duplicates)
    return best
