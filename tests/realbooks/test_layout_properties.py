"""Property: the layout a sheet is dressed in changes nothing a person would count.

A plain list of households is drawn (villages, sizes, names and verdicts from a seed); the
same list with a title block, a row of column numbers, a total row, a signature block,
section rows or the village merged down must give the same households with the same
verdicts, totals and villages, and no error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.workflow.run import evaluate_paths

from .books import TITLE, Book, write_xlsx

VILLAGES = ["Thôn 1", "Thôn Quảng Tiến", "Buôn Ea Sar", "Xóm Bãi", "Tổ dân phố 3", "Ấp 2"]

plain_books = st.builds(
    lambda villages, size, seed: Book("ngau-nhien", tuple(villages), size, seed=seed),
    st.lists(st.sampled_from(VILLAGES), min_size=1, max_size=3, unique=True),
    st.integers(1, 4),
    st.integers(0, 10**6),
)
dressings = st.fixed_dictionaries(
    {},
    optional={
        "title_block": st.just(True),
        "two_row_header": st.just(True),
        "numbers": st.sampled_from(["paren", "plain", "letters"]),
        "total": st.sampled_from(["Tổng cộng", "Cộng", "Tổng số", "Tổng"]),
        "subtotals": st.just(True),
        "signature": st.integers(0, 6),
        "signature_gap": st.integers(0, 2),
        "sections": st.sampled_from(["merged", "split", "arabic"]),
        "villages_in": st.sampled_from(["every", "merged"]),
        "left": st.integers(0, 2),
    },
)


def outcome(book: Book, folder: Path) -> tuple[dict[str, tuple[Any, ...]], list[str]]:
    path = write_xlsx(book, folder / f"{abs(hash(book))}.xlsx")
    evaluation = evaluate_paths([path], shipped_catalog(), TITLE, dt.date(2025, 12, 31))
    results = {r.id: (r.verdict, r.total, r.village) for r in evaluation.results}
    errors = [p.message for p in evaluation.problems if not p.is_notice]
    return results, errors + [p.message for p in evaluation.failed_files]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("dressed")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plain=plain_books, dressing=dressings)
def test_dressing_changes_nothing_counted(
    plain: Book, dressing: dict[str, Any], folder: Path
) -> None:
    """Same households, verdicts, totals and villages; no error added."""
    if dressing.get("sections") and "villages_in" not in dressing:
        dressing["villages_in"] = "none"  # the heading alone names the village
    expected, base_errors = outcome(plain, folder)
    assert base_errors == [] and len(expected) == len(plain.households())
    dressed, errors = outcome(replace(plain, **dressing), folder)
    assert errors == []
    assert dressed == expected
