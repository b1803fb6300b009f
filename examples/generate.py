"""Build the example village workbook and its YAML twin, deterministically.

Run ``python examples/generate.py``: it rewrites ``thon-ea-sup-gia-dinh-2025.xlsx`` and
``thon-ea-sup-gia-dinh-2025.yaml`` next to this file. The same seed, a fixed document date
and fixed zip timestamps make both files byte-identical from one run to the next.
"""

from __future__ import annotations

import io
import random
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

HERE = Path(__file__).resolve().parent
CRITERIA = HERE.parent / "criteria" / "gia-dinh-hoc-tap" / "448-2015.yaml"
STEM = "thon-ea-sup-gia-dinh-2025"
SEED = 2025
STAMP = datetime(2025, 11, 20, 8, 0, 0)
VILLAGE = "Thôn Ea Súp"
SHEET = "Gia đình học tập"
HEADER_ROW = 7
HOUSEHOLDS = 40
PASS_MARK = 80

# Headers as an officer types them: aliases, one in capitals, one without diacritics,
# one with a line break, and an extra "Ghi chú" column the tool does not know.
ALIASES = {
    "chu_ho": "Họ và tên chủ hộ",
    "thon": "Thôn/buôn",
    "so_nguoi_lon": "Người lớn 19-60 tuổi",
    "diem_tc3": "Điểm TC3",
}
UPPER_CASE, NO_DIACRITICS, LINE_BREAK = "ma_ho", "so_nguoi_lon_biet_chu", "so_tre_do_tuoi"
NOTE_HEADER = "Ghi chú"

# Deliberate mistakes, one per row: household index -> (field, value as typed).
# Excel row = HEADER_ROW + 1 + index.
MISTAKES: dict[int, tuple[str, Any]] = {
    4: ("diem_2_3", "8"),  # row 12: number stored as text; readable as 8
    9: ("diem_1_3", 12),  # row 17: over the 10-point maximum of item 1.3
    14: ("so_tre_di_hoc", "hai"),  # row 22: a word in a count cell ("hai" = 2)
    19: ("diem_tc4", None),  # row 27: criterion 4 left blank (missing data)
    23: ("ma_ho", "ES-017"),  # row 31: the id of row 24 typed again (duplicate)
    28: ("ma_ho", None),  # row 36: head of household filled in, household id forgotten
    33: ("diem_1_3", "7,5"),  # row 41: decimal comma; readable as 7.5
}
# Rows with a mistake get a fixed profile, so that the mistake is what decides the verdict.
FIXED_PROFILES = {
    4: "pass",
    9: "gap_1_3",
    14: "gap_children",
    19: "gap_tc4",
    23: "pass",
    28: "pass",
    33: "pass",
}
FREE_PROFILES = (
    ["fail_child"] * 4
    + ["fail_council"] * 3
    + ["fail_adult"] * 3
    + ["exact_80", "exact_80_weak"]
    + ["pass_weak"] * 3
    + ["pass"] * 18
)

POINT_FIELDS = ("diem_1_3", "diem_2_3", "diem_tc3", "diem_tc4")
# (low, high) per points field; the comment gives the range of the total.
POINT_RANGES = {
    "pass": ((8, 10), (7, 10), (15, 20), (15, 20)),  # 40 + 45..60 = 85..100
    "pass_weak": ((9, 10), (9, 10), (17, 20), (17, 20)),  # 30 + 52..60 = 82..90
    "fail_child": ((5, 8), (5, 8), (10, 15), (10, 15)),  # 30 + 30..46 = 60..76
    "fail_council": ((4, 7), (4, 7), (8, 12), (8, 12)),  # 40 + 24..38 = 64..78
    "fail_adult": ((7, 10), (6, 9), (12, 17), (12, 17)),  # 20 + 37..53 = 57..73
}
FIXED_POINTS = {
    "exact_80": (8, 7, 13, 12),  # 40 + 40 = 80
    "exact_80_weak": (9, 9, 16, 16),  # item 1.2 not met: 30 + 50 = 80
    "gap_1_3": (10, 7, 14, 14),  # 75 without item 1.3, 85 with it
    "gap_children": (8, 8, 16, 16),  # 68 without items 1.1 and 1.2, 88 with them
    "gap_tc4": (9, 8, 15, 16),  # 72 without criterion 4, 92 with it
}
MIN_CHILDREN = {"fail_child": 1, "pass_weak": 2, "exact_80_weak": 2}
NOTES = {"fail_child": "Có cháu nghỉ học giữa chừng", "fail_adult": "Có người chưa biết chữ"}

