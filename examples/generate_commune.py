"""Build the example commune workbook ``xa-quang-phu-2025.xlsx`` (Xã Quảng Phú, 2025).

Run ``python examples/generate_commune.py``. One sheet per level, named from the title's
``sheet_names``, headers from its field labels; a fixed seed, document date and zip timestamps
(``generate.save_reproducibly``) make the file byte-identical from one run to the next. Every
clan's, village's and unit's share is fixed by construction: see CLANS, VILLAGES, MEMBERS.
Deliberate link mistakes (their Excel rows are printed, and listed in README.md):
- "Hộ gia đình": household DUPLICATE typed on two rows (the second: duplicate_id);
- "Hộ gia đình": household TYPO[0] in village TYPO[1], which does not exist (broken_link);
- "Công dân": one citizen's unit is UNKNOWN_UNIT, absent from "Đơn vị" (broken_link);
- "Dòng họ": clan EMPTY_CLAN has no households (no_members).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import generate as ea_sup
import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
CRITERIA = HERE.parent / "criteria"
OUTPUT = HERE / "xa-quang-phu-2025.xlsx"
SEED, YEAR, HEADER_ROW = 2025, 2025, 4
COMMUNE = "Xã Quảng Phú"
ES, QH, EK = "Thôn Ea Súp", "Thôn Quảng Hà", "Buôn Ea Kmar"
YES, NO = "có", "không"
Row = dict[str, Any]
Kinds = dict[str, int]
Clan = tuple[str, str, str, Kinds, bool]  # id, name, village, households' kinds, others met

# Sheet name (one of the title's sheet_names) -> criteria file, in workbook order.
SHEETS = {
    "Công dân": "cong-dan-hoc-tap/324-2023",
    "Hộ gia đình": "gia-dinh-hoc-tap/448-2015",
    "Dòng họ": "dong-ho-hoc-tap/448-2015",
    "Thôn": "cong-dong-hoc-tap-thon/448-2015",
    "Xã": "cong-dong-hoc-tap-xa/tt25-2023",
    "Đơn vị": "don-vi-hoc-tap/tt24-2023",
    "Thi đua hộ gia đình": "thi-dua-gia-dinh/kh123-2024",
    "Thi đua cá nhân": "thi-dua-ca-nhan/kh123-2024",
    "Thi đua xã": "thi-dua-xa/kh123-2024",
    "Thi đua doanh nghiệp": "thi-dua-doanh-nghiep/kh123-2024",
    "Thi đua dòng họ": "thi-dua-dong-ho/kh123-2024",
}
# Household kinds: pass, fail, incomplete (criterion 4 blank), recognised (criterion 4 blank,
# recognised in 2025 so it still holds the title), expired (fails, recognised in 2023).
# Villages: id prefix and the households that belong to no clan. Held = pass + recognised.
VILLAGES: dict[str, tuple[str, Kinds]] = {
    ES: ("ES", {"pass": 33, "recognised": 2, "fail": 7, "incomplete": 2}),  # 83/110 held
    QH: ("QH", {"pass": 21, "recognised": 1, "fail": 16, "incomplete": 2}),  # 64/100: fails
    EK: ("EK", {"pass": 29, "recognised": 1, "fail": 7, "incomplete": 1}),  # 68/88 held
}
CLANS: list[Clan] = [
    ("DH-01", "Họ Nguyễn Văn", ES, {"pass": 7, "fail": 3}, True),  # exactly 70 %: threshold
    ("DH-02", "Họ Trần", ES, {"pass": 13, "recognised": 1, "fail": 3, "incomplete": 1}, True),
    ("DH-03", "Họ Lê", ES, {"pass": 8, "fail": 5, "expired": 1}, True),  # 8/14: fails
    ("DH-04", "Họ Phạm", ES, {"pass": 19, "fail": 4, "incomplete": 1}, True),
    ("DH-05", "Họ Hoàng", QH, {"pass": 15, "fail": 4, "incomplete": 1}, True),
    ("DH-06", "Họ Võ", QH, {"pass": 10, "fail": 5, "incomplete": 1}, True),  # 10/16: fails
    ("DH-07", "Họ Đặng", QH, {"pass": 11, "fail": 3}, False),  # 79 % but other criteria unmet
    ("DH-08", "Họ Bùi", QH, {"pass": 6, "fail": 3, "expired": 1}, True),  # 6/10: fails
    ("DH-09", "Dòng họ Niê", EK, {"pass": 15, "recognised": 1, "fail": 3, "incomplete": 1}, True),
    ("DH-10", "Dòng họ Êban", EK, {"pass": 12, "fail": 4}, True),
    ("DH-11", "Dòng họ Mlô", EK, {"pass": 10, "fail": 4}, True),  # 10/14 = 71 %
    ("DH-12", "Họ Đỗ", QH, {}, True),  # mistake: a clan with no households
]
EMPTY_CLAN, DUPLICATE, TYPO = "DH-12", "ES-027", ("QH-101", "Thôn Mới")
UNITS: list[tuple[str, str, str, str, Row]] = [
    ("DV-01", "Trường THPT Quảng Phú", QH, "truong_thpt", {"chuyen_doi_so_dat": True}),
    ("DV-02", "Trường Tiểu học Ea Súp", ES, "truong_khac", {}),
    ("DV-03", "UBND xã Quảng Phú", QH, "co_quan", {}),
    ("DV-04", "Công ty TNHH Cà phê Ea Kmar", EK, "doanh_nghiep", {}),
    ("DV-05", "HTX Nông nghiệp Quảng Hà", QH, "doanh_nghiep", {"tap_the_tien_tien": False}),
]
UNKNOWN_UNIT = "DV-06"  # a lower secondary school that sent no sheet
# Unit -> members taken from (pupils, household heads, people outside the household list),
# the staff's group, and the members' kinds: held = pass.
MEMBERS: dict[str, tuple[int, int, int, str, Kinds]] = {
    "DV-01": (14, 0, 6, "can_bo_doanh_nhan", {"pass": 19, "fail": 1}),  # 95 %
    "DV-02": (0, 4, 6, "can_bo_doanh_nhan", {"pass": 8, "fail": 2}),  # 80 %: below 90 %
    "DV-03": (0, 6, 6, "can_bo_doanh_nhan", {"pass": 11, "fail": 1}),  # 92 %
    "DV-04": (0, 6, 4, "nguoi_lao_dong", {"pass": 9, "incomplete": 1}),  # exactly 90 %
    "DV-05": (0, 8, 0, "nguoi_lao_dong", {"pass": 6, "fail": 2}),  # 75 %
    UNKNOWN_UNIT: (0, 0, 1, "can_bo_doanh_nhan", {"pass": 1}),
}
MISTAKES = [  # sheet, column, values: where the deliberate mistakes are
    ("Hộ gia đình", "ma_ho", (DUPLICATE, TYPO[0])),
    ("Công dân", "ma_don_vi", (UNKNOWN_UNIT,)),
    ("Dòng họ", "ma_dong_ho", (EMPTY_CLAN,)),
]
ROLES = {"pupil": "hoc_sinh_sinh_vien", "head": "nguoi_dan", "outsider": "nguoi_lao_dong"}
HEADS, PUPILS, OUTSIDERS = 150, 20, 30  # 200 citizens, 170 of them in a listed household
OTHER_CITIZENS: Kinds = {"pass": 90, "fail": 44, "incomplete": 5}
EDE = ("Niê", "Êban", "Mlô", "Byă", "Ksơr", "Adrơng", "Êya")
EDE_GIVEN = {
    False: "Khoa Bhim Sơn Thuôn Kô Jôn Blông Tuân Hiêng Wang Ju Siêng Dhăm Kuăn Thi Bin".split(),
    True: "Linh Nga Ngơn Blin Hiên Zuê Năm Drim Juel Mai Brit Hoan Nhi Pluih Dơk Xuân".split(),
}
FAILS = ("fail_child", "fail_council", "fail_adult")
NO_TC4 = ((7, 9), (7, 9), (14, 17))  # 40 + 28..35 without criterion 4: incomplete
PRIOR = {"recognised": YEAR, "expired": YEAR - 2}
HOUSEHOLD_NOMINEES: Kinds = {"pass": 8, "recognised": 1, "fail": 1}
CITIZEN_NOMINEES: Kinds = {"pass": 8, "fail": 1, "incomplete": 1}


def shuffled(rng: random.Random, kinds: Kinds) -> list[str]:
    """Each kind repeated its count, in random order."""
    result = [kind for kind, count in kinds.items() for _ in range(count)]
    rng.shuffle(result)
    return result


def full_name(rng: random.Random, family: str, female: bool) -> str:
    """A Kinh name on ``family`` ("Nguyễn Văn": men keep the middle name) or an Ê Đê one."""
    if family in EDE:
        given = rng.choice(EDE_GIVEN[female])
        return f"H'{given} {family}" if female else f"Y {given} {family}"
    surname, *middle = family.split()
    if female or not middle:
        middle = [rng.choice(ea_sup.MIDDLE[female])]
    return " ".join([surname, *middle, rng.choice(ea_sup.GIVEN[female])])


def unique_name(rng: random.Random, families: list[str], used: set[str]) -> str:
    """A name nobody in the commune has yet; a quarter of them women."""
    while (name := full_name(rng, rng.choice(families), rng.random() < 0.25)) in used:
        pass
    used.add(name)
    return name


def scores(rng: random.Random, kind: str) -> Row:
    """Counts and council points giving the household's intended verdict."""
    if kind in ("fail", "expired"):
        profile = rng.choice(FAILS)
    else:
        profile = "pass_weak" if kind == "pass" and rng.random() < 0.15 else "pass"
    ranges = NO_TC4 if kind in ("incomplete", "recognised") else ea_sup.POINT_RANGES[profile]
    points = dict(
        zip(ea_sup.POINT_FIELDS, [rng.randint(low, high) for low, high in ranges], strict=False)
    )
    return ea_sup.children(rng, profile) | ea_sup.adults(rng, profile) | points


