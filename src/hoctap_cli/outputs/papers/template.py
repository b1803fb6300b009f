"""A blank input workbook built from a criteria file, for officers and clerks to fill in.

Sheet name, headers, cell checks and the guide all derive from the criteria's fields, so
the filled workbook is read back by the same header matcher as any other workbook. The
criteria id, version and SHA-256 are stamped in it so a later reader knows its origin.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import IO, Any

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.model import FieldType, InputField
from hoctap_cli.outputs.origin import criteria_origin
from hoctap_cli.outputs.papers.template_guide import (
    GUIDE_COLUMNS,
    TITLE_HEIGHT,
    expectation,
    write_guide,
)
from hoctap_cli.outputs.papers.xlsx_book import Book, Sheet, Style, column_letter
from hoctap_cli.version import __version__

# The title block stays short: the reader looks for the header in the first 30 rows.
HEADER_ROW = 4
FIRST_FIELD_COLUMN = 2  # column A is STT, which the reader ignores
DATA_ROWS = 500
GUIDE_SHEET = "Hướng dẫn"
META_SHEET = "_hoctap"
# Excel number checks need both bounds; this one stands for "no bound".
NO_BOUND = 10**12
# Excel's limits on a check's texts and on an inline list.
TITLE_LIMIT, MESSAGE_LIMIT, INLINE_LIST_LIMIT = 32, 255, 255
FORMATS = {FieldType.text: "@", FieldType.date: "dd/mm/yyyy"}
HEADER_STYLE = Style(align="center", valign="vcenter", wrap=True, border=True, fill="#DDEBF7")
CHECK_TYPES = {FieldType.integer: "integer", FieldType.number: "decimal"}
# The margins the templates have always printed with (inches; header and footer 0.5).
MARGINS = {"left": 0.75, "right": 0.75, "top": 1.0, "bottom": 1.0}
HEADER_MARGIN = 0.5


@dataclass(frozen=True)
class Template:
    """The blank workbook of one criteria set, written when it is saved."""

    compiled: CompiledCriteria


def build_template(compiled: CompiledCriteria) -> Template:
    return Template(compiled)


def save(template: Template, stream: IO[bytes]) -> None:
    """Write the data sheet, the guide, the hidden stamp sheet and the properties as .xlsx
    to an open binary stream (see ``atomic.write_atomic``)."""
    compiled = template.compiled
    criteria = compiled.criteria
    book = Book(stream)
    labels = [("STT", True), *((field.label, field.required) for field in criteria.fields)]
    widths = [float(column_width(label)) for label, _ in labels]
    data = book.sheet(sheet_title(criteria.title), widths)
    guide = book.sheet(GUIDE_SHEET, [float(width) for _, width in GUIDE_COLUMNS])
    meta = book.sheet(META_SHEET, [])
    stamp = _stamp(book, compiled)  # the choice lists go beside the key/value rows
    _title_block(data, compiled)
    _header(data, labels)
    for column, field in enumerate(criteria.fields, start=FIRST_FIELD_COLUMN):
        _format_column(data, column, field, stamp)
    data.finish()
    write_guide(guide, compiled, data.worksheet.name, FIRST_FIELD_COLUMN)
    guide.finish()
    for (row, column), value in sorted(stamp.cells.items()):
        meta.put(row, (column, column), value, Style())
    meta.finish()
    meta.worksheet.hide()
    for sheet in (data, guide, meta):
        sheet.worksheet.set_margins(**MARGINS)
        sheet.worksheet.set_header("", margin=HEADER_MARGIN)
        sheet.worksheet.set_footer("", margin=HEADER_MARGIN)
    book.close()


def sheet_title(title: str) -> str:
    """The title as an Excel sheet name: no []:*?/\\ and at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Hồ sơ"


def metadata(compiled: CompiledCriteria) -> dict[str, str]:
    """What the workbook records about the criteria it was made from."""
    criteria = compiled.criteria
    return {
        "criteria_id": criteria.id,
        "criteria_version": criteria.version,
        "criteria_sha256": compiled.sha256,
        "criteria_title": criteria.title,
        "criteria_document": criteria.document.number,
        "header_row": str(HEADER_ROW),
        "tool": "hoctap",
        "tool_version": __version__,
    }


def _title_block(sheet: Sheet, compiled: CompiledCriteria) -> None:
    criteria = compiled.criteria
    provisional = "; có giá trị tạm tính (xem trang “Hướng dẫn”)" if criteria.is_provisional else ""
    lines = (
        f"DANH SÁCH HỒ SƠ XÉT CÔNG NHẬN “{criteria.title.upper()}”",
        f"Theo {criteria.document.number} của {criteria.document.issuer} — "
        f"{criteria_origin(compiled)}{provisional}",
        f"Cách điền: mỗi hồ sơ một dòng, từ dòng {HEADER_ROW + 1}; cột có tên in đậm là bắt "
        "buộc; có/không và lựa chọn thì chọn trong danh sách; ngày ghi ngày/tháng/năm; "
        f"ý nghĩa từng cột xem trang “{GUIDE_SHEET}”.",
    )
    for row, text in enumerate(lines, start=1):
        sheet.put(row, (1, 1), text, Style(size=14, bold=True) if row == 1 else Style())
    # The default row (15 pt) cut off the marks above the title's 14 pt capitals: "DANH
    # SÁCH HỒ SƠ" printed as "DANH SACH HO SƠ". Capitals with two marks (Ồ, Ậ) need about
    # 1.6 times the font size.
    sheet.set_height(1, TITLE_HEIGHT)