EDE_NAMES = ["Y Khoa Niê", "H'Linh Mlô", "Y Bhim Êban", "H'Nga Byă", "Y Sơn Ksơr", "H'Ngơn Adrơng"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = {False: ["Văn", "Đức", "Minh", "Quang", "Hữu"], True: ["Thị", "Thị", "Thu", "Ngọc"]}
GIVEN = {
    False: ["Hùng", "Dũng", "Tuấn", "Thắng", "Hải", "Long", "Nam", "Sơn", "Tiến", "Bình"],
    True: ["Lan", "Hoa", "Hương", "Mai", "Hằng", "Nga", "Thảo", "Yến", "Liên"],
}

# The computed items of the criteria file: fields read, and the rule.
RULES: list[tuple[tuple[str, ...], Callable[..., bool]]] = [
    (("so_tre_do_tuoi", "so_tre_di_hoc"), lambda age, school: age == 0 or school >= age),
    (
        ("so_tre_do_tuoi", "so_tre_di_hoc", "so_tre_hoc_luc_dat", "so_tre_hanh_kiem_dat"),
        lambda age, school, res, cond: (
            age == 0 or school == 0 or (res >= school and cond >= school)
        ),
    ),
    (("so_nguoi_lon", "so_nguoi_lon_biet_chu"), lambda adults, literate: literate >= adults),
    (("so_nguoi_lon", "so_nguoi_lon_hoc_chuyen_de"), lambda adults, topics: topics >= adults),
]
YAML_NOTE = "# Sinh bởi examples/generate.py, cùng dữ liệu với tệp .xlsx. Không sửa tay.\n"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
Fields = list[dict[str, Any]]


def strip_diacritics(text: str) -> str:
    """ "Số người" -> "So nguoi" (đ is a letter of its own, not d with a mark)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def header(field: dict[str, Any]) -> str:
    """The column header for one input field."""
    name, label = field["id"], field["label"]
    if name in ALIASES:
        assert ALIASES[name] in field["aliases"], name
        return ALIASES[name]
    if name == UPPER_CASE:
        return str(label).upper()
    if name == NO_DIACRITICS:
        return strip_diacritics(label)
    if name == LINE_BREAK:
        words = label.split(" ")
        return " ".join(words[:2]) + "\n" + " ".join(words[2:])
    return str(label)


def names(rng: random.Random) -> list[str]:
    """Unique heads of household: mostly Kinh names, a few Ê Đê ones."""
    result = list(EDE_NAMES)
    while len(result) < HOUSEHOLDS:
        female = rng.random() < 0.3
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[female])} {rng.choice(GIVEN[female])}"
        if name not in result:
            result.append(name)
    rng.shuffle(result)
    return result


def profiles(rng: random.Random) -> list[str]:
    """Shuffle the free profiles over the rows that have no deliberate mistake."""
    free = list(FREE_PROFILES)
    rng.shuffle(free)
    rest = iter(free)
    return [FIXED_PROFILES.get(index) or next(rest) for index in range(HOUSEHOLDS)]


def children(rng: random.Random, profile: str) -> dict[str, int]:
    """Children counts; weak profiles have one pupil below the bar for item 1.2."""
    weak = profile in ("pass_weak", "exact_80_weak")
    age = max(rng.choices(range(5), weights=[3, 6, 7, 3, 1])[0], MIN_CHILDREN.get(profile, 0))
    age = 2 if profile == "gap_children" else age  # "hai" is typed for these 2 pupils
    school = age - 1 if profile == "fail_child" else age
    below = rng.choice([(1, 0), (0, 1)]) if weak else (0, 0)  # (results, conduct)
    return {
        "so_tre_do_tuoi": age,
        "so_tre_di_hoc": school,
        "so_tre_hoc_luc_dat": school - below[0],
        "so_tre_hanh_kiem_dat": school - below[1],
    }


def adults(rng: random.Random, profile: str) -> dict[str, int]:
    """Adults 19-60; in "fail_adult" households one cannot read and not all took a topic."""
    count = rng.choices(range(1, 6), weights=[1, 6, 4, 2, 1])[0]
    literate = topics = count
    if profile == "fail_adult":
        count = max(count, 2)
        literate, topics = count - 1, rng.randint(0, count - 1)
    return {
        "so_nguoi_lon": count,
        "so_nguoi_lon_biet_chu": literate,
        "so_nguoi_lon_hoc_chuyen_de": topics,
    }


def household(rng: random.Random, index: int, name: str, profile: str) -> dict[str, Any]:
    """One household's intended values, before any mistake."""
    points: tuple[int, ...]
    if profile in FIXED_POINTS:
        points = FIXED_POINTS[profile]
    else:
        points = tuple(rng.randint(low, high) for low, high in POINT_RANGES[profile])
    return {
        "ma_ho": f"ES-{index + 1:03d}",
        "chu_ho": name,
        "thon": VILLAGE,
        **children(rng, profile),
        **adults(rng, profile),
        **dict(zip(POINT_FIELDS, points, strict=True)),
    }


def readable(value: Any, top: float) -> float | None:
    """A cell as the tool should read it: text numbers and decimal commas are fine; words,
    blanks and values over the maximum count as missing."""
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "."))
        except ValueError:
            return None
    return None if value is None or not 0 <= value <= top else float(value)