def households(rng: random.Random, used: set[str]) -> list[Row]:
    """Every village's households, clan members shuffled among the others; TYPO last."""
    rows: list[Row] = []
    for thon, (prefix, rest) in VILLAGES.items():
        slots: list[tuple[Clan | None, str]] = [(None, kind) for kind in shuffled(rng, rest)]
        slots += [(c, k) for c in CLANS if c[2] == thon for k in shuffled(rng, c[3])]
        rng.shuffle(slots)
        anyone = ea_sup.SURNAMES + list(EDE) * 3 * (thon == EK)  # the buôn: mostly Ê Đê
        for number, (clan, kind) in enumerate(slots, start=1):
            family = [clan[1].removeprefix("Dòng họ ").removeprefix("Họ ")] if clan else anyone
            home: Row = {
                "ma_ho": f"{prefix}-{number:03d}",
                "chu_ho": unique_name(rng, family, used),
            }
            home |= {"thon": thon, "ma_dong_ho": clan[0] if clan else None, "kind": kind}
            rows.append(home | {"nam_cong_nhan": PRIOR.get(kind)} | scores(rng, kind))
    typo = {"ma_ho": TYPO[0], "chu_ho": unique_name(rng, ea_sup.SURNAMES, used), "thon": TYPO[1]}
    return [*rows, typo | scores(rng, "pass") | {"kind": "pass"}]


