"""The corpus of real-shaped household lists: every household a person counts, and no other.

Each book is written by code (``books.py``, fixed seed) as .xlsx; three are also committed as
LibreOffice saves in .xls, .ods and .xlsx (``generate.py``). For each: exactly the expected
households, each with its village and verdict; no error, so ``hoctap evaluate`` would exit
0; and every row that is not a household (column numbers, totals, headings, signature
lines) reported once as a notice.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hoctap_cli.criteria.catalog import shipped_catalog
from hoctap_cli.problems import LAYOUT_NOTICES, Problem, ProblemCode
from hoctap_cli.workflow.run import Evaluation, evaluate_paths

from .books import BOOKS, SAVED, SAVED_SUFFIXES, TITLE, Book, saved_path, write_xlsx

AS_OF = dt.date(2025, 12, 31)


def evaluate(path: Path) -> Evaluation:
    return evaluate_paths([path], shipped_catalog(), TITLE, AS_OF)


def counted(evaluation: Evaluation) -> dict[str, tuple[str, str]]:
    return {
        r.id: (r.village or "", r.verdict.value) for r in evaluation.results if r.title == TITLE
    }


def check(book: Book, evaluation: Evaluation) -> None:
    assert counted(evaluation) == book.expected()
    errors = [p for p in evaluation.problems if not p.is_notice]
    assert errors == [] and evaluation.failed_files == []
    laid_out = [p.row for p in evaluation.problems if p.code in LAYOUT_NOTICES]
    assert len(laid_out) == len(set(laid_out)), "a skipped row is reported once"
    assert len(laid_out) == expected_notices(book)


def expected_notices(book: Book) -> int:
    """How many rows of ``book`` are not households and hold something."""
    notices = 1 if book.numbers else 0
    notices += len(book.villages) if book.sections else 0
    notices += len(book.villages) if book.subtotals else 0
    notices += 1 if book.total else 0
    notices += 1 if book.note else 0
    notices += 5 if book.signature is not None else 0  # five lines hold text
    return notices


@pytest.mark.parametrize("book", BOOKS, ids=[b.name for b in BOOKS])
def test_book_as_xlsx(book: Book, tmp_path: Path) -> None:
    """Written by openpyxl: the households a person counts, with villages and verdicts."""
    check(book, evaluate(write_xlsx(book, tmp_path / f"{book.name}.xlsx")))


SAVES = [(name, suffix) for name in SAVED for suffix in SAVED_SUFFIXES]


@pytest.mark.parametrize(("name", "suffix"), SAVES, ids=[f"{n}{s}" for n, s in SAVES])
def test_libreoffice_save(name: str, suffix: str) -> None:
    """Saved by LibreOffice as .xls, .ods or .xlsx: read exactly as the openpyxl book."""
    path = saved_path(name, suffix)
    assert path.is_file(), "run python -m tests.realbooks.generate"
    check(SAVED[name], evaluate(path))


def test_the_corpus_covers_the_layouts() -> None:
    """At least twenty books, between them every feature of the layout step."""
    assert len(BOOKS) >= 20
    assert {b.numbers for b in BOOKS} >= {"paren", "plain", "letters"}
    assert {b.sections for b in BOOKS} >= {"merged", "split", "arabic"}
    assert {b.villages_in for b in BOOKS} >= {"every", "merged", "first", "none"}
    assert {b.signature for b in BOOKS} >= {0, 1, 2, 6}
    assert any(b.title_block for b in BOOKS) and any(b.two_row_header for b in BOOKS)
    assert any(b.note for b in BOOKS) and any(b.total for b in BOOKS)


def test_notices_say_which_row_and_why(tmp_path: Path) -> None:
    """Each kind of skipped row has its own words, in Vietnamese, located on its row."""
    book = SAVED["moi-dac-diem"]
    evaluation = evaluate(write_xlsx(book, tmp_path / "a.xlsx"))
    by_code: dict[ProblemCode, Problem] = {}
    for problem in evaluation.problems:
        if problem.code in LAYOUT_NOTICES:
            by_code.setdefault(problem.code, problem)  # the first of each kind
    assert set(by_code) == LAYOUT_NOTICES
    assert "Dòng đánh số cột ((1) | (2)" in by_code[ProblemCode.column_numbers_row].message
    section = by_code[ProblemCode.section_row].message
    assert "I. Thôn Quảng Tiến" in section and "tính thuộc 'Thôn Quảng Tiến'" in section
    assert by_code[ProblemCode.total_row].value == "Cộng"
    assert "phần ký tên 'Quảng Phú, ngày 20 tháng 12 năm 2025'" in (
        by_code[ProblemCode.table_end].message
    )
    for problem in by_code.values():
        assert problem.sheet == "Danh sách hộ" and problem.row is not None and problem.is_notice
