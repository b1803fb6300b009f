"""Problems found in input data: a kind, a location and the values involved.

The Vietnamese wording lives in one table here so every reporter says the same thing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hoctap_cli.errors import Location
from hoctap_cli.shown_files import named_file


class ProblemCode(StrEnum):
    """What went wrong with an input; English values are part of the JSON output."""

    file_unreadable = "file_unreadable"
    unsupported_format = "unsupported_format"
    no_header = "no_header"
    missing_column = "missing_column"
    duplicate_column = "duplicate_column"
    bad_value = "bad_value"
    out_of_range = "out_of_range"
    unknown_choice = "unknown_choice"
    missing_id = "missing_id"
    duplicate_id = "duplicate_id"
    missing_required = "missing_required"
    broken_link = "broken_link"
    no_members = "no_members"
    file_too_large = "file_too_large"
    old_excel_format = "old_excel_format"
    password_protected = "password_protected"
    not_a_spreadsheet = "not_a_spreadsheet"
    formula_not_calculated = "formula_not_calculated"
    formula_error = "formula_error"
    # Notices: the input was read, but differently from what its look suggests.
    encoding_converted = "encoding_converted"
    legacy_text_converted = "legacy_text_converted"
    hidden_rows = "hidden_rows"
    hidden_sheet = "hidden_sheet"
    read_as_csv = "read_as_csv"
    # A higher level claimed before the wait after the lower level's decision is over.
    level_too_early = "level_too_early"
    level_wait_unknown = "level_wait_unknown"
    # Notices of the layout step: rows under the header that are not applicants.
    column_numbers_row = "column_numbers_row"
    total_row = "total_row"
    section_row = "section_row"
    table_end = "table_end"
    after_table = "after_table"
    read_as_xls = "read_as_xls"
    # Reading what people type in headers (notices, except the last two).
    ids_from_stt = "ids_from_stt"
    unmatched_column = "unmatched_column"
    no_id_column = "no_id_column"
    group_score_mismatch = "group_score_mismatch"
    # A council's part mark above 0 for an item the same row says is not met.
    part_mark_contradiction = "part_mark_contradiction"
    # Two cells of one row that cannot both be true (a part larger than its whole).
    constraint_broken = "constraint_broken"
    # Notice: a parent with no members whose rule says that is met (a village without clans).
    no_members_allowed = "no_members_allowed"


class Severity(StrEnum):
    """An error leaves a cell, row or file unread; a notice says how something was read."""

    error = "error"
    notice = "notice"


_TEMPLATES: dict[ProblemCode, str] = {
    ProblemCode.file_unreadable: "Không đọc được tệp: {reason}",
    ProblemCode.unsupported_format: (
        "Không hỗ trợ định dạng tệp '{suffix}' (dùng .xlsx, .xls, .ods, .csv, .yaml){hint}"
    ),
    ProblemCode.no_header: "Không tìm thấy dòng tiêu đề: cần các cột như {expected}",
    ProblemCode.missing_column: "Thiếu cột '{label}'",
    ProblemCode.duplicate_column: "Cột '{label}' xuất hiện hai lần; dùng cột đầu tiên",
    ProblemCode.bad_value: "Giá trị '{value}' không đọc được: cần {expected}",
    ProblemCode.out_of_range: "Giá trị {value} nằm ngoài khoảng cho phép {expected}",
    ProblemCode.unknown_choice: "Giá trị '{value}' không thuộc các lựa chọn: {expected}",
    ProblemCode.missing_id: "Dòng có dữ liệu nhưng thiếu '{label}': không xét được",
    ProblemCode.duplicate_id: "Mã '{value}' trùng với dòng {first_row}: dòng này không được xét",
    ProblemCode.missing_required: (
        "Thiếu giá trị bắt buộc ở cột '{label}': dòng này không được xét"
    ),
    ProblemCode.broken_link: "'{label}' là '{value}' nhưng không có hồ sơ {parent} nào mang mã này",
    ProblemCode.no_members: "Không có hồ sơ {members} nào thuộc về mã '{value}'{hint}",
    ProblemCode.file_too_large: "Tệp quá lớn để đọc an toàn: {reason}",
    ProblemCode.old_excel_format: (
        "Tệp Excel cũ .xls (Excel 97–2003): hãy mở bằng Excel và lưu lại dạng .xlsx"
    ),
    ProblemCode.password_protected: (
        "Tệp được đặt mật khẩu nên không đọc được: hãy mở bằng Excel, bỏ mật khẩu, lưu lại"
        " rồi chạy lại"
    ),
    ProblemCode.not_a_spreadsheet: (
        "Tệp có đuôi '{suffix}' nhưng thực ra là {kind}: hãy mở bằng Excel và lưu lại dạng .xlsx"
    ),
    ProblemCode.formula_not_calculated: (
        "Ô công thức '{value}' chưa có giá trị đã tính; hãy mở và lưu lại bằng Excel"
    ),
    ProblemCode.formula_error: "Ô báo lỗi {value} của Excel: hãy sửa công thức hoặc giá trị",
    ProblemCode.encoding_converted: (
        "Tệp không phải UTF-8: đã đọc theo bảng mã {encoding}; hãy kiểm tra lại chữ có dấu"
    ),
    ProblemCode.legacy_text_converted: (
        "Đã chuyển từ mã {encoding} sang Unicode: '{value}' → '{converted}'"
    ),
    ProblemCode.hidden_rows: "{count} dòng đang ẩn ({rows}) vẫn được đọc và xét",
    ProblemCode.hidden_sheet: "Trang tính đang ẩn; vẫn được đọc và xét",
    ProblemCode.read_as_csv: (
        "Tệp có đuôi '{suffix}' nhưng là văn bản CSV: đã đọc như một tệp .csv"
    ),
    ProblemCode.level_too_early: (
        "Quyết định công nhận {lower} ngày {value} chưa đủ {months} tháng (sớm nhất từ ngày"
        " {earliest}): chưa xét được {level}, kết quả giữ ở {lower}"
    ),
    ProblemCode.level_wait_unknown: (
        "Thiếu '{label}': {level} chỉ xét khi đã qua ít nhất {months} tháng sau quyết định"
        " công nhận {lower}; kết quả giữ ở {lower}"
    ),
    ProblemCode.column_numbers_row: "Dòng đánh số cột ({value}): không phải hồ sơ, đã bỏ qua",
    ProblemCode.total_row: "Dòng tổng '{value}': không phải hồ sơ, đã bỏ qua",
    ProblemCode.section_row: "Dòng tiêu đề mục '{value}': không phải hồ sơ, đã bỏ qua{village}",
    ProblemCode.table_end: (
        "Bảng kết thúc từ dòng này ({reason} '{value}'): không phải hồ sơ, đã bỏ qua"
    ),
    ProblemCode.after_table: "Nằm dưới phần cuối bảng: '{value}' không phải hồ sơ, đã bỏ qua",
    ProblemCode.read_as_xls: (
        "Tệp có đuôi '{suffix}' nhưng là tệp Excel cũ .xls (Excel 97–2003): đã đọc như tệp .xls"
    ),
    ProblemCode.ids_from_stt: (
        "Không có cột mã: mỗi dòng được gán mã theo tên tệp, trang tính và số thứ tự ở cột"
        " {column} (ví dụ '{example}')"
    ),
    ProblemCode.unmatched_column: "Cột '{value}' không khớp trường nào nên bị bỏ qua{hint}",
    ProblemCode.no_id_column: (
        "Không có cột '{label}' (tên cột được nhận: {accepted}) cũng không có cột số thứ tự"
        " ({stt}): không xét được dòng nào"
    ),
    ProblemCode.group_score_mismatch: (
        "Điểm hội đồng chấm ở cột '{label}' là {value} nhưng các mục của {group} cộng lại"
        " được {computed}: hãy sửa cho khớp"
    ),
    ProblemCode.part_mark_contradiction: (
        "Cột '{label}' cho {item} {value} điểm nhưng theo cột {rule_labels} thì {item} không"
        " đạt: hãy sửa cho khớp (đã tính theo điểm hội đồng chấm)"
    ),
    ProblemCode.constraint_broken: (
        "'{label}' (cột {column}) là {value}, {relation} '{other_label}' (cột {other_column})"
        " là {other_value}: không thể đúng cả hai; hai ô này được coi là chưa có số liệu"
    ),
    ProblemCode.no_members_allowed: (
        "Không có hồ sơ {members} nào thuộc về mã '{value}'; theo tiêu chí, trường hợp này"
        " vẫn được xét (không phải lỗi)"
    ),
}

# What a refused value should have been, by the ``expected_kind`` its finder names.
EXPECTED: dict[str, str] = {
    "integer": "một số nguyên",
    "stt": "một số thứ tự (số hoặc chữ, không phải có/không)",
    "number": "một số",
    "decimal": "một số (dấu thập phân là dấu phẩy hoặc dấu chấm)",
    "boolean": "có/không (x, có, đạt, 1 hoặc không, 0)",
    "date": "một ngày dạng ngày/tháng/năm",
    "date_example": "một ngày dạng ngày/tháng/năm, ví dụ 25/12/2025",
    "choices": "{choices}",
    "between": "từ {low} đến {high}",
    "at_least": "từ {low} trở lên",
    "at_most": "không quá {high}",
    "item_points": "từ 0 đến {high} (điểm tối đa của tiêu chí)",
    "mapping": "một bảng khóa: giá trị (dict)",
}


def expected_words(params: dict[str, Any]) -> str:
    """What was expected, from ``params["expected_kind"]`` and the values it names."""
    filled = {
        name: ", ".join(str(part) for part in value) if isinstance(value, list) else value
        for name, value in params.items()
    }
    return EXPECTED[params["expected_kind"]].format(**filled)


# Why a whole file was not read (``file_unreadable``, ``file_too_large``), by the
# ``reason_kind`` its reader names; sizes and counts come already written as numbers.
REASONS: dict[str, str] = {
    "os": "{os_reason}",
    "not_found": "không tìm thấy tệp",
    "empty": "tệp rỗng (0 byte)",
    "empty_folder": "thư mục không có tệp hồ sơ nào (.xlsx, .xls, .ods, .csv, .yaml)",
    "lock_file": (
        "đây là tệp khóa tạm của Excel (Excel tạo ra khi đang mở bảng tính), không phải bảng "
        "tính; hãy chọn chính bảng tính, tên không có '~$' ở đầu (có thể là {name})"
    ),
    "not_xlsx": "không phải tệp Excel .xlsx (nội dung không nhận ra; tệp có thể đã hỏng)",
    "xlsx_broken": "tệp .xlsx bị hỏng hoặc chưa chép hết (không giải nén được)",
    "not_a_workbook": "không phải tệp bảng tính {kind} hợp lệ",
    "compression": (
        "phần '{part}' dùng kiểu nén {method} mà công cụ không đọc được; hãy mở tệp bằng Excel"
        " rồi lưu lại dạng .xlsx"
    ),
    "ods_no_content": "tệp .ods không có phần nội dung (content.xml)",
    "ods_broken": "tệp .ods bị hỏng hoặc chưa chép hết (không giải nén được)",
    "ods_content": "tệp .ods bị hỏng (phần nội dung không đọc được)",
    "csv_line": "dòng {line} không đọc được (một ô quá dài hoặc thiếu dấu nháy đóng)",
    "yaml_not_utf8": "tệp YAML phải ở bảng mã UTF-8 (byte lạ ở vị trí {start})",
    "yaml_no_records": "cần danh sách 'records', mỗi phần tử là một bảng khóa: giá trị",
    "file_size": "tệp nặng {size}, giới hạn là {limit}",
    "zip_parts": "tệp nén chứa {count} phần, giới hạn là {limit}",
    "zip_declared": "giải nén ra {size}, giới hạn là {limit} (có thể là 'bom nén')",
    "zip_ratio": (
        "phần '{part}' nặng {packed} nhưng giải nén ra {size}, gấp {ratio} lần (bảng tính thật"
        " không quá {max_ratio} lần; có thể là 'bom nén')"
    ),
    "zip_unpacked": "giải nén ra hơn {limit} (có thể là 'bom nén')",
    "csv_rows": "có hơn {limit} dòng, giới hạn của một bảng",
    "csv_columns": "dòng {line} có {count} cột, giới hạn là {limit} cột",
    "row_bytes": (
        "trang '{sheet}' có một dòng dài hơn {size} byte; hãy mở bằng Excel, xóa các ô thừa"
        " rồi lưu lại"
    ),
    "sheet_rows": "trang '{sheet}' có {rows} dòng, giới hạn là {limit} dòng mỗi trang",
    "sheet_columns": "trang '{sheet}' có {columns} cột, giới hạn là {limit} cột mỗi trang",
    "sheet_padding": (
        "trang '{sheet}' giải nén ra {size} mà chỉ ghi {elements} mục (ô, dòng, định dạng),"
        " trung bình quá {limit} byte mỗi mục (có thể là 'bom nén'); nếu là bảng thật, hãy"
        " mở bằng Excel, xóa các ô thừa rồi lưu lại"
    ),
    "sheet_cells": (
        "trang '{sheet}' trải trên {rows} dòng × {columns} cột = {cells} ô, giới hạn là {limit}"
        " ô mỗi trang; hãy xóa các ô thừa ở xa bảng hoặc tách thành nhiều tệp"
    ),
}


def reason_words(params: dict[str, Any]) -> str:
    """Why a file was not read, from ``params["reason_kind"]`` and the values it names."""
    kind = params["reason_kind"]
    if kind == "yaml":  # a records file refused by the strict YAML reader, at its line
        from hoctap_cli.messages import error_message

        where = f" (dòng {params['line']})" if params.get("line") else ""
        return error_message(params["yaml_code"], params["yaml_params"]) + where
    return REASONS[kind].format(**params)


# Parameters a template may go without.
_OPTIONAL: dict[ProblemCode, dict[str, Any]] = {
    ProblemCode.unsupported_format: {"hint": ""},
    ProblemCode.section_row: {"village": ""},
    ProblemCode.unmatched_column: {"hint": ""},
    ProblemCode.no_members: {"hint": ""},
}

NOTICES = frozenset(
    {
        ProblemCode.encoding_converted,
        ProblemCode.legacy_text_converted,
        ProblemCode.hidden_rows,
        ProblemCode.hidden_sheet,
        ProblemCode.read_as_csv,
        ProblemCode.column_numbers_row,
        ProblemCode.total_row,
        ProblemCode.section_row,
        ProblemCode.table_end,
        ProblemCode.after_table,
        ProblemCode.read_as_xls,
        ProblemCode.ids_from_stt,
        ProblemCode.unmatched_column,
        ProblemCode.no_members_allowed,
    }
)

# Notices of rows under a header that are not applicants (see ``records/layout.py``).
LAYOUT_NOTICES = frozenset(
    {
        ProblemCode.column_numbers_row,
        ProblemCode.total_row,
        ProblemCode.section_row,
        ProblemCode.table_end,
        ProblemCode.after_table,
    }
)

# Problems of a filled cell whose value was refused: the field is missing for the engine,
# though the officer did type something there.
REFUSED_CELLS = frozenset(
    {
        ProblemCode.bad_value,
        ProblemCode.out_of_range,
        ProblemCode.unknown_choice,
        ProblemCode.formula_error,
        ProblemCode.formula_not_calculated,
        ProblemCode.constraint_broken,
    }
)

# Problems after which the row is not evaluated at all.
ROW_FATAL = frozenset(
    {ProblemCode.missing_id, ProblemCode.duplicate_id, ProblemCode.missing_required}
)


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem, located as precisely as the input allows."""

    code: ProblemCode
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    value: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    # The caller's key of a plain row (``ma_ho=H07``), named instead of its position.
    key: str | None = None

    @property
    def message(self) -> str:
        params = _OPTIONAL.get(self.code, {}) | self.params
        if "expected_kind" in params:
            params["expected"] = expected_words(params)
        if "reason_kind" in params:
            params["reason"] = reason_words(params)
        return _TEMPLATES[self.code].format(value=self.value, **params)

    @property
    def severity(self) -> Severity:
        return Severity.notice if self.code in NOTICES else Severity.error

    @property
    def is_notice(self) -> bool:
        """Informative only: the data was read; it does not change the exit code."""
        return self.code in NOTICES

    def location(self) -> str:
        """File (relative to the current folder), sheet, row and column as people read them."""
        from hoctap_cli.shown_files import shown_path

        parts = [shown_path(self.file) if self.file else self.file]
        if self.sheet:
            # A row found by the caller's key comes from a database table, not a sheet.
            parts.append(f"bảng '{self.sheet}'" if self.key else f"trang '{self.sheet}'")
        if self.key:
            parts.append(f"khóa {self.key}")
        elif self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            parts.append(f"cột {self.column}{self._column_label()}")
        return ", ".join(parts)

    def _column_label(self) -> str:
        """The field's label after the column letter, unless the message already names it."""
        label = self.params.get("label")
        if not label or "{label}" in _TEMPLATES[self.code]:
            return ""
        return f" («{label}»)"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code.value,
            "severity": self.severity.value,
            "file": named_file(self.file) if self.file else self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "value": self.value,
            **({"key": self.key} if self.key else {}),
            "message": self.message,
            **({"suggestions": self.params["suggestions"]} if "suggestions" in self.params else {}),
        }


def problem_location(problem: Problem) -> Location:
    """Where ``problem`` stands, as an error's location."""
    return Location(
        problem.file, sheet=problem.sheet, row=problem.row, column=problem.column, key=problem.key
    )


def split_problems(problems: Iterable[Problem]) -> tuple[list[Problem], list[Problem]]:
    """Errors (a cell, row or file left unread) and notices (how something was read),
    each in the order given: every output lists them apart."""
    errors: list[Problem] = []
    notices: list[Problem] = []
    for problem in problems:
        (notices if problem.is_notice else errors).append(problem)
    return errors, notices


def has_errors(problems: Iterable[Problem]) -> bool:
    """Whether any problem is more than a notice: what makes ``hoctap evaluate`` exit 1."""
    return any(not problem.is_notice for problem in problems)


def unreadable_fields(problems: Iterable[Problem]) -> frozenset[str]:
    """Fields of one row whose filled cell was refused (see ``SourceRow``)."""
    found: set[str] = set()
    for problem in problems:
        if problem.code in REFUSED_CELLS and problem.field:
            found.add(problem.field)
            other = problem.params.get("other_field")
            if isinstance(other, str):
                found.add(other)  # a broken constraint refuses both of its cells
    return frozenset(found)
