"""Household lists laid out as commune offices keep them, generated with a fixed seed.

Each ``Book`` is a list of villages and their households plus the layout features the
sheet carries: the title block with the national motto, a two-row header, a row of column
numbers, section rows naming the villages, village cells merged down, totals, signature
blocks starting in different columns, a note after blank rows. ``expected()`` says what a
person reading the sheet would count: every real household, its village and its verdict
under the shipped Gia đình học tập criteria. The verdicts are far from the pass mark (a
household either meets every item with high council scores, or misses most of them), so
they do not hang on a provisional point value.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

SEED = 20251215
TITLE = "gia-dinh-hoc-tap"
SHEET = "Danh sách hộ"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
LABELS = [
    "STT",
    "Mã hộ",
    "Họ tên chủ hộ",
    "Thôn",
    "Số trẻ trong độ tuổi phổ cập",
    "Số trẻ đi học",
    "Số trẻ học lực từ trung bình",
    "Số trẻ hạnh kiểm từ khá",
    "Điểm 1.3",
    "Số người lớn 19–60 tuổi",
    "Số người lớn biết chữ mức 1",
    "Số người lớn học chuyên đề",
    "Điểm 2.3",
    "Điểm TC3",
    "Điểm TC4",
]
WIDTH = len(LABELS)
VILLAGE_COLUMN = 3
# A household meeting every item with high council scores (96 points), and one missing most
# of them (33 points): children, adults, then the council's four scores, as in LABELS.
PASSING = [2, 2, 2, 2, 10, 2, 2, 2, 10, 18, 18]
FAILING = [2, 1, 1, 1, 5, 3, 2, 1, 4, 8, 6]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Minh", "Hữu", "Thanh"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Hải", "Lan", "Long", "Mai", "Nam", "Sơn", "Tú"]


@dataclass(frozen=True)
class Household:
    id: str
    name: str
    village: str
    passes: bool

    @property
    def verdict(self) -> str:
        return "pass" if self.passes else "fail"


@dataclass(frozen=True)
class Book:
    """One workbook: its villages and households, and the layout features it carries."""

    name: str
    villages: tuple[str, ...] = ("Thôn 1", "Thôn 2")
    per_village: int = 3
    title_block: bool = False
    two_row_header: bool = False
    numbers: str | None = None  # "paren" (1) (2) …, "plain" 1 2 …, "letters" A B C D 1 2 …
    sections: str | None = None  # "merged" "I. Thôn 1" across; "split" "I" | "Thôn 1"; "arabic"
    villages_in: str = "every"  # "every" row, "merged" down, "first" row only, "none"
    subtotals: bool = False  # "Cộng" under each village
    total: str | None = None  # the grand total label
    signature: int | None = None  # the column the signature block starts in (0 = A)
    signature_gap: int = 1  # blank rows between the table and the signature block
    note: str | None = None  # text after two blank rows
    left: int = 0  # blank columns before the table
    blank_inside: bool = False  # a blank row between the villages
    prenumbered: int = 0  # empty rows numbered in STT after the households
    other_village: bool = False  # the last household of a section states another village
    seed: int = SEED

    def households(self) -> list[Household]:
        rng = random.Random(f"{self.seed}-{self.name}")
        found = []
        for v, village in enumerate(self.villages):
            for n in range(self.per_village):
                name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                found.append(Household(f"H{v + 1}{n + 1:02d}", name, village, rng.random() < 0.6))
        if self.other_village:
            last = found[self.per_village - 1]
            found[self.per_village - 1] = replace(last, village="Thôn Ngoài")
        return found

    def expected(self) -> dict[str, tuple[str, str]]:
        """Household id → (village, verdict), as a person counts them."""
        return {h.id: (h.village, h.verdict) for h in self.households()}


@dataclass
class _Sheet:
    rows: list[list[Any]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 1-based, inclusive

    def add(self, cells: Sequence[Any] = ()) -> int:
        self.rows.append(list(cells))
        return len(self.rows)

    def merge(self, row: int, first: int, last_row: int, last: int) -> None:
        self.merges.append((row, first + 1, last_row, last + 1))


def layout(book: Book) -> _Sheet:
    """The cells and merged ranges of ``book``'s sheet, before the blank columns at left."""
    sheet = _Sheet()
    if book.title_block:
        _title_block(sheet)
    _header(sheet, book)
    if book.numbers:
        sheet.add(_numbers(book.numbers))
    households = book.households()
    number = 0
    for v, village in enumerate(book.villages):
        if book.blank_inside and v:
            sheet.add()
        if book.sections:
            _section(sheet, book.sections, v, village)
        members = [h for h in households if h.id.startswith(f"H{v + 1}")]
        first = len(sheet.rows) + 1
        for index, household in enumerate(members):
            number += 1
            sheet.add(_household_row(book, number, household, index, village))
        # Merged over the households of this village (one stating another stands last).
        alike = sum(1 for h in members if h.village == village)
        if book.villages_in == "merged" and alike > 1:
            sheet.merge(first, VILLAGE_COLUMN, first + alike - 1, VILLAGE_COLUMN)
        if book.subtotals:
            row = sheet.add(["Cộng", None, None, None, *_sums(members)])
            sheet.merge(row, 0, row, 3)
    for extra in range(book.prenumbered):
        sheet.add([number + extra + 1])
    if book.total:
        row = sheet.add([book.total, None, None, None, *_sums(households)])
        sheet.merge(row, 0, row, 3)
    if book.note:
        sheet.add()
        sheet.add()
        sheet.add([book.note])
    if book.signature is not None:
        _signature(sheet, book.signature, book.signature_gap)
    return sheet


