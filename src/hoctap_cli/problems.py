"""Problems found in input data: a kind, a location and the values involved.

The Vietnamese wording lives in one table here so every reporter says the same thing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


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


_TEMPLATES: dict[ProblemCode, str] = {
    ProblemCode.file_unreadable: "Không đọc được tệp: {reason}",
    ProblemCode.unsupported_format: (
        "Không hỗ trợ định dạng tệp '{suffix}' (dùng .xlsx, .csv, .yaml)"
    ),
    ProblemCode.no_header: "Không tìm thấy dòng tiêu đề: cần các cột như {expected}",
    ProblemCode.missing_column: "Thiếu cột '{label}'",
    ProblemCode.duplicate_column: "Cột '{label}' xuất hiện hai lần; dùng cột đầu tiên",
    ProblemCode.bad_value: "Giá trị '{value}' không đọc được: cần {expected}",
    ProblemCode.out_of_range: "Giá trị {value} nằm ngoài khoảng cho phép {expected}",
    ProblemCode.unknown_choice: "Giá trị '{value}' không thuộc các lựa chọn: {expected}",
    ProblemCode.missing_id: "Dòng có dữ liệu nhưng thiếu '{label}': không xét được",
    ProblemCode.duplicate_id: "Mã '{value}' trùng với dòng {first_row}: dòng này không được xét",
    ProblemCode.missing_required: "Thiếu giá trị bắt buộc ở cột '{label}'",
    ProblemCode.broken_link: "'{label}' là '{value}' nhưng không có hồ sơ {parent} nào mang mã này",
    ProblemCode.no_members: "Không có hồ sơ {members} nào thuộc về mã '{value}'",
}

# Problems after which the row is not evaluated at all.
ROW_FATAL = frozenset({ProblemCode.missing_id, ProblemCode.duplicate_id})


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

    @property
    def message(self) -> str:
        return _TEMPLATES[self.code].format(value=self.value, **self.params)

    def location(self) -> str:
        """File, sheet, row and column as people read them."""
        parts = [self.file]
        if self.sheet:
            parts.append(f"trang '{self.sheet}'")
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            parts.append(f"cột {self.column}")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code.value,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "value": self.value,
            "message": self.message,
        }
