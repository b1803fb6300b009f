"""Synthetic province-scale household workbooks for the shipped ``gia-dinh-hoc-tap`` criteria.

``python bench/generate.py 100000`` writes ``bench/data/gia-dinh-100000.xlsx`` (kept there
as a cache; the folder is git-ignored). The same seed always gives the same cells.

The workbook looks like one a district office merges from its villages: a title block, the
header row at row 7, one household per row, Vietnamese names and village names, a notes
column the tool does not know, and a small share of the mistakes officers make (numbers
typed as text, decimal commas, blanks, scores over the maximum, words in count cells).
It is written with xlsxwriter's default mode, which stores text in a shared-string table
as Excel does (constant_memory mode would write inline strings instead).
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# The cache of workbooks; the suite's smoke test points it at a temporary folder.
DATA = Path(os.environ.get("HOCTAP_BENCH_DATA") or HERE / "data")
SEED = 2025
SHEET = "Gia đình học tập"
HEADER_ROW = 7  # 1-based, as in the example workbook

HEADERS = [
    "STT",
    "Mã hộ",
    "Họ và tên chủ hộ",
    "Thôn/buôn",
    "Mã dòng họ",
    "Đã được công nhận năm",
    "Số trẻ\ntrong độ tuổi phổ cập",
    "Số trẻ đi học",
    "Số trẻ học lực từ trung bình",
    "Số trẻ hạnh kiểm từ khá",
    "Điểm 1.3 (trẻ ngoan, tham gia hoạt động)",
    "Người lớn 19-60 tuổi",
    "So nguoi lon biet chu muc 1",
    "Số người lớn học chuyên đề",
    "Điểm 2.3 (phần còn lại tiêu chí 2)",
    "Điểm TC3",
    "Điểm tiêu chí 4 (tác động của học tập)",
    "Ghi chú",
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Phan", "Trương"]
SURNAMES += ["Bùi", "Đặng", "Đỗ", "Ngô", "Hồ", "Dương", "Đinh", "Lý", "Mai", "Hà"]
MIDDLE = {False: ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Công"], True: ["Thị", "Thu"]}
MIDDLE[True] += ["Ngọc", "Thanh", "Kim", "Mỹ"]
GIVEN = {
    False: ["Hùng", "Dũng", "Tuấn", "Thắng", "Hải", "Long", "Nam", "Sơn", "Tiến", "Bình"]
    + ["Cường", "Khánh", "Phúc", "Quý", "Trung", "Việt", "Đạt", "Lộc", "Thành", "Hiếu"],
    True: ["Lan", "Hoa", "Hương", "Mai", "Hằng", "Nga", "Thảo", "Yến", "Liên", "Trang"]
    + ["Nhung", "Phượng", "Oanh", "Dung", "Loan", "Tuyết", "Hạnh", "Xuân"],
}
EDE_NAMES = ["Y Khoa Niê", "H'Linh Mlô", "Y Bhim Êban", "H'Nga Byă", "Y Sơn Ksơr", "H'Ngơn Adrơng"]
PLACE_KINDS = ["Thôn", "Thôn", "Thôn", "Buôn", "Bon", "Tổ dân phố", "Xóm", "Ấp"]
PLACE_NAMES = ["Ea Súp", "Quảng Hà", "Ea Kmar", "Tân Lập", "Đồng Tâm", "Hòa Bình", "Tân Tiến"]
PLACE_NAMES += ["Quyết Thắng", "Thống Nhất", "Đoàn Kết", "Phú Lộc", "Kon Hring", "Cư Né"]
PLACE_NAMES += ["Thanh Xuân", "An Phú", "Bình Minh", "Hợp Thành", "Sình Hồ", "Nà Phặc"]
NOTES = [
    "Có cháu nghỉ học giữa chừng",
    "Có người chưa biết chữ",
    "Hộ mới tách năm 2025",
    "Chủ hộ đi làm ăn xa",
    "Đã xác minh tại nhà",
    "Hộ nghèo, cần hỗ trợ sách vở",
]
HOUSEHOLDS_PER_VILLAGE = 250


def villages(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(code, name) of ``count`` villages: 'Thôn Ea Súp 3', 'Buôn Cư Né' …"""
    result: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(result) < count:
        name = f"{rng.choice(PLACE_KINDS)} {rng.choice(PLACE_NAMES)}"
        if name in seen:
            name = f"{name} {len(result) % 20 + 1}"
        if name in seen:
            name = f"{name}-{len(result)}"
        seen.add(name)
        result.append((f"V{len(result) + 1:04d}", name))
    return result


def person(rng: random.Random) -> str:
    if rng.random() < 0.04:
        return rng.choice(EDE_NAMES)
    female = rng.random() < 0.3
    middle, given = rng.choice(MIDDLE[female]), rng.choice(GIVEN[female])
    return f"{rng.choice(SURNAMES)} {middle} {given}"