def citizen_scores(rng: random.Random, kind: str) -> list[int | None]:
    """Ten index points: pass (7-10, total >= 80), fail (total < 80 or an index < 5), or
    incomplete (one index blank, the other nine 70-79: 80 only if the blank is filled)."""
    while True:
        low = 5 if kind == "fail" and rng.random() < 0.5 else 7
        points: list[int | None] = [rng.randint(low, 10 - (low == 5)) for _ in range(10)]
        total = sum(p or 0 for p in points)
        if kind == "fail" and total >= 80:
            points[rng.randrange(10)] = rng.randint(2, 4)
        elif kind == "incomplete":
            points[rng.randrange(10)] = None
            if not 70 <= sum(p or 0 for p in points) < 80:
                continue
        elif kind == "pass" and total < 80:
            continue
        return points


def people(rng: random.Random, homes: list[Row], used: set[str]) -> list[Row]:
    """Household heads, some of their children at school, people outside the household list."""
    heads = rng.sample(homes, HEADS)
    rows = [{"ho_ten": h["chu_ho"], "thon": h["thon"], "ma_ho": h["ma_ho"]} for h in heads]
    for home in rng.sample(heads, PUPILS):
        words = home["chu_ho"].split()
        name = unique_name(rng, [words[-1] if words[-1] in EDE else words[0]], used)
        rows.append({"ho_ten": name, "thon": home["thon"], "ma_ho": home["ma_ho"]})
    for _ in range(OUTSIDERS):
        rows.append(
            {"ho_ten": unique_name(rng, ea_sup.SURNAMES, used), "thon": rng.choice([ES, QH])}
        )
    roles = ["head"] * HEADS + ["pupil"] * PUPILS + ["outsider"] * OUTSIDERS
    return [row | {"role": role} for row, role in zip(rows, roles, strict=True)]


