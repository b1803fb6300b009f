"""The words of the input template: what each column holds and feeds, and its guide sheet.

The cell checks of the data sheet and the guide sheet say the same things, so both take
their wording from here.
"""

from __future__ import annotations

from itertools import repeat

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.model import FieldType, InputField, Item
from hoctap_cli.criteria.names import Names, capitalize
from hoctap_cli.outputs.origin import criteria_origin
from hoctap_cli.outputs.papers.xlsx_book import Sheet, Style, column_letter
from hoctap_cli.outputs.papers.xlsx_fit import fitted_height
from hoctap_cli.outputs.screens.criteria_view import TYPE_LABELS

GUIDE_COLUMNS = (
    ("Cột", 6),
    ("Tên cột", 28),
    ("Ý nghĩa", 50),
    ("Kiểu", 11),
    ("Giá trị cho phép", 32),
    ("Bắt buộc", 10),
    ("Dùng cho tiêu chí", 70),
)
GUIDE_HEADER_ROW = 4
PROVISIONAL_FILL = Style(fill="#FFF2CC")
FIELD_STYLE = Style(wrap=True, valign="top")
DATE_EXAMPLE = "25/12/2025"
TITLE_HEIGHT = 24.0  # points: a 13-14 pt title of capitals with two marks needs ~1.6x its size
DEFAULT_HEIGHT = 15.0  # points, a row of one line at the default 11 pt


def expectation(field: InputField) -> str:
    """What a cell of ``field`` must hold, e.g. 'một số nguyên từ 0 đến 30'."""
    if field.type is FieldType.choice:
        return "một trong: " + "; ".join(choice.label for choice in field.choices)
    if field.type is FieldType.boolean:
        return "có hoặc không"
    if field.type is FieldType.date:
        return f"một ngày dạng ngày/tháng/năm, ví dụ {DATE_EXAMPLE}"
    if field.type is FieldType.text:
        return "chữ hoặc số"
    noun = "một số nguyên" if field.type is FieldType.integer else "một số"
    return f"{noun} {bounds(field.min, field.max)}".strip()


def bounds(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"từ {low:g} đến {high:g}"
    if low is not None:
        return f"từ {low:g} trở lên"
    return f"không quá {high:g}" if high is not None else ""


def blank_note(field: InputField) -> str:
    """What an empty cell stands for; by default it is missing data, never a zero."""
    blank = field.when_blank
    if field.required:
        return "không được để trống"
    if blank is None:
        return "để trống là thiếu dữ liệu"
    if isinstance(blank, bool):
        return f"để trống là {'có' if blank else 'không'}"
    return f"để trống là {blank:g}"


def feeding_items(compiled: CompiledCriteria, field_id: str) -> list[Item]:
    """Items whose rule reads ``field_id`` or whose awarded points are read from it."""
    found = []
    for _, item in compiled.criteria.items():
        rule = compiled.rules.get(item.id)
        if item.field == field_id or (rule is not None and field_id in rule.fields):
            found.append(item)
    return found


def feeds_text(compiled: CompiledCriteria, field: InputField) -> str:
    names = Names(compiled.criteria)
    lines = [
        f"{capitalize(names.item(item.id))}: {item.label} ({item.citation.render()})"
        + (" — tạm tính" if item.provisional else "")
        for item in feeding_items(compiled, field.id)
    ]
    identity = compiled.criteria.identity
    roles = {
        identity.id: "nhận diện hồ sơ (mã, không được trùng)",
        identity.name: "tên hiện trong bảng kết quả",
        identity.village: "tổng hợp kết quả theo thôn",
    }
    if field.id in roles:
        lines.append(roles[field.id])
    return "\n".join(lines) or "không dùng cho tiêu chí nào của danh hiệu này"


def field_row(compiled: CompiledCriteria, field: InputField, letter: str) -> list[str]:
    """One guide row: column, label, meaning, type, allowed values, required, items fed."""
    return [
        letter,
        field.label,
        field.description or "",
        TYPE_LABELS[field.type.value],
        f"{expectation(field)}; {blank_note(field)}",
        "bắt buộc" if field.required else "không",
        feeds_text(compiled, field),
    ]


def write_guide(
    sheet: Sheet, compiled: CompiledCriteria, data_sheet: str, first_column: int
) -> None:
    """Fill the 'Hướng dẫn' sheet: one row per field, then the provisional values.

    ``first_column`` is where the data sheet's first field sits (1-based); the sheet was
    made with the widths of ``GUIDE_COLUMNS``.
    """
    criteria = compiled.criteria
    _heading(sheet, compiled, data_sheet)
    for column, (title, _) in enumerate(GUIDE_COLUMNS, start=1):
        sheet.put(GUIDE_HEADER_ROW, (column, column), title, Style(bold=True))
    sheet.worksheet.freeze_panes(GUIDE_HEADER_ROW, 0)
    row = GUIDE_HEADER_ROW
    widths = [float(width) for _, width in GUIDE_COLUMNS]
    for column, field in enumerate(criteria.fields, start=first_column):
        row += 1
        texts = field_row(compiled, field, column_letter(column))
        for index, text in enumerate(texts, 1):
            sheet.put(row, (index, index), text, FIELD_STYLE)
        # Wrapped cells print over the row below unless the row is as tall as its tallest
        # cell: spreadsheets do not all fit it when the file is opened.
        sheet.set_height(
            row, fitted_height(zip(texts, repeat(FIELD_STYLE), widths)) or DEFAULT_HEIGHT
        )
    _provisional(sheet, row + 2, Names(criteria).provisional_notes())


def _heading(sheet: Sheet, compiled: CompiledCriteria, data_sheet: str) -> None:
    criteria = compiled.criteria
    lines = (
        f"HƯỚNG DẪN ĐIỀN BẢNG “{criteria.title.upper()}”",
        f"Bộ tiêu chí {criteria.title}, phiên bản {criteria.version}, theo "
        f"{criteria.document.number} của {criteria.document.issuer}; "
        f"{criteria_origin(compiled)}, SHA-256: {compiled.sha256}",
        f"Mỗi hồ sơ ghi một dòng ở trang “{data_sheet}”. Cột có tên in đậm là bắt buộc; "
        "ô để trống được coi là thiếu dữ liệu, trừ khi cột “Giá trị cho phép” ghi khác.",
    )
    for row, text in enumerate(lines, start=1):
        sheet.put(row, (1, 1), text, Style(bold=True, size=13) if row == 1 else Style())
    sheet.set_height(1, TITLE_HEIGHT)  # room for the marks above capitals (Ồ, Ẫ)


def _provisional(sheet: Sheet, row: int, notes: list[str]) -> None:
    """List every provisional value, so that no one mistakes a provisional result for final."""
    if not notes:
        return
    sheet.put(row, (1, 1), "GIÁ TRỊ TẠM TÍNH", Style(bold=True) | PROVISIONAL_FILL)
    sheet.put(
        row + 1,
        (1, 1),
        "Các giá trị sau chưa đối chiếu được với văn bản gốc; "
        "kết quả chấm dựa trên chúng là kết quả tạm tính:",
        Style(),
    )
    for offset, note in enumerate(notes, start=2):
        sheet.put(row + offset, (1, 1), f"Tạm tính — {note}", PROVISIONAL_FILL)
