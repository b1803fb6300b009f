"""A blank input workbook built from a criteria file, for officers and clerks to fill in.

Sheet name, headers, cell checks and the guide all derive from the criteria's fields, so
the filled workbook is read back by the same header matcher as any other workbook. The
criteria id, version and SHA-256 are stamped in it so a later reader knows its origin.
"""

from __future__ import annotations

import math
import re
from typing import IO, Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.packaging.custom import StringProperty  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from hoctap_cli.criteria.compiled import CompiledCriteria
from hoctap_cli.criteria.model import FieldType, InputField
from hoctap_cli.outputs.inert import put_value
from hoctap_cli.outputs.origin import criteria_origin
from hoctap_cli.outputs.papers.template_guide import expectation, write_guide
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
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin")


def build_template(compiled: CompiledCriteria) -> Workbook:
    """The blank workbook: data sheet, guide sheet, hidden stamp sheet and properties."""
    criteria = compiled.criteria
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(criteria.title)
    meta = workbook.create_sheet(META_SHEET)
    _stamp(workbook, meta, compiled)  # first: choice lists go beside the key/value rows
    _title_block(sheet, compiled)
    _header(sheet, criteria.fields)
    for column, field in enumerate(criteria.fields, start=FIRST_FIELD_COLUMN):
        _format_column(sheet, column, field, meta)
    guide = workbook.create_sheet(GUIDE_SHEET, index=1)
    write_guide(guide, compiled, sheet.title, FIRST_FIELD_COLUMN)
    workbook.active = 0
    return workbook


def save(workbook: Workbook, stream: IO[bytes]) -> None:
    """Write ``workbook`` as .xlsx to an open binary stream (see ``atomic.write_atomic``)."""
    workbook.save(stream)


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


def _title_block(sheet: Any, compiled: CompiledCriteria) -> None:
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
        put_value(sheet, row, 1, text)
    sheet.cell(1, 1).font = Font(bold=True, size=14)


def _header(sheet: Any, fields: list[InputField]) -> None:
    """STT, then every label in the file's order; frozen below, filterable."""
    labels = [("STT", True), *((field.label, field.required) for field in fields)]
    lines = 1
    for column, (label, bold) in enumerate(labels, start=1):
        cell = put_value(sheet, HEADER_ROW, column, label)
        cell.font = Font(bold=bold)
        cell.fill = HEADER_FILL
        cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        width = column_width(label)
        sheet.column_dimensions[get_column_letter(column)].width = width
        lines = max(lines, math.ceil(len(label) / (width - 2)))
    sheet.row_dimensions[HEADER_ROW].height = 16 * lines + 4
    last = get_column_letter(len(labels))
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + DATA_ROWS}"


def column_width(label: str) -> int:
    """Wide enough for a short label on one line; long ones wrap onto a few."""
    return min(max(len(label) + 2, 8), 24)


def _format_column(sheet: Any, column: int, field: InputField, meta: Any) -> None:
    letter = get_column_letter(column)
    if field.type in FORMATS:
        # A column format: Excel and LibreOffice apply it to whatever is typed later.
        sheet.column_dimensions[letter].number_format = FORMATS[field.type]
    check = validation(field, meta)
    if check is not None:
        sheet.add_data_validation(check)
        check.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + DATA_ROWS}")


def validation(field: InputField, meta: Any) -> DataValidation | None:
    """The Excel cell check for ``field``; text takes anything, so it has none."""
    if field.type is FieldType.text:
        return None
    rule: dict[str, Any]
    if field.type is FieldType.boolean:
        rule = {"type": "list", "formula1": '"có,không"'}
    elif field.type is FieldType.choice:
        rule = {"type": "list", "formula1": _choice_list(field, meta)}
    elif field.type is FieldType.date:  # Excel's serial days 1 (1900) to 31/12/9999
        rule = {"type": "date", "operator": "between", "formula1": "1", "formula2": "2958465"}
    else:
        rule = _number_rule(field)
    wanted = expectation(field)
    return DataValidation(
        **rule,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Giá trị không hợp lệ",
        error=_clip(f"Cột “{field.label}” cần {wanted}.", MESSAGE_LIMIT),
        showInputMessage=True,
        promptTitle=_clip(field.label, TITLE_LIMIT),
        prompt=_clip(f"Ghi {wanted}. {field.description or ''}".strip(), MESSAGE_LIMIT),
    )


def _number_rule(field: InputField) -> dict[str, Any]:
    low = -NO_BOUND if field.min is None else field.min
    high = NO_BOUND if field.max is None else field.max
    return {
        "type": "whole" if field.type is FieldType.integer else "decimal",
        "operator": "between",
        "formula1": f"{low:g}" if isinstance(low, float) else str(low),
        "formula2": f"{high:g}" if isinstance(high, float) else str(high),
    }


def _choice_list(field: InputField, meta: Any) -> str:
    """Inline when Excel allows it; labels with commas or long lists go to the stamp sheet."""
    labels = [choice.label for choice in field.choices]
    inline = ",".join(labels)
    if len(inline) + 2 <= INLINE_LIST_LIMIT and not any("," in x or '"' in x for x in labels):
        return f'"{inline}"'
    column = meta.max_column + 2
    put_value(meta, 1, column, f"choices:{field.id}")
    for row, label in enumerate(labels, start=2):
        put_value(meta, row, column, label)
    letter = get_column_letter(column)
    return f"'{META_SHEET}'!${letter}$2:${letter}${len(labels) + 1}"


def _stamp(workbook: Workbook, meta: Any, compiled: CompiledCriteria) -> None:
    """Record the criteria both as document properties and as a hidden key/value sheet."""
    meta.cell(1, 1, "key")
    meta.cell(1, 2, "value")
    for row, (key, value) in enumerate(metadata(compiled).items(), start=2):
        put_value(meta, row, 1, key)
        put_value(meta, row, 2, value)
        workbook.custom_doc_props.append(StringProperty(name=f"hoctap.{key}", value=value))
    meta.sheet_state = "hidden"
    workbook.properties.title = compiled.criteria.title
    workbook.properties.creator = f"hoctap {__version__}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