def _title_block(sheet: _Sheet) -> None:
    row = sheet.add(["ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ", None, None, None, None, None, MOTTO[0]])
    sheet.merge(row, 0, row, 3)
    sheet.merge(row, 6, row, 14)
    row = sheet.add([None] * 6 + [MOTTO[1]])
    sheet.merge(row, 6, row, 14)
    sheet.add()
    row = sheet.add(["DANH SÁCH HỘ ĐĂNG KÝ GIA ĐÌNH HỌC TẬP NĂM 2025"])
    sheet.merge(row, 0, row, WIDTH - 1)
    row = sheet.add(["(Kèm theo Quyết định số 125/QĐ-UBND ngày 15/12/2025 của UBND xã)"])
    sheet.merge(row, 0, row, WIDTH - 1)
    sheet.add()


def _header(sheet: _Sheet, book: Book) -> None:
    if not book.two_row_header:
        sheet.add(LABELS)
        return
    upper: list[Any] = LABELS[:4] + ["Trẻ em", None, None, None, None]
    upper += ["Người lớn", None, None, None, "Điểm", None]
    lower: list[Any] = [None] * 4 + LABELS[4:13] + ["TC3", "TC4"]
    top = sheet.add(upper)
    sheet.add(lower)
    for column in range(4):
        sheet.merge(top, column, top + 1, column)
    sheet.merge(top, 4, top, 8)
    sheet.merge(top, 9, top, 12)
    sheet.merge(top, 13, top, 14)


def _numbers(style: str) -> list[Any]:
    if style == "paren":
        return [f"({n})" for n in range(1, WIDTH + 1)]
    if style == "plain":
        return list(range(1, WIDTH + 1))
    return ["A", "B", "C", "D", *range(1, WIDTH - 3)]


_ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def _section(sheet: _Sheet, style: str, index: int, village: str) -> None:
    if style == "split":
        row = sheet.add([_ROMAN[index], village])
        sheet.merge(row, 1, row, WIDTH - 1)
    elif style == "arabic":
        sheet.add([None, f"{index + 1}. {village}"])
    else:
        row = sheet.add([f"{_ROMAN[index]}. {village}"])
        sheet.merge(row, 0, row, WIDTH - 1)


def _household_row(
    book: Book, number: int, household: Household, index: int, village: str
) -> list[Any]:
    shown: str | None = household.village
    if book.villages_in == "none" or (book.villages_in != "every" and index > 0):
        shown = None
    if household.village != village:  # a household that states its own village
        shown = household.village
    values = PASSING if household.passes else FAILING
    return [number, household.id, household.name, shown, *values]


def _sums(households: Sequence[Household]) -> list[Any]:
    counted = [PASSING if h.passes else FAILING for h in households]
    return [sum(column) for column in zip(*counted, strict=True)]


def _signature(sheet: _Sheet, column: int, gap: int) -> None:
    right = max(column + 8, 10)
    for _ in range(gap):
        sheet.add()
    sheet.add(_at(right, "Quảng Phú, ngày 20 tháng 12 năm 2025"))
    sheet.add(_at(column, "Người lập biểu") + _after(column, right, "TM. ỦY BAN NHÂN DÂN"))
    sheet.add(_at(right, "CHỦ TỊCH"))
    sheet.add(_at(column, "(Ký, ghi rõ họ tên)") + _after(column, right, "(Ký tên, đóng dấu)"))
    sheet.add()
    sheet.add()
    sheet.add(_at(column, "Lê Thị Hạnh") + _after(column, right, "Nguyễn Văn Tâm"))


def _at(column: int, text: str) -> list[Any]:
    return [None] * column + [text]


def _after(column: int, right: int, text: str) -> list[Any]:
    return [None] * (right - column - 1) + [text]