def household(rng: random.Random, index: int, code: str, village: str) -> list[Any]:
    """One row: most households pass, some fail on children, adults or council points."""
    kind = rng.choices(["pass", "child", "adult", "low"], weights=[70, 10, 8, 12])[0]
    age = rng.choices(range(5), weights=[3, 6, 7, 3, 1])[0]
    if kind == "child":
        age = max(age, 1)
    school = age - 1 if kind == "child" and rng.random() < 0.5 else age
    results = school - (1 if kind == "child" and school and rng.random() < 0.5 else 0)
    conduct = school
    adults = rng.choices(range(1, 6), weights=[1, 6, 4, 2, 1])[0]
    literate = topics = adults
    if kind == "adult":
        adults = max(adults, 2)
        literate, topics = adults - 1, rng.randint(0, adults - 1)
    low = kind == "low"
    d13 = rng.randint(4, 8) if low else rng.randint(7, 10)
    d23 = rng.randint(4, 8) if low else rng.randint(7, 10)
    tc3 = rng.randint(8, 14) if low else rng.randint(14, 20)
    tc4 = rng.randint(8, 14) if low else rng.randint(14, 20)
    if rng.random() < 0.15:
        tc3 = tc3 - 0.5  # councils give half points
    prior = 2024 if rng.random() < 0.3 else None
    clan = f"DH-{code[1:]}-{rng.randint(1, 6)}" if rng.random() < 0.4 else None
    note = rng.choice(NOTES) if rng.random() < 0.08 else None
    row: list[Any] = [
        index + 1,
        f"{code}-{index + 1:06d}",
        person(rng),
        village,
        clan,
        prior,
        age,
        school,
        results,
        conduct,
        d13,
        adults,
        literate,
        topics,
        d23,
        tc3,
        tc4,
        note,
    ]
    _mistake(rng, row)
    return row


def _mistake(rng: random.Random, row: list[Any]) -> None:
    """About 1 row in 100 carries one of the usual typing mistakes."""
    roll = rng.random()
    if roll >= 0.01:
        return
    which = int(roll * 600)  # 0..5, evenly
    if which == 0:
        row[14] = str(row[14])  # a number stored as text: readable
    elif which == 1:
        row[10] = f"{row[10] - 1},5"  # a decimal comma: readable
    elif which == 2:
        row[16] = None  # criterion 4 left blank: incomplete
    elif which == 3:
        row[10] = 12  # over the 10-point maximum: reported
    elif which == 4:
        row[7] = "hai"  # a word in a count cell: reported
    else:
        row[2] = None  # head of household forgotten: reported as missing


def rows(count: int) -> Iterator[list[Any]]:
    """``count`` data rows, the same for the same ``count``."""
    rng = random.Random(SEED)
    places = villages(max(1, count // HOUSEHOLDS_PER_VILLAGE), rng)
    for index in range(count):
        code, name = places[min(index // HOUSEHOLDS_PER_VILLAGE, len(places) - 1)]
        yield household(rng, index, code, name)


def path_for(count: int) -> Path:
    return DATA / f"gia-dinh-{count}.xlsx"


def write(count: int, path: Path | None = None) -> Path:
    """Write the workbook of ``count`` households (shared strings, as Excel does)."""
    return write_rows(path or path_for(count), rows(count))


def write_rows(path: Path, households: Iterable[list[Any]]) -> Path:
    """Write ``households`` under the title block and header, as one workbook at ``path``."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp.xlsx")
    book = xlsxwriter.Workbook(str(temporary), {"strings_to_numbers": False})
    sheet = book.add_worksheet(SHEET)
    bold = book.add_format({"bold": True, "text_wrap": True, "align": "center"})
    last = len(HEADERS) - 1
    sheet.merge_range(0, 0, 0, 5, "UBND HUYỆN KRÔNG NÔ", bold)
    sheet.merge_range(0, 8, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold)
    sheet.merge_range(1, 8, 1, last, "Độc lập - Tự do - Hạnh phúc", bold)
    sheet.merge_range(3, 0, 3, last, "BẢNG CHẤM ĐIỂM GIA ĐÌNH HỌC TẬP NĂM 2025", bold)
    sheet.merge_range(4, 0, 4, last, "Toàn huyện (tổng hợp từ các thôn, buôn)", bold)
    sheet.write_row(HEADER_ROW - 1, 0, HEADERS, bold)
    for offset, values in enumerate(households):
        sheet.write_row(HEADER_ROW + offset, 0, values)
    book.close()
    temporary.replace(path)
    return path


def ensure(count: int) -> Path:
    """The cached workbook of ``count`` households, written on first use."""
    path = path_for(count)
    return path if path.exists() else write(count)


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        print(ensure(int(argument)))