def citizens(rng: random.Random, homes: list[Row], used: set[str]) -> list[Row]:
    """Citizens with their units, groups and index points; ids follow the sheet order."""
    everyone = people(rng, homes, used)
    for unit, (*counts, staff, kinds) in MEMBERS.items():
        free = {
            role: [p for p in everyone if p["role"] == role and "kind" not in p] for role in ROLES
        }
        members = [p for role, n in zip(ROLES, counts, strict=True) for p in free[role][:n]]
        for person, kind in zip(members, shuffled(rng, kinds), strict=True):
            group = ROLES["pupil"] if person["role"] == "pupil" else staff
            person |= {"ma_don_vi": unit, "nhom_doi_tuong": group, "kind": kind}
    rest = [person for person in everyone if "kind" not in person]
    for person, kind in zip(rest, shuffled(rng, OTHER_CITIZENS), strict=True):
        group = ROLES[person["role"]] if rng.random() < 0.8 else "nguoi_lao_dong"
        person |= {"nhom_doi_tuong": group, "kind": kind}
    order = list(VILLAGES)
    rows = sorted(everyone, key=lambda p: (order.index(p["thon"]), p.get("ma_ho") or "~"))
    for number, person in enumerate(rows, start=1):
        points = citizen_scores(rng, person["kind"])
        person |= {f"chi_so_{index}": value for index, value in enumerate(points, start=1)}
        person["ma_cong_dan"] = f"CD-{number:04d}"
    return rows


def nominate(rng: random.Random, pool: list[Row], ids: tuple[str, ...], plan: Kinds) -> list[Row]:
    """Emulation rows: ``plan`` members of each kind; the first has no contribution on record."""
    id_field, name_field, flag = ids
    picks = [p for k, n in plan.items() for p in rng.sample([q for q in pool if q["kind"] == k], n)]
    rows = [{id_field: p[id_field], name_field: p[name_field], flag: True} for p in picks]
    rows[0][flag] = False
    return sorted(rows, key=lambda row: row[id_field])


def cell(field: Row, value: Any) -> Any:
    """How a value is typed in the sheet: có/không, a choice's label, or as is."""
    if value is None or field["type"] not in ("boolean", "choice"):
        return value
    if field["type"] == "boolean":
        return YES if value else NO
    return next(choice["label"] for choice in field["choices"] if choice["value"] == value)


def add_sheet(wb: Workbook, name: str, criteria: Row, rows: list[Row]) -> None:
    """Title block (rows 1-3), header from the field labels (row 4), one row per applicant."""
    assert name in criteria["sheet_names"], name
    ws = wb.create_sheet(name)
    fields = criteria["fields"]
    table = [["STT", *(field["label"] for field in fields)]] + [
        [number, *(cell(field, row.get(field["id"])) for field in fields)]
        for number, row in enumerate(rows, start=1)
    ]
    document = criteria["document"]
    lines = [
        f"UBND {COMMUNE.upper()} - BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP",
        f"BẢNG TỔNG HỢP {criteria['title'].upper()} NĂM {YEAR}",
        f"Bộ tiêu chí: {document['number']} ({document['issuer']})",
    ]
    for line, text in enumerate(lines, start=1):
        ws.merge_cells(start_row=line, start_column=1, end_row=line, end_column=len(table[0]))
        title = ws.cell(line, 1, text)
        title.font, title.alignment = Font(bold=line < 3, size=13 - line), Alignment("center")
    for offset, values in enumerate(table):
        for column, value in enumerate(values, start=1):
            ws.cell(HEADER_ROW + offset, column, value).border = ea_sup.BOX
    for column in range(1, len(table[0]) + 1):
        head = ws.cell(HEADER_ROW, column)
        head.font, head.alignment = Font(bold=True), Alignment("center", "center", wrap_text=True)
        longest = max(len(str(values[column - 1] or "")) for values in table[1:])
        ws.column_dimensions[get_column_letter(column)].width = min(30, max(6, longest + 2))
    ws.row_dimensions[HEADER_ROW].height = 48
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)


def unit_row(unit: tuple[str, str, str, str, Row]) -> Row:
    """A unit as its council confirmed it: criteria met unless the unit says otherwise."""
    code, name, thon, kind, exceptions = unit
    row = {"ma_don_vi": code, "ten_don_vi": name, "thon": thon, "loai_don_vi": kind}
    met = ("dat_tieu_chi_1", "dat_tieu_chi_2", "chia_se_tri_thuc", "tap_the_tien_tien")
    # No unit of the commune claims Mức độ 2 this year: its two council answers are "không".
    level_two = {"dat_tieu_chi_2_muc_2": False, "danh_hieu_thi_dua_cao_hon": False}
    return (
        row | {"co_so_giao_duc_cap_tinh": False} | dict.fromkeys(met, True) | level_two | exceptions
    )