def write_xlsx(book: Book, path: Path) -> Path:
    """Write ``book`` as an .xlsx with openpyxl."""
    sheet = layout(book)
    workbook = openpyxl.Workbook()
    target = workbook.active
    assert target is not None
    target.title = SHEET
    for number, cells in enumerate(sheet.rows, start=1):
        for index, value in enumerate(cells):
            if value is not None:
                target.cell(number, book.left + index + 1, value)
    for row, first, last_row, last in sheet.merges:
        left = get_column_letter(book.left + first)
        right = get_column_letter(book.left + last)
        target.merge_cells(f"{left}{row}:{right}{last_row}")
    workbook.save(path)
    return path


def _everything(name: str = "moi-dac-diem") -> Book:
    """Every feature at once: the workbook of the command-line test and the binary saves."""
    return Book(
        name,
        villages=("Thôn Quảng Tiến", "Thôn Quảng Lợi", "Buôn Ea Sar"),
        title_block=True,
        two_row_header=True,
        numbers="paren",
        sections="merged",
        villages_in="merged",
        subtotals=True,
        total="Tổng cộng",
        signature=1,
        other_village=True,
    )


EVERYTHING = _everything()

BOOKS: tuple[Book, ...] = (
    Book("gon-gang"),
    Book("quoc-hieu", title_block=True),
    Book("so-cot-ngoac", numbers="paren"),
    Book("so-cot-tron", numbers="plain"),
    Book("so-cot-chu", numbers="letters", title_block=True),
    Book("tong-cong", total="Tổng cộng"),
    Book("cong-tung-thon", subtotals=True, total="Tổng số"),
    Book("ky-cot-a", signature=0),
    Book("ky-cot-b", signature=1, title_block=True),
    Book("ky-ben-phai", signature=6, total="Tổng"),
    Book("ky-sat-bang", signature=1, signature_gap=0, total="Tổng cộng"),
    Book("ghi-chu-cuoi", note="Danh sách gồm các hộ đã qua bình xét ở thôn."),
    Book(
        "muc-thon-gop",
        sections="merged",
        villages_in="none",
        villages=("Thôn Quảng Tiến", "Thôn Quảng Lợi"),
    ),
    Book(
        "muc-thon-tach",
        sections="split",
        villages_in="first",
        villages=("Thôn 1", "Thôn 2", "Thôn 3"),
    ),
    Book("muc-so-xom", sections="arabic", villages_in="none", villages=("Xóm Bãi", "Tổ dân phố 3")),
    Book("thon-gop-o", villages_in="merged", per_village=5),
    Book("muc-va-thon-rieng", sections="merged", villages_in="none", other_village=True),
    Book("tieu-de-hai-dong", two_row_header=True, numbers="plain", villages_in="merged"),
    Book("lech-cot", left=1, signature=1, total="Tổng cộng", numbers="paren"),
    Book("dong-trong-giua", blank_inside=True, signature=2),
    Book("danh-so-truoc", prenumbered=4, signature=0, title_block=True),
    Book(
        "buon-ban-ap",
        sections="split",
        villages_in="merged",
        villages=("Buôn Ea Sar", "Bản Phố", "Ấp 2"),
    ),
    EVERYTHING,
)

# Saved by LibreOffice from the .xlsx of these books: committed in fixtures/ (see generate.py).
SAVED = {
    "moi-dac-diem": EVERYTHING,
    "muc-thon-tach": BOOKS[13],
    "thon-gop-o": BOOKS[15],
}
SAVED_SUFFIXES = (".xls", ".ods", ".xlsx")
# A book with a word typed in a count cell (row 3, column F: "Số trẻ đi học" of H102).
BAD_CELL = Book("o-loi")
BAD_CELL_AT = (3, "F", "hai")


HIDDEN = Book("an-dong")  # row 3 hidden, and a hidden sheet "Bổ sung" with one household


def write_hidden(path: Path) -> Path:
    """``HIDDEN`` as .xlsx: a hidden row on the list and a hidden sheet after it."""
    write_xlsx(HIDDEN, path)
    workbook = openpyxl.load_workbook(path)
    workbook[SHEET].row_dimensions[3].hidden = True
    extra = workbook.create_sheet("Bổ sung")
    extra.append(LABELS[1:4])
    extra.append(["B01", "Lê Văn Bổ", "Thôn 9"])
    extra.sheet_state = "hidden"
    workbook.save(path)
    return path


def write_bad_cell(path: Path) -> Path:
    """``BAD_CELL`` as .xlsx, with the word in its count cell."""
    write_xlsx(BAD_CELL, path)
    workbook = openpyxl.load_workbook(path)
    row, column, text = BAD_CELL_AT
    workbook[SHEET][f"{column}{row}"] = text
    workbook.save(path)
    return path


FIXTURES = Path(__file__).with_name("fixtures")


def saved_path(name: str, suffix: str) -> Path:
    """A LibreOffice save of a book: ``fixtures/<name>-libreoffice<suffix>``."""
    return FIXTURES / f"{name}-libreoffice{suffix}"
