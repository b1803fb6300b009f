"""The commune's own wording for printed lists: names, signers, place and date.

None of it lives in code: it comes from a small YAML file (``--settings``) and from
command-line options, which win over the file. Keys are the options' names without
diacritics, so a clerk who knows one knows the other. Unknown keys and wrong types are
refused with the file and line, like a criteria file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from hoctap_cli.criteria.yaml_source import YamlSourceError, load_located
from hoctap_cli.errors import ErrorCode, HoctapError, Location

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
MAX_SETTINGS_BYTES = 100_000


class SettingsError(HoctapError):
    """A settings file that cannot be used; the message names the file and line."""

    code = ErrorCode.settings_invalid


class ExportSettings(BaseModel):
    """What a recognition list says about who issues it, where, when and who signs."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    xa: Text | None = Field(default=None, description="Tên xã, ví dụ 'Xã Quảng Phú'.")
    co_quan_cap_tren: Text | None = Field(default=None, description="Dòng trên tên cơ quan.")
    co_quan: Text | None = Field(default=None, description="Cơ quan lập danh sách.")
    thay_mat: Text = "TM. ỦY BAN NHÂN DÂN"
    chuc_vu: Text = "CHỦ TỊCH"
    nguoi_ky: Text | None = None
    chuc_danh_lap_bieu: Text = "NGƯỜI LẬP BIỂU"
    nguoi_lap_bieu: Text | None = None
    dia_danh: Text | None = None
    ngay: dt.date | None = None
    nam: Annotated[int, Field(ge=2000, le=2100)] | None = None
    # Who recognises each title ("xa": the commune decides, its list goes with its decision;
    # "cap-tren": a higher body decides, the list is a proposal), over the criteria files.
    cong_nhan: dict[Text, Literal["xa", "cap-tren"]] = {}
    # The body that recognises: one name for every title, or title id → name. Since
    # 01/07/2025 this is not known for several titles, so it is the commune's setting, never
    # the tool's guess.
    co_quan_cong_nhan: Text | dict[Text, Text] | None = Field(
        default=None, description="Cơ quan có thẩm quyền công nhận (một tên, hoặc theo danh hiệu)."
    )
    tam_tinh_phu_luc: bool = False  # the provisional-values note on its own sheet
    can_cu: list[Text] = []  # the decision's legal bases, before the criteria documents
    xet_de_nghi: Text | None = None  # "Xét đề nghị của …" closing the bases
    thi_hanh: Text | None = None  # who carries the decision out (its last article)
    noi_nhan: list[Text] = []  # recipients besides "Như Điều 3" and the archive

    def authority_for(self, title_id: str) -> str | None:
        """The recognising body the settings name for ``title_id``, if any."""
        if isinstance(self.co_quan_cong_nhan, dict):
            return self.co_quan_cong_nhan.get(title_id)
        return self.co_quan_cong_nhan

    @field_validator("ngay", mode="before")
    @classmethod
    def _day_month_year(cls, value: Any) -> Any:
        """Take the dd/mm/yyyy that people write as well as yyyy-mm-dd; refuse unreal days."""
        from hoctap_cli.dates import parse_day

        if isinstance(value, str):
            return parse_day(value)
        return value

    def with_options(self, **options: Any) -> ExportSettings:
        """These settings with every option that was given (not None) put over them."""
        given = {key: value for key, value in options.items() if value is not None}
        return ExportSettings.model_validate(self.model_dump() | given, strict=False)


_EXPECTED = {
    "string_type": "cần một dòng chữ",
    "string_too_short": "không được để trống",
    "string_too_long": "dài quá 200 ký tự",
    "int_type": "cần một năm, ví dụ 2025",
    "greater_than_equal": "năm phải từ 2000 đến 2100",
    "less_than_equal": "năm phải từ 2000 đến 2100",
    "date_type": "cần một ngày, ví dụ 2025-12-15 hoặc 15/12/2025",
    "literal_error": "chỉ nhận 'xa' (xã công nhận) hoặc 'cap-tren' (cấp trên công nhận)",
    "bool_type": "cần 'true' hoặc 'false'",
    "list_type": "cần một danh sách, mỗi dòng bắt đầu bằng '- '",
    "dict_type": "cần các dòng 'mã-danh-hiệu: xa' hoặc 'mã-danh-hiệu: cap-tren'",
}


def load_settings(path: Path) -> ExportSettings:
    """Read and check a settings file; every refusal names the file, line and key."""
    try:
        raw = path.read_bytes()
        located = load_located(raw.decode("utf-8-sig"), max_bytes=MAX_SETTINGS_BYTES)
    except OSError as exc:
        from hoctap_cli.atomic import os_reason

        message = f"không đọc được tệp cài đặt {path}: {os_reason(exc)}"
        raise SettingsError(message, location=Location(str(path))) from None
    except UnicodeDecodeError:
        message = f"tệp cài đặt {path} phải ghi bằng UTF-8"
        raise SettingsError(message, location=Location(str(path))) from None
    except YamlSourceError as exc:
        message = f"{_where(path, exc.line)}: {exc.message}"
        raise SettingsError(message, location=Location(str(path), exc.line)) from None
    if not isinstance(located.data, dict):
        message = f"{_where(path, 1)}: cần các dòng 'khóa: giá trị', ví dụ 'xa: ...'"
        raise SettingsError(message, location=Location(str(path), 1))
    try:
        return ExportSettings.model_validate(located.data)
    except ValidationError as exc:
        lines = []
        first: Location | None = None
        for error in exc.errors():
            key = tuple(part for part in error["loc"] if isinstance(part, (str, int)))
            line = located.line_of(key)
            first = first or Location(str(path), line, ".".join(str(part) for part in key))
            lines.append(f"{_where(path, line)}: {_message(key, error)}")
        raise SettingsError("\n".join(lines), location=first) from None


def _message(key: tuple[str | int, ...], error: Any) -> str:
    name = ".".join(str(part) for part in key)
    if error["type"] == "value_error":
        return f"'{name}': {error['ctx']['error']}"
    if error["type"] == "extra_forbidden":
        known = ", ".join(ExportSettings.model_fields)
        return f"khóa lạ '{name}'; các khóa dùng được: {known}"
    return f"'{name}' {_EXPECTED.get(error['type'], 'có giá trị không hợp lệ')}"


def _where(path: Path, line: int | None) -> str:
    return f"{path}, dòng {line}" if line else str(path)
