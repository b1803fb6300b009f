"""Workbooks shaped like the score-only lists communes keep, generated with a fixed seed.

A commune's list of households applying for Gia đình học tập usually has a title block
(national motto, "DANH SÁCH HỘ ĐĂNG KÝ GIA ĐÌNH HỌC TẬP NĂM 2025"), then STT, the head of
household, the village and the council's score of each criterion ("Điểm TC 1 … 4"), typed
with the spacing and punctuation of whoever made the sheet; no household code.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Y", "H'", "Đinh", "Vũ", "Ksor")
GIVEN = ("Văn Ánh", "Thị Hoa", "Đức Minh", "Thị Lan", "Blông", "Hen Niê", "Quốc Bảo", "Thị Mai")
VILLAGES = ("Thôn 1", "Thôn Quảng Tiến", "Buôn Ea Sup", "Thôn 3")
# How the four criteria columns are typed in different communes: the same names.
HEADER_STYLES = (
    ("Điểm TC 1", "Điểm TC 2", "Điểm TC 3", "Điểm TC 4"),
    ("Điểm TC1", "Điểm TC2", "Điểm TC3", "Điểm TC4"),
    ("Điểm TC.1", "Điểm TC.2", "Điểm TC.3", "Điểm TC.4"),
    ("Điểm tiêu chí 1", "Điểm tiêu chí 2", "Điểm tiêu chí 3", "Điểm tiêu chí 4"),
)
MAXIMA = (30, 30, 20, 20)  # points of the four criteria of Gia đình học tập (QĐ 448)


@dataclass(frozen=True)
class Household:
    """One row as the council wrote it."""

    stt: int
    name: str
    village: str
    scores: tuple[float | None, ...]  # TC1 … TC4, None for a blank cell


def households(seed: int, count: int, blanks: int = 0) -> list[Household]:
    """``count`` households with scores around the pass mark; ``blanks`` of them miss one."""
    rng = random.Random(seed)
    made = []
    for stt in range(1, count + 1):
        scores: list[float | None] = [
            float(rng.randint(maximum // 2, maximum)) for maximum in MAXIMA
        ]
        if rng.random() < 0.2:
            scores[rng.randrange(4)] = rng.randint(0, 9) + 0.5  # a half point
        name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
        made.append(Household(stt, name, rng.choice(VILLAGES), tuple(scores)))
    for household in rng.sample(made, blanks):
        scores = list(household.scores)
        scores[rng.randrange(4)] = None
        made[household.stt - 1] = Household(
            household.stt, household.name, household.village, tuple(scores)
        )
    return made


def write_score_only(
    path: Path,
    rows: Sequence[Household],
    *,
    style: int = 0,
    sheet: str = "Sheet1",
    title: str = "DANH SÁCH HỘ ĐĂNG KÝ GIA ĐÌNH HỌC TẬP NĂM 2025",
    extra: Sequence[str] = ("Ghi chú",),
) -> Path:
    """A score-only list: title block, header on row 6, one row per household."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws["A1"] = "UBND XÃ EA SÚP"
    ws["E1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["E2"] = "Độc lập - Tự do - Hạnh phúc"
    ws.merge_cells("A4:H4")
    ws["A4"] = title
    header = ["STT", "Họ và tên chủ hộ", "Thôn", *HEADER_STYLES[style], *extra]
    for column, text in enumerate(header, start=1):
        ws.cell(6, column, text)
    for offset, household in enumerate(rows):
        values = [household.stt, household.name, household.village, *household.scores]
        for column, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(7 + offset, column, value)
    book.save(path)
    return path


def expected_verdict(scores: Sequence[float | None], pass_mark: float = 80) -> str:
    """The verdict a person reaches by hand: the sum against the pass mark, and with a blank
    score, whether the best and the worst case agree."""
    known = sum(score for score in scores if score is not None)
    best = known + sum(m for m, s in zip(MAXIMA, scores, strict=True) if s is None)
    if known >= pass_mark:
        return "pass"
    return "fail" if best < pass_mark else "incomplete"
