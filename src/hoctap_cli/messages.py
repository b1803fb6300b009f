"""The Vietnamese wording of errors: one template per code, filled from the error's params.

Code that finds a problem raises it with an English code and plain values; only this
table turns them into a sentence. Lists in params are joined with ", "; a few params hold
English words (a rule's value kinds, an OS reason, a YAML hint) that are translated here.
Input problems (``ProblemCode``) keep their own table in ``hoctap_cli.problems``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

from hoctap_cli.errors import CriteriaCode, ErrorCode

# Said by the reasons of reading a file as well (``atomic.os_reason``).
OPEN_IN_EXCEL = "tệp có thể đang mở trong Excel; hãy đóng rồi chạy lại"

DATE_EXPECTED = "cần ngày dạng ngày/tháng/năm, ví dụ 31/12/2025 (hoặc 2025-12-31)"

_ERRORS: dict[StrEnum, str | Callable[[Mapping[str, Any]], str]] = {
    ErrorCode.unknown_criteria: "không có bộ tiêu chí '{name}'; các bộ có sẵn: {known}",
    ErrorCode.unknown_version: lambda p: (
        f"bộ tiêu chí '{p['title']}' không có phiên bản '{p['version']}'"
        f" (có: {p['known'] or 'không có'})"
    ),
    ErrorCode.no_criteria_found: (
        "không nhận ra danh hiệu của tệp {file}. Hãy chọn bộ tiêu chí, một trong: {titles}"
    ),
    ErrorCode.output_is_input: "tệp kết quả {file} trùng với tệp đầu vào; hãy chọn tên khác",
    ErrorCode.output_exists: "tệp {file} đã có; thêm --force để ghi đè",
    ErrorCode.output_in_input_folder: (
        "tệp kết quả {file} là một tệp hồ sơ trong thư mục đầu vào; hãy chọn tên khác"
    ),
    ErrorCode.output_same_as_main: "tệp {what} {file} trùng với tệp {main_what}",
    ErrorCode.annotate_no_workbook: (
        "--annotate chỉ ghi được vào bảng Excel (.xlsx); không tệp đầu vào nào là bảng Excel:"
        " {inputs}"
    ),
    ErrorCode.annotate_bad_target: "--annotate {file}: cần tên tệp .xlsx hoặc một thư mục",
    ErrorCode.annotate_needs_folder: (
        "có {count} bảng Excel đầu vào: --annotate cần một thư mục, nơi mỗi bảng được ghi thành"
        " một tệp <tên>{suffix}"
    ),
    ErrorCode.annotate_is_output: (
        "tệp {file} vừa là --output vừa là --annotate; hãy chọn tên khác"
    ),
    ErrorCode.output_failed: lambda p: OUTPUT_CAUSES[p["cause"]].format(**p),
    ErrorCode.not_a_date: "'{given}' không phải một ngày: " + DATE_EXPECTED,
    ErrorCode.bad_month: "ngày '{given}' không có thật: tháng phải từ 1 đến 12",
    ErrorCode.bad_year: "ngày '{given}' không có thật: năm {year} ngoài khoảng dùng được",
    ErrorCode.bad_day: "ngày '{given}' không có thật: tháng {month} năm {year} chỉ có {last} ngày",
}

# A rule's problems, by their ``reason`` (finer than the code, English too).
RULES: dict[str, str] = {
    "too_long": "biểu thức dài quá {limit} ký tự",
    "syntax": "sai cú pháp ở ký tự {offset} (kiểm tra dấu ngoặc, dấu nháy và phép toán)",
    "too_deep": "biểu thức lồng quá {limit} tầng",
    "syntax_node": "không cho phép {construct} trong biểu thức",
    "wrong_kind": "'{expression}' là {kind}, cần {want}",
    "constant_too_large": "hằng số {value} quá lớn",
    "constant": "không cho phép hằng '{value}'",
    "unknown_field": "trường '{field}' chưa được khai báo trong 'fields'",
    "unary_operator": "không cho phép toán tử một ngôi này",
    "operator": "chỉ cho phép + - * / trong biểu thức, không cho phép '{expression}'",
    "in_not_last": "'in' chỉ được đứng cuối một phép so sánh",
    "comparison": "không cho phép phép so sánh trong '{expression}'",
    "compare_kinds": "không so sánh được {kind} với {other_kind} trong '{expression}'",
    "unordered_kind": "không so sánh lớn/nhỏ được {kind}",
    "choice_fields": "chỉ so sánh được lựa chọn của cùng một trường",
    "choice_with": "trường '{field}' là lựa chọn, không so với {kind}",
    "choice_unordered": "các lựa chọn của '{field}' không có thứ tự (ordered: true)",
    "not_a_choice": "'{value}' không phải lựa chọn của '{field}' ({choices})",
    "in_list": "sau 'in' phải là một danh sách hằng, ví dụ ('tot', 'kha')",
    "in_kind": "không dùng 'in' với giá trị {kind}",
    "in_constants": "danh sách sau 'in' chỉ chứa hằng số hoặc chữ",
    "in_element": "danh sách sau 'in' phải gồm các giá trị {kind}, không có {value}",
    "functions": "chỉ được gọi các hàm: {functions}",
    "keyword_arguments": "không dùng tham số có tên khi gọi hàm",
    "at_least_one": "hàm {function}() cần ít nhất một tham số",
    "present_arguments": "hàm present() cần đúng một tham số",
    "default_arguments": "hàm default() cần đúng hai tham số: giá trị và giá trị thay thế",
    "arguments": "hàm {function}() cần đúng {count} tham số",
}

# Why an output could not be written, by ``params["cause"]`` (see ``atomic.write_failure``).
OUTPUT_CAUSES: dict[str, str] = {
    "open_in_excel": "không ghi được tệp {file}: " + OPEN_IN_EXCEL,
    "no_directory": "không ghi được vào thư mục {directory}: thư mục không tồn tại",
    "directory_is_file": "không ghi được vào {directory}: đây là một tệp, không phải thư mục",
    "directory_denied": (
        "không ghi được vào thư mục {directory}: không có quyền ghi vào thư mục này"
    ),
    "directory_os": "không ghi được vào thư mục {directory}: {os_reason}",
    "file_held": (
        "không ghi được tệp {file}: tệp chỉ cho phép đọc hoặc đang bị chương trình khác giữ;"
        " hãy đóng chương trình đó rồi chạy lại"
    ),
    "file_os": "không ghi được tệp {file}: {os_reason}",
}

KINDS = {
    "bool": "đúng/sai",
    "number": "số",
    "text": "chữ",
    "date": "ngày",
    "choice": "lựa chọn",
}

# Python's syntax a rule may not use, by the name of its tree node.
SYNTAX_NAMES = {
    "Attribute": "truy cập thuộc tính (dấu chấm)",
    "Subscript": "lấy phần tử bằng [ ]",
    "Lambda": "hàm lambda",
    "ListComp": "vòng lặp (comprehension)",
    "SetComp": "vòng lặp (comprehension)",
    "DictComp": "vòng lặp (comprehension)",
    "GeneratorExp": "vòng lặp (comprehension)",
    "NamedExpr": "phép gán :=",
    "JoinedStr": "chuỗi f",
    "List": "danh sách (chỉ dùng sau 'in')",
    "Tuple": "danh sách (chỉ dùng sau 'in')",
    "Set": "tập hợp",
    "Dict": "bảng khóa: giá trị",
    "Starred": "dấu * trước tên",
}

# PyYAML's problems, by the hint ``yaml_source`` chose for them.
YAML_HINTS = {
    "mapping_value": "có ': ' trong một giá trị; hãy đặt giá trị trong dấu nháy",
    "tab": "có ký tự tab; chỉ thụt lề bằng dấu cách",
    "missing_colon": "thiếu dấu ':' sau khóa",
    "indent": "thụt lề không khớp với các dòng trên",
    "two_documents": "tệp chỉ được có một tài liệu YAML (bỏ dòng '---' thứ hai)",
    "alias": "không dùng neo/bí danh YAML (& và *)",
    "unexpected_end": "tệp hết giữa chừng: thiếu dấu nháy hoặc dấu ngoặc đóng",
    "missing_comma": "thiếu dấu phẩy hoặc dấu ngoặc đóng",
    "general": "kiểm tra thụt lề, dấu hai chấm, dấu nháy và dấu ngoặc",
}

FILE_REASONS = {
    "not_found": "không có tệp này",
    "is_directory": "đây là một thư mục",
    "permission": "không có quyền đọc",
    "os_error": "lỗi hệ điều hành",
}

# What a value of the wrong type should have been, by pydantic's type of error.
EXPECTED_TYPES = {
    "string": "cần một chuỗi chữ",
    "int": "cần một số nguyên",
    "float": "cần một số",
    "bool": "cần true hoặc false",
    "date": "cần một ngày dạng YYYY-MM-DD",
    "list": "cần một danh sách",
    "model": "cần một bảng khóa: giá trị",
    "dict": "cần một bảng khóa: giá trị",
}

_RULE_PREFIX = "quy tắc không hợp lệ: "

_CRITERIA: dict[StrEnum, str | Callable[[Mapping[str, Any]], str]] = {
    CriteriaCode.file_unreadable: lambda p: "không đọc được tệp: " + FILE_REASONS[p["reason"]],
    CriteriaCode.file_not_found: "không tìm thấy tệp tiêu chí",
    CriteriaCode.not_utf8: "tệp không phải UTF-8",
    CriteriaCode.too_large: "tệp quá lớn (hơn {limit_mb} MB)",
    CriteriaCode.empty_file: "tệp rỗng",
    CriteriaCode.yaml_syntax: lambda p: "YAML sai cú pháp: " + YAML_HINTS[p["hint"]],
    CriteriaCode.bad_character: "tệp có ký tự không được phép (mã U+{codepoint})",
    CriteriaCode.yaml_alias: "không dùng neo/bí danh YAML (& và *) trong tệp tiêu chí",
    CriteriaCode.yaml_tag: "thẻ YAML không được phép: {tag}",
    CriteriaCode.merge_key: "không dùng khóa gộp '<<' trong tệp tiêu chí",
    CriteriaCode.bad_key: lambda p: (
        f"khóa phải là chữ, không phải {p['key']}" if "key" in p else "khóa phải là một giá trị đơn"
    ),
    CriteriaCode.duplicate_key: "khóa '{key}' bị lặp lại",
    CriteriaCode.unreadable_value: (
        "giá trị '{value}' không đọc được (ngày không có thật hay số quá dài?)"
    ),
    CriteriaCode.not_a_mapping: "tệp tiêu chí phải là một bảng khóa: giá trị",
    CriteriaCode.bad_extends: ("'extends' cần dạng mã@phiên-bản, ví dụ gia-dinh-hoc-tap@448-2015"),
    CriteriaCode.extends_not_allowed: "tệp này không được mở rộng một bộ tiêu chí khác",
    CriteriaCode.unknown_base: "{detail}",
    CriteriaCode.unknown_key: "khóa lạ, không có trong định dạng tệp tiêu chí",
    CriteriaCode.missing_key: "thiếu khóa bắt buộc",
    CriteriaCode.bad_type: lambda p: EXPECTED_TYPES[p["expected"]],
    CriteriaCode.bad_choice: lambda p: (
        f"giá trị {p['value']} không hợp lệ, cần một trong: "
        + p["choices"].replace(" or ", " hoặc ")
    ),
    CriteriaCode.bad_id: "mã {value} không hợp lệ (mẫu {pattern})",
    CriteriaCode.bad_name: (
        "chỉ dùng chữ thường không dấu, số và dấu gạch dưới (ví dụ: so_tre_em)"
    ),
    CriteriaCode.empty_list: "danh sách không được rỗng",
    CriteriaCode.empty_value: "không được để trống",
    CriteriaCode.too_long: "chuỗi quá dài",
    CriteriaCode.too_small: "giá trị quá nhỏ (giới hạn {limit})",
    CriteriaCode.too_big: "giá trị quá lớn (giới hạn {limit})",
    CriteriaCode.invalid: "{detail}",
    CriteriaCode.rule_not_boolean: "quy tắc phải cho kết quả đúng/sai, không phải {kind}",
    CriteriaCode.inconsistent: "{detail}",
    CriteriaCode.rollup_cycle: "{detail}",
}

# Codes of a rule that does not compile: worded by its reason, after the prefix.
RULE_CODES = frozenset(
    {
        CriteriaCode.rule_syntax,
        CriteriaCode.rule_too_long,
        CriteriaCode.rule_too_deep,
        CriteriaCode.rule_type,
        CriteriaCode.rule_forbidden,
        CriteriaCode.unknown_field,
        CriteriaCode.rule_bad_choice,
        CriteriaCode.rule_call,
    }
)

# Params holding a kind of value (``number``, ``choice`` …), worded by ``KINDS``.
_KIND_PARAMS = ("kind", "other_kind", "want")


def _filled(params: Mapping[str, Any]) -> dict[str, Any]:
    filled = dict(params)
    for name, value in params.items():
        if isinstance(value, list | tuple):
            filled[name] = ", ".join(str(part) for part in value)
        elif name in _KIND_PARAMS and value in KINDS:
            filled[name] = KINDS[value]
    if "node" in params:  # a construct of Python's syntax, by its tree node's name
        node = params["node"]
        filled["construct"] = SYNTAX_NAMES.get(node, f"cú pháp {node!r}")
    return filled


def rule_message(params: Mapping[str, Any]) -> str:
    """Why a rule does not compile, by ``params["reason"]`` (a key of ``RULES``)."""
    return RULES[params["reason"]].format(**_filled(params))


def criteria_message(code: StrEnum, params: Mapping[str, Any]) -> str:
    """The sentence for one problem of a criteria file."""
    if code in RULE_CODES:
        return _RULE_PREFIX + rule_message(params)
    template = _CRITERIA[code]
    if callable(template):
        return template(_filled(params))
    return template.format(**_filled(params))


def error_message(code: StrEnum, params: Mapping[str, Any]) -> str:
    """The sentence for an error raised with ``code`` and ``params`` (and no message)."""
    if code in RULE_CODES:
        return rule_message(params)
    if isinstance(code, CriteriaCode):
        return criteria_message(code, params)
    template = _ERRORS.get(code)
    if template is None:
        return str(params.get("detail", code))
    if callable(template):
        return template(_filled(params))
    return template.format(**_filled(params))


# What a settings value should have been, by pydantic's type of error.
SETTINGS_EXPECTED = {
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


def settings_message(
    file: str, line: int | None, key: str | None, cause: str, params: Mapping[str, Any]
) -> str:
    """One line saying why a settings file was refused, at its file and line."""
    if cause == "unreadable":
        return f"không đọc được tệp cài đặt {file}: {params['os_reason']}"
    if cause == "not_utf8":
        return f"tệp cài đặt {file} phải ghi bằng UTF-8"
    where = f"{file}, dòng {line}" if line else file
    if cause == "yaml":
        return f"{where}: {error_message(params['yaml_code'], params['yaml_params'])}"
    if cause == "not_mapping":
        return f"{where}: cần các dòng 'khóa: giá trị', ví dụ 'xa: ...'"
    if cause == "value_error":
        return f"{where}: '{key}': {params['detail']}"
    if cause == "unknown_key":
        return f"{where}: khóa lạ '{key}'; các khóa dùng được: {', '.join(params['known'])}"
    return f"{where}: '{key}' {SETTINGS_EXPECTED.get(cause, 'có giá trị không hợp lệ')}"
