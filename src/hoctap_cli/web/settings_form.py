"""The commune's settings from the page's small form, read as the CLI reads ``--settings``.

The form's fields carry the settings file's keys. They are written as a YAML file in the
run's folder and loaded with ``load_settings``, so a value is checked by the same rules as
from the command line; a refusal names the form's field, not that file or its keys, which
the officer never saw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import yaml

from hoctap_cli.atomic import write_atomic
from hoctap_cli.outputs.papers.settings import (
    ExportSettings,
    SettingsError,
    SettingsProblem,
    load_settings,
)

TEXT_KEYS = (
    "xa", "co_quan_cap_tren", "co_quan", "thay_mat", "chuc_vu", "nguoi_ky",
    "chuc_danh_lap_bieu", "nguoi_lap_bieu", "dia_danh", "ngay", "nam", "co_quan_cong_nhan",
    "xet_de_nghi", "thi_hanh",
)  # fmt: skip
LIST_KEYS = ("can_cu", "noi_nhan")  # one entry per line of a text box
FLAG_KEYS = ("tam_tinh_phu_luc",)
RECOGNITION_KEY = "cong_nhan"  # one drop-down per title, named "cong_nhan.<title id>"
# Short enough to read whole in a narrow drop-down; the list is a proposal when "cap-tren".
RECOGNISERS = {"xa": "Xã công nhận", "cap-tren": "Cấp trên công nhận"}
ALL_KEYS = (*TEXT_KEYS, *LIST_KEYS, *FLAG_KEYS)
SETTINGS_NAME = "cai-dat.yaml"


def settings_from_form(form: Mapping[str, Any], folder: Path) -> ExportSettings:
    """The settings the form gives; raises ``SettingsError`` as ``load_settings`` does."""
    values: dict[str, Any] = {}
    for key in TEXT_KEYS:
        text = _text(form, key)
        if text:
            values[key] = int(text) if key == "nam" and text.isdigit() else text
    for key in LIST_KEYS:
        lines = [line.strip() for line in _text(form, key).splitlines() if line.strip()]
        if lines:
            values[key] = lines
    for key in FLAG_KEYS:
        if _text(form, key) in ("on", "true", "1"):
            values[key] = True
    recognition = {
        str(name).removeprefix(RECOGNITION_KEY + "."): value
        for name, value in form.items()
        if str(name).startswith(RECOGNITION_KEY + ".") and value in RECOGNISERS
    }
    if recognition:
        values[RECOGNITION_KEY] = recognition
    if not values:
        return ExportSettings()
    path = folder / SETTINGS_NAME
    document = yaml.safe_dump(values, allow_unicode=True, sort_keys=False).encode("utf-8")

    def fill(stream: IO[bytes]) -> None:
        stream.write(document)

    write_atomic(path, fill)  # a download running beside this one never reads half a file
    try:
        return load_settings(path)
    except SettingsError as exc:
        raise SettingsError("\n".join(_field_message(p) for p in exc.problems)) from None


def _field_message(problem: SettingsProblem) -> str:
    """One refusal as "Label: why": the field as the form shows it, no file, line or key."""
    from hoctap_cli.messages import SETTINGS_EXPECTED

    key = (problem.key or "").split(".", 1)[0]
    label = LABELS.get(key, ("Thông tin của xã", ""))[0]
    if problem.cause == "value_error":
        reason = str(problem.params["detail"])
    else:
        reason = SETTINGS_EXPECTED.get(problem.cause, "có giá trị không hợp lệ")
    return f"{label}: {reason}"


def _text(form: Mapping[str, Any], key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


LABELS = {
    "xa": ("Tên xã", "Xã Quảng Phú"),
    "co_quan_cap_tren": ("Cơ quan cấp trên", "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"),
    "co_quan": ("Cơ quan lập danh sách", "ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ"),
    "thay_mat": ("Thay mặt", "TM. ỦY BAN NHÂN DÂN"),
    "chuc_vu": ("Chức vụ người ký", "CHỦ TỊCH"),
    "nguoi_ky": ("Người ký", "Nguyễn Văn A"),
    "chuc_danh_lap_bieu": ("Chức danh người lập biểu", "NGƯỜI LẬP BIỂU"),
    "nguoi_lap_bieu": ("Người lập biểu", ""),
    "dia_danh": ("Địa danh", "Quảng Phú"),
    "ngay": ("Ngày ký (ngày/tháng/năm)", "15/12/2025"),
    "nam": ("Năm công nhận", "2025"),
    "co_quan_cong_nhan": ("Cơ quan công nhận", ""),
    "xet_de_nghi": ("Xét đề nghị của", ""),
    "thi_hanh": ("Người thi hành (Điều 3)", ""),
    "can_cu": ("Căn cứ (mỗi dòng một văn bản)", ""),
    "noi_nhan": ("Nơi nhận (mỗi dòng một nơi)", ""),
    "cong_nhan": ("Ai công nhận từng danh hiệu", ""),
    "tam_tinh_phu_luc": ("Giá trị tạm tính ghi ở trang riêng", ""),
}
# The day is typed as people write it (15/12/2025): a date picker shows the browser's
# locale order, which on many machines is month first.
INPUT_TYPES = {"nam": "number"}


def settings_fields(titles: Sequence[tuple[str, str, bool]] = ()) -> str:
    """The form's fields, named by the settings file's keys (remembered by the page script),
    and who recognises each of ``titles`` ((id, Vietnamese name, whether its criteria say
    the commune does)) as a drop-down: the officer picks by name and never types an id."""
    from html import escape

    fields = []
    for key in ALL_KEYS:
        label, example = LABELS[key]
        hint = f' placeholder="{escape(example)}"' if example else ""
        ident = f"cai-dat-{key}"
        if key in FLAG_KEYS:
            control = f'<input type="checkbox" id="{ident}" name="{key}" data-remember>'
            fields.append(
                f'<div class="field check">{control}<label for="{ident}">{label}</label></div>'
            )
            continue
        if key in LIST_KEYS:
            control = f'<textarea id="{ident}" name="{key}" rows="2" data-remember></textarea>'
        else:
            kind = INPUT_TYPES.get(key, "text")
            control = f'<input type="{kind}" id="{ident}" name="{key}"{hint} data-remember>'
        fields.append(
            f'<div class="field"><label for="{ident}">{escape(label)}</label>{control}</div>'
        )
    grid = f'<div class="grid">{"".join(fields)}</div>'
    if not titles:
        return grid
    # Apart from the commune's details, under one heading: a run of a whole commune's
    # workbook has a dozen titles, and the heading is said once, not on every drop-down.
    choices = "".join(_recognition_field(number, *title) for number, title in enumerate(titles))
    return (
        f'{grid}<fieldset class="cong-nhan" id="cong-nhan">'
        f"<legend>{LABELS[RECOGNITION_KEY][0]}</legend>"
        '<p class="hint">Xã công nhận: danh sách đi kèm quyết định của xã. Cấp trên công '
        "nhận: danh sách là bản đề nghị gửi cấp trên.</p>"
        f'<div class="grid">{choices}</div></fieldset>'
    )


def _recognition_field(number: int, title_id: str, name: str, by_commune: bool) -> str:
    from html import escape

    ident = f"cai-dat-cong-nhan-{number}"
    default = "xã" if by_commune else "cấp trên"
    options = f'<option value="">Theo bộ tiêu chí: {default}</option>' + "".join(
        f'<option value="{value}">{escape(text)}</option>' for value, text in RECOGNISERS.items()
    )
    label = f"Danh hiệu «{name}»"
    return (
        f'<div class="field"><label for="{ident}">{escape(label)}</label>'
        f'<select id="{ident}" name="{RECOGNITION_KEY}.{escape(title_id)}" data-remember>'
        f"{options}</select></div>"
    )