def verdict(record: dict[str, Any], maxima: dict[str, float]) -> tuple[float, str]:
    """Lowest total and expected verdict: not-assessable items at worst and at best."""
    values = {name: readable(record[name], top) for name, top in maxima.items()}
    parts = [(values[name], maxima[name]) for name in POINT_FIELDS]
    for names_read, rule in RULES:
        args = [values[name] for name in names_read]
        parts.append((None if None in args else 10.0 * rule(*args), 10.0))
    low = sum(points for points, _ in parts if points is not None)
    high = low + sum(top for points, top in parts if points is None)
    return low, "pass" if low >= PASS_MARK else "incomplete" if high >= PASS_MARK else "fail"


def summary(records: list[dict[str, Any]], maxima: dict[str, float]) -> None:
    """Print the expected verdict of each Excel row; rows without a usable id are skipped."""
    tally: dict[str, list[str]] = {"pass": [], "fail": [], "incomplete": [], "skipped": []}
    seen: set[str] = set()
    for row, record in enumerate(records, start=HEADER_ROW + 1):
        total, decided = verdict(record, maxima)
        if not record["ma_ho"] or record["ma_ho"] in seen:
            decided = "skipped"  # household id missing or repeated
        seen.add(record["ma_ho"])
        tally[decided].append(f"{row}" + (f"(={PASS_MARK})" if total == PASS_MARK else ""))
    for decided, rows in tally.items():
        print(f"{decided}: {len(rows)} hộ, dòng {', '.join(rows)}")