def _header(sheet: Sheet, labels: list[tuple[str, bool]]) -> None:
    """STT, then every label in the file's order; frozen below, filterable."""
    lines = 1
    for column, (label, bold) in enumerate(labels, start=1):
        sheet.put(HEADER_ROW, (column, column), label, HEADER_STYLE | Style(bold=bold))
        lines = max(lines, math.ceil(len(label) / (column_width(label) - 2)))
    sheet.set_height(HEADER_ROW, 16 * lines + 4)
    sheet.worksheet.freeze_panes(HEADER_ROW, 0)
    sheet.worksheet.autofilter(HEADER_ROW - 1, 0, HEADER_ROW + DATA_ROWS - 1, len(labels) - 1)


def column_width(label: str) -> int:
    """Wide enough for a short label on one line; long ones wrap onto a few."""
    return min(max(len(label) + 2, 8), 24)


@dataclass
class Stamp:
    """The hidden sheet's cells: key/value rows, then the long choice lists beside them."""

    cells: dict[tuple[int, int], str]

    @property
    def last_column(self) -> int:
        return max(column for _, column in self.cells)


def _format_column(sheet: Sheet, column: int, field: InputField, stamp: Stamp) -> None:
    if field.type in FORMATS:
        # A column format: Excel and LibreOffice apply it to whatever is typed later.
        sheet.column_style(column, Style(num_format=FORMATS[field.type]))
    check = validation(field, stamp)
    if check is not None:
        first, last = HEADER_ROW, HEADER_ROW + DATA_ROWS - 1  # 0-based rows 5 to 504
        sheet.worksheet.data_validation(first, column - 1, last, column - 1, check)


def validation(field: InputField, stamp: Stamp) -> dict[str, Any] | None:
    """The Excel cell check for ``field`` (xlsxwriter's options); text takes anything."""
    if field.type is FieldType.text:
        return None
    rule: dict[str, Any]
    if field.type is FieldType.boolean:
        rule = {"validate": "list", "source": '"có,không"'}
    elif field.type is FieldType.choice:
        rule = {"validate": "list", "source": _choice_list(field, stamp)}
    elif field.type is FieldType.date:  # Excel's serial days 1 (1900) to 31/12/9999
        rule = {"validate": "date", "criteria": "between", "minimum": "1", "maximum": "2958465"}
    else:
        rule = _number_rule(field)
    wanted = expectation(field)
    return rule | {
        "ignore_blank": True,
        "show_error": True,
        "error_type": "stop",
        "error_title": "Giá trị không hợp lệ",
        "error_message": _clip(f"Cột “{field.label}” cần {wanted}.", MESSAGE_LIMIT),
        "show_input": True,
        "input_title": _clip(field.label, TITLE_LIMIT),
        "input_message": _clip(f"Ghi {wanted}. {field.description or ''}".strip(), MESSAGE_LIMIT),
    }


def _number_rule(field: InputField) -> dict[str, Any]:
    low = -NO_BOUND if field.min is None else field.min
    high = NO_BOUND if field.max is None else field.max
    return {
        "validate": CHECK_TYPES[field.type],
        "criteria": "between",
        "minimum": f"{low:g}" if isinstance(low, float) else str(low),
        "maximum": f"{high:g}" if isinstance(high, float) else str(high),
    }


def _choice_list(field: InputField, stamp: Stamp) -> str:
    """Inline when Excel allows it; labels with commas or long lists go to the stamp sheet."""
    labels = [choice.label for choice in field.choices]
    inline = ",".join(labels)
    if len(inline) + 2 <= INLINE_LIST_LIMIT and not any("," in x or '"' in x for x in labels):
        return f'"{inline}"'
    column = stamp.last_column + 2
    stamp.cells[(1, column)] = f"choices:{field.id}"
    for row, label in enumerate(labels, start=2):
        stamp.cells[(row, column)] = label
    letter = column_letter(column)
    return f"'{META_SHEET}'!${letter}$2:${letter}${len(labels) + 1}"


def _stamp(book: Book, compiled: CompiledCriteria) -> Stamp:
    """Record the criteria both as document properties and as a hidden key/value sheet."""
    stamp = Stamp({(1, 1): "key", (1, 2): "value"})
    for row, (key, value) in enumerate(metadata(compiled).items(), start=2):
        stamp.cells[(row, 1)] = key
        stamp.cells[(row, 2)] = value
        book.workbook.set_custom_property(f"hoctap.{key}", value, "text")
    title = compiled.criteria.title
    book.workbook.set_properties({"title": title, "author": f"hoctap {__version__}"})
    return stamp


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