def all_met(sheet: str) -> Row:
    """Every yes/no field of a sheet's criteria answered có."""
    fields = load(SHEETS[sheet])["fields"]
    return dict.fromkeys([f["id"] for f in fields if f["type"] == "boolean"], True)


def household_sheet(rng: random.Random, homes: list[Row]) -> list[Row]:
    """Households in list order: DUPLICATE typed again (re-scored) after the last household
    of its village, and the TYPO household at the very end."""
    listed = homes[:-1]
    first = next(home for home in listed if home["ma_ho"] == DUPLICATE)
    at = max(i for i, home in enumerate(listed) if home["thon"] == first["thon"]) + 1
    return [*listed[:at], first | scores(rng, first["kind"]), *listed[at:], homes[-1]]


def emulation(rng: random.Random, homes: list[Row], persons: list[Row]) -> dict[str, list[Row]]:
    """The five emulation lists: who the villages and units propose."""
    flags = ("ma_ho", "chu_ho", "dong_gop_xay_dung_thon")
    businesses = [unit_row(unit) for unit in UNITS if unit[3] == "doanh_nghiep"]
    return {
        "Thi đua hộ gia đình": nominate(rng, homes, flags, HOUSEHOLD_NOMINEES),
        "Thi đua cá nhân": nominate(
            rng, persons, ("ma_cong_dan", "ho_ten", "dong_gop_xa_hoi_hoc_tap"), CITIZEN_NOMINEES
        ),
        "Thi đua xã": [{"xa": COMMUNE, "ten_xa": COMMUNE} | all_met("Thi đua xã")],
        "Thi đua doanh nghiệp": [u | all_met("Thi đua doanh nghiệp") for u in businesses],
        "Thi đua dòng họ": [
            {"ma_dong_ho": c[0], "ten_dong_ho": c[1], "dong_gop_xay_dung_thon": True}
            for c in CLANS[:3]
        ],
    }


def levels(rng: random.Random) -> dict[str, list[Row]]:
    """Rows of every sheet, keyed like SHEETS."""
    used: set[str] = set()
    homes = households(rng, used)
    persons = citizens(rng, homes[:-1], used)
    clans = [{"ma_dong_ho": c[0], "ten_dong_ho": c[1], "thon": c[2]} for c in CLANS]
    return {
        "Công dân": persons,
        "Hộ gia đình": household_sheet(rng, homes),
        "Dòng họ": [row | {"dat_tieu_chi_khac": c[4]} for row, c in zip(clans, CLANS, strict=True)],
        "Thôn": [{"thon": v, "xa": COMMUNE, "dat_tieu_chi_khac": True} for v in VILLAGES],
        # Every level-1 indicator met; of level 2, criterion 5 is not: Mức độ 1 only.
        "Xã": [{"xa": COMMUNE} | all_met("Xã") | {"tc5_dat_muc_2": False}],
        "Đơn vị": [unit_row(unit) for unit in UNITS],
        **emulation(rng, homes[:-1], persons),
    }


def load(path: str) -> Row:
    """One criteria file, as plain data."""
    return dict(yaml.safe_load((CRITERIA / f"{path}.yaml").read_text(encoding="utf-8")))


def report(sheets: dict[str, list[Row]]) -> None:
    """Print the Excel rows of the deliberate mistakes."""
    for name, field, values in MISTAKES:
        for number, row in enumerate(sheets[name], start=HEADER_ROW + 1):
            if row.get(field) in values:
                print(f"Lỗi cố ý: trang '{name}' dòng {number}, {field} = {row[field]}")


def main() -> None:
    sheets = levels(random.Random(SEED))
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    for name, path in SHEETS.items():
        add_sheet(wb, name, load(path), sheets[name])
    wb.properties.creator = wb.properties.lastModifiedBy = "Ban chỉ đạo xã Quảng Phú"
    wb.properties.title = f"Tổng hợp xây dựng xã hội học tập {COMMUNE} năm {YEAR}"
    wb.properties.created = ea_sup.STAMP
    ea_sup.save_reproducibly(wb, OUTPUT)
    report(sheets)


if __name__ == "__main__":
    main()