def title_block(ws: Worksheet, width: int) -> None:
    """Agency, national motto and title, merged over the table as on a real form."""
    last, left_end = get_column_letter(width), get_column_letter(width // 3)
    right = get_column_letter(width // 3 + 2)
    lines = [
        (f"A1:{left_end}1", "UBND XÃ QUẢNG PHÚ", True, 12),
        (f"A2:{left_end}2", f"BAN KHUYẾN HỌC {VILLAGE.upper()}", True, 12),
        (f"{right}1:{last}1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, 12),
        (f"{right}2:{last}2", "Độc lập - Tự do - Hạnh phúc", True, 12),
        (f"A4:{last}4", "BẢNG CHẤM ĐIỂM GIA ĐÌNH HỌC TẬP NĂM 2025", True, 14),
        (f"A5:{last}5", f"{VILLAGE}, xã Quảng Phú", False, 12),
    ]
    for cells, text, bold, size in lines:
        ws.merge_cells(cells)
        cell = ws[cells.split(":")[0]]
        cell.value, cell.font = text, Font(bold=bold, size=size)
        cell.alignment = Alignment(horizontal="center")


def table(ws: Worksheet, headers: list[str], rows: list[list[Any]]) -> None:
    """Header, data rows, then three bordered rows left for late households: one only
    styled, two holding empty strings (what is left after clearing cells)."""
    widths = [5, 9, 22, 11] + [11] * (len(headers) - 5) + [26]
    for column, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(HEADER_ROW, column, text)
        cell.font, cell.border = Font(bold=True), BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.row_dimensions[HEADER_ROW].height = 62
    blank: list[list[Any]] = [[None] * len(headers)] + [[""] * len(headers)] * 2
    for offset, values in enumerate(rows + blank, start=HEADER_ROW + 1):
        for column, value in enumerate(values, start=1):
            ws.cell(offset, column, value).border = BOX


def save_reproducibly(wb: Workbook, path: Path) -> None:
    """Save with a fixed modified date and fixed zip timestamps so the bytes do not change."""
    buffer = io.BytesIO()
    wb.save(buffer)  # openpyxl stamps "modified" with the current time: put ours back
    wb.properties.modified = STAMP
    core = tostring(wb.properties.to_tree())
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=STAMP.timetuple()[:6])
            fixed.external_attr = entry.external_attr
            data = core if entry.filename == "docProps/core.xml" else source.read(entry)
            out.writestr(fixed, data, compress_type=zipfile.ZIP_DEFLATED)


def workbook(fields: Fields, records: list[dict[str, Any]], notes: list[str | None]) -> Workbook:
    """The village sheet: title block, header row, data rows, trailing blank rows."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    headers = ["STT"] + [header(field) for field in fields] + [NOTE_HEADER]
    title_block(ws, len(headers))
    rows = [
        [number, *record.values(), note]
        for number, (record, note) in enumerate(zip(records, notes, strict=True), start=1)
    ]
    table(ws, headers, rows)
    wb.properties.creator = wb.properties.lastModifiedBy = "Ban khuyến học thôn Ea Súp"
    wb.properties.title = "Bảng chấm điểm Gia đình học tập năm 2025"
    wb.properties.created = STAMP
    return wb


VILLAGE_ONLY_SKIPS = {"ma_dong_ho", "nam_cong_nhan"}


def main() -> None:
    criteria = yaml.safe_load(CRITERIA.read_text(encoding="utf-8"))
    # One village on its own: no clan links, no earlier decisions, so those columns stay out.
    fields: Fields = [f for f in criteria["fields"] if f["id"] not in VILLAGE_ONLY_SKIPS]
    maxima = {field["id"]: float(field["max"]) for field in fields if "max" in field}
    rng = random.Random(SEED)
    heads, kinds = names(rng), profiles(rng)
    records = [household(rng, index, heads[index], kinds[index]) for index in range(HOUSEHOLDS)]
    for index, (name, value) in MISTAKES.items():
        records[index][name] = value
    records = [{field["id"]: record[field["id"]] for field in fields} for record in records]
    notes = [NOTES.get(kind) for kind in kinds]
    save_reproducibly(workbook(fields, records, notes), HERE / f"{STEM}.xlsx")
    document = {"criteria": criteria["id"], "records": records}
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    (HERE / f"{STEM}.yaml").write_text(YAML_NOTE + text, encoding="utf-8", newline="\n")
    summary(records, maxima)


if __name__ == "__main__":
    main()
