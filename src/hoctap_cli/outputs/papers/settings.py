"""The commune's own wording for printed lists: names, signers, place and date.

None of it lives in code: it comes from a small YAML file (``--settings``) and from
command-line options, which win over the file. Keys are the options' names without
diacritics, so a clerk who knows one knows the other. Unknown keys and wrong types are
refused with the file and line, like a criteria file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
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
from hoctap_cli.messages import settings_message

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
MAX_SETTINGS_BYTES = 100_000


class SettingsError(HoctapError):
    """A settings file that cannot be used; ``problems`` says each reason, the message
    names the file and line of each."""

    code = ErrorCode.settings_invalid
    problems: list[SettingsProblem]

    @classmethod
    def of(cls, problems: list[SettingsProblem]) -> SettingsError:
        first = problems[0]
        where = Location(first.file, first.line, first.key)
        error = cls("\n".join(problem.message for problem in problems), location=where)
        error.problems = problems
        return error


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


@dataclass(frozen=True)
class SettingsProblem:
    """One reason a settings file was refused: where, why (``cause``) and the values."""

    file: str
    line: int | None
    key: str | None  # dotted, e.g. co_quan_cong_nhan.gia-dinh-hoc-tap
    cause: str  # a key of ``messages.SETTINGS``, or pydantic's type of error
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return settings_message(self.file, self.line, self.key, self.cause, self.params)


def load_settings(path: Path) -> ExportSettings:
    """Read and check a settings file; every refusal names the file, line and key."""
    file = str(path)
    try:
        raw = path.read_bytes()
        located = load_located(raw.decode("utf-8-sig"), max_bytes=MAX_SETTINGS_BYTES)
    except OSError as exc:
        from hoctap_cli.atomic import os_reason

        problem = SettingsProblem(file, None, None, "unreadable", {"os_reason": os_reason(exc)})
        raise SettingsError.of([problem]) from None
    except UnicodeDecodeError:
        raise SettingsError.of([SettingsProblem(file, None, None, "not_utf8")]) from None
    except YamlSourceError as exc:
        yaml = {"yaml_code": exc.code, "yaml_params": exc.params}
        raise SettingsError.of([SettingsProblem(file, exc.line, None, "yaml", yaml)]) from None
    if not isinstance(located.data, dict):
        raise SettingsError.of([SettingsProblem(file, 1, None, "not_mapping")])
    try:
        return ExportSettings.model_validate(located.data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            key = tuple(part for part in error["loc"] if isinstance(part, (str, int)))
            name = ".".join(str(part) for part in key)
            cause, params = _cause(error)
            problems.append(SettingsProblem(file, located.line_of(key), name, cause, params))
        raise SettingsError.of(problems) from None


def _cause(error: Any) -> tuple[str, dict[str, Any]]:
    """The cause and params of one pydantic error (a date's own message kept as detail)."""
    if error["type"] == "value_error":
        return "value_error", {"detail": str(error["ctx"]["error"])}
    if error["type"] == "extra_forbidden":
        return "unknown_key", {"known": list(ExportSettings.model_fields)}
    return str(error["type"]), {}
